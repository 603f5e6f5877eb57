import { fail } from "../../core/errors";
import { rebuildApp } from "../../plugins/git/rebuild";
import { runAgainstAllApps } from "../../plugins/ps/all-apps";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ps:rebuild",
  description: "Rebuilds an app from source",
  args: {
    app: { type: "positional", required: false },
    all: { type: "boolean", description: "rebuild every app" },
    parallel: { type: "string", valueHint: "N", description: "how many apps at once with --all (-1: one per CPU)" },
  },
  usage: "[--parallel count] [--all|<app>]",
  run: (args, ctx) => {
    if (!args.all) return rebuildApp(ctx, args.app);
    const parallel = Number(args.parallel ?? "0");
    if (!Number.isInteger(parallel)) fail(`Invalid value ${args.parallel} for --parallel flag`);
    return runAgainstAllApps(ctx, "ps:rebuild", parallel, (app) => rebuildApp(ctx, app));
  },
});
