import { createHash, createPublicKey } from "node:crypto";

/** A public key in OpenSSH's one-line form `type base64 [comment]`. */
export interface PublicKey {
  readonly type: string;
  /** The base64 text exactly as given. */
  readonly base64: string;
  readonly comment: string;
  /** The decoded wire-format blob. */
  readonly blob: Uint8Array;
  /** `SHA256:` + unpadded base64 of sha256(blob), as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
}

export type KeyParse =
  | { readonly ok: true; readonly key: PublicKey }
  | { readonly ok: false; readonly problem: string };

const EC_CURVES: Readonly<Record<string, { readonly crv: string; readonly pointLength: number }>> = {
  nistp256: { crv: "P-256", pointLength: 65 },
  nistp384: { crv: "P-384", pointLength: 97 },
  nistp521: { crv: "P-521", pointLength: 133 },
};

/** OpenSSH refuses RSA keys below this many modulus bits. */
const RSA_MIN_BITS = 1024;
const ED25519_LENGTH = 32;

/** The key types `ssh-keys:add` accepts, each with a check of the blob after its type string. */
const BLOB_CHECKS: Readonly<Record<string, (reader: BlobReader) => string | undefined>> = {
  "ssh-ed25519": (r) => ed25519(r.string()),
  "ssh-rsa": (r) => rsa(r.string(), r.string()),
  "ecdsa-sha2-nistp256": (r) => ecdsa("nistp256", r.text(), r.string()),
  "ecdsa-sha2-nistp384": (r) => ecdsa("nistp384", r.text(), r.string()),
  "ecdsa-sha2-nistp521": (r) => ecdsa("nistp521", r.text(), r.string()),
  "sk-ssh-ed25519@openssh.com": (r) => ed25519(r.string()) ?? application(r.text()),
  "sk-ecdsa-sha2-nistp256@openssh.com": (r) => ecdsa("nistp256", r.text(), r.string()) ?? application(r.text()),
};

/**
 * Parses and fully checks one public key line (`type base64 [comment]`), as `ssh-keygen -l`
 * would before printing its fingerprint. Pure.
 */
export function parsePublicKey(line: string): KeyParse {
  const text = line.trim();
  if (text === "") return { ok: false, problem: "empty key" };
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(text)) return { ok: false, problem: "the key contains control characters" };
  const [type = "", base64 = "", ...rest] = text.split(/[ \t]+/);
  const check = BLOB_CHECKS[type];
  if (!check) return { ok: false, problem: `unsupported key type '${type}'` };
  const decoded = decodeBlob(type, base64);
  if (typeof decoded === "string") return { ok: false, problem: decoded };
  const reader = new BlobReader(decoded);
  const checked = tryRead(() => {
    reader.string();
    return check(reader) ?? (reader.remaining() === 0 ? undefined : "trailing data after the key");
  });
  const problem = checked ? checked.value : TRUNCATED;
  if (problem) return { ok: false, problem };
  return { ok: true, key: buildKey(type, base64, rest.join(" "), decoded) };
}

/**
 * The weaker check for lines already in authorized_keys, whose types we may not know
 * (certificates, hand-added keys): the base64 decodes and names the declared type. Pure.
 */
export function parseAnyPublicKey(type: string, base64: string, comment = ""): KeyParse {
  const decoded = decodeBlob(type, base64);
  if (typeof decoded === "string") return { ok: false, problem: decoded };
  return { ok: true, key: buildKey(type, base64, comment, decoded) };
}

/** `SHA256:` + unpadded base64 of the blob's sha256, the form `ssh-keygen -lf` prints. Pure. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** `type base64 [comment]`, one line. Pure. */
export function publicKeyText(key: Pick<PublicKey, "type" | "base64" | "comment">): string {
  return [key.type, key.base64, key.comment].filter((part) => part !== "").join(" ");
}

function buildKey(type: string, base64: string, comment: string, blob: Uint8Array): PublicKey {
  return { type, base64, comment, blob, fingerprint: fingerprintOf(blob) };
}

/** Decodes strict, canonical base64 whose first field is the declared type; a problem string otherwise. */
function decodeBlob(type: string, base64: string): Uint8Array | string {
  if (base64 === "") return "missing key data";
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return "the key data is not valid base64";
  const blob = new Uint8Array(Buffer.from(base64, "base64"));
  if (Buffer.from(blob).toString("base64") !== base64) return "the key data is not valid base64";
  const inner = tryRead(() => new BlobReader(blob).text());
  if (!inner) return TRUNCATED;
  return inner.value === type ? blob : `the key data is of type '${inner.value}', not '${type}'`;
}

function ed25519(key: Uint8Array): string | undefined {
  return key.length === ED25519_LENGTH ? undefined : "an ed25519 key must be 32 bytes";
}

function rsa(exponent: Uint8Array, modulus: Uint8Array): string | undefined {
  if (!isPositiveMpint(exponent) || !isPositiveMpint(modulus)) return "the RSA key is malformed";
  const bits = (modulus.length - (modulus[0] === 0 ? 1 : 0)) * 8;
  return bits < RSA_MIN_BITS ? `the RSA key is shorter than ${RSA_MIN_BITS} bits` : undefined;
}

function ecdsa(
  curveName: "nistp256" | "nistp384" | "nistp521",
  declared: string,
  point: Uint8Array,
): string | undefined {
  const curve = EC_CURVES[curveName] as { crv: string; pointLength: number };
  if (declared !== curveName) return `the key names curve '${declared}', not '${curveName}'`;
  if (point.length !== curve.pointLength || point[0] !== 4) return "the ECDSA point is malformed";
  const half = (curve.pointLength - 1) / 2;
  const jwk = {
    kty: "EC",
    crv: curve.crv,
    x: Buffer.from(point.subarray(1, 1 + half)).toString("base64url"),
    y: Buffer.from(point.subarray(1 + half)).toString("base64url"),
  };
  try {
    createPublicKey({ key: jwk, format: "jwk" });
    return undefined;
  } catch {
    return "the ECDSA point is not on the curve";
  }
}

function application(value: string): string | undefined {
  return value.startsWith("ssh:") ? undefined : "the security key application must start with 'ssh:'";
}

function isPositiveMpint(value: Uint8Array): boolean {
  if (value.length === 0 || ((value[0] as number) & 0x80) !== 0) return false;
  return !(value[0] === 0 && (value.length === 1 || ((value[1] as number) & 0x80) === 0));
}

const TRUNCATED = "the key data is truncated";

/** Runs reader steps; undefined when the blob ends before a field does. */
function tryRead<T>(step: () => T): { value: T } | undefined {
  try {
    return { value: step() };
  } catch (error) {
    if (error instanceof TruncatedBlob) return undefined;
    throw error;
  }
}

class TruncatedBlob extends Error {}

/** Reads SSH wire-format fields: uint32 big-endian length, then that many bytes. */
class BlobReader {
  private offset = 0;
  constructor(private readonly blob: Uint8Array) {}

  string(): Uint8Array {
    if (this.offset + 4 > this.blob.length) throw new TruncatedBlob();
    const view = new DataView(this.blob.buffer, this.blob.byteOffset + this.offset, 4);
    const length = view.getUint32(0);
    const start = this.offset + 4;
    if (start + length > this.blob.length) throw new TruncatedBlob();
    this.offset = start + length;
    return this.blob.subarray(start, start + length);
  }

  text(): string {
    return new TextDecoder("latin1").decode(this.string());
  }

  remaining(): number {
    return this.blob.length - this.offset;
  }
}
