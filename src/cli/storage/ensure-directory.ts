import { ensureStorageDirectory } from "../../plugins/storage/ensure-directory";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:ensure-directory",
  description: "[DEPRECATED] use storage:create instead",
  usage: "[--chown herokuish|heroku|paketo|root|false|<uid>] <directory>",
  args: {
    directory: { type: "positional", required: false },
    chown: {
      type: "string",
      valueHint: "herokuish|heroku|paketo|root|false|<uid>",
      description: "who owns the directory (default herokuish: 32767)",
    },
  },
  run: (args, ctx) => ensureStorageDirectory(ctx, args.directory, args.chown),
});
