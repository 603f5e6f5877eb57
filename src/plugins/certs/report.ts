import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { chainVerified } from "../../builders/x509-chain";
import { certificateFacts } from "../../builders/x509-facts";
import { pemBlocks } from "../../builders/x509-pair";
import { appCertificate } from "./app-certificate";
import { tlsDir } from "./paths";

const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

/**
 * The `ssl` report of an app, as Dokku's certs/report.go: its tls dir, whether it has a
 * certificate, and that certificate's hostnames, dates, issuer, subject and whether it chains
 * to a trusted CA. The global scope has no entries.
 */
export function certsReport(ctx: Pick<Context, "paths" | "env" | "now">, target: string): Report {
  if (target === GLOBAL) return { type: "ssl", target, legacyKeys: false, entries: {} };
  const certificate = appCertificate(ctx, target);
  const chain = certificate ? readChain(certificate.crtPath) : [];
  const [leaf, ...intermediates] = chain;
  const facts = leaf ? certificateFacts(leaf) : undefined;
  return {
    type: "ssl",
    legacyKeys: false,
    target,
    entries: {
      "--ssl-dir": tlsDir(ctx, target),
      "--ssl-enabled": String(certificate !== undefined),
      "--ssl-hostnames": facts?.hostnames.join(" ") ?? "",
      "--ssl-expires-at": facts?.expiresAt ?? "",
      "--ssl-issuer": facts?.issuer ?? "",
      "--ssl-starts-at": facts?.startsAt ?? "",
      "--ssl-subject": facts?.subject ?? "",
      "--ssl-verified": !certificate
        ? ""
        : leaf && verified(ctx, leaf, intermediates)
          ? "verified by a certificate authority"
          : "self signed",
    },
  };
}

/** Every certificate of server.crt that parses, leaf first; [] when it cannot be read. */
function readChain(path: string): X509Certificate[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const chain: X509Certificate[] = [];
  for (const block of pemBlocks(text)) {
    try {
      chain.push(new X509Certificate(block.text));
    } catch {
      break;
    }
  }
  return chain;
}

/** A self-signed leaf never chains to a CA: the trusted roots are only read for the others. */
function verified(
  ctx: Pick<Context, "env" | "now">,
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
): boolean {
  if (leaf.checkIssued(leaf)) return false;
  return chainVerified(leaf, intermediates, trustedRoots(ctx.env.SSL_CERT_FILE || SYSTEM_CA_BUNDLE), ctx.now());
}

/** The system CA bundle (as `openssl verify`), else the roots built into the runtime. */
function trustedRoots(bundle: string): X509Certificate[] {
  let texts: string[];
  try {
    texts = pemBlocks(readFileSync(bundle, "utf8")).map((block) => block.text);
  } catch {
    texts = [...rootCertificates];
  }
  const roots: X509Certificate[] = [];
  for (const text of texts) {
    try {
      roots.push(new X509Certificate(text));
    } catch {
      // a root the runtime cannot parse cannot anchor a chain either
    }
  }
  return roots;
}
