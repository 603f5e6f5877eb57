import { removeDockerOptions, leadingProcesses } from "../../plugins/docker-options/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "docker-options:remove",
  description: "Remove Docker option from app for phase (comma separated phase list)",
  usage: "[--process PROC...] <app> <phase(s)> OPTION",
  args: {
    app: { type: "positional", required: false },
    process: { type: "string", description: "process type the option is scoped to (deploy phase only)" },
  },
  appArgument: (rawArgs) => leadingProcesses(rawArgs).rest[0],
  run: (_args, ctx, rawArgs) => removeDockerOptions(ctx, rawArgs),
});
