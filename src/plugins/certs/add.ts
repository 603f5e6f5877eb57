import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { withAppLock } from "../../store/app-lock";
import { checkCertificatePair } from "../../builders/x509-pair";
import { proxyAfterCertificateAdded } from "./proxy-updates";
import { readPemPair, type PairSource } from "./sources";
import { installTlsFiles } from "./tls-store";

/**
 * `certs:add` / `certs:update`: reads the pair (two files, or a tar on stdin), checks it
 * (parses, key matches, not expired) and only then replaces the app's tls dir; then the port
 * maps gain https and the nginx config is rebuilt. A refused pair changes nothing.
 */
export async function addCertificate(ctx: Context, appArg: string | undefined, source: PairSource): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const pair = await readPemPair(source);
  const checked = checkCertificatePair(pair, ctx.now());
  for (const warning of checked.warnings) ctx.out.warn(warning);
  await withAppLock(ctx, app, () => {
    verifyApp(ctx, app);
    installTlsFiles(ctx, app, { crt: pair.crt, key: pair.key });
  });
  await proxyAfterCertificateAdded(ctx, app);
}
