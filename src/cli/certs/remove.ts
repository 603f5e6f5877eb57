import { removeCertificate } from "../../plugins/certs/remove";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "certs:remove",
  description: "Remove an SSL Endpoint from an app",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => removeCertificate(ctx, args.app),
});
