import { parseArchiveArgs } from "../../plugins/git/archive-args";
import { deployFromArchive } from "../../plugins/git/from-archive";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:from-archive",
  description: "Updates an app's git repository with a given archive file",
  args: {
    app: { type: "positional", required: false },
    "archive-type": { type: "string", valueHint: "tar|tar.gz|zip", description: "the archive's format (default tar)" },
  },
  usage: "[--archive-type tar|tar.gz|zip] <app> <archive-url|--> [<git-username> <git-email>]",
  appArgument: (rawArgs) => parseArchiveArgs(rawArgs).app,
  run: (_args, ctx, rawArgs) =>
    deployFromArchive(ctx, { ...parseArchiveArgs(rawArgs), stdin: () => Bun.stdin.stream() }),
});
