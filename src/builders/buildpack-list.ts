import { fail } from "../core/errors";

/** The longest buildpack URL kept. */
export const MAX_BUILDPACK_URL = 2048;
/** The most buildpacks an app may list. */
export const MAX_BUILDPACKS = 100;

const SHORTHAND = /^([\w-]+)\/([\w-]+)$/;
const URL = /^(http|https|git)(:\/\/|@)([^/:]+)[/:]([^/:]+)\/(.+)$/;

/**
 * A buildpack as Dokku stores it: `heroku/nodejs` (or `heroku-community/x`) becomes
 * `https://github.com/heroku/heroku-buildpack-nodejs.git`, any `org/name` its GitHub URL the
 * same way, and an http(s) or git URL is kept; anything else is refused in Dokku's words. Bounded,
 * and one line with no whitespace or control character (the list is stored a line each). Pure.
 */
export function buildpackUrl(input: string): string {
  if (input === "") fail("Must specify a buildpack url or reference", "invalid-buildpack");
  if (input.length > MAX_BUILDPACK_URL)
    fail(
      `Invalid buildpack specified: it is ${input.length} characters; the limit is ${MAX_BUILDPACK_URL}`,
      "invalid-buildpack",
    );
  const shorthand = SHORTHAND.exec(input);
  if (shorthand) {
    const org = shorthand[1] === "heroku-community" ? "heroku" : shorthand[1];
    return `https://github.com/${org}/heroku-buildpack-${shorthand[2]}.git`;
  }
  if (URL.test(input) && !/[\s\x00-\x1f\x7f-\x9f]/.test(input)) return input;
  return fail(`Invalid buildpack specified: ${input}`, "invalid-buildpack");
}

/** `buildpacks:add [--index N]`: at the 1-based index, or last when 0 or past the end, as Dokku's PropertyListAdd. Pure. */
export function addBuildpack(list: readonly string[], url: string, index: number): string[] {
  const next = [...list];
  if (index === 0 || index > list.length) next.push(url);
  else next.splice(index - 1, 0, url);
  return bounded(next);
}

/** `buildpacks:set [--index N]`: replaces the one at the 1-based index (the first by default), or adds one past the end, as Dokku's PropertyListSet. Pure. */
export function setBuildpack(list: readonly string[], url: string, index: number): string[] {
  const at = index > 0 ? index - 1 : 0;
  if (at >= list.length) return bounded([...list, url]);
  return list.map((item, position) => (position === at ? url : item));
}

function bounded(list: string[]): string[] {
  if (list.length > MAX_BUILDPACKS) fail(`An app may list at most ${MAX_BUILDPACKS} buildpacks`, "invalid-buildpack");
  return list;
}

/** `--index N` as Dokku's flag reads it: a whole number from 0 (none given) up to 10000. Pure. */
export function buildpackIndex(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 10_000)
    fail(`invalid value "${text}" for flag --index: expected a whole number from 0 to 10000`, "usage");
  return Number(text);
}
