/**
 * notify: on post-deploy and deploy-failed, POSTs `{"app","event","stage"?,"release"?,"reason"?}` to the
 * app's webhook (`notify:set <app> url <URL>`), only to hosts the operator allowed. A failed POST
 * is a warning: it never fails the deploy.
 */
import {
  DeployFailedPayload,
  Headers,
  JsonWriter,
  PostDeployPayload,
  Report,
  fail,
  ok,
  output,
  http,
  printReport,
  readCommand,
  readReportArgs,
  readTrigger,
  store,
} from "@dokku/as-kit/assembly/index";

const URL_KEY = "url";
const MAX_URL_LENGTH = 2048;

function urlProblem(url: string): string | null {
  if (!url.startsWith("http://") && !url.startsWith("https://")) return "Invalid url: it must start with http:// or https://";
  if (url.length > MAX_URL_LENGTH) return "Invalid url: longer than 2048 characters";
  const hostStart = url.indexOf("://") + 3;
  if (hostStart >= url.length || url.charAt(hostStart) == "/") return "Invalid url: no host";
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c == 0x7f) return "Invalid url: it must not contain whitespace or control characters";
  }
  return null;
}

export function cmd_notify_set(): i32 {
  const input = readCommand();
  input.requireApp();
  const property = input.arg(1);
  if (property === null) return fail("No property specified, valid properties include: url");
  if (property != URL_KEY) return fail("Invalid property specified, valid properties include: url");
  if (input.args.length > 3) return fail("Too many arguments: the url must be one argument");
  const value = input.arg(2);
  if (value === null || value.length == 0) {
    output.step("Unsetting url");
    store.unset(URL_KEY);
    return ok();
  }
  const problem = urlProblem(value);
  if (problem !== null) return fail(problem);
  output.step("Setting url to " + value);
  store.set(URL_KEY, value);
  return ok();
}

export function cmd_notify_report(): i32 {
  const input = readCommand();
  const url = store.get(URL_KEY);
  const report = new Report("notify", input.requireApp()).add("--notify-url", url === null ? "" : url!);
  return printReport(report, readReportArgs(input));
}

/** POSTs the message; a failure is a warning (post-deploy and deploy-failed are notify triggers). */
function send(app: string, message: string): void {
  const url = store.get(URL_KEY);
  if (url === null) return;
  const headers = new Headers().set("content-type", "application/json");
  const response = http.post(url, headers, message);
  if (response.error !== null) output.warn("notify: webhook for " + app + " failed: " + response.error!);
  else if (!response.ok()) output.warn("notify: webhook for " + app + " answered HTTP " + response.status.toString());
}

export function on_post_deploy(): i32 {
  const payload = PostDeployPayload.read(readTrigger().payload);
  const w = new JsonWriter().beginObject().key("app").string(payload.app).key("event").string("deploy");
  w.key("release").int(payload.releaseId).endObject();
  send(payload.app, w.toString());
  return ok();
}

export function on_deploy_failed(): i32 {
  const payload = DeployFailedPayload.read(readTrigger().payload);
  const w = new JsonWriter().beginObject().key("app").string(payload.app).key("event").string("deploy-failed").key("stage").string(payload.stage);
  if (payload.releaseId >= 0) w.key("release").int(payload.releaseId);
  // the host withholds the reason (it may quote the app's output) from a plugin without the
  // config grant, which notify does not ask for: then there is none to send
  if (payload.reason != "") w.key("reason").string(payload.reason);
  w.endObject();
  send(payload.app, w.toString());
  return ok();
}
