import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { addBuildpack, buildpackIndex, buildpackUrl, setBuildpack } from "../../builders/buildpack-list";
import { withAppLock } from "../../store/app-lock";
import { setPluginProperty } from "../property-set";
import { BUILDPACKS_PLUGIN, storedBuildpacks } from "./properties";

/** Dokku's flags, before or after the app (`buildpacks:remove <app> --index 1`): `--index N`, `--replace`; the other words in order. Pure. */
export function buildpackFlags(
  rawArgs: readonly string[],
  allowed: readonly ("index" | "replace")[],
): { index: number; replace: boolean; rest: string[] } {
  let index = 0;
  let replace = false;
  const rest: string[] = [];
  for (let at = 0; at < rawArgs.length; at++) {
    const word = rawArgs[at] as string;
    if (word === "--") {
      rest.push(...rawArgs.slice(at + 1));
      break;
    }
    if (!word.startsWith("-") || word === "-") {
      rest.push(word);
      continue;
    }
    const [name, inline] = word.replace(/^--?/, "").split(/=(.*)/s, 2) as [string, string?];
    if (name === "index" && allowed.includes("index")) {
      const value = inline ?? rawArgs[++at];
      if (value === undefined) fail("flag needs an argument: --index", "usage");
      index = buildpackIndex(value);
    } else if (name === "replace" && allowed.includes("replace") && inline === undefined) replace = true;
    else fail(`flag provided but not defined: ${word}`, "usage");
  }
  return { index, replace, rest };
}

async function editList(ctx: Context, app: string, edit: (list: string[]) => string[]): Promise<void> {
  await withAppLock(ctx, app, () => {
    const next = edit(storedBuildpacks(ctx, app));
    if (next.length === 0) ctx.store.delete(BUILDPACKS_PLUGIN, app, "buildpacks");
    else ctx.store.setList(BUILDPACKS_PLUGIN, app, "buildpacks", next);
  });
}

/** `buildpacks:add [--index N] <app> <buildpack>`. */
export async function addBuildpackCommand(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const { index, rest } = buildpackFlags(rawArgs, ["index"]);
  const app = verifyApp(ctx, rest[0]);
  const url = buildpackUrl(rest[1] ?? "");
  await editList(ctx, app, (list) => addBuildpack(list, url, index));
}

/** `buildpacks:set [--index N] [--replace] <app> <buildpack>...`, with Dokku's refusals. */
export async function setBuildpackCommand(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const { index, replace, rest } = buildpackFlags(rawArgs, ["index", "replace"]);
  const app = verifyApp(ctx, rest[0]);
  const given = rest.slice(1);
  if (replace) {
    if (index !== 0) fail("The --index flag cannot be used with --replace");
    if (given.length === 0) fail("Must specify at least one buildpack, use buildpacks:clear to remove all buildpacks");
    const urls = given.map(buildpackUrl);
    return editList(ctx, app, () => addBuildpackList(urls));
  }
  if (given.length > 1) fail("Setting multiple buildpacks requires the --replace flag");
  if (given.length === 0) fail("Must specify a buildpack");
  const url = buildpackUrl(given[0] as string);
  await editList(ctx, app, (list) => setBuildpack(list, url, index));
}

/** A whole list, bounded as one added at a time would be. Pure. */
function addBuildpackList(urls: readonly string[]): string[] {
  return urls.reduce<string[]>((list, url) => addBuildpack(list, url, 0), []);
}

/** `buildpacks:remove [--index N] <app> [<buildpack>]`: by URL or 1-based index, in Dokku's words. */
export async function removeBuildpackCommand(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const { index, rest } = buildpackFlags(rawArgs, ["index"]);
  const app = verifyApp(ctx, rest[0]);
  const given = rest[1] ?? "";
  if (index !== 0 && given !== "") fail("Please choose either index or Buildpack, but not both");
  if (index === 0 && given === "") fail("Must specify a buildpack to remove, either by index or URL");
  const url = index === 0 ? buildpackUrl(given) : "";
  await editList(ctx, app, (list) => {
    if (list.length === 0) fail(`No buildpacks were found, next release on ${app} will detect buildpack normally`);
    const removed = index !== 0 ? list[index - 1] : list.find((item) => item === url);
    if (removed === undefined) fail(index !== 0 ? "Index not found" : "Value not found");
    ctx.out.step(`Removing ${removed}`);
    return list.filter((item) => item !== removed);
  });
}

/** `buildpacks:clear <app>`. */
export async function clearBuildpacksCommand(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  await editList(ctx, app, () => []);
}

/** `buildpacks:list <app>`: Dokku's heading (silenced by --quiet), then each URL. */
export function listBuildpacksCommand(ctx: Context, appArg: string | undefined): void {
  const app = verifyApp(ctx, appArg);
  ctx.out.step(`${app} buildpack urls`);
  for (const url of storedBuildpacks(ctx, app)) ctx.out.print(`       ${url}`);
}

/** An image reference as `stack` takes it. */
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/;

/** `buildpacks:set-property <app>|--global stack [<image>]`. */
export function setBuildpacksProperty(ctx: Context, scope: string, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: BUILDPACKS_PLUGIN,
    scope,
    key,
    value,
    properties: ["stack"],
    validate: (_key, raw) =>
      IMAGE.test(raw) ? undefined : `Invalid stack '${raw}': expected an image reference of at most 255 characters`,
  });
}
