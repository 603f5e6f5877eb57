import { existsSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { proxyAfterCertificateRemoved } from "./proxy-updates";
import { tlsDir } from "./paths";
import { removeTlsDir } from "./tls-store";

/** `certs:remove`: removes the app's tls dir, then its https port maps and nginx config (http only again). */
export async function removeCertificate(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  await withAppLock(ctx, app, () => {
    verifyApp(ctx, app);
    if (!existsSync(tlsDir(ctx, app))) fail("An app-specific SSL endpoint is not defined", "no-certificate");
    ctx.out.step(`Removing SSL endpoint from ${app}`);
    removeTlsDir(ctx, app);
  });
  await proxyAfterCertificateRemoved(ctx, app);
}
