import { deployLoadedImage } from "../../plugins/git/from-image";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:load-image",
  description: "Updates an app's git repository with a docker image loaded from stdin",
  args: {
    app: { type: "positional", required: false },
    image: { type: "positional", required: false },
  },
  usage: "<app> [<docker-image>]",
  run: (args, ctx) => deployLoadedImage(ctx, args.app, args.image, () => Bun.stdin.stream()),
});
