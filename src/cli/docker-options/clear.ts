import { clearDockerOptions, leadingProcesses } from "../../plugins/docker-options/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "docker-options:clear",
  description: "Clear a docker options from application with an optional phase (comma separated phase list)",
  usage: "[--process PROC...] <app> [<phase(s)>...]",
  args: {
    app: { type: "positional", required: false },
    process: { type: "string", description: "process type whose options to clear (deploy phase only)" },
  },
  appArgument: (rawArgs) => leadingProcesses(rawArgs).rest[0],
  run: (_args, ctx, rawArgs) => clearDockerOptions(ctx, rawArgs),
});
