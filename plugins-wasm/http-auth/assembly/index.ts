/**
 * http-auth: `http-auth:enable <app> <user> <password>`, `http-auth:disable <app>`,
 * `http-auth:report <app>`; while enabled, nginx asks for that user and password (an
 * nginx-snippet `basic-auth`). Only a salted `{SSHA}` hash of the password is stored.
 */
import {
  NginxSnippetBasicAuth,
  NginxSnippetBasicAuthUser,
  NginxSnippetItem,
  NginxSnippetPayload,
  Report,
  base64,
  concatBytes,
  fail,
  fromHex,
  nginxSnippetResult,
  ok,
  output,
  printReport,
  random,
  readCommand,
  readReportArgs,
  readTrigger,
  requestProxyRebuild,
  setResult,
  sha1,
  store,
  utf8,
} from "@dokku/as-kit/assembly/index";

const USER = "user";
const HASH = "hash";
const REALM = "Restricted";
const SALT_BYTES = 8;
const MAX_USER_LENGTH = 200;

/** htpasswd `{SSHA}`: base64(sha1(password + salt) + salt). */
function sshaHash(password: string, salt: Uint8Array): string {
  const digest = sha1(concatBytes(utf8(password), salt));
  return "{SSHA}" + base64(concatBytes(digest, salt));
}

/** Why `user` cannot be an htpasswd user name, or null. */
function userProblem(user: string): string | null {
  if (user.length == 0) return "User name must not be empty";
  if (user.length > MAX_USER_LENGTH) return "User name must be at most 200 characters";
  for (let i = 0; i < user.length; i++) {
    const c = user.charCodeAt(i);
    if (c == 0x3a) return "User name must not contain ':'";
    if (c <= 0x20 || c == 0x7f || c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff) {
      return "User name must not contain whitespace or control characters";
    }
  }
  return null;
}

export function cmd_http_auth_enable(): i32 {
  const input = readCommand();
  const app = input.requireApp();
  const user = input.arg(1);
  const password = input.arg(2);
  if (user === null || password === null) return fail("Please specify a user and a password");
  if (input.args.length > 3) return fail("Too many arguments: the password must be one argument");
  const problem = userProblem(user);
  if (problem !== null) return fail(problem);
  if (password.length == 0) return fail("Password must not be empty");
  const salt = fromHex(random.hex(SALT_BYTES));
  if (salt === null || salt.length != SALT_BYTES) return fail("dokku_random returned a bad salt");
  output.step("Enabling HTTP auth for " + app);
  store.set(USER, user);
  store.set(HASH, sshaHash(password, salt));
  requestProxyRebuild();
  return ok();
}

export function cmd_http_auth_disable(): i32 {
  const input = readCommand();
  const app = input.requireApp();
  output.step("Disabling HTTP auth for " + app);
  store.unset(HASH);
  store.unset(USER);
  requestProxyRebuild();
  return ok();
}

export function cmd_http_auth_report(): i32 {
  const input = readCommand();
  const user = store.get(USER);
  const report = new Report("http-auth", input.requireApp())
    .add("--http-auth-enabled", user !== null && store.get(HASH) !== null ? "true" : "false")
    .add("--http-auth-user", user === null ? "" : user!);
  return printReport(report, readReportArgs(input));
}

export function on_nginx_snippet(): i32 {
  NginxSnippetPayload.read(readTrigger().payload);
  const snippets = new Array<NginxSnippetItem>();
  const user = store.get(USER);
  const hash = store.get(HASH);
  if (user !== null && hash !== null) {
    snippets.push(new NginxSnippetBasicAuth(REALM, [new NginxSnippetBasicAuthUser(user, hash)]));
  }
  setResult(nginxSnippetResult(snippets));
  return ok();
}
