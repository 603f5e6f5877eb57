import { describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { makeCertFixtures } from "../plugins/certs/fixtures";

function scaleFile(roots: { env: Record<string, string> }, app: string): string {
  return join(roots.env.DOKKU_LIB_ROOT as string, "config/ps", app, "scale");
}

describe("ps:scale without a deploy", () => {
  test("shows web=1 for a new app, as Dokku's post-create sets it", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const table = await runDokku(["ps:scale", "shop"], { env: roots.env });
    const json = await runDokku(["ps:scale", "shop", "--format", "json"], { env: roots.env });
    expect({ table, json }).toEqual({
      table: { stdout: "-----> Scaling for shop\nproctype: qty\n--------: ---\nweb:  1\n", stderr: "", exitCode: 0 },
      json: { stdout: '[{"process_type":"web","quantity":1}]\n', stderr: "", exitCode: 0 },
    });
  });

  test("saves a new scale without deploying an app that was never deployed", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const result = await runDokku(["ps:scale", "shop", "web=2", "worker=1"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Scaling shop processes: web=2 worker=1\n", stderr: "", exitCode: 0 });
    expect(readFileSync(scaleFile(roots, "shop"), "utf8")).toBe("web=2\nworker=1\n");
  });

  test("refuses bad tuples with one line and keeps the stored scale", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const results = [];
    for (const tuple of ["web=x", "web=-1", "web"])
      results.push(await runDokku(["ps:scale", "shop", "worker=1", tuple], { env: roots.env }));
    expect(results).toEqual([
      { stdout: "", stderr: " !     Invalid count for process type web\n", exitCode: 1 },
      { stdout: "", stderr: " !     Invalid count for process type web\n", exitCode: 1 },
      { stdout: "", stderr: " !     Missing count for process type web\n", exitCode: 1 },
    ]);
    expect(readFileSync(scaleFile(roots, "shop"), "utf8")).toBe("web=1\n");
  });

  test("refuses a process type the current release's Procfile lacks, and an app.json-managed scale", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    await runDokku(["apps:create", "managed"], { env: roots.env });
    writeRelease(roots, "shop", { web: "httpd" }, {});
    writeRelease(roots, "managed", { web: "httpd" }, { formation: { web: { quantity: 1 } } });
    const unknown = await runDokku(["ps:scale", "shop", "clock=1"], { env: roots.env });
    const managed = await runDokku(["ps:scale", "managed", "web=2"], { env: roots.env });
    expect({ unknown, managed }).toEqual({
      unknown: { stdout: "", stderr: " !     clock is not a valid process name to scale up\n", exitCode: 1 },
      managed: {
        stdout: "",
        stderr: " !     App managed contains an app.json file with a formations key and cannot be manually scaled\n",
        exitCode: 1,
      },
    });
    expect(readFileSync(scaleFile(roots, "shop"), "utf8")).toBe("web=1\n");
  });
});

describe("ps:set and ps:report", () => {
  test("sets a restart policy and reports the computed value", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const set = await runDokku(["ps:set", "shop", "restart-policy", "always"], { env: roots.env });
    const computed = await runDokku(["ps:report", "shop", "--ps-computed-restart-policy"], { env: roots.env });
    const global = await runDokku(["ps:report", "--global", "--ps-computed-stop-timeout-seconds"], { env: roots.env });
    expect({ set, computed, global }).toEqual({
      set: { stdout: "=====> Setting restart-policy to always\n", stderr: "", exitCode: 0 },
      computed: { stdout: "always\n", stderr: "", exitCode: 0 },
      global: { stdout: "30\n", stderr: "", exitCode: 0 },
    });
  });

  test("reports a never-deployed app as not deployed and not running", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const report = await runDokku(["ps:report", "shop", "--format", "json"], { env: roots.env });
    const data = JSON.parse(report.stdout) as Record<string, string>;
    expect({
      deployed: data.deployed,
      running: data.running,
      processes: data.processes,
      restore: data.restore,
      exitCode: report.exitCode,
    }).toEqual({
      deployed: "false",
      running: "false",
      processes: "0",
      restore: "true",
      exitCode: 0,
    });
  });

  test("refuses a bad restart policy, a bad stop timeout and a global-only mistake, writing nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const policy = await runDokku(["ps:set", "shop", "restart-policy", "sometimes"], { env: roots.env });
    const timeout = await runDokku(["ps:set", "shop", "stop-timeout-seconds", "soon"], { env: roots.env });
    const global = await runDokku(["ps:set", "--global", "restore", "false"], { env: roots.env });
    expect({ policy, timeout, global }).toEqual({
      policy: { stdout: "", stderr: " !     Invalid restart-policy specified\n", exitCode: 1 },
      timeout: {
        stdout: "",
        stderr: " !     Invalid stop-timeout-seconds specified: must be a whole number of seconds\n",
        exitCode: 1,
      },
      global: { stdout: "", stderr: " !     Property cannot be specified globally\n", exitCode: 1 },
    });
    const dir = join(roots.env.DOKKU_LIB_ROOT as string, "config/ps");
    expect([
      existsSync(join(dir, "shop/restart-policy")),
      existsSync(join(dir, "shop/stop-timeout-seconds")),
      existsSync(join(dir, "--global/restore")),
    ]).toEqual([false, false, false]);
  });
});

describe("commands on an app that was never deployed", () => {
  test("logs, run and enter refuse; ps:stop and ps:start warn; urls falls back to the host name (no domain)", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const results = await Promise.all(
      [
        ["logs", "shop"],
        ["run", "shop", "ls"],
        ["enter", "shop"],
        ["ps:stop", "shop"],
        ["ps:start", "shop"],
        ["urls", "shop"],
      ].map((args) => runDokku(args, { env: roots.env })),
    );
    expect(results).toEqual([
      { stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 1 },
      { stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 1 },
      { stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 1 },
      { stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 0 },
      { stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 0 },
      { stdout: `http://${hostname()}\n`, stderr: "", exitCode: 0 },
    ]);
  });

  test("url and urls use the app's default vhost from the global VHOST domains", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    writeFileSync(join(roots.env.DOKKU_ROOT as string, "VHOST"), "example.com\n10.0.0.1\n");
    const urls = await runDokku(["urls", "shop"], { env: roots.env });
    const url = await runDokku(["url", "shop"], { env: roots.env });
    const missing = await runDokku(["urls", "nope"], { env: roots.env });
    expect({ urls, url, missing }).toEqual({
      urls: { stdout: "http://shop.example.com\n", stderr: "", exitCode: 0 },
      url: { stdout: "http://shop.example.com\n", stderr: "", exitCode: 0 },
      missing: { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
    });
  });

  test("with a certificate in the app's tls dir (as Dokku's tests put it), urls lists sorted and url is the first https URL in domain order", async () => {
    using roots = tempRoots();
    using certs = makeCertFixtures();
    const env = roots.env;
    writeFileSync(join(env.DOKKU_ROOT as string, "VHOST"), "dokku.me\n");
    await runDokku(["apps:create", "shop"], { env });
    const tls = join(env.DOKKU_ROOT as string, "shop", "tls");
    mkdirSync(tls);
    copyFileSync(certs.path("good.crt"), join(tls, "server.crt"));
    copyFileSync(certs.path("good.key"), join(tls, "server.key"));
    expect((await runDokku(["proxy:build-config", "shop"], { env })).exitCode).toBe(0);
    const before = await runDokku(["url", "shop"], { env });
    await runDokku(["domains:add", "shop", "test.dokku.me", "dokku.example.com"], { env });
    expect({
      before,
      urls: await runDokku(["urls", "shop"], { env }),
      url: await runDokku(["url", "shop"], { env }),
    }).toEqual({
      before: { stdout: "https://shop.dokku.me\n", stderr: "", exitCode: 0 },
      urls: {
        stdout: [
          "http://dokku.example.com",
          "http://shop.dokku.me",
          "http://test.dokku.me",
          "https://dokku.example.com",
          "https://shop.dokku.me",
          "https://test.dokku.me",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      url: { stdout: "https://shop.dokku.me\n", stderr: "", exitCode: 0 },
    });
  });
});

/** A release record as the release plugin writes it, marked current. */
function writeRelease(
  roots: { env: Record<string, string> },
  app: string,
  processes: Record<string, string>,
  appJson: object,
): void {
  const lib = roots.env.DOKKU_LIB_ROOT as string;
  mkdirSync(join(lib, "data/releases", app), { recursive: true });
  const release = {
    id: 1,
    app,
    image: `dokku/${app}:v1`,
    builder: "dockerfile",
    source: "image",
    createdAt: "2024-01-01T00:00:00.000Z",
    processes,
    appJson,
  };
  writeFileSync(join(lib, "data/releases", app, "1.json"), JSON.stringify(release));
  writeFileSync(join(lib, "data/releases", app, "current"), "1\n");
}
