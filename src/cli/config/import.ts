import { importConfig } from "../../plugins/config/mutations";
import { assertImportFormat, parseImport, readImportSource } from "../../plugins/config/import-source";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, NO_RESTART, targetOf } from "./args";

export default dokkuCommand({
  name: "config:import",
  description: "Import environment from file",
  usage: "[--no-restart] [--replace] [--format=FORMAT] (<app>|--global) [FILE|-]",
  args: {
    app: APP,
    global: GLOBAL_FLAG,
    replace: { type: "boolean", description: "replace existing config vars" },
    format: { type: "string", default: "envfile", valueHint: "FORMAT", description: "envfile or json" },
    restart: NO_RESTART,
  },
  async run(args, ctx) {
    const { scope, operands } = targetOf(ctx, args);
    const entries = parseImport(await readImportSource(ctx, operands[0]), assertImportFormat(args.format));
    await importConfig(ctx, scope, entries, { restart: args.restart !== false, replace: args.replace === true });
  },
});
