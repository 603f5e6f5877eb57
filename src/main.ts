import { parseGlobalArgs, splitCommandWords } from "./cli/argv";
import { dispatch } from "./cli/dispatch";
import { NAMESPACES } from "./cli/namespaces";
import { isDokkuError } from "./core/errors";
import { createOutput } from "./core/output";
import { createContext } from "./runtime/create-context";
import { migrateState } from "./runtime/migrate-state";

/** The entry: argv, or SSH_ORIGINAL_COMMAND when sshd runs us as a forced command. The only process.exit. */
async function main(): Promise<number> {
  const env = process.env;
  const sshCommand = env.SSH_ORIGINAL_COMMAND;
  try {
    const argv = sshCommand !== undefined ? splitCommandWords(sshCommand) : process.argv.slice(2);
    const { flags, words } = parseGlobalArgs(argv);
    const ctx = createContext({ env, flags });
    try {
      await migrateState(ctx);
      await dispatch(words, ctx, NAMESPACES);
      return 0;
    } catch (error) {
      return report(error, ctx.out, ctx.flags.trace);
    }
  } catch (error) {
    return report(error, createOutput(), false);
  }
}

function report(error: unknown, out: ReturnType<typeof createOutput>, trace: boolean): number {
  if (isDokkuError(error)) {
    if (error.message !== "") out.error(error.message);
    if (trace && error.stack) out.trace(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  out.error(message);
  if (error instanceof Error && error.stack) out.trace(error.stack);
  return 1;
}

// The WASM sandbox child (src/wasm/sandbox-child.ts) is this same binary with a hidden first word.
// Both load only here: a command never pays for the sandbox or the config plugin's env reading.
if (process.argv[2] === "__wasm-sandbox")
  void Promise.all([import("./wasm/sandbox-child"), import("./plugins/config/env-store")]).then(([child, env]) =>
    child.runSandboxChild(process.argv.slice(3), (store, app, key) =>
      env.readMergedEnv({ store }, app === null ? { kind: "global" } : { kind: "app", app }).get(key),
    ),
  );
else void main().then((code) => process.exit(code));
