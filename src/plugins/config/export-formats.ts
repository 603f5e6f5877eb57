import { fail } from "../../core/errors";
import { marshalDotenv } from "./dotenv";
import { singleQuote } from "./env-file";
import { columnize, goJsonString } from "./go-format";
import { sortedKeys, type Env } from "./keys";

export const EXPORT_FORMATS = [
  "docker-args",
  "docker-args-keys",
  "envfile",
  "exports",
  "json",
  "json-list",
  "pack-keys",
  "pretty",
  "shell",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function assertExportFormat(format: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) fail(`Unknown export format: ${format}`, "usage");
  return format as ExportFormat;
}

/** `KEY:  value` aligned, sorted by key; `prefix` starts each entry (Dokku's prettyPrintEnvEntries). Pure. */
export function prettyEnv(env: Env, prefix = ""): string {
  return columnize(
    sortedKeys(env).map((key) => [`${key}:`, env.get(key) as string]),
    prefix,
  );
}

/** The body of `config:export --format <format>`, without the trailing separator. Pure. */
export function exportEnv(env: Env, format: ExportFormat): string {
  const keys = sortedKeys(env);
  const assignments = (prefix: string) => keys.map((key) => `${prefix}${key}=${singleQuote(env.get(key) as string)}`);
  switch (format) {
    case "exports":
      return assignments("export ").join("\n");
    case "envfile":
      return marshalDotenv(env);
    case "docker-args":
      return assignments("--env=").join(" ");
    case "docker-args-keys":
      return keys.map((key) => `--env=${key}`).join(" ");
    case "pack-keys":
      return keys.map((key) => `--env ${key}`).join(" ");
    case "shell":
      return assignments("").join(" ");
    case "pretty":
      return prettyEnv(env);
    case "json":
      return `{${keys.map((key) => `${goJsonString(key)}:${goJsonString(env.get(key) as string)}`).join(",")}}`;
    case "json-list":
      if (keys.length === 0) return "null";
      return `[${keys.map((key) => `{"name":${goJsonString(key)},"value":${goJsonString(env.get(key) as string)}}`).join(",")}]`;
  }
}

/** What `config:export` prints: the body and a newline (a space for `shell`, as Dokku). Pure. */
export function renderExport(env: Env, format: ExportFormat): string {
  return exportEnv(env, format) + (format === "shell" ? " " : "\n");
}
