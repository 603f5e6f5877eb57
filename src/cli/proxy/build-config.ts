import { buildProxyConfig } from "../../plugins/proxy/toggle";
import { dokkuCommand } from "../define-command";
import { PROXY_TARGET_ARGS, proxyTargetsOf } from "./args";

export default dokkuCommand({
  name: "proxy:build-config",
  description: "(Re)builds config for a given app",
  usage: "[--parallel count] [--all|<app>]",
  args: PROXY_TARGET_ARGS,
  run: (args, ctx) => buildProxyConfig(ctx, proxyTargetsOf(args)),
});
