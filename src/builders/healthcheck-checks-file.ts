import { fail } from "../core/errors";

/** One path check of a legacy CHECKS file: `[http[s]:][//host]/path [expected content]`. */
export interface ChecksFileCheck {
  readonly path: string;
  readonly content?: string;
  /** From `//host/path`: sent as the Host header. */
  readonly host?: string;
  readonly scheme: "http" | "https";
}

/** A legacy CHECKS file: its `WAIT=`, `TIMEOUT=`, `ATTEMPTS=` settings and its path checks. */
export interface ChecksFile {
  readonly wait?: number;
  readonly timeout?: number;
  readonly attempts?: number;
  readonly checks: readonly ChecksFileCheck[];
}

const SETTINGS = { WAIT: "wait", TIMEOUT: "timeout", ATTEMPTS: "attempts" } as const;
const HOST_PREFIX = /^\/\/([^/?]+)/;

/**
 * Parses a CHECKS file as Dokku's converter (docker-container-healthchecker convert) does:
 * `#` starts a comment, blank lines are skipped, `WAIT=`, `TIMEOUT=` and `ATTEMPTS=` take whole
 * numbers, any other line is a path optionally followed by a space and the expected content.
 * Errors name the line: `CHECKS: line 2: WAIT must be a whole number`. Pure.
 */
export function parseChecksFile(text: string): ChecksFile {
  const settings: { wait?: number; timeout?: number; attempts?: number } = {};
  const checks: ChecksFileCheck[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const where = `CHECKS: line ${index + 1}`;
    const line = (raw.split("#", 1)[0] ?? "").trim();
    if (line === "") return;
    const setting = /^([A-Z]+)=(.*)$/.exec(line);
    if (setting && Object.hasOwn(SETTINGS, setting[1] as string)) {
      const name = setting[1] as keyof typeof SETTINGS;
      const value = (setting[2] as string).trim();
      if (!/^\d+$/.test(value)) fail(`${where}: ${name} must be a whole number`, "invalid-checks");
      if (name === "ATTEMPTS" && Number(value) < 1) fail(`${where}: ATTEMPTS must be 1 or more`, "invalid-checks");
      settings[SETTINGS[name]] = Number(value);
      return;
    }
    checks.push(checkLine(line, where));
  });
  return { ...settings, checks };
}

function checkLine(line: string, where: string): ChecksFileCheck {
  const space = line.search(/\s/);
  let path = space < 0 ? line : line.slice(0, space);
  const content = space < 0 ? undefined : line.slice(space + 1).trim();
  let scheme: "http" | "https" = "http";
  if (path.startsWith("https://")) {
    scheme = "https";
    path = path.slice("https:".length);
  } else if (path.startsWith("http://")) {
    path = path.slice("http:".length);
  }
  let host: string | undefined;
  const hostMatch = HOST_PREFIX.exec(path);
  if (hostMatch) {
    host = hostMatch[1];
    path = path.slice(hostMatch[0].length) || "/";
  }
  if (!path.startsWith("/"))
    fail(`${where}: the path must start with / (got ${JSON.stringify(line)})`, "invalid-checks");
  return { path, scheme, ...(content ? { content } : {}), ...(host ? { host } : {}) };
}
