import { listDockerOptions } from "../../plugins/docker-options/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "docker-options:list",
  description: "List docker options for one process+phase pair",
  usage: "<app> [--process PROC] --phase PHASE",
  args: {
    app: { type: "positional", required: false },
    process: { type: "string", description: "process type to list (omit for the app-wide options)" },
    phase: { type: "string", valueHint: "build|deploy|run", description: "phase to list (required)" },
  },
  run: (args, ctx) => listDockerOptions(ctx, args.app, args.process, args.phase),
});
