import { showCertificate } from "../../plugins/certs/show";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "certs:show",
  description: "Show the server.crt or server.key on stdout",
  args: {
    app: { type: "positional", required: false },
    type: { type: "positional", required: false, description: "crt or key" },
  },
  usage: "<app> <crt|key>",
  run: (args, ctx) => showCertificate(ctx, args.app, args.type),
});
