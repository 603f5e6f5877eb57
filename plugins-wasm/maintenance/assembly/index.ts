/**
 * maintenance: `maintenance:on|off|report <app>`; while on, the app's nginx answers every request
 * with a 503 page (an nginx-snippet `respond`).
 */
import {
  JsonWriter,
  NginxSnippetItem,
  NginxSnippetPayload,
  NginxSnippetRespond,
  fail,
  nginxSnippetResult,
  ok,
  output,
  readCommand,
  readTrigger,
  requestProxyRebuild,
  setResult,
  store,
} from "@dokku/as-kit/assembly/index";

const ENABLED = "enabled";
const FLAG = "--maintenance-enabled";
/** Dokku's report layout: labels padded to 31 columns, under 7 spaces. */
const LABEL_WIDTH = 31;

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
  const app = input.requireApp();
  let format = "stdout";
  let flag: string | null = null;
  for (let i = 1; i < input.args.length; i++) {
    const arg = input.args[i];
    if (arg == "--format") {
      if (i + 1 >= input.args.length) return fail("Invalid --format value specified: . Valid values: stdout, json");
      format = input.args[++i];
    } else if (arg.startsWith("--format=")) {
      format = arg.substring(9);
    } else if (arg.startsWith("--")) {
      flag = arg;
    } else {
      return fail("Unexpected argument: " + arg);
    }
  }
  if (format != "stdout" && format != "json") return fail("Invalid --format value specified: " + format + ". Valid values: stdout, json");
  const enabled = isOn() ? "true" : "false";
  if (flag !== null) {
    if (format == "json") return fail("--format flag cannot be specified when specifying an info flag");
    if (flag != FLAG) return fail("Invalid flag passed, valid flags: " + FLAG);
    output.print(enabled);
    return ok();
  }
  if (format == "json") {
    output.print(new JsonWriter().beginObject().key("enabled").string(enabled).endObject().toString());
    return ok();
  }
  output.heading(app + " maintenance information");
  output.print("       " + "Maintenance enabled:".padEnd(LABEL_WIDTH) + enabled);
  return ok();
}

export function on_nginx_snippet(): i32 {
  const input = readTrigger();
  NginxSnippetPayload.read(input.payload);
  const snippets = new Array<NginxSnippetItem>();
  if (isOn()) snippets.push(new NginxSnippetRespond(503, PAGE, "text/html"));
  setResult(nginxSnippetResult(snippets));
  return ok();
}
