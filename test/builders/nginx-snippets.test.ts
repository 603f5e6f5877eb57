import { describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { NginxSnippet } from "../../sdk/triggers/plugin";
import {
  HTPASSWD,
  RESPOND_PAGE,
  resolveSnippets,
  snippetDirectives,
  type Snippet,
} from "../../src/builders/nginx-snippets";

const DIR = "/home/dokku/app/nginx-snippets";
const PAGE: Snippet = { type: "respond", status: 503, body: "<h1>Back soon</h1>", contentType: "text/html" };
const AUTH: Snippet = {
  type: "basic-auth",
  realm: "Restricted",
  users: [{ user: "ada", hash: "{SSHA}c2FsdGVkaGFzaA==" }],
};

describe("resolveSnippets", () => {
  test("gives no directives and no files when no plugin contributes", () => {
    const resolved = resolveSnippets([], DIR);
    expect(resolved.files.size).toBe(0);
    expect(snippetDirectives(resolved)).toEqual([]);
    expect(snippetDirectives(undefined)).toEqual([]);
  });

  test("serves the page through error_page and a named location, with the status", () => {
    const resolved = resolveSnippets([PAGE], DIR);
    expect(resolved.files).toEqual(new Map([[RESPOND_PAGE, "<h1>Back soon</h1>"]]));
    expect(snippetDirectives(resolved)).toEqual([
      "",
      "  # from plugins (nginx-snippet)",
      "  error_page 503 @dokku_respond;",
      "  location @dokku_respond {",
      `    root ${DIR};`,
      "    types { }",
      '    default_type "text/html";',
      `    try_files /${RESPOND_PAGE} =503;`,
      "  }",
      "  return 503;",
    ]);
  });

  test("keeps the first page and warns about a second one", () => {
    const resolved = resolveSnippets([PAGE, { ...PAGE, status: 410, body: "gone" }], DIR);
    expect(resolved.respond?.status).toBe(503);
    expect(resolved.files.get(RESPOND_PAGE)).toBe("<h1>Back soon</h1>");
    expect(resolved.warnings).toEqual([
      "Ignoring a second page for every request (410): an earlier plugin already answers with 503",
    ]);
  });

  test("writes every handler's users into one htpasswd under the first realm", () => {
    const second: Snippet = {
      type: "basic-auth",
      realm: "Other",
      users: [
        { user: "bob", hash: "{SHA}abc=" },
        { user: "ada", hash: "{SHA}zzz=" },
      ],
    };
    const resolved = resolveSnippets([AUTH, second], DIR);
    expect(resolved.files.get(HTPASSWD)).toBe("ada:{SSHA}c2FsdGVkaGFzaA==\nbob:{SHA}abc=\n");
    expect(resolved.warnings).toEqual(["Ignoring a second basic-auth entry for user ada"]);
    expect(snippetDirectives(resolved).slice(2)).toEqual([
      '  auth_basic "Restricted";',
      `  auth_basic_user_file ${DIR}/${HTPASSWD};`,
    ]);
  });

  test("serves the page to everyone when basic auth is also on", () => {
    const lines = snippetDirectives(resolveSnippets([AUTH, PAGE], DIR));
    expect(
      lines.slice(lines.indexOf("  location @dokku_respond {"), lines.indexOf("  location @dokku_respond {") + 3),
    ).toEqual(["  location @dokku_respond {", "    auth_basic off;", `    root ${DIR};`]);
    expect(lines.at(-1)).toBe("  return 503;");
  });

  test("adds response headers once per name, whatever their case", () => {
    const resolved = resolveSnippets(
      [
        { type: "header", name: "X-Frame-Options", value: "DENY" },
        { type: "header", name: "x-frame-options", value: "SAMEORIGIN" },
      ],
      DIR,
    );
    expect(snippetDirectives(resolved).slice(2)).toEqual(['  add_header X-Frame-Options "DENY" always;']);
    expect(resolved.warnings).toEqual(["Ignoring a second x-frame-options header"]);
  });
});

describe("NginxSnippet schema", () => {
  test("refuses what could escape the quoted nginx strings or read host files", () => {
    const refused: unknown[] = [
      { type: "header", name: "X-A", value: 'a"; include /etc/shadow; "' },
      { type: "header", name: "X-A", value: "$request_uri" },
      { type: "header", name: "X A", value: "v" },
      { type: "basic-auth", realm: 'r"', users: [{ user: "ada", hash: "{SHA}abc=" }] },
      { type: "basic-auth", realm: "r", users: [{ user: "ada", hash: "plaintext" }] },
      { type: "basic-auth", realm: "r", users: [{ user: "a:b", hash: "{SHA}abc=" }] },
      { type: "basic-auth", realm: "r", users: [] },
      { type: "respond", status: 200, body: "x", contentType: "text/html" },
      { type: "respond", status: 503, body: "x", contentType: "text/html; include x" },
      { type: "raw", text: "proxy_pass http://elsewhere;" },
    ];
    for (const snippet of refused) expect(Value.Check(NginxSnippet, snippet)).toBe(false);
    expect(Value.Check(NginxSnippet, PAGE)).toBe(true);
    expect(Value.Check(NginxSnippet, AUTH)).toBe(true);
  });
});
