import { setScale, showScale } from "../../plugins/ps/scale";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ps:scale",
  description: "Get/Set how many instances of a given process to run",
  usage: "[--skip-deploy] [--format stdout|json] <app> [<proc>=<count>...]",
  args: {
    app: { type: "positional", required: false },
    "skip-deploy": { type: "boolean", description: "save the scale without deploying" },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  run: (args, ctx) => {
    const tuples = args._.slice(1);
    if (tuples.length === 0) return showScale(ctx, args.app, args.format);
    return setScale(ctx, args.app, tuples, { skipDeploy: args["skip-deploy"] === true });
  },
});
