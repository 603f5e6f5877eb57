import type { ArgsDef } from "citty";
import type { Context } from "../core/context";
import { DokkuError, fail } from "../core/errors";
import { refusePluginCommand } from "../core/safe-mode";
import { authorize } from "./authorize";
import { parseCommandArgs } from "./command-args";
import { APP_POSITIONALS, commandApp } from "./command-app";
import type { DokkuCommand } from "./define-command";
import { commandRows, renderCommandHelp, renderHelp, renderNamespaceHelp } from "./help";
import type { Namespace } from "./namespace";
import { pluginNamespaces } from "./plugin/plugin-namespaces";

/** Runs one command line (global flags already removed) against the namespaces. */
export async function dispatch(
  words: readonly string[],
  ctx: Context,
  namespaces: readonly Namespace[],
): Promise<void> {
  const [first = "help", ...rest] = words;
  if (first === "help" || first === "--help" || first === "-h")
    return printHelp(ctx, namespaces, rest.includes("--all"));
  if (first === "version" || first === "-v" || first === "--version") {
    ctx.out.print(`dokku version ${ctx.version}`);
    return;
  }

  // core first: an installed plugin's namespace is only looked at when no core one matches
  const namespace = findNamespace(namespaces, first) ?? pluginNamespace(ctx, first);
  if (first.endsWith(":help")) {
    if (!namespace || first !== `${namespace.name}:help`) notACommand(words);
    ctx.out.print(renderNamespaceHelp(namespace, await loadAll(namespace)));
    return;
  }
  if (!namespace) notACommand(words);
  const name = first.includes(":") || Object.hasOwn(namespace.commands, first) ? first : namespace.defaultCommand;
  const loader = name === undefined ? undefined : namespace.commands[name];
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  if (!loader) {
    // A bare namespace without a default command shows its help, as Dokku does (`dokku trace`).
    if (!first.includes(":")) {
      ctx.out.print(renderNamespaceHelp(namespace, await loadAll(namespace)));
      return;
    }
    notACommand(words);
  }
  const command = (await loader()).default;
  if (wantsHelp) {
    ctx.out.print(
      first.includes(":") ? renderCommandHelp(command) : renderNamespaceHelp(namespace, await loadAll(namespace)),
    );
    return;
  }

  if (command.rootOnly && !ctx.isRoot) fail("This command must be run as root", "root-only");
  const argv = withAppFlag(command, rest, ctx.flags.app);
  await authorize(ctx, command, rest, commandApp(command, argv));

  await runWithCitty(command, argv, ctx);
}

function findNamespace(namespaces: readonly Namespace[], word: string): Namespace | undefined {
  // a bare-word command a namespace holds by its full name (Dokku's git plugin: git-receive-pack, git-hook)
  const holder = namespaces.find((namespace) => Object.hasOwn(namespace.commands, word));
  if (holder) return holder;
  const prefix = word.split(":")[0];
  return namespaces.find((namespace) => namespace.name === prefix);
}

/** The installed plugin namespace holding `word`; in safe mode none is, and naming one says why. */
function pluginNamespace(ctx: Context, word: string): Namespace | undefined {
  const namespace = findNamespace(pluginNamespaces(ctx.paths), word);
  if (namespace && ctx.safeMode) refusePluginCommand(word, namespace.name);
  return namespace;
}

function notACommand(words: readonly string[]): never {
  throw new DokkuError(
    `\`${words.join(" ")}\` is not a dokku command.\nSee \`dokku help\` for a list of available commands.`,
    {
      code: "not-a-command",
    },
  );
}

async function printHelp(ctx: Context, coreNamespaces: readonly Namespace[], all: boolean): Promise<void> {
  const namespaces = [...coreNamespaces, ...(ctx.safeMode ? [] : pluginNamespaces(ctx.paths))];
  const rows = all ? commandRows((await Promise.all(namespaces.map(loadAll))).flat()) : undefined;
  ctx.out.print(renderHelp(namespaces, rows));
}

async function loadAll(namespace: Namespace): Promise<DokkuCommand[]> {
  const modules = await Promise.all(Object.values(namespace.commands).map((load) => load()));
  return modules.map((module) => module.default);
}

/** `dokku --app APP cmd ...` puts APP where the command expects its first positional `app`. Pure. */
export function withAppFlag(command: DokkuCommand, args: readonly string[], app: string | undefined): string[] {
  if (app === undefined) return [...args];
  const firstPositional = Object.entries(command.args ?? {}).find(([, def]) => def.type === "positional");
  if (!firstPositional || !APP_POSITIONALS.includes(firstPositional[0])) return [...args];
  return [app, ...args];
}

async function runWithCitty(command: DokkuCommand, rawArgs: string[], ctx: Context): Promise<void> {
  try {
    // citty's runCommand, minus what our commands never have (subcommands, setup, plugins), with
    // the parse that keeps `-x ...` operands intact
    const args = parseCommandArgs(rawArgs, (command.args ?? {}) as ArgsDef);
    await command.run?.({ rawArgs, args, data: ctx, cmd: command });
  } catch (error) {
    if (error instanceof Error && error.name === "CLIError") fail(error.message, "usage");
    throw error;
  }
}
