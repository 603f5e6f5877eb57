import { addCertificate } from "../../plugins/certs/add";
import { dokkuCommand } from "../define-command";
import { PAIR_ARGS, PAIR_USAGE } from "./add-args";

export default dokkuCommand({
  name: "certs:add",
  description: "Add an ssl endpoint to an app. Can also import from a tarball on stdin",
  args: PAIR_ARGS,
  usage: PAIR_USAGE,
  run: (args, ctx) =>
    addCertificate(ctx, args.app, {
      crtPath: args.crt,
      keyPath: args.key,
      stdinIsTTY: ctx.input.isTTY,
      stdin: () => Bun.stdin.stream(),
    }),
});
