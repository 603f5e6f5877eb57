import { listBuilds } from "../../plugins/builds/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "builds:list",
  description: "List builds (running across all apps, or running + history for one)",
  args: {
    app: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
    kind: { type: "string", valueHint: "build|deploy", description: "only builds of this kind" },
    status: {
      type: "string",
      valueHint: "running|succeeded|failed|canceled|abandoned",
      description: "only builds with this status",
    },
  },
  usage: "[<app>] [--format json] [--kind build|deploy] [--status STATUS]",
  run: (args, ctx) => listBuilds(ctx, args.app, { format: args.format, kind: args.kind, status: args.status }),
});
