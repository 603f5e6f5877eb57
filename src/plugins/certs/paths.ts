import type { Context } from "../../core/context";
import { appDir } from "../../core/paths";

export const CRT_FILE = "server.crt";
export const KEY_FILE = "server.key";
export const CSR_FILE = "server.csr";

/** Where an app's certificate lives, as Dokku: `$DOKKU_ROOT/<app>/tls`. It moves with the app dir on rename. */
export function tlsDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${appDir(ctx.paths, app)}/tls`;
}
