import type { X509Certificate } from "node:crypto";

const MAX_DEPTH = 10;

/**
 * Whether `leaf` chains up to one of `roots` through the intermediates given with it (the rest
 * of server.crt), each link signed by the next and valid at `now`: Dokku's `ssl-verified`
 * (`openssl verify` against the system CA bundle). A self-signed leaf that is not itself a
 * root is not verified. Pure.
 */
export function chainVerified(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  now: Date,
): boolean {
  let current = leaf;
  const unused = [...intermediates];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(current, now)) return false;
    if (roots.some((root) => root.fingerprint256 === current.fingerprint256 || signedBy(current, root))) return true;
    const nextIndex = unused.findIndex((candidate) => signedBy(current, candidate));
    if (nextIndex === -1) return false;
    current = unused.splice(nextIndex, 1)[0] as X509Certificate;
  }
  return false;
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return cert.validFromDate.getTime() <= now.getTime() && now.getTime() < cert.validToDate.getTime();
}
