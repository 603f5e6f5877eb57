import { existsSync, readdirSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { appDir } from "../../core/paths";
import { resolveSnippets, type ResolvedSnippets } from "../../builders/nginx-snippets";
import { atomicWriteFileSync } from "../../store/atomic-write";

/** Where the files behind plugins' snippets live: a page served for every request, an htpasswd. */
export function snippetDir(ctx: Context, app: string): string {
  return `${appDir(ctx.paths, app)}/nginx-snippets`;
}

/**
 * Asks every `nginx-snippet` handler what the app's server blocks should also do, and writes
 * the files that needs (readable by nginx's workers: 0644, like the config itself), removing
 * those no snippet uses any more. A failing handler fails the config build: the old config stays.
 */
export async function appSnippets(ctx: Context, app: string): Promise<ResolvedSnippets | undefined> {
  const snippets = await ctx.bus.fire("nginx-snippet", { app });
  const dir = snippetDir(ctx, app);
  const resolved = resolveSnippets(snippets, dir);
  for (const warning of resolved.warnings) ctx.out.warn(warning);
  for (const [name, content] of resolved.files)
    atomicWriteFileSync(`${dir}/${name}`, content, { mode: 0o644, owner: ctx.owner });
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) if (!resolved.files.has(name)) rmSync(`${dir}/${name}`, { force: true });
  }
  return snippets.length === 0 ? undefined : resolved;
}
