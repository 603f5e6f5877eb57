import { generateCertificate } from "../../plugins/certs/generate";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "certs:generate",
  description: "Generate a key and certificate signing request (and self-signed certificate)",
  args: {
    app: { type: "positional", required: false },
    domain: { type: "positional", required: false, description: "the domain the certificate is for" },
  },
  usage: "<app> DOMAIN",
  run: (args, ctx) => generateCertificate(ctx, args.app, args.domain),
});
