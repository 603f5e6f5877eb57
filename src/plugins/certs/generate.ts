import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { certificateDomain, selfSignedArgv, type GenerateFiles } from "../../builders/cert-generate";
import { checkCertificatePair } from "../../builders/x509-pair";
import { CRT_FILE, CSR_FILE, KEY_FILE, tlsDir } from "./paths";
import { proxyAfterCertificateGenerated } from "./proxy-updates";
import { installTlsFiles, type TlsFiles } from "./tls-store";

/**
 * `certs:generate <app> DOMAIN`: a key, a signing request and a self-signed certificate for
 * DOMAIN (Dokku asks openssl's questions interactively; here the subject is CN=DOMAIN with the
 * domain as SAN), installed as the app's certificate; the domain is added to the app's domains
 * (which rebuilds its nginx config). The request is printed for a real CA.
 * An app that already has a certificate or key is left alone, as Dokku.
 */
export async function generateCertificate(
  ctx: Context,
  appArg: string | undefined,
  domainArg: string | undefined,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const domain = certificateDomain(domainArg);
  if (hasTlsFiles(ctx, app)) return ctx.out.step(`${app} has an SSL endpoint already defined`);
  const files = await selfSigned(domain);
  checkCertificatePair({ crt: files.crt, key: files.key, crtName: CRT_FILE, keyName: KEY_FILE }, ctx.now());
  const installed = await withAppLock(ctx, app, () => {
    verifyApp(ctx, app);
    if (hasTlsFiles(ctx, app)) return false;
    ctx.out.step("Installing certificate and key...");
    installTlsFiles(ctx, app, files);
    return true;
  });
  if (!installed) return ctx.out.step(`${app} has an SSL endpoint already defined`);
  await proxyAfterCertificateGenerated(ctx, app, domain);
  ctx.out.step("The following is a certificate signing request that can be used");
  ctx.out.step(`to generate an 'officially' signed SSL certificate for ${app} at ${domain}`);
  ctx.out.step("by a CA of your choosing.");
  ctx.out.raw(files.csr);
}

function hasTlsFiles(ctx: Context, app: string): boolean {
  const dir = tlsDir(ctx, app);
  return existsSync(`${dir}/${CRT_FILE}`) || existsSync(`${dir}/${KEY_FILE}`);
}

/** Runs openssl (argv) in a private temp dir removed afterwards; returns the three files' text. */
async function selfSigned(domain: string): Promise<Required<TlsFiles>> {
  const dir = mkdtempSync(join(tmpdir(), "dokku-certs-"));
  try {
    chmodSync(dir, 0o700);
    const files: GenerateFiles = { key: join(dir, KEY_FILE), csr: join(dir, CSR_FILE), crt: join(dir, CRT_FILE) };
    for (const argv of selfSignedArgv(domain, files)) await runOpenssl(argv);
    const read = (path: string) => readFileSync(path, "utf8");
    return { crt: read(files.crt), key: read(files.key), csr: read(files.csr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runOpenssl(argv: string[]): Promise<void> {
  let child: Bun.Subprocess<"ignore", "ignore", "pipe">;
  try {
    child = Bun.spawn(argv, { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  } catch (error) {
    fail(`Unable to run openssl: ${error instanceof Error ? error.message : String(error)}`, "openssl-missing");
  }
  const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  if (exitCode !== 0) fail(`openssl ${argv[1]} failed: ${stderr.trim().split("\n").at(-1) ?? ""}`, "openssl-failed");
}
