import { existsSync, readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { pluginDataDir, type Paths } from "../../core/paths";
import { registryHost } from "../../builders/registry-image";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { acquireLock } from "../../store/file-lock";
import { REGISTRY_PLUGIN } from "./properties";

/** What `registry:login` stored for one registry. */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/** `$DOKKU_LIB_ROOT/data/registry/auth.json`: registry host -> credentials, mode 0600. */
export function registryAuthPath(paths: Paths): string {
  return `${pluginDataDir(paths, REGISTRY_PLUGIN)}/auth.json`;
}

/** Every stored login, by registry host; empty when there is none. */
export function readRegistryAuths(ctx: Pick<Context, "paths">): Record<string, RegistryCredentials> {
  const path = registryAuthPath(ctx.paths);
  if (!existsSync(path)) return {};
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("not a JSON object");
    return data as Record<string, RegistryCredentials>;
  } catch (error) {
    return fail(`Unable to read registry credentials from ${path}: ${(error as Error).message}`);
  }
}

/** The stored login for the registry of a server value (`ghcr.io/acme` -> `ghcr.io`), if any. */
export function registryAuthFor(ctx: Pick<Context, "paths">, server: string): RegistryCredentials | undefined {
  const found = readRegistryAuths(ctx)[registryHost(server)];
  return found && typeof found.username === "string" && typeof found.password === "string" ? found : undefined;
}

/** Stores (replaces) the login for `host`, under a lock so two logins never lose one another. */
export async function storeRegistryAuth(
  ctx: Pick<Context, "paths" | "owner">,
  host: string,
  credentials: RegistryCredentials,
): Promise<void> {
  const path = registryAuthPath(ctx.paths);
  using _lock = await acquireLock(`${path}.lock`, { owner: ctx.owner });
  const auths = {
    ...readRegistryAuths(ctx),
    [host]: { username: credentials.username, password: credentials.password },
  };
  atomicWriteFileSync(path, `${JSON.stringify(auths, null, 2)}\n`, { mode: 0o600, owner: ctx.owner });
}
