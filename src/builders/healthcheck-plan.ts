import { fail } from "../core/errors";
import type { AppJson, HealthCheck } from "./app-json-types";
import { parseChecksFile, type ChecksFile } from "./healthcheck-checks-file";

export type CheckType = "startup" | "liveness" | "readiness";

/**
 * How a check is carried out: an HTTP GET of a path, a command in the container, the container
 * staying up, or (docker-local's port listening check) the process listening on its port.
 */
export type CheckKind = "path" | "command" | "uptime" | "listening";

/** One check with every default filled in; times in seconds. */
export interface PlannedCheck {
  readonly name: string;
  readonly type: CheckType;
  readonly kind: CheckKind;
  /** path checks: the path requested, its scheme, the Host header (CHECKS `//host/path`) and the expected content. */
  readonly path?: string;
  readonly scheme?: "http" | "https";
  readonly host?: string;
  readonly content?: string;
  /** command checks: argv run in the container; exit 0 passes. */
  readonly command?: readonly string[];
  readonly port: number;
  readonly attempts: number;
  readonly timeout: number;
  /** Between two attempts. */
  readonly wait: number;
  /** After the container started, before the first attempt. */
  readonly initialDelay: number;
  /** uptime checks: how long the container must have run without a restart. */
  readonly uptime: number;
  /** A failure is reported but does not fail the deploy. */
  readonly warn: boolean;
}

/** The checks of one process type. */
export interface CheckPlan {
  readonly processType: string;
  /** Where the checks come from: app.json, the legacy CHECKS file (web only), or the default uptime check. */
  readonly source: "app.json" | "CHECKS" | "default";
  /** What gates a deploy and what `checks:run` runs. */
  readonly startup: readonly PlannedCheck[];
  /** liveness and readiness checks: kept and shown, not enforced by the docker-local scheduler. */
  readonly notEnforced: readonly PlannedCheck[];
  /** Names of app.json checks without a `type`: Dokku runs none of them. */
  readonly untyped: readonly string[];
}

/** checks:set `wait`, `timeout`, `attempts` (app, else global), undefined when unset. */
export interface CheckSettings {
  readonly wait?: number;
  readonly timeout?: number;
  readonly attempts?: number;
}

export interface CheckPlanInput {
  readonly processType: string;
  readonly healthchecks: AppJson["healthchecks"];
  readonly checksFile?: ChecksFile;
  readonly settings: CheckSettings;
  /** checks `default-wait`: the uptime of the default check. */
  readonly defaultWait: number;
  /** The port the process listens on in the container (PORT). */
  readonly port: number;
}

/** docker-container-healthchecker's defaults for app.json checks. */
const APP_JSON_DEFAULTS = { attempts: 3, timeout: 5, wait: 5 };
/** Dokku's defaults for CHECKS files (checks-set `attempts`, `timeout`, `wait`). */
const CHECKS_FILE_DEFAULTS = { attempts: 5, timeout: 30, wait: 5 };

/**
 * The checks of a process type: for web, the CHECKS file's path checks replace app.json's
 * (as Dokku's converter does); else app.json's `healthchecks.<type>`; without any startup
 * check, the default uptime check (`default-wait` seconds). Values of 0 or less take the
 * defaults, as in Dokku; then checks-set `wait|timeout|attempts`. Refuses contradictory checks,
 * naming their path. Pure.
 */
export function planChecks(input: CheckPlanInput): CheckPlan {
  const useChecksFile = input.processType === "web" && input.checksFile !== undefined;
  const planned = useChecksFile ? fromChecksFile(input) : fromAppJson(input);
  const typed = planned.filter((entry) => entry.check !== undefined).map((entry) => entry.check as PlannedCheck);
  const startup = typed.filter((check) => check.type === "startup");
  const untyped = planned.filter((entry) => entry.check === undefined).map((entry) => entry.name);
  if (startup.length > 0) {
    return {
      processType: input.processType,
      source: useChecksFile ? "CHECKS" : "app.json",
      startup,
      notEnforced: typed.filter((c) => c.type !== "startup"),
      untyped,
    };
  }
  return {
    processType: input.processType,
    source: "default",
    startup: [defaultCheck(input)],
    notEnforced: typed.filter((check) => check.type !== "startup"),
    untyped,
  };
}

/**
 * Refuses, at release time, a CHECKS file or app.json healthchecks that could never run:
 * throws the first problem, naming its line or path. Pure.
 */
export function validateChecks(appJson: AppJson, checksFileText: string | undefined): void {
  const checksFile = checksFileText === undefined ? undefined : parseChecksFile(checksFileText);
  for (const processType of Object.keys(appJson.healthchecks ?? {})) {
    planChecks({
      processType,
      healthchecks: appJson.healthchecks,
      ...(checksFile ? { checksFile } : {}),
      settings: {},
      defaultWait: 0,
      port: 5000,
    });
  }
}

/** The default uptime check: the container is still running, without restarts, `default-wait` seconds after it started. */
export function defaultCheck(input: Pick<CheckPlanInput, "defaultWait" | "port">): PlannedCheck {
  return {
    name: "default",
    type: "startup",
    kind: "uptime",
    port: input.port,
    attempts: 1,
    timeout: 0,
    wait: 0,
    initialDelay: 0,
    uptime: input.defaultWait,
    warn: false,
  };
}

/**
 * docker-local's port listening check of a web process, as Dokku adds it to every web deploy:
 * the process listens on every interface (0.0.0.0 or ::) at the port the proxy sends traffic
 * to. A failure is a warning that explains the failure of the checks that matter. Pure.
 */
export function listeningCheck(port: number): PlannedCheck {
  return {
    name: "port listening check",
    type: "startup",
    kind: "listening",
    port,
    ...APP_JSON_DEFAULTS,
    initialDelay: 0,
    uptime: 0,
    warn: true,
  };
}

type Entry = { readonly name: string; readonly check?: PlannedCheck };

function fromChecksFile(input: CheckPlanInput): Entry[] {
  const file = input.checksFile as ChecksFile;
  const pick = (own: number | undefined, key: keyof typeof CHECKS_FILE_DEFAULTS) =>
    positive(own) ?? positive(input.settings[key]) ?? CHECKS_FILE_DEFAULTS[key];
  return file.checks.map((line, index) => {
    const name = `check-${index + 1}`;
    const check: PlannedCheck = {
      name,
      type: "startup",
      kind: "path",
      path: line.path,
      scheme: line.scheme,
      ...(line.host !== undefined ? { host: line.host } : {}),
      ...(line.content !== undefined ? { content: line.content } : {}),
      port: input.port,
      attempts: pick(file.attempts, "attempts"),
      timeout: pick(file.timeout, "timeout"),
      wait: pick(file.wait, "wait"),
      initialDelay: 0,
      uptime: 0,
      warn: false,
    };
    return { name, check };
  });
}

function fromAppJson(input: CheckPlanInput): Entry[] {
  const checks = input.healthchecks?.[input.processType] ?? [];
  return checks.map((check, index) => {
    const where = `app.json: healthchecks.${input.processType}[${index}]`;
    const kind = kindOf(check, where);
    const name = check.name !== undefined && check.name !== "" ? check.name : autoName(kind, check);
    if (check.type === undefined) return { name };
    const pick = (key: keyof typeof APP_JSON_DEFAULTS) =>
      positive(check[key]) ?? positive(input.settings[key]) ?? APP_JSON_DEFAULTS[key];
    const planned: PlannedCheck = {
      name,
      type: check.type,
      kind,
      ...(kind === "path" ? { path: check.path, scheme: schemeOf(check, where) } : {}),
      ...(kind === "path" && check.content !== undefined && check.content !== "" ? { content: check.content } : {}),
      ...(kind === "command" ? { command: [...(check.command ?? [])] } : {}),
      port: positive(check.port) ?? input.port,
      attempts: pick("attempts"),
      timeout: pick("timeout"),
      wait: pick("wait"),
      initialDelay: positive(check.initialDelay) ?? 0,
      uptime: kind === "uptime" ? (positive(check.uptime) ?? 0) : 0,
      warn: check.warn === true,
    };
    return { name, check: planned };
  });
}

function kindOf(check: HealthCheck, where: string): CheckKind {
  const hasCommand = (check.command?.length ?? 0) > 0;
  const hasPath = check.path !== undefined && check.path !== "";
  const hasUptime = (check.uptime ?? 0) > 0;
  if (hasCommand && hasPath)
    fail(
      `${where} cannot contain both a container 'command' to execute and an http 'path' to check`,
      "invalid-app-json",
    );
  if (hasCommand && hasUptime)
    fail(
      `${where} cannot contain both a container 'command' to execute and an 'uptime' seconds value`,
      "invalid-app-json",
    );
  if (hasPath && hasUptime)
    fail(`${where} cannot contain both an http 'path' to check and an 'uptime' seconds value`, "invalid-app-json");
  if (hasPath && !(check.path as string).startsWith("/")) fail(`${where}.path must start with /`, "invalid-app-json");
  return hasCommand ? "command" : hasPath ? "path" : "uptime";
}

function schemeOf(check: HealthCheck, where: string): "http" | "https" {
  const scheme = (check.scheme ?? "").toLowerCase();
  if (scheme === "" || scheme === "http") return "http";
  if (scheme === "https") return "https";
  return fail(`${where}.scheme must be http or https`, "invalid-app-json");
}

function autoName(kind: CheckKind, check: HealthCheck): string {
  if (kind === "path") return `path ${check.path}`;
  if (kind === "command") return `command ${(check.command ?? []).join(" ")}`;
  return `uptime ${check.uptime ?? 0}`;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
