import { fail } from "../core/errors";
import type { AppJson, ConcurrencyPolicy, CronEntry } from "./app-json-types";
import { cronCommandProblem } from "./cron-command";
import { cronScheduleProblem } from "./cron-schedule";

type Json = unknown;
type Obj = Record<string, Json>;

const HEALTHCHECK_TYPES = ["startup", "liveness", "readiness"];
const HEALTHCHECK_STRINGS = ["name", "path", "content", "scheme"];
const HEALTHCHECK_COUNTS = ["attempts", "timeout", "wait", "initialDelay", "port", "uptime"];
const CONCURRENCY_POLICIES: readonly ConcurrencyPolicy[] = ["allow", "forbid", "replace"];

/**
 * Parses and validates app.json (JSON with comments and trailing commas, as Dokku's hujson
 * reads it). Only the keys dokku acts on are checked and kept; errors carry the path of the bad
 * value: `app.json: scripts.dokku.predeploy must be a string`. Blank text is `{}`. Pure.
 */
export function parseAppJson(text: string): AppJson {
  if (text.trim() === "") return {};
  let data: Json;
  try {
    data = JSON.parse(stripJsonc(text));
  } catch (error) {
    return fail(`app.json: cannot parse: ${(error as Error).message}`, "invalid-app-json");
  }
  const root = object(data, "");
  const result: { -readonly [K in keyof AppJson]: AppJson[K] } = {};
  if (root.scripts !== undefined) result.scripts = scripts(root.scripts);
  if (root.formation !== undefined) result.formation = formation(root.formation);
  if (root.healthchecks !== undefined) result.healthchecks = healthchecks(root.healthchecks);
  if (root.cron !== undefined) result.cron = cron(root.cron);
  return result;
}

function scripts(value: Json): NonNullable<AppJson["scripts"]> {
  const scriptsObj = object(value, "scripts");
  if (scriptsObj.dokku === undefined) return {};
  const dokku = object(scriptsObj.dokku, "scripts.dokku");
  const out: { predeploy?: string; postdeploy?: string } = {};
  for (const phase of ["predeploy", "postdeploy"] as const) {
    if (dokku[phase] !== undefined) out[phase] = string(dokku[phase], `scripts.dokku.${phase}`);
  }
  return { dokku: out };
}

function formation(value: Json): NonNullable<AppJson["formation"]> {
  const out: Record<string, { quantity?: number; max_parallel?: number }> = {};
  for (const [processType, entry] of Object.entries(object(value, "formation"))) {
    const path = `formation.${processType}`;
    const fields = object(entry, path);
    const scale: { quantity?: number; max_parallel?: number } = {};
    if (fields.quantity !== undefined) scale.quantity = count(fields.quantity, `${path}.quantity`);
    if (fields.max_parallel !== undefined) scale.max_parallel = count(fields.max_parallel, `${path}.max_parallel`);
    out[processType] = scale;
  }
  return out;
}

function healthchecks(value: Json): NonNullable<AppJson["healthchecks"]> {
  const out: Record<string, NonNullable<AppJson["healthchecks"]>[string]> = {};
  for (const [processType, checks] of Object.entries(object(value, "healthchecks"))) {
    const path = `healthchecks.${processType}`;
    out[processType] = array(checks, path).map((check, index) => healthcheck(check, `${path}[${index}]`));
  }
  return out;
}

function healthcheck(value: Json, path: string): NonNullable<AppJson["healthchecks"]>[string][number] {
  const check = object(value, path);
  if (check.type !== undefined && !HEALTHCHECK_TYPES.includes(string(check.type, `${path}.type`))) {
    fail(`app.json: ${path}.type must be one of ${HEALTHCHECK_TYPES.join(", ")}`, "invalid-app-json");
  }
  for (const key of HEALTHCHECK_STRINGS) if (check[key] !== undefined) string(check[key], `${path}.${key}`);
  for (const key of HEALTHCHECK_COUNTS) if (check[key] !== undefined) count(check[key], `${path}.${key}`);
  if (check.command !== undefined)
    array(check.command, `${path}.command`).forEach((word, i) => {
      string(word, `${path}.command[${i}]`);
    });
  if (check.warn !== undefined && typeof check.warn !== "boolean")
    fail(`app.json: ${path}.warn must be a boolean`, "invalid-app-json");
  if (check.onFailure !== undefined) {
    const onFailure = object(check.onFailure, `${path}.onFailure`);
    if (onFailure.url !== undefined) string(onFailure.url, `${path}.onFailure.url`);
  }
  return check as NonNullable<AppJson["healthchecks"]>[string][number];
}

/** Each entry checked as Dokku checks it at deploy (schedule, command, policy), its index in every message. */
function cron(value: Json): NonNullable<AppJson["cron"]> {
  return array(value, "cron").map((entry, index) => {
    const path = `cron[${index}]`;
    const task = object(entry, path);
    const command = string(task.command, `${path}.command`);
    const schedule = string(task.schedule, `${path}.schedule`);
    const scheduleProblem = cronScheduleProblem(schedule);
    if (scheduleProblem)
      fail(`app.json: ${path}.schedule '${schedule}' is invalid: ${scheduleProblem}`, "invalid-app-json");
    const commandProblem = cronCommandProblem(command);
    if (commandProblem) fail(`app.json: ${path}.command ${commandProblem}`, "invalid-app-json");
    const out: { -readonly [K in keyof CronEntry]: CronEntry[K] } = { command, schedule };
    if (task.concurrency_policy !== undefined && task.concurrency_policy !== "") {
      const policy = string(task.concurrency_policy, `${path}.concurrency_policy`);
      if (!(CONCURRENCY_POLICIES as readonly string[]).includes(policy)) {
        fail(
          `app.json: ${path}.concurrency_policy must be one of ${CONCURRENCY_POLICIES.join(", ")}`,
          "invalid-app-json",
        );
      }
      out.concurrency_policy = policy as ConcurrencyPolicy;
    }
    if (task.maintenance !== undefined) {
      if (typeof task.maintenance !== "boolean")
        fail(`app.json: ${path}.maintenance must be a boolean`, "invalid-app-json");
      out.maintenance = task.maintenance;
    }
    return out;
  });
}

function object(value: Json, path: string): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(
      path === "" ? "app.json: must be a JSON object" : `app.json: ${path} must be an object`,
      "invalid-app-json",
    );
  }
  return value as Obj;
}

function array(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) return fail(`app.json: ${path} must be an array`, "invalid-app-json");
  return value;
}

function string(value: Json, path: string): string {
  if (typeof value !== "string") return fail(`app.json: ${path} must be a string`, "invalid-app-json");
  return value;
}

function count(value: Json, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    return fail(`app.json: ${path} must be a non-negative integer`, "invalid-app-json");
  }
  return value;
}

/** JSONC -> JSON: drops `//` and `/* *\/` comments and trailing commas outside strings. */
export function stripJsonc(text: string): string {
  let out = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"') {
      const end = stringEnd(text, index);
      out += text.slice(index, end);
      index = end;
    } else if (char === "/" && text[index + 1] === "/") {
      while (index < text.length && text[index] !== "\n") index++;
    } else if (char === "/" && text[index + 1] === "*") {
      const close = text.indexOf("*/", index + 2);
      index = close === -1 ? text.length : close + 2;
    } else if (char === "," && /^\s*[}\]]/.test(stripLeadingComments(text.slice(index + 1)))) {
      index++;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
  return index + 1;
}

function stripLeadingComments(rest: string): string {
  let text = rest;
  for (;;) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith("//"))
      text = trimmed.slice(trimmed.indexOf("\n") === -1 ? trimmed.length : trimmed.indexOf("\n"));
    else if (trimmed.startsWith("/*"))
      text = trimmed.slice(trimmed.indexOf("*/") === -1 ? trimmed.length : trimmed.indexOf("*/") + 2);
    else return trimmed;
  }
}
