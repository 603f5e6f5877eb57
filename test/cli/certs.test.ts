import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runDokku, tempRoots, type RunResult } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";
import { makeCertFixtures } from "../plugins/certs/fixtures";
import { tarOf } from "../archive-fixtures";

const fixtures = makeCertFixtures();
afterAll(() => fixtures[Symbol.dispose]());
const file = (name: string) => fixtures.path(name);

/** The binary with bytes on stdin (runDokku's stdin is text). */
async function withBytes(args: readonly string[], env: Record<string, string>, stdin: Uint8Array): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, ...args], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, ...env },
    stdin: new Blob([stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

/** A fresh state root with app1 created. */
async function withApp(): Promise<ReturnType<typeof tempRoots>> {
  const roots = tempRoots();
  await runDokku(["apps:create", "app1"], { env: roots.env });
  return roots;
}

const tls = (env: Record<string, string>) => join(env.DOKKU_ROOT as string, "app1", "tls");
const ok = { stdout: "", stderr: "", exitCode: 0 };

/** A certificate's date as `openssl x509` prints it (not through the code under test). */
function opensslDate(name: string, which: "startdate" | "enddate"): string {
  const result = Bun.spawnSync(["openssl", "x509", "-in", file(name), "-noout", `-${which}`]);
  return result.stdout
    .toString()
    .trim()
    .replace(/^not(Before|After)=/, "");
}

describe("certs:add", () => {
  test("installs a certificate and key given as files, the key readable by its owner only", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env })).toEqual(ok);
    expect({
      crt: readFileSync(join(tls(roots.env), "server.crt"), "utf8"),
      key: readFileSync(join(tls(roots.env), "server.key"), "utf8"),
      keyMode: (statSync(join(tls(roots.env), "server.key")).mode & 0o777).toString(8),
    }).toEqual({ crt: fixtures.text("good.crt"), key: fixtures.text("good.key"), keyMode: "600" });
  });

  test("installs server.crt and server.key from a tar on stdin", async () => {
    using roots = await withApp();
    const tar = tarOf([
      { name: "certs/", type: "5" },
      { name: "certs/server.crt", body: fixtures.text("leaf-chain.crt") },
      { name: "certs/server.key", body: fixtures.text("leaf.key") },
    ]);
    expect(await withBytes(["certs:add", "app1"], roots.env, tar)).toEqual(ok);
    expect([
      readFileSync(join(tls(roots.env), "server.crt"), "utf8"),
      readFileSync(join(tls(roots.env), "server.key"), "utf8"),
    ]).toEqual([fixtures.text("leaf-chain.crt"), fixtures.text("leaf.key")]);
  });

  test("installs a tar made by tar(1)", async () => {
    using roots = await withApp();
    const made = Bun.spawnSync(["tar", "-cf", "-", "-C", fixtures.dir, "good.crt", "good.key"]);
    expect(await withBytes(["certs:add", "app1"], roots.env, made.stdout)).toEqual(ok);
    expect(readFileSync(join(tls(roots.env), "server.key"), "utf8")).toBe(fixtures.text("good.key"));
  });

  test("installs a certificate that is not valid yet, with a warning", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:add", "app1", file("future.crt"), file("good.key")], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     The certificate in ${file("future.crt")} is not valid until Jan  1 00:00:00 2049 GMT\n`,
      exitCode: 0,
    });
    expect(readFileSync(join(tls(roots.env), "server.crt"), "utf8")).toBe(fixtures.text("future.crt"));
  });

  const refusals: [string, string[], string][] = [
    [
      "a garbage certificate",
      ["garbage.txt", "good.key"],
      `Invalid certificate in ${file("garbage.txt")}: no PEM certificate (-----BEGIN CERTIFICATE-----) found`,
    ],
    [
      "a certificate block that does not parse",
      ["broken.crt", "good.key"],
      `Invalid certificate in ${file("broken.crt")}: certificate 1 cannot be parsed`,
    ],
    [
      "a garbage key",
      ["good.crt", "garbage.txt"],
      `Invalid private key in ${file("garbage.txt")}: no PEM private key (-----BEGIN PRIVATE KEY-----) found`,
    ],
    [
      "a key that does not match",
      ["good.crt", "other.key"],
      `The private key in ${file("other.key")} does not match the certificate in ${file("good.crt")}`,
    ],
    [
      "an EC key for an RSA certificate",
      ["good.crt", "ec.key"],
      `The private key in ${file("ec.key")} does not match the certificate in ${file("good.crt")}`,
    ],
    [
      "an expired certificate",
      ["expired.crt", "good.key"],
      `The certificate in ${file("expired.crt")} expired on Feb  1 00:00:00 2020 GMT`,
    ],
    [
      "a passphrase-protected key",
      ["good.crt", "encrypted.key"],
      `Invalid private key in ${file("encrypted.key")}: the key is protected by a passphrase; nginx needs it unencrypted`,
    ],
    ["a missing certificate file", ["nope.crt", "good.key"], "CRT file specified not found, please check file paths"],
    ["a missing key file", ["good.crt", "nope.key"], "KEY file specified not found, please check file paths"],
    ["a directory as the key", ["good.crt", "."], "KEY file specified not found, please check file paths"],
  ];
  for (const [what, [crt, key], message] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = await withApp();
      const before = snapshotTree(roots.dir);
      expect(
        await runDokku(["certs:add", "app1", file(crt as string), file(key as string)], { env: roots.env }),
      ).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
      expect(existsSync(tls(roots.env))).toBe(false);
    });
  }

  const stdinRefusals: [string, Uint8Array, string][] = [
    ["empty stdin", new Uint8Array(), "Tar archive containing server.crt and server.key expected on stdin"],
    [
      "a tar without a key",
      tarOf([{ name: "server.crt", body: fixtures.text("good.crt") }]),
      "Tar archive is missing .key file",
    ],
    [
      "a tar with two certificates",
      tarOf([{ name: "a.crt" }, { name: "b.crt" }, { name: "a.key" }]),
      "Tar archive contains more than one .crt file",
    ],
    [
      "bytes that are no tar",
      new TextEncoder().encode("x".repeat(1024)),
      "Archive is not a valid tar file (bad header checksum)",
    ],
    [
      "a tar escaping its dir",
      tarOf([{ name: "../server.crt" }, { name: "server.key" }]),
      "Archive contains entries with parent directory traversal: ../server.crt",
    ],
    [
      "a tar with a mismatched pair",
      tarOf([
        { name: "server.crt", body: fixtures.text("good.crt") },
        { name: "server.key", body: fixtures.text("other.key") },
      ]),
      "The private key in server.key (tar archive) does not match the certificate in server.crt (tar archive)",
    ],
  ];
  for (const [what, bytes, message] of stdinRefusals) {
    test(`refuses ${what} on stdin and writes nothing`, async () => {
      using roots = await withApp();
      const before = snapshotTree(roots.dir);
      expect(await withBytes(["certs:add", "app1"], roots.env, bytes)).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }

  test("refuses a missing app with Dokku's exit status", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["certs:add", "nope", file("good.crt"), file("good.key")], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("certs:update", () => {
  test("replaces the app's certificate", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    expect(
      await runDokku(["certs:update", "app1", file("leaf-chain.crt"), file("leaf.key")], { env: roots.env }),
    ).toEqual(ok);
    expect(readFileSync(join(tls(roots.env), "server.key"), "utf8")).toBe(fixtures.text("leaf.key"));
  });

  test("refuses an expired certificate and keeps the installed one", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["certs:update", "app1", file("expired.crt"), file("good.key")], { env: roots.env });
    expect(result.exitCode).toBe(1);
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("certs:generate", () => {
  test("installs a self-signed certificate for the domain and prints the signing request", async () => {
    using roots = await withApp();
    const result = await runDokku(["certs:generate", "app1", "App1.Example.com"], { env: roots.env });
    const csr = readFileSync(join(tls(roots.env), "server.csr"), "utf8");
    expect(result).toEqual({
      stdout: [
        "-----> Installing certificate and key...",
        "-----> Added app1.example.com to app1",
        "-----> The following is a certificate signing request that can be used",
        "-----> to generate an 'officially' signed SSL certificate for app1 at app1.example.com",
        "-----> by a CA of your choosing.",
        csr,
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    const san = Bun.spawnSync([
      "openssl",
      "x509",
      "-in",
      join(tls(roots.env), "server.crt"),
      "-noout",
      "-ext",
      "subjectAltName",
    ]).stdout.toString();
    expect(san).toBe("X509v3 Subject Alternative Name: \n    DNS:app1.example.com\n");
    expect(await runDokku(["certs:report", "app1", "--ssl-hostnames"], { env: roots.env })).toEqual({
      stdout: "app1.example.com\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["domains:report", "app1", "--domains-app-vhosts"], { env: roots.env })).toEqual({
      stdout: "app1.example.com\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("leaves an app that has a certificate alone", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["certs:generate", "app1", "other.example.com"], { env: roots.env })).toEqual({
      stdout: "-----> app1 has an SSL endpoint already defined\n",
      stderr: "",
      exitCode: 0,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  const refusals: [string, string[], string][] = [
    ["a missing domain", ["app1"], "Please specify a domain: certs:generate <app> DOMAIN"],
    ["an invalid domain", ["app1", "/CN=x"], "Invalid domain: /CN=x"],
    ["a domain with a bad label", ["app1", "x-.example.com"], "Invalid domain: x-.example.com"],
  ];
  for (const [what, args, message] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = await withApp();
      const before = snapshotTree(roots.dir);
      expect(await runDokku(["certs:generate", ...args], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }
});

describe("certs:show", () => {
  test("prints the certificate and the key as they are", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    expect([
      await runDokku(["certs:show", "app1", "crt"], { env: roots.env }),
      await runDokku(["certs:show", "app1", "key"], { env: roots.env }),
    ]).toEqual([
      { stdout: fixtures.text("good.crt"), stderr: "", exitCode: 0 },
      { stdout: fixtures.text("good.key"), stderr: "", exitCode: 0 },
    ]);
  });

  test("refuses another file type", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:show", "app1", "pem"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     specify either 'key' or 'crt'\n",
      exitCode: 1,
    });
  });

  test("refuses an app without a certificate", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:show", "app1", "crt"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     app1 doesn't have an SSL endpoint defined\n",
      exitCode: 1,
    });
  });
});

describe("certs:remove", () => {
  test("removes the app's tls dir", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    expect(await runDokku(["certs:remove", "app1"], { env: roots.env })).toEqual({
      stdout: "-----> Removing SSL endpoint from app1\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(tls(roots.env))).toBe(false);
  });

  test("refuses an app without a certificate", async () => {
    using roots = await withApp();
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["certs:remove", "app1"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     An app-specific SSL endpoint is not defined\n",
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("certs:report", () => {
  test("reports an app's certificate", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    expect(await runDokku(["certs:report", "app1"], { env: roots.env })).toEqual({
      stdout: [
        "=====> app1 ssl information",
        `       Ssl dir:                       ${tls(roots.env)}`,
        "       Ssl enabled:                   true",
        `       Ssl expires at:                ${opensslDate("good.crt", "enddate")}`,
        "       Ssl hostnames:                 app1.example.com www.app1.example.com",
        "       Ssl issuer:                    CN=app1.example.com",
        `       Ssl starts at:                 ${opensslDate("good.crt", "startdate")}`,
        "       Ssl subject:                   CN=app1.example.com",
        "       Ssl verified:                  self signed",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });

  test("reports a CA-issued chain as verified against the trusted bundle", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("leaf-chain.crt"), file("leaf.key")], { env: roots.env });
    const result = await runDokku(["certs:report", "app1", "--format", "json"], {
      env: { ...roots.env, SSL_CERT_FILE: file("root.crt") },
    });
    const report = JSON.parse(result.stdout) as Record<string, string>;
    expect({
      enabled: report.enabled,
      hostnames: report.hostnames,
      issuer: report.issuer,
      subject: report.subject,
      verified: report.verified,
      expiresAt: report["expires-at"],
      stderr: result.stderr,
    }).toEqual({
      enabled: "true",
      hostnames: "*.shop.example.com shop.example.com",
      issuer: "O=Test Root, CN=Test Intermediate",
      subject: "C=GB; O=Acme, Inc; CN=shop.example.com",
      verified: "verified by a certificate authority",
      expiresAt: opensslDate("leaf.crt", "enddate"),
      stderr: "",
    });
  });

  test("reports the same chain as self signed when its root is not trusted", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("leaf-chain.crt"), file("leaf.key")], { env: roots.env });
    expect(
      await runDokku(["certs:report", "app1", "--ssl-verified"], {
        env: { ...roots.env, SSL_CERT_FILE: file("good.crt") },
      }),
    ).toEqual({
      stdout: "self signed\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("reports an app without a certificate", async () => {
    using roots = await withApp();
    const result = await runDokku(["certs:report", "app1", "--format", "json"], { env: roots.env });
    const report = JSON.parse(result.stdout) as Record<string, string>;
    expect(
      ["dir", "enabled", "hostnames", "expires-at", "issuer", "starts-at", "subject", "verified"].map(
        (key) => report[key],
      ),
    ).toEqual([tls(roots.env), "false", "", "", "", "", "", ""]);
  });

  test("prints one value for a flag", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    expect(await runDokku(["certs:report", "app1", "--ssl-enabled"], { env: roots.env })).toEqual({
      stdout: "true\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses an unknown flag, listing the valid ones", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:report", "app1", "--ssl-nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr:
        " !     Invalid flag passed, valid flags: --ssl-dir, --ssl-enabled, --ssl-expires-at, --ssl-hostnames, --ssl-issuer, --ssl-starts-at, --ssl-subject, --ssl-verified\n",
      exitCode: 1,
    });
  });

  test("has no global entries", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:report", "--global"], { env: roots.env })).toEqual({
      stdout: "=====> --global ssl information\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses a missing app", async () => {
    using roots = await withApp();
    expect(await runDokku(["certs:report", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });

  test("adds an ssl section to dokku report", async () => {
    using roots = await withApp();
    const result = await runDokku(["report", "app1"], { env: roots.env });
    expect(result.stdout).toContain(
      `=====> app1 ssl information\n       Ssl dir:                       ${tls(roots.env)}\n       Ssl enabled:                   false\n`,
    );
  });
});

describe("port maps", () => {
  test("an http:80 map gains its https:443 twin with a certificate and loses it without", async () => {
    using roots = await withApp();
    await runDokku(["ports:set", "app1", "http:80:5000"], { env: roots.env });
    const portsMap = async () => (await runDokku(["ports:report", "app1", "--ports-map"], { env: roots.env })).stdout;
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    const withCertificate = await portsMap();
    await runDokku(["certs:remove", "app1"], { env: roots.env });
    expect([withCertificate, await portsMap()]).toEqual(["http:80:5000 https:443:5000\n", "http:80:5000\n"]);
  });

  test("a refused certificate leaves the port maps alone", async () => {
    using roots = await withApp();
    await runDokku(["ports:set", "app1", "http:80:5000"], { env: roots.env });
    await runDokku(["certs:add", "app1", file("expired.crt"), file("good.key")], { env: roots.env });
    expect((await runDokku(["ports:report", "app1", "--ports-map"], { env: roots.env })).stdout).toBe("http:80:5000\n");
  });
});

describe("apps:rename", () => {
  test("the certificate moves with the app", async () => {
    using roots = await withApp();
    await runDokku(["certs:add", "app1", file("good.crt"), file("good.key")], { env: roots.env });
    await runDokku(["apps:rename", "app1", "app2"], { env: roots.env });
    expect(await runDokku(["certs:show", "app2", "key"], { env: roots.env })).toEqual({
      stdout: fixtures.text("good.key"),
      stderr: "",
      exitCode: 0,
    });
  });
});
