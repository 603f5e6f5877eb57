import type { Static } from "@sinclair/typebox";
import type { NginxSnippet } from "../../sdk/triggers/plugin";

export type Snippet = Static<typeof NginxSnippet>;

/**
 * What the app's proxying server blocks do on top of proxying, once the snippets of every
 * handler are combined, and the files nginx reads for it (written by the caller into `dir`).
 */
export interface ResolvedSnippets {
  /** Answer every request with this status and the page at `dir/file`. */
  readonly respond?: { readonly status: number; readonly contentType: string; readonly file: string };
  /** Basic auth with the user file at `dir/file`: every handler's users, the first handler's realm. */
  readonly basicAuth?: { readonly realm: string; readonly file: string };
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The directory the files live in. */
  readonly dir: string;
  /** File name (in `dir`) to content. */
  readonly files: ReadonlyMap<string, string>;
  /** What was left out, for the user: a second respond, a header set twice. */
  readonly warnings: readonly string[];
}

export const RESPOND_PAGE = "respond.page";
export const HTPASSWD = "htpasswd";

/** Combines the handlers' snippets, in handler order: the first respond wins, basic-auth users add up. Pure. */
export function resolveSnippets(snippets: readonly Snippet[], dir: string): ResolvedSnippets {
  let respond: ResolvedSnippets["respond"];
  let realm: string | undefined;
  const users = new Map<string, string>();
  const headers = new Map<string, { name: string; value: string }>();
  const files = new Map<string, string>();
  const warnings: string[] = [];
  for (const snippet of snippets) {
    if (snippet.type === "respond") {
      if (respond) {
        warnings.push(
          `Ignoring a second page for every request (${snippet.status}): an earlier plugin already answers with ${respond.status}`,
        );
        continue;
      }
      respond = { status: snippet.status, contentType: snippet.contentType, file: RESPOND_PAGE };
      files.set(RESPOND_PAGE, snippet.body);
    } else if (snippet.type === "basic-auth") {
      realm ??= snippet.realm;
      for (const { user, hash } of snippet.users) {
        if (users.has(user)) warnings.push(`Ignoring a second basic-auth entry for user ${user}`);
        else users.set(user, hash);
      }
    } else {
      const key = snippet.name.toLowerCase();
      if (headers.has(key)) warnings.push(`Ignoring a second ${snippet.name} header`);
      else headers.set(key, { name: snippet.name, value: snippet.value });
    }
  }
  if (users.size > 0) files.set(HTPASSWD, [...users].map(([user, hash]) => `${user}:${hash}\n`).join(""));
  return {
    respond,
    basicAuth: realm !== undefined && users.size > 0 ? { realm, file: HTPASSWD } : undefined,
    headers: [...headers.values()],
    dir,
    files,
    warnings,
  };
}

/**
 * Server-level lines (two-space indent) for a proxying server block. A respond is a server-level
 * `return` shown through `error_page` and a named location: named locations skip the server
 * rewrite phase, so the page is served with the status rather than returned again. Values were
 * checked against the trigger's schema (no quotes, `$` or newlines), so quoting is safe. Pure.
 */
export function snippetDirectives(resolved: ResolvedSnippets | undefined): string[] {
  if (!resolved) return [];
  const lines: string[] = [];
  for (const { name, value } of resolved.headers) lines.push(`  add_header ${name} "${value}" always;`);
  if (resolved.basicAuth) {
    lines.push(
      `  auth_basic "${resolved.basicAuth.realm}";`,
      `  auth_basic_user_file ${resolved.dir}/${resolved.basicAuth.file};`,
    );
  }
  if (resolved.respond) {
    const { status, contentType, file } = resolved.respond;
    lines.push(
      `  error_page ${status} @dokku_respond;`,
      "  location @dokku_respond {",
      // the page answers everyone: the server's basic auth would turn it into a 401
      ...(resolved.basicAuth ? ["    auth_basic off;"] : []),
      `    root ${resolved.dir};`,
      "    types { }",
      `    default_type "${contentType}";`,
      `    try_files /${file} =${status};`,
      "  }",
      `  return ${status};`,
    );
  }
  return lines.length === 0 ? [] : ["", "  # from plugins (nginx-snippet)", ...lines];
}
