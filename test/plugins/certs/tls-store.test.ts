import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { appCertificate } from "../../../src/plugins/certs/app-certificate";
import { installTlsFiles, removeTlsDir } from "../../../src/plugins/certs/tls-store";
import { pathsFromEnv } from "../../../src/core/paths";
import { tempRoots } from "../../harness";

function setup(roots: { env: Record<string, string> }) {
  const ctx = { paths: pathsFromEnv(roots.env), owner: undefined };
  mkdirSync(`${ctx.paths.dokkuRoot}/app1`, { recursive: true });
  return ctx;
}

describe("installTlsFiles", () => {
  test("writes server.crt (0644) and server.key (0600) into the app's tls dir (0750)", () => {
    using roots = tempRoots();
    const ctx = setup(roots);
    installTlsFiles(ctx, "app1", { crt: "CRT", key: "KEY" });
    const dir = `${ctx.paths.dokkuRoot}/app1/tls`;
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect({
      files: readdirSync(dir).sort(),
      crt: readFileSync(`${dir}/server.crt`, "utf8"),
      key: readFileSync(`${dir}/server.key`, "utf8"),
      modes: [mode(dir), mode(`${dir}/server.crt`), mode(`${dir}/server.key`)],
      appDir: readdirSync(`${ctx.paths.dokkuRoot}/app1`),
    }).toEqual({
      files: ["server.crt", "server.key"],
      crt: "CRT",
      key: "KEY",
      modes: ["750", "644", "600"],
      appDir: ["tls"],
    });
  });

  test("replaces the whole dir: a csr left by certs:generate goes with the old pair", () => {
    using roots = tempRoots();
    const ctx = setup(roots);
    installTlsFiles(ctx, "app1", { crt: "OLD", key: "OLD", csr: "CSR" });
    installTlsFiles(ctx, "app1", { crt: "NEW", key: "NEWKEY" });
    const dir = `${ctx.paths.dokkuRoot}/app1/tls`;
    expect([
      readdirSync(dir).sort(),
      readFileSync(`${dir}/server.key`, "utf8"),
      readdirSync(`${ctx.paths.dokkuRoot}/app1`),
    ]).toEqual([["server.crt", "server.key"], "NEWKEY", ["tls"]]);
  });
});

describe("removeTlsDir", () => {
  test("removes the dir and says whether there was one", () => {
    using roots = tempRoots();
    const ctx = setup(roots);
    installTlsFiles(ctx, "app1", { crt: "C", key: "K" });
    expect([removeTlsDir(ctx, "app1"), removeTlsDir(ctx, "app1"), readdirSync(`${ctx.paths.dokkuRoot}/app1`)]).toEqual([
      true,
      false,
      [],
    ]);
  });
});

describe("appCertificate", () => {
  test("gives both paths when the app has a certificate and a key", () => {
    using roots = tempRoots();
    const ctx = setup(roots);
    installTlsFiles(ctx, "app1", { crt: "C", key: "K" });
    const dir = `${ctx.paths.dokkuRoot}/app1/tls`;
    expect(appCertificate(ctx, "app1")).toEqual({ crtPath: `${dir}/server.crt`, keyPath: `${dir}/server.key` });
  });

  test("gives undefined without a tls dir, or with only one of the files", () => {
    using roots = tempRoots();
    const ctx = setup(roots);
    const before = appCertificate(ctx, "app1");
    mkdirSync(`${ctx.paths.dokkuRoot}/app1/tls`);
    writeFileSync(`${ctx.paths.dokkuRoot}/app1/tls/server.crt`, "C");
    expect([before, appCertificate(ctx, "app1"), appCertificate(ctx, "nope")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
