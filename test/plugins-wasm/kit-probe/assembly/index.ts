import { Host } from "@extism/as-pdk";
import {
  AppListPayload,
  BuilderDetectPayload,
  DeployFailedPayload,
  DockerArgsDeployEnv,
  DockerArgsDeployItem,
  DockerArgsDeployLabel,
  DockerArgsDeployPayload,
  JsonWriter,
  NginxSnippetBasicAuth,
  NginxSnippetBasicAuthUser,
  NginxSnippetHeader,
  NginxSnippetItem,
  NginxSnippetPayload,
  NginxSnippetRespond,
  PostAppClonePayload,
  PostAppRenamePayload,
  PostConfigUpdatePayload,
  PostCreatePayload,
  PostDeletePayload,
  PostDeployPayload,
  PostExtractPayload,
  PreDeletePayload,
  PreDeployPayload,
  ProxySwitchPayload,
  ProxyTypePayload,
  Report,
  ReportItem,
  ReportItemEntry,
  ReportPayload,
  UserAuthAppPayload,
  UserAuthPayload,
  appListResult,
  base64,
  builderDetectResult,
  dockerArgsDeployResult,
  fail,
  jsonError,
  jsonString,
  nginxSnippetResult,
  ok,
  output,
  parseJson,
  printReport,
  proxyTypeResult,
  readCommand,
  readInput,
  readReportArgs,
  readTrigger,
  reportResult,
  setResult,
  sha1,
  toHex,
  userAuthAppResult,
  vetoAllow,
  vetoRefuse,
} from "@dokku/as-kit/assembly/index";

export function probe_sha1(): i32 {
  setResult(toHex(sha1(Host.input())));
  return ok();
}

export function probe_base64(): i32 {
  setResult(base64(Host.input()));
  return ok();
}

/** Parses the input and writes it back compactly; invalid JSON fails with the parser's reason. */
export function probe_json(): i32 {
  const value = parseJson(Host.inputString());
  if (value === null) return fail(jsonError());
  setResult(value.stringify());
  return ok();
}

export function probe_escape(): i32 {
  setResult(jsonString(Host.inputString()));
  return ok();
}

export function probe_veto_allow(): i32 {
  vetoAllow();
  return ok();
}

export function probe_veto_refuse(): i32 {
  vetoRefuse(Host.inputString());
  return ok();
}

/** Reads the envelope's payload with the generated reader and writes back the fields it read. */
export function probe_payload(): i32 {
  const t = readTrigger();
  const w = new JsonWriter().beginObject();
  const p = t.payload;
  if (t.trigger == "app-list") AppListPayload.read(p);
  else if (t.trigger == "builder-detect") {
    const x = BuilderDetectPayload.read(p);
    w.key("app").string(x.app).key("sourceDir").stringOrNull(x.sourceDir);
  } else if (t.trigger == "deploy-failed") {
    const x = DeployFailedPayload.read(p);
    w.key("app").string(x.app).key("stage").string(x.stage).key("reason").string(x.reason).key("releaseId").int(x.releaseId);
  } else if (t.trigger == "docker-args-deploy") {
    const x = DockerArgsDeployPayload.read(p);
    w.key("app").string(x.app).key("processType").string(x.processType).key("image").string(x.image).key("releaseId").int(x.releaseId);
  } else if (t.trigger == "nginx-snippet") w.key("app").string(NginxSnippetPayload.read(p).app);
  else if (t.trigger == "post-app-clone") {
    const x = PostAppClonePayload.read(p);
    w.key("oldApp").string(x.oldApp).key("newApp").string(x.newApp).key("skipDeploy").bool(x.skipDeploy);
  } else if (t.trigger == "post-app-rename") {
    const x = PostAppRenamePayload.read(p);
    w.key("oldApp").string(x.oldApp).key("newApp").string(x.newApp).key("skipDeploy").bool(x.skipDeploy);
  } else if (t.trigger == "post-config-update") {
    const x = PostConfigUpdatePayload.read(p);
    w.key("kind").string(x.scope.kind).key("app").stringOrNull(x.scope.app).key("action").string(x.action);
    w.key("keys").beginArray();
    for (let i = 0; i < x.keys.length; i++) w.string(x.keys[i]);
    w.endArray().key("restart").bool(x.restart);
  } else if (t.trigger == "post-create") w.key("app").string(PostCreatePayload.read(p).app);
  else if (t.trigger == "post-delete") w.key("app").string(PostDeletePayload.read(p).app);
  else if (t.trigger == "pre-delete") w.key("app").string(PreDeletePayload.read(p).app);
  else if (t.trigger == "post-deploy") {
    const x = PostDeployPayload.read(p);
    w.key("app").string(x.app).key("image").string(x.image).key("releaseId").int(x.releaseId);
  } else if (t.trigger == "pre-deploy") {
    const x = PreDeployPayload.read(p);
    w.key("app").string(x.app).key("image").string(x.image).key("releaseId").int(x.releaseId);
  } else if (t.trigger == "post-extract") {
    const x = PostExtractPayload.read(p);
    w.key("app").string(x.app).key("sourceDir").string(x.sourceDir).key("rev").stringOrNull(x.rev);
  } else if (t.trigger == "proxy-switch") {
    const x = ProxySwitchPayload.read(p);
    w.key("app").string(x.app).key("processType").string(x.processType).key("upstreams").beginArray();
    for (let i = 0; i < x.upstreams.length; i++) {
      const u = x.upstreams[i];
      w.beginObject().key("dyno").string(u.dyno).key("address").string(u.address).key("port").int(u.port).endObject();
    }
    w.endArray();
  } else if (t.trigger == "proxy-type") w.key("app").string(ProxyTypePayload.read(p).app);
  else if (t.trigger == "report") w.key("app").string(ReportPayload.read(p).app);
  else if (t.trigger == "user-auth") {
    const x = UserAuthPayload.read(p);
    w.key("user").string(x.user).key("sshUser").string(x.sshUser).key("command").string(x.command).key("app").stringOrNull(x.app).key("args").beginArray();
    for (let i = 0; i < x.args.length; i++) w.string(x.args[i]);
    w.endArray();
  } else if (t.trigger == "user-auth-app") {
    const x = UserAuthAppPayload.read(p);
    w.key("user").string(x.user).key("sshUser").string(x.sshUser).key("apps").beginArray();
    for (let i = 0; i < x.apps.length; i++) w.string(x.apps[i]);
    w.endArray();
  } else return fail("no reader for " + t.trigger);
  setResult(w.endObject().toString());
  return ok();
}

/** One sample result per collect/first trigger, from the generated writers: `{trigger: result}`. */
export function probe_results(): i32 {
  const w = new JsonWriter().beginObject();
  w.key("app-list").raw(appListResult(["a", "b"]));
  w.key("builder-detect").raw(builderDetectResult("dockerfile"));
  w.key("proxy-type").raw(proxyTypeResult(null));
  w.key("user-auth-app").raw(userAuthAppResult(["secret-app"]));
  const args = new Array<DockerArgsDeployItem>();
  args.push(new DockerArgsDeployLabel("traefik.enable", "true"));
  args.push(new DockerArgsDeployEnv("FEATURE_X", 'on "quoted"\n'));
  w.key("docker-args-deploy").raw(dockerArgsDeployResult(args));
  const snippets = new Array<NginxSnippetItem>();
  snippets.push(new NginxSnippetRespond(503, "<h1>down ✓</h1>", "text/html; charset=utf-8"));
  snippets.push(new NginxSnippetBasicAuth("Restricted", [new NginxSnippetBasicAuthUser("ops", "{SSHA}AAAA")]));
  snippets.push(new NginxSnippetHeader("X-Robots-Tag", "noindex"));
  w.key("nginx-snippet").raw(nginxSnippetResult(snippets));
  w.key("report").raw(reportResult([new ReportItem("probe", [new ReportItemEntry("probe-enabled", "true")])]));
  setResult(w.endObject().toString());
  return ok();
}

/**
 * A report command: input `{command, app, args, entries: {flag: value}, legacyKeys?, allowGlobal?}`;
 * prints the report of `app` for the args through the kit (a `--global` is announced first).
 */
export function probe_report(): i32 {
  const extra = readInput();
  const input = readCommand();
  const args = readReportArgs(input, extra.getBool("allowGlobal"));
  if (args.global) output.print("(global)");
  const report = new Report(input.command.substring(0, input.command.indexOf(":")), input.app === null ? "--global" : input.app!);
  report.legacyKeys = extra.getBool("legacyKeys");
  const entries = extra.member("entries");
  for (let i = 0; i < entries.keys.length; i++) report.add(entries.keys[i], entries.values[i].asString());
  return printReport(report, args);
}
