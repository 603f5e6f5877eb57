import { fail } from "../../core/errors";
import { loginRegistry } from "../../plugins/registry/login";
import { dokkuCommand } from "../define-command";

const FLAGS = ["--global", "--password-stdin"];

export default dokkuCommand({
  name: "registry:login",
  description: "Login to a docker registry",
  usage: "[--global] [--password-stdin] <server> <username> [<password>]",
  args: {
    server: { type: "positional", required: false },
    username: { type: "positional", required: false },
    password: { type: "positional", required: false },
    global: { type: "boolean", description: "store the login for every app (the only scope so far)" },
    "password-stdin": { type: "boolean", description: "read the password from stdin" },
  },
  run: async (_args, ctx, rawArgs) => {
    // raw words, so a password such as `-x1` stays a password
    const stdin = rawArgs.includes("--password-stdin");
    const words = rawArgs.filter((word) => !FLAGS.includes(word));
    if (words.length > (stdin ? 2 : 3))
      fail("Per-app registry login is not supported: use registry:login --global <server> <username> [<password>]");
    const [server = "", username = "", given = ""] = words;
    const password = stdin ? (await ctx.input.readAll()).trim() : given;
    await loginRegistry(ctx, { server, username, password });
  },
});
