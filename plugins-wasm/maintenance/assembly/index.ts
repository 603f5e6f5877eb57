/**
 * maintenance: `maintenance:on|off|report <app>`; while on, the app's nginx answers every request
 * with a 503 page (an nginx-snippet `respond`).
 */
import {
  NginxSnippetItem,
  NginxSnippetPayload,
  NginxSnippetRespond,
  Report,
  nginxSnippetResult,
  ok,
  output,
  printReport,
  readCommand,
  readReportArgs,
  readTrigger,
  requestProxyRebuild,
  setResult,
  store,
} from "@dokku/as-kit/assembly/index";

const ENABLED = "enabled";
const FLAG = "--maintenance-enabled";

const PAGE =
  "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Down for maintenance</title></head>\n" +
  "<body style=\"font-family: sans-serif; text-align: center; padding: 4em;\">\n" +
  "<h1>Down for maintenance</h1>\n<p>This site is being worked on and will be back shortly.</p>\n</body>\n</html>\n";

function isOn(): bool {
  return store.get(ENABLED) == "true";
}

export function cmd_maintenance_on(): i32 {
  const input = readCommand();
  const app = input.requireApp();
  output.step("Enabling maintenance mode for " + app);
  store.set(ENABLED, "true");
  requestProxyRebuild();
  return ok();
}

export function cmd_maintenance_off(): i32 {
  const input = readCommand();
  const app = input.requireApp();
  output.step("Disabling maintenance mode for " + app);
  store.unset(ENABLED);
  requestProxyRebuild();
  return ok();
}

export function cmd_maintenance_report(): i32 {
  const input = readCommand();
  const report = new Report("maintenance", input.requireApp()).add(FLAG, isOn() ? "true" : "false");
  return printReport(report, readReportArgs(input));
}

export function on_nginx_snippet(): i32 {
  const input = readTrigger();
  NginxSnippetPayload.read(input.payload);
  const snippets = new Array<NginxSnippetItem>();
  if (isOn()) snippets.push(new NginxSnippetRespond(503, PAGE, "text/html"));
  setResult(nginxSnippetResult(snippets));
  return ok();
}
