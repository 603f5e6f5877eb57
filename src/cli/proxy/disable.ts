import { disableProxy } from "../../plugins/proxy/toggle";
import { dokkuCommand } from "../define-command";
import { PROXY_TARGET_ARGS, proxyTargetsOf } from "./args";

export default dokkuCommand({
  name: "proxy:disable",
  description: "Disable proxy for app",
  usage: "[--parallel count] [--all|<app>]",
  args: PROXY_TARGET_ARGS,
  run: (args, ctx) => disableProxy(ctx, proxyTargetsOf(args)),
});
