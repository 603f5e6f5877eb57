import { readScopeEnv } from "../../plugins/config/env-store";
import { tarBundle } from "../../plugins/config/tar-bundle";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, MERGED, targetOf } from "./args";

export default dokkuCommand({
  name: "config:bundle",
  description: "Bundle environment into tarfile",
  usage: "[--merged] (<app>|--global)",
  args: { app: APP, global: GLOBAL_FLAG, merged: MERGED },
  run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    // Headers are ASCII and values UTF-8, so the archive is valid UTF-8 text, written byte for byte.
    ctx.out.raw(new TextDecoder().decode(tarBundle(readScopeEnv(ctx, scope, args.merged === true))));
  },
});
