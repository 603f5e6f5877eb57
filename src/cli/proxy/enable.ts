import { enableProxy } from "../../plugins/proxy/toggle";
import { dokkuCommand } from "../define-command";
import { PROXY_TARGET_ARGS, proxyTargetsOf } from "./args";

export default dokkuCommand({
  name: "proxy:enable",
  description: "Enable proxy for app",
  usage: "[--parallel count] [--all|<app>]",
  args: PROXY_TARGET_ARGS,
  run: (args, ctx) => enableProxy(ctx, proxyTargetsOf(args)),
});
