import { readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { appCertificate } from "./app-certificate";

/** `certs:show <app> crt|key`: the file as it is, on stdout. */
export function showCertificate(ctx: Context, appArg: string | undefined, which: string | undefined): void {
  const app = verifyApp(ctx, appArg);
  if (which !== "crt" && which !== "key") fail("specify either 'key' or 'crt'");
  const certificate = appCertificate(ctx, app);
  if (!certificate) fail(`${app} doesn't have an SSL endpoint defined`, "no-certificate");
  ctx.out.raw(readFileSync(which === "crt" ? certificate.crtPath : certificate.keyPath, "utf8"));
}
