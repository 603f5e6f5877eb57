import { dokkuCommand, type DokkuCommand } from "../define-command";
import { renderNamespaceHelp } from "../help";
import { sshKeysNamespace } from "./namespace";

/** Bare `dokku ssh-keys` shows the namespace help, as Dokku does. */
export default dokkuCommand({
  name: "ssh-keys",
  description: "Show ssh-keys help",
  hidden: true,
  async run(_args, ctx) {
    const loaders = Object.values(sshKeysNamespace.commands);
    const commands: DokkuCommand[] = (await Promise.all(loaders.map((load) => load()))).map((module) => module.default);
    ctx.out.print(renderNamespaceHelp(sshKeysNamespace, commands));
  },
});
