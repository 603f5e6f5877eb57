import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs openssl (argv) in `dir`; any failure fails the test run with openssl's stderr. */
export function openssl(dir: string, ...args: string[]): void {
  const result = Bun.spawnSync(["openssl", ...args], { cwd: dir, stdout: "ignore", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr.toString()}`);
}

/**
 * Certificates and keys made at test time (nothing of value is ever committed), in one temp dir:
 * `good.crt`/`good.key` (self-signed, CN app1.example.com plus a www SAN), `other.key` (RSA,
 * another key), `ec.key`, `expired.crt` and `future.crt` (good.key's, signed with fixed dates
 * through `openssl ca`), `encrypted.key`, `garbage.txt`, `broken.crt` (a PEM block that is no
 * certificate), and a CA: `root.crt` -> `intermediate.crt` -> `leaf.crt`/`leaf.key`, with
 * `leaf-chain.crt` = leaf + intermediate.
 */
export interface CertFixtures extends Disposable {
  readonly dir: string;
  path(name: string): string;
  text(name: string): string;
}

export function makeCertFixtures(): CertFixtures {
  const dir = mkdtempSync(join(tmpdir(), "dokku-certs-fixtures-"));
  const run = (...args: string[]) => openssl(dir, ...args);
  const selfSigned = ["-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30"];
  run(
    "req",
    ...selfSigned,
    "-keyout",
    "good.key",
    "-out",
    "good.crt",
    "-subj",
    "/CN=app1.example.com",
    "-addext",
    "subjectAltName=DNS:app1.example.com,DNS:www.app1.example.com",
  );
  run("genrsa", "-out", "other.key", "2048");
  run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
  run("pkey", "-in", "good.key", "-aes256", "-passout", "pass:secret", "-out", "encrypted.key");
  run("req", "-new", "-key", "good.key", "-subj", "/CN=app1.example.com", "-out", "good.csr");
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "ca.cnf"), CA_CONFIG);
  const dated = (out: string, start: string, end: string) =>
    run(
      "ca",
      "-batch",
      "-config",
      "ca.cnf",
      "-selfsign",
      "-keyfile",
      "good.key",
      "-in",
      "good.csr",
      "-startdate",
      start,
      "-enddate",
      end,
      "-notext",
      "-create_serial",
      "-out",
      out,
    );
  dated("expired.crt", "20200101000000Z", "20200201000000Z");
  dated("future.crt", "20490101000000Z", "20491231000000Z");
  writeFileSync(join(dir, "garbage.txt"), "this is not a certificate\n");
  writeFileSync(
    join(dir, "broken.crt"),
    "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
  );
  run("req", ...selfSigned, "-keyout", "root.key", "-out", "root.crt", "-subj", "/O=Test Root/CN=Test Root CA");
  run(
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "intermediate.key",
    "-out",
    "intermediate.csr",
    "-subj",
    "/O=Test Root/CN=Test Intermediate",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  run(
    "x509",
    "-req",
    "-in",
    "intermediate.csr",
    "-CA",
    "root.crt",
    "-CAkey",
    "root.key",
    "-CAcreateserial",
    "-days",
    "30",
    "-copy_extensions",
    "copy",
    "-out",
    "intermediate.crt",
  );
  run(
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "leaf.key",
    "-out",
    "leaf.csr",
    "-subj",
    "/C=GB/O=Acme, Inc/CN=shop.example.com",
    "-addext",
    "subjectAltName=DNS:shop.example.com,DNS:*.shop.example.com",
  );
  run(
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "intermediate.crt",
    "-CAkey",
    "intermediate.key",
    "-CAcreateserial",
    "-days",
    "30",
    "-copy_extensions",
    "copy",
    "-out",
    "leaf.crt",
  );
  const text = (name: string) => readFileSync(join(dir, name), "utf8");
  writeFileSync(join(dir, "leaf-chain.crt"), text("leaf.crt") + text("intermediate.crt"));
  return {
    dir,
    path: (name) => join(dir, name),
    text,
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
`;
