import { clearProxyConfig } from "../../plugins/proxy/toggle";
import { dokkuCommand } from "../define-command";
import { PROXY_TARGET_ARGS, proxyTargetsOf } from "./args";

export default dokkuCommand({
  name: "proxy:clear-config",
  description: "Clears config for a given app",
  usage: "[--parallel count] [--all|<app>]",
  args: PROXY_TARGET_ARGS,
  run: (args, ctx) => clearProxyConfig(ctx, proxyTargetsOf(args)),
});
