import { addDockerOptions, leadingProcesses } from "../../plugins/docker-options/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "docker-options:add",
  description: "Add Docker option to app for phase (comma separated phase list)",
  usage: "[--process PROC...] <app> <phase(s)> OPTION",
  args: {
    app: { type: "positional", required: false },
    process: { type: "string", description: "process type to scope the option to (deploy phase only)" },
  },
  appArgument: (rawArgs) => leadingProcesses(rawArgs).rest[0],
  // the words as typed: options such as `-v /a:/b` are data here, never flags of this command
  run: (_args, ctx, rawArgs) => addDockerOptions(ctx, rawArgs),
});
