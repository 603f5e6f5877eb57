import { statSync } from "node:fs";
import type { Context } from "../../core/context";
import { CRT_FILE, KEY_FILE, tlsDir } from "./paths";

export interface AppCertificate {
  readonly crtPath: string;
  readonly keyPath: string;
}

/**
 * The app's certificate and key files, or undefined when it has none (Dokku's is_ssl_enabled:
 * both `tls/server.crt` and `tls/server.key` exist). With one, the app is served over https.
 */
export function appCertificate(ctx: Pick<Context, "paths">, app: string): AppCertificate | undefined {
  const dir = tlsDir(ctx, app);
  const crtPath = `${dir}/${CRT_FILE}`;
  const keyPath = `${dir}/${KEY_FILE}`;
  return isFile(crtPath) && isFile(keyPath) ? { crtPath, keyPath } : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
