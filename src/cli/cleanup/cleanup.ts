import { fail } from "../../core/errors";
import { runCleanup } from "../../plugins/cleanup/cleanup";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "cleanup",
  description:
    "Cleans up exited/dead Docker containers and removes dangling images, images of releases past the kept ones and build cache",
  usage: "[--global|<app>]",
  args: {
    app: { type: "positional", required: false },
    global: { type: "boolean", description: "every app (the default without an app)" },
  },
  run: (args, ctx) => {
    if (args.global && args.app !== undefined) fail("Specify either an app or --global, not both");
    return runCleanup(ctx, args.app);
  },
});
