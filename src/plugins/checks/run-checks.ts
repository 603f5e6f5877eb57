import type { Context } from "../../core/context";
import { parseChecksFile } from "../../builders/healthcheck-checks-file";
import { listeningCheck, planChecks, type CheckPlan, type PlannedCheck } from "../../builders/healthcheck-plan";
import { runCheck, type CheckResult } from "../../executors/docker/healthcheck";
import type { Release } from "../deploy/contracts";
import { checkSettings, defaultWait } from "./properties";

/** A running container to check. */
export interface CheckTarget {
  readonly id: string;
  readonly processType: string;
  /** `web.1` */
  readonly dyno: string;
  /** The port the process listens on in the container. */
  readonly port: number;
}

/** A container that failed its checks: the first failed check's name and reason. */
export interface CheckFailure {
  readonly target: CheckTarget;
  readonly count: number;
  readonly reason: string;
}

/** Dokku's port of the web process when none is set. */
const DEFAULT_PORT = 5000;

/** The check plan of a process type of a release (app.json, the CHECKS file, checks-set settings, default-wait). */
export function checkPlanFor(
  ctx: Pick<Context, "store">,
  app: string,
  release: Release,
  processType: string,
  port?: number,
): CheckPlan {
  return planChecks({
    processType,
    healthchecks: release.appJson.healthchecks,
    ...(release.checksFile !== undefined ? { checksFile: parseChecksFile(release.checksFile) } : {}),
    settings: checkSettings(ctx, app),
    defaultWait: defaultWait(ctx, app),
    port: port ?? DEFAULT_PORT,
  });
}

/**
 * Runs the startup checks of every target at once and reports them in order, as Dokku's
 * check-deploy: `Waiting for N seconds ...` for the default uptime check, each app.json or
 * CHECKS check by name, then `All checks successful (web.1)` or `Could not start due to N
 * failed checks (web.1)`. Returns the targets that failed (checks with `warn` never fail).
 */
export async function runChecks(
  ctx: Context,
  app: string,
  release: Release,
  targets: readonly CheckTarget[],
): Promise<CheckFailure[]> {
  if (targets.length === 0) return [];
  const plans = targets.map((target) => checkPlanFor(ctx, app, release, target.processType, target.port));
  announce(ctx, plans);
  // the checks each target runs, and whether each is shown by name (all but the default uptime check)
  const checks = targets.map((target, at) => dockerLocalChecks(plans[at] as CheckPlan, target));
  targets.forEach((target, at) => {
    for (const { check, shown } of checks[at] ?? [])
      if (shown) ctx.out.detail(`${describeCheck(check)} (${target.dyno})`);
  });
  const docker = await ctx.docker();
  const results: CheckResult[][] = await Promise.all(
    targets.map((target, at) => Promise.all((checks[at] ?? []).map(({ check }) => runCheck(docker, target.id, check)))),
  );
  const failures: CheckFailure[] = [];
  targets.forEach((target, at) => {
    const outcomes = results[at] as CheckResult[];
    const failed: Array<{ check: PlannedCheck; reason: string }> = [];
    (checks[at] ?? []).forEach(({ check, shown: custom }, index) => {
      const result = outcomes[index] as CheckResult;
      if (result.ok) {
        if (custom) ctx.out.detail(`Healthcheck succeeded name='${check.name}' (${target.dyno})`);
        return;
      }
      if (custom) ctx.out.warn(`Failure in name='${check.name}': ${result.reason} (${target.dyno})`);
      if (!check.warn)
        failed.push({
          check,
          reason: custom ? `healthcheck name='${check.name}' failed: ${result.reason}` : result.reason,
        });
    });
    if (failed.length === 0) {
      ctx.out.detail(`All checks successful (${target.dyno})`);
      return;
    }
    ctx.out.warn(`Could not start due to ${failed.length} failed checks (${target.dyno})`);
    failures.push({ target, count: failed.length, reason: (failed[0] as { reason: string }).reason });
  });
  return failures;
}

/**
 * The checks docker-local runs on a container: its process type's plan and, for web, the port
 * listening check (a warning when it fails), as Dokku's check-deploy adds it.
 */
function dockerLocalChecks(plan: CheckPlan, target: CheckTarget): { check: PlannedCheck; shown: boolean }[] {
  const checks = plan.startup.map((check) => ({ check, shown: plan.source !== "default" }));
  if (target.processType === "web") checks.push({ check: listeningCheck(target.port), shown: true });
  return checks;
}

/** What will run: warnings about the plan (deprecated CHECKS, untyped or unenforced checks), then each check. */
function announce(ctx: Context, plans: readonly CheckPlan[]): void {
  const seen = new Set<string>();
  for (const plan of plans) {
    if (seen.has(plan.processType)) continue;
    seen.add(plan.processType);
    if (plan.source === "CHECKS") {
      ctx.out.warn("Deprecated: Usage of the CHECKS file is deprecated in favor of healthchecks in app.json");
      ctx.out.warn("Please move your healthchecks to app.json.");
    }
    for (const name of plan.untyped) ctx.out.warn(`Missing type field on healthcheck name='${name}'`);
    for (const check of plan.notEnforced) {
      ctx.out.detail(
        `Healthcheck name='${check.name}' type='${check.type}' is not enforced by the docker-local scheduler`,
      );
    }
  }
  const defaults = plans.filter((plan) => plan.source === "default");
  if (defaults.length > 0)
    ctx.out.detail(`Waiting for ${Math.max(...defaults.map((plan) => plan.startup[0]?.uptime ?? 0))} seconds ...`);
}

/** Dokku's healthchecker line for a check about to run. Pure. */
export function describeCheck(check: PlannedCheck): string {
  if (check.kind === "path") {
    return `Running healthcheck name='${check.name}' delay=${check.initialDelay} path='${check.path}' retries=${check.attempts - 1} timeout=${check.timeout} type='path'`;
  }
  if (check.kind === "listening") {
    return `Running healthcheck name='${check.name}' attempts=${check.attempts} port=${check.port} retries=${check.attempts - 1} timeout=${check.timeout} type='listening' wait=${check.wait}`;
  }
  if (check.kind === "command") {
    return `Running healthcheck name='${check.name}' attempts=${check.attempts} command='${(check.command ?? []).join(" ")}' timeout=${check.timeout} type='command' wait=${check.wait}`;
  }
  return `Running healthcheck name='${check.name}' type='uptime' uptime=${check.uptime}`;
}
