import { describe, expect, test } from "bun:test";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runProgram, tempDir } from "../harness";
import { INSTALL_SH, installTarget, runInstaller } from "./install-target";

const isRoot = process.getuid?.() === 0;
const ROOTS = { DOKKU_USER: "dk", DOKKU_ROOT: "/srv/home", DOKKU_LIB_ROOT: "/srv/lib", DOKKU_LOGS_DIR: "/srv/logs" };

/** Calls one of install.sh's functions (DOKKU_INSTALL_FUNCTIONS_ONLY=1 defines them without installing). */
function installFunction(call: string, env: Record<string, string> = ROOTS) {
  return runProgram(["sh", "-c", `. "${INSTALL_SH}"; ${call}`], { env: { DOKKU_INSTALL_FUNCTIONS_ONLY: "1", ...env } });
}

describe("install.sh restore at boot", () => {
  test("the systemd unit runs ps:restore as the dokku user after docker, wanted by multi-user.target", async () => {
    expect(await installFunction("restore_unit /opt/bin/dokku")).toEqual({
      stdout: [
        "[Unit]",
        "Description=Dokku restore service: starts the apps that were running",
        "Requires=docker.service",
        "After=docker.service network-online.target",
        "Wants=network-online.target",
        "",
        "[Service]",
        "Type=oneshot",
        "User=dk",
        "Environment=DOKKU_ROOT=/srv/home DOKKU_LIB_ROOT=/srv/lib DOKKU_LOGS_DIR=/srv/logs",
        "ExecStart=/opt/bin/dokku ps:restore",
        "RemainAfterExit=yes",
        "TimeoutStartSec=0",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });

  test("the @reboot cron line waits for docker, then runs ps:restore into restore.log", async () => {
    using dir = tempDir("dokku-restore-cron-");
    const bin = join(dir.path, "bin");
    const calls = join(dir.path, "calls");
    await runProgram(["mkdir", "-p", bin]);
    // docker answers on its third try; dokku records how it was called
    writeFileSync(join(bin, "docker"), `#!/bin/sh\necho docker >> ${calls}\n[ "$(grep -c docker ${calls})" -ge 3 ]\n`);
    writeFileSync(join(bin, "dokku"), `#!/bin/sh\necho "dokku $* DOKKU_ROOT=$DOKKU_ROOT" >> ${calls}\necho restored\n`);
    for (const name of ["docker", "dokku"]) chmodSync(join(bin, name), 0o755);
    const cron = await installFunction(`restore_cron ${join(bin, "dokku")}`, { ...ROOTS, DOKKU_LOGS_DIR: dir.path });
    const lines = cron.stdout.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    expect(lines).toEqual([
      "PATH=/usr/local/bin:/usr/bin:/bin",
      "SHELL=/bin/sh",
      "DOKKU_ROOT=/srv/home",
      "DOKKU_LIB_ROOT=/srv/lib",
      `DOKKU_LOGS_DIR=${dir.path}`,
      expect.stringMatching(/^@reboot dk .+ ps:restore >> .+\/restore\.log 2>&1$/),
    ]);
    // cron runs the rest of the line with SHELL and the file's variables
    const command = (lines[5] as string).replace(/^@reboot dk /, "");
    const run = await runProgram(["/bin/sh", "-c", command], {
      env: { PATH: `${bin}:/usr/bin:/bin`, DOKKU_ROOT: "/srv/home" },
    });
    expect(run).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect({ calls: readFileSync(calls, "utf8"), log: readFileSync(join(dir.path, "restore.log"), "utf8") }).toEqual({
      calls: "docker\ndocker\ndocker\ndokku ps:restore DOKKU_ROOT=/srv/home\n",
      log: "restored\n",
    });
  });

  test.skipIf(!isRoot)("a fresh install without systemd writes the dokku-restore cron file", async () => {
    using target = installTarget();
    const result = await runInstaller(["sh", INSTALL_SH], { ...target.env, DOKKU_BINARY: DOKKU_BIN });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    const path = join(target.env.DOKKU_CRON_DIR as string, "dokku-restore");
    expect(result.stdout).toContain(
      `       ${path} runs ${target.binDir}/dokku ps:restore at boot as ${target.user}\n`,
    );
    expect({
      mode: (statSync(path).mode & 0o777).toString(8),
      last: readFileSync(path, "utf8").trimEnd().split("\n").at(-1),
    }).toEqual({
      mode: "644",
      last: `@reboot ${target.user} i=0; until docker info >/dev/null 2>&1 || [ $i -ge 120 ]; do i=$((i+1)); sleep 1; done; ${target.binDir}/dokku ps:restore >> ${target.env.DOKKU_LOGS_DIR}/restore.log 2>&1`,
    });
  });
});
