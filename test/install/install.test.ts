import { describe, expect, test } from "bun:test";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN } from "../harness";
import { INSTALL_SH, installTarget, runInstaller, uidOf, type RunResult, type Target } from "./install-target";

const ARTIFACT = `dokku-linux-${process.arch === "arm64" ? "arm64" : "x64"}`;
const isRoot = process.getuid?.() === 0;

let artifactSum: string | undefined;
async function sha256Of(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(await Bun.file(path).arrayBuffer());
  return hasher.digest("hex");
}
async function artifactSha256(): Promise<string> {
  artifactSum ??= await sha256Of(DOKKU_BIN);
  return artifactSum;
}

/** A release dir laid out as DOKKU_RELEASE_URL expects: the binary and its `.sha256` beside it. */
async function releaseDir(parent: string, sum?: string): Promise<string> {
  const dir = join(parent, "release");
  mkdirSync(dir);
  symlinkSync(DOKKU_BIN, join(dir, ARTIFACT));
  writeFileSync(join(dir, `${ARTIFACT}.sha256`), `${sum ?? (await artifactSha256())}  ${ARTIFACT}\n`);
  return dir;
}

function pipedScript(): Blob {
  return Bun.file(INSTALL_SH);
}

function expectInstalled(target: Target, result: RunResult): void {
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
  expect(result.stdout).toContain(`-----> Installed ${target.binDir}/dokku (dokku version `);
  expect(result.stdout).toContain("cat ~/.ssh/id_ed25519.pub | sudo dokku ssh-keys:add admin");
  const version = Bun.spawnSync([join(target.binDir, "dokku"), "version"]);
  expect({ exitCode: version.exitCode, stdout: version.stdout.toString() }).toEqual({
    exitCode: 0,
    stdout: expect.stringMatching(/^dokku version \S+\n$/),
  });

  const uid = uidOf(target.user);
  expect(uid).toBeNumber();
  const passwd = Bun.spawnSync(["getent", "passwd", target.user]).stdout.toString().trim().split(":");
  expect({ home: passwd[5], shell: passwd[6] }).toEqual({ home: target.env.DOKKU_ROOT, shell: "/bin/bash" });
  const owners: { dir: string; uid: number | undefined }[] = target.stateDirs.map((dir) => ({
    dir,
    uid: statSync(dir).uid,
  }));
  expect(owners).toEqual(target.stateDirs.map((dir) => ({ dir, uid })));
  expect(Bun.spawnSync(["id", "-nG", target.user]).stdout.toString().split(/\s+/)).toContain("docker");
  expectRetireCron(target);
  expectNginxSetup(target);
  expectStateFiles(target, uid as number);
}

/** Dokku's state files the binary uses as the dokku user, and the logs as Dokku's events plugin leaves them. */
function expectStateFiles(target: Target, uid: number): void {
  const env = target.env;
  const logsOwner = uidOf("syslog") ?? uid;
  const stat = (path: string) => {
    const info = statSync(path);
    return { uid: info.uid, gid: info.gid, mode: (info.mode & 0o777).toString(8) };
  };
  const gid = statSync(env.DOKKU_ROOT as string).gid;
  expect({
    globalConfig: stat(join(env.DOKKU_LIB_ROOT as string, "config", "--global")),
    dokkurc: stat(join(env.DOKKU_ROOT as string, ".dokkurc")),
    authorizedKeys: stat(join(env.DOKKU_ROOT as string, ".ssh", "authorized_keys")),
    logs: stat(env.DOKKU_LOGS_DIR as string),
    events: stat(join(env.DOKKU_LOGS_DIR as string, "events.log")),
    logrotate: existsSync(join(env.DOKKU_LOGROTATE_DIR as string, "dokku")),
  }).toEqual({
    globalConfig: { uid, gid, mode: "755" },
    dokkurc: { uid, gid, mode: "755" },
    authorizedKeys: { uid, gid, mode: "600" },
    logs: { uid: logsOwner, gid, mode: "775" },
    events: { uid: logsOwner, gid, mode: "664" },
    logrotate: true,
  });
}

/** nginx includes every app's config; the dokku user may run exactly `nginx -t` and `nginx -s reload` as root. */
function expectNginxSetup(target: Target): void {
  const env = target.env;
  const conf = join(env.DOKKU_NGINX_ROOT as string, "conf.d", "dokku.conf");
  const sudoers = join(env.DOKKU_SUDOERS_DIR as string, "dokku-nginx");
  expect({
    include: readFileSync(conf, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("include ")),
    bucket: readFileSync(join(env.DOKKU_NGINX_ROOT as string, "conf.d", "server_names_hash_bucket_size.conf"), "utf8"),
    sudoersMode: (statSync(sudoers).mode & 0o777).toString(8),
    sudoers: readFileSync(sudoers, "utf8"),
    leftovers: readdirSync(env.DOKKU_SUDOERS_DIR as string),
  }).toEqual({
    include: [`include ${env.DOKKU_ROOT}/*/nginx.conf;`],
    bucket: "server_names_hash_bucket_size 512;\n",
    sudoersMode: "440",
    sudoers: `${target.user} ALL=(root) NOPASSWD: /usr/sbin/nginx -t, /usr/sbin/nginx -s reload\n`,
    leftovers: ["dokku-nginx"],
  });
}

/** Without systemd (services skipped), a cron file runs `dokku ps:retire` every minute as the dokku user, with the install's roots. */
function expectRetireCron(target: Target): void {
  const path = join(target.env.DOKKU_CRON_DIR as string, "dokku-retire");
  const env = target.env;
  expect({
    mode: (statSync(path).mode & 0o777).toString(8),
    lines: readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#")),
  }).toEqual({
    mode: "644",
    lines: [
      "PATH=/usr/local/bin:/usr/bin:/bin",
      "SHELL=/bin/sh",
      `DOKKU_ROOT=${env.DOKKU_ROOT}`,
      `DOKKU_LIB_ROOT=${env.DOKKU_LIB_ROOT}`,
      `DOKKU_LOGS_DIR=${env.DOKKU_LOGS_DIR}`,
      `* * * * * ${target.user} ${target.binDir}/dokku ps:retire >> ${env.DOKKU_LOGS_DIR}/retire.log 2>&1`,
    ],
  });
}

function expectNothingInstalled(target: Target): void {
  expect(existsSync(target.binDir) ? readdirSync(target.binDir) : []).toEqual([]);
  expect(uidOf(target.user)).toBeUndefined();
  expect(target.stateDirs.filter((dir) => existsSync(dir))).toEqual([]);
  expect(existsSync(join(target.env.DOKKU_CRON_DIR as string, "dokku-retire"))).toBe(false);
  expect(
    [target.env.DOKKU_NGINX_ROOT as string, target.env.DOKKU_SUDOERS_DIR as string].filter((dir) => existsSync(dir)),
  ).toEqual([]);
}

describe.skipIf(!isRoot)("install.sh", () => {
  test("installs a local binary given by DOKKU_BINARY", async () => {
    using target = installTarget();
    const result = await runInstaller(["sh", INSTALL_SH], { ...target.env, DOKKU_BINARY: DOKKU_BIN });
    expectInstalled(target, result);
    expect(result.stdout).toContain(`-----> Using ${DOKKU_BIN}\n`);
    expect(result.stdout).toContain(`-----> Creating system user ${target.user} (home ${target.env.DOKKU_ROOT})`);
  });

  test("installs dist/dokku when run from a checkout", async () => {
    using target = installTarget();
    const checkout = join(target.dir, "checkout");
    mkdirSync(join(checkout, "src"), { recursive: true });
    mkdirSync(join(checkout, "dist"));
    copyFileSync(INSTALL_SH, join(checkout, "install.sh"));
    writeFileSync(join(checkout, "package.json"), "{}\n");
    writeFileSync(join(checkout, "src", "main.ts"), "\n");
    symlinkSync(DOKKU_BIN, join(checkout, "dist", "dokku"));
    const result = await runInstaller(["sh", join(checkout, "install.sh")], target.env);
    expectInstalled(target, result);
    expect(result.stdout).toContain(`-----> Using ${checkout}/dist/dokku\n`);
  });

  test("installs a release piped to sh from a file:// URL with a matching sha256", async () => {
    using target = installTarget();
    const release = await releaseDir(target.dir);
    const result = await runInstaller(
      ["sh"],
      { ...target.env, DOKKU_RELEASE_URL: `file://${release}` },
      { stdin: pipedScript(), cwd: target.dir },
    );
    expectInstalled(target, result);
    expect(result.stdout).toContain(
      `-----> Downloading file://${release}/${ARTIFACT}\n       sha256 ${await artifactSha256()} verified\n`,
    );
  });

  test("installs a release over loopback HTTP", async () => {
    using target = installTarget();
    const sum = await artifactSha256();
    const requested: string[] = [];
    using server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch(request) {
        const path = new URL(request.url).pathname;
        requested.push(path);
        if (path === `/v1/${ARTIFACT}`) return new Response(Bun.file(DOKKU_BIN));
        if (path === `/v1/${ARTIFACT}.sha256`) return new Response(`${sum}  ${ARTIFACT}\n`);
        return new Response("not found", { status: 404 });
      },
    });
    const url = `http://127.0.0.1:${server.port}/v1/`;
    const result = await runInstaller(
      ["sh"],
      { ...target.env, DOKKU_RELEASE_URL: url },
      { stdin: pipedScript(), cwd: target.dir },
    );
    expectInstalled(target, result);
    expect(requested).toEqual([`/v1/${ARTIFACT}`, `/v1/${ARTIFACT}.sha256`]);
  });

  test("refuses a release whose sha256 does not match, installing nothing", async () => {
    using target = installTarget();
    const release = await releaseDir(target.dir, "0".repeat(64));
    const result = await runInstaller(
      ["sh"],
      { ...target.env, DOKKU_RELEASE_URL: `file://${release}` },
      { stdin: pipedScript(), cwd: target.dir },
    );
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({
      exitCode: 1,
      stderr: ` !     Checksum mismatch for ${ARTIFACT}: expected ${"0".repeat(64)}, got ${await artifactSha256()}; nothing installed\n`,
    });
    expectNothingInstalled(target);
  });

  test("refuses a release whose .sha256 file holds no sum, installing nothing", async () => {
    using target = installTarget();
    const release = await releaseDir(target.dir, "<html>not a checksum</html>");
    const result = await runInstaller(
      ["sh"],
      { ...target.env, DOKKU_RELEASE_URL: `file://${release}` },
      { stdin: pipedScript(), cwd: target.dir },
    );
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({
      exitCode: 1,
      stderr: ` !     ${ARTIFACT}.sha256 holds no sha256 sum; nothing installed\n`,
    });
    expectNothingInstalled(target);
  });

  test("refuses a release without a .sha256 file, installing nothing", async () => {
    using target = installTarget();
    const release = join(target.dir, "release");
    mkdirSync(release);
    symlinkSync(DOKKU_BIN, join(release, ARTIFACT));
    const result = await runInstaller(
      ["sh"],
      { ...target.env, DOKKU_RELEASE_URL: `file://${release}` },
      { stdin: pipedScript(), cwd: target.dir },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toEndWith(` !     Could not download file://${release}/${ARTIFACT}.sha256\n`);
    expectNothingInstalled(target);
  });

  test("refuses a DOKKU_BINARY that is not a file, installing nothing", async () => {
    using target = installTarget();
    const missing = join(target.dir, "nope");
    const result = await runInstaller(["sh", INSTALL_SH], { ...target.env, DOKKU_BINARY: missing });
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: ` !     DOKKU_BINARY=${missing} is not a file\n`,
    });
    expectNothingInstalled(target);
  });

  test("refuses to run as a user other than root", async () => {
    using target = installTarget();
    const result = await runInstaller(["runuser", "-u", "nobody", "--", "sh", INSTALL_SH], {
      ...target.env,
      DOKKU_BINARY: DOKKU_BIN,
    });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 1, stdout: "" });
    expect(result.stderr).toStartWith(" !     Run as root: ");
    expectNothingInstalled(target);
  });

  test("is harmless when run twice, keeping the user and the state", async () => {
    using target = installTarget();
    const env = { ...target.env, DOKKU_BINARY: DOKKU_BIN };
    expectInstalled(target, await runInstaller(["sh", INSTALL_SH], env));
    const uid = uidOf(target.user);
    const kept = join(target.dir, "lib", "config", "kept");
    writeFileSync(kept, "state\n");
    const keys = join(target.env.DOKKU_ROOT as string, ".ssh", "authorized_keys");
    writeFileSync(keys, "ssh-ed25519 AAAA kept\n");
    const rotate = join(target.env.DOKKU_LOGROTATE_DIR as string, "dokku");
    expect((await Bun.file(rotate).text()).split("\n").slice(0, 3)).toEqual([
      `${target.env.DOKKU_LOGS_DIR}/*.log {`,
      "        daily",
      "        missingok",
    ]);
    writeFileSync(rotate, "# the operator's\n");

    const again = await runInstaller(["sh", INSTALL_SH], env);
    expectInstalled(target, again);
    expect(again.stdout).toContain(`       User ${target.user} exists\n`);
    expect(uidOf(target.user)).toBe(uid);
    expect(await Bun.file(kept).text()).toBe("state\n");
    expect(await Bun.file(keys).text()).toBe("ssh-ed25519 AAAA kept\n");
    expect(await Bun.file(rotate).text()).toBe("# the operator's\n");
    expect(readdirSync(target.binDir)).toEqual(["dokku"]);
  });
});
