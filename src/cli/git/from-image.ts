import { deployFromImage } from "../../plugins/git/from-image";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:from-image",
  description: "Updates an app's git repository with a given docker image",
  args: {
    app: { type: "positional", required: false },
    image: { type: "positional", required: false },
  },
  usage: "<app> <docker-image>",
  run: (args, ctx) => deployFromImage(ctx, args.app, args.image),
});
