import { dokkuCommand } from "../define-command";
import { renderNamespaceHelp } from "../help";
import type { DokkuCommand } from "../define-command";
import { traceNamespace } from "./namespace";

/** Bare `dokku trace` shows the namespace help, as Dokku does. */
export default dokkuCommand({
  name: "trace",
  description: "Show trace help",
  hidden: true,
  async run(_args, ctx) {
    const loaders = Object.values(traceNamespace.commands);
    const commands: DokkuCommand[] = (await Promise.all(loaders.map((load) => load()))).map((module) => module.default);
    ctx.out.print(renderNamespaceHelp(traceNamespace, commands));
  },
});
