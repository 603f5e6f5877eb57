import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { writePluginProperty } from "../property-set";
import { propertiesOnly } from "./namespaces";
import { findProperty, keyProblem, type OnlyProperty, onlyPropertiesReport, valueProblem } from "./spec";
import { listNetworks } from "../../executors/docker/networks";

/** `<ns>:report` of an app or of GLOBAL; `reveal` shows credentials as stored (--format json or a flag). */
export function propertiesOnlyReport(
  ctx: Pick<Context, "store">,
  name: string,
  target: string,
  reveal: boolean,
): Report {
  const namespace = propertiesOnly(name);
  const global = ctx.store.getAll(namespace.name, GLOBAL);
  const own = target === GLOBAL ? {} : ctx.store.getAll(namespace.name, target);
  return onlyPropertiesReport(namespace, target, own, global, reveal);
}

/**
 * `<ns>:set <app>|--global <key> [<value>]`: the key and the value are checked in Dokku's words
 * before anything is written; a non-empty value of a property this host does not act on is kept
 * and warned about once.
 */
export async function setPropertiesOnly(
  ctx: Context,
  name: string,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  const namespace = propertiesOnly(name);
  const scope = target === GLOBAL ? GLOBAL : (target ?? "");
  // Dokku's Go plugins check the app first, its shell proxies the key first
  const early = namespace.wording === "property" && scope !== GLOBAL ? verifyApp(ctx, scope) : undefined;
  const problem = keyProblem(namespace, scope, key);
  if (problem) fail(problem, "invalid-property");
  const property = findProperty(namespace, key);
  if (!property) fail(`Invalid property ${key}`, "invalid-property");
  const app = scope === GLOBAL ? GLOBAL : (early ?? verifyApp(ctx, scope));
  const given = value === "" ? "" : (property.normalize?.(value) ?? value);
  const refused =
    given === "" ? undefined : (valueProblem(property, given) ?? (await missingProblem(ctx, property, given)));
  if (refused) fail(refused, "invalid-property");
  await writePluginProperty(ctx, namespace.name, app, key, () => given);
  if (given !== "" && !property.honoured)
    ctx.out.warn(`${namespace.name} ${key} is kept but has no effect here: ${namespace.noEffect}`);
}

/** The first name in the value the docker engine lacks, in Dokku's words; undefined when all exist. */
async function missingProblem(ctx: Context, property: OnlyProperty, value: string): Promise<string | undefined> {
  if (property.existing !== "networks") return undefined;
  const known = new Set((await listNetworks(await ctx.docker())).map((network) => network.Name));
  const missing = value
    .split(",")
    .map((name) => name.trim())
    .find((name) => !known.has(name));
  return missing === undefined ? undefined : `Network "${missing}" does not exist`;
}
