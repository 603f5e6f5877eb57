import { readScopeEnv } from "../../plugins/config/env-store";
import { assertExportFormat, EXPORT_FORMATS, renderExport } from "../../plugins/config/export-formats";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, MERGED, targetOf } from "./args";

export default dokkuCommand({
  name: "config:export",
  description: "Export a global or app environment",
  usage: "[--format=FORMAT] [--merged] (<app>|--global)",
  args: {
    app: APP,
    global: GLOBAL_FLAG,
    merged: MERGED,
    format: {
      type: "string",
      default: "exports",
      valueHint: "FORMAT",
      description: `one of: ${EXPORT_FORMATS.join(", ")}`,
    },
  },
  run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    const format = assertExportFormat(args.format);
    ctx.out.raw(renderExport(readScopeEnv(ctx, scope, args.merged === true), format));
  },
});
