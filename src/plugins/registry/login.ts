import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { isRegistry, registryHost, trimServer } from "../../builders/registry-image";
import { dockerMessage } from "../../executors/docker/networks";
import { checkRegistryAuth, type RegistryAuth } from "../../executors/docker/registry-push";
import { registryAuthFor, storeRegistryAuth } from "./auth-store";

/** The address Docker's auth endpoint expects for a registry host: Docker Hub has its own. */
function authServerAddress(host: string): string {
  return host === "docker.io" ? "https://index.docker.io/v1/" : host;
}

/** The stored login for a server value in the Engine API's form, if any. */
export function registryAuthConfig(ctx: Pick<Context, "paths">, server: string): RegistryAuth | undefined {
  const credentials = registryAuthFor(ctx, server);
  return credentials && { ...credentials, serveraddress: authServerAddress(registryHost(server)) };
}

export interface RegistryLoginRequest {
  readonly server: string;
  readonly username: string;
  readonly password: string;
}

/**
 * `registry:login <server> <username> <password>`: Docker checks the credentials against the
 * registry (POST /auth, no docker CLI); only then are they stored for our pushes.
 */
export async function loginRegistry(ctx: Context, request: RegistryLoginRequest): Promise<void> {
  if (request.server === "") fail("Missing server argument");
  if (request.username === "") fail("Missing username argument");
  if (request.password === "") fail("Missing password argument");
  const address = trimServer(request.server.replace(/^https?:\/\//, ""));
  if (!isRegistry(address)) fail(`Invalid server specified: "${request.server}" is not host[:port][/path]`);
  const host = registryHost(address);

  const docker = await ctx.docker();
  try {
    await checkRegistryAuth(docker, {
      username: request.username,
      password: request.password,
      serveraddress: authServerAddress(host),
    });
  } catch (error) {
    fail(`Login to ${host} failed: ${dockerMessage(error)}`, "login-failed");
  }
  await storeRegistryAuth(ctx, host, { username: request.username, password: request.password });
  ctx.out.warn("Login Succeeded for global registry");
}
