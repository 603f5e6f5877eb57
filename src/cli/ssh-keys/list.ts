import { dokkuCommand } from "../define-command";
import { DokkuError, fail } from "../../core/errors";
import { listJson, listLine } from "../../plugins/ssh-keys/authorized-keys";
import { listKeys } from "../../plugins/ssh-keys/key-store";

const FORMATS = ["text", "stdout", "json"];

export default dokkuCommand({
  name: "ssh-keys:list",
  description: "List of all authorized dokku public ssh keys",
  usage: "[--format text|json] [<name>]",
  args: {
    name: { type: "positional", required: false, description: "Only the keys of this name" },
    format: { type: "string", description: "Output format: text (default) or json", valueHint: "text|json" },
  },
  run(args, ctx) {
    const format = args.format ?? "text";
    if (!FORMATS.includes(format)) fail("Invalid output format specified, supported formats: json, text", "usage");
    const keys = listKeys(ctx, args.name);
    if (format === "json") return ctx.out.print(listJson(keys));
    // as sshcommand's grep: no key of that name fails silently; no keys at all lists nothing
    if (keys.length === 0 && args.name !== undefined) throw new DokkuError("", { code: "no-keys", exitCode: 1 });
    if (keys.length > 0) ctx.out.print(keys.map(listLine).join("\n"));
  },
});
