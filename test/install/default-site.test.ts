import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nginxAvailable } from "../e2e/nginx";
import { DOKKU_BIN, tempDir } from "../harness";
import {
  CATCH_ALL,
  EDITED_SITE,
  debianDefaultSite,
  fakeNginx,
  nginxCheck,
  snapshotTree,
  stockDefaultSite,
} from "./default-site-helpers";
import { INSTALL_SH, installTarget, runInstaller, type Target } from "./install-target";

const isRoot = process.getuid?.() === 0;
const STOCK = stockDefaultSite();
const SYSTEM_DIRS = ["/etc/nginx", "/etc/sudoers.d", "/etc/cron.d"];
const systemBefore = SYSTEM_DIRS.map((dir) => snapshotTree(dir));

function nginxRootOf(target: Target): string {
  return target.env.DOKKU_NGINX_ROOT as string;
}

function siteOf(target: Target): string {
  return join(nginxRootOf(target), "conf.d", "00-default-vhost.conf");
}

/** Runs install.sh with the target's roots, IPv6 on and an nginx reporting 1.22.1 unless `env` says otherwise. */
function install(target: Target, env: Record<string, string> = {}) {
  return runInstaller(["sh", INSTALL_SH], {
    ...target.env,
    DOKKU_BINARY: DOKKU_BIN,
    DOKKU_NGINX_IPV6: "1",
    DOKKU_NGINX_BIN: fakeNginx(target.dir, "nginx/1.22.1"),
    ...env,
  });
}

function listens(target: Target): string[] {
  return readFileSync(siteOf(target), "utf8")
    .split("\n")
    .filter((line) => /^\s*(listen|ssl_reject_handshake|return)\b/.test(line))
    .map((line) => line.trim());
}

describe.skipIf(!isRoot)("install.sh default site", () => {
  test("writes a catch-all default server on 80 and 443, IPv4 and IPv6, that closes unknown hosts' connections", async () => {
    using target = installTarget();
    const result = await install(target);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain(
      `       ${siteOf(target)}: requests for unknown hosts get no response, on http and https\n`,
    );
    expect({
      content: readFileSync(siteOf(target), "utf8"),
      mode: (statSync(siteOf(target)).mode & 0o777).toString(8),
    }).toEqual({ content: CATCH_ALL, mode: "644" });
    expect(readdirSync(join(nginxRootOf(target), "conf.d")).sort()).toEqual([
      "00-default-vhost.conf",
      "dokku.conf",
      "server_names_hash_bucket_size.conf",
    ]);
  });

  test("listens on IPv4 only when DOKKU_NGINX_IPV6=0", async () => {
    using target = installTarget();
    const result = await install(target, { DOKKU_NGINX_IPV6: "0" });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(listens(target)).toEqual([
      "listen      80 default_server;",
      "listen      443 ssl default_server;",
      "ssl_reject_handshake on;",
      "return 444;",
    ]);
  });

  test.each([
    ["nginx/1.18.0", false],
    ["nginx/1.19.3", false],
    ["nginx/1.19.4", true],
    ["openresty/1.21.4.1", true],
  ])("rejects TLS handshakes on 443 only when the nginx (%s) has ssl_reject_handshake", async (version, tls) => {
    using target = installTarget();
    const result = await install(target, { DOKKU_NGINX_BIN: fakeNginx(target.dir, version) });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    const http = ["listen      80 default_server;", "listen      [::]:80 default_server;"];
    const https = [
      "listen      443 ssl default_server;",
      "listen      [::]:443 ssl default_server;",
      "ssl_reject_handshake on;",
    ];
    expect(listens(target)).toEqual([...http, ...(tls ? https : []), "return 444;"]);
    if (!tls) expect(result.stdout).toContain("on http (nginx before 1.19.4 cannot reject TLS handshakes)\n");
  });

  test("covers port 80 only when there is no nginx to ask its version", async () => {
    using target = installTarget();
    const result = await install(target, { DOKKU_NGINX_BIN: join(target.dir, "no-nginx") });
    expect(result.exitCode).toBe(0);
    expect(listens(target)).toEqual([
      "listen      80 default_server;",
      "listen      [::]:80 default_server;",
      "return 444;",
    ]);
  });

  test("refuses a DOKKU_NGINX_IPV6 other than 1 or 0, installing nothing", async () => {
    using target = installTarget();
    const result = await install(target, { DOKKU_NGINX_IPV6: "yes" });
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: " !     DOKKU_NGINX_IPV6 must be 1 or 0, not yes\n",
    });
    expect([target.binDir, nginxRootOf(target), ...target.stateDirs].filter((path) => existsSync(path))).toEqual([]);
  });

  test.skipIf(!STOCK || !nginxAvailable())(
    "removes the link to Debian's stock default site, keeping the stock file, so nginx -t passes",
    async () => {
      using target = installTarget();
      using logs = tempDir("dokku-nginx-check-");
      const site = debianDefaultSite(nginxRootOf(target), STOCK as string);
      const result = await install(target);
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(result.stdout).toContain(
        `       Disabled Debian's stock default site: removed the link ${site.enabled} (the file it points to stays)\n`,
      );
      expect({
        enabled: readdirSync(join(nginxRootOf(target), "sites-enabled")),
        available: readFileSync(site.available, "utf8"),
        catchAll: readFileSync(siteOf(target), "utf8"),
      }).toEqual({
        enabled: [],
        available: STOCK as string,
        catchAll: CATCH_ALL,
      });
      expect(nginxCheck(nginxRootOf(target), logs.path)).toEqual({ exitCode: 0, stderr: "" });

      // the check can fail: with Debian's site enabled again, nginx sees two default servers on port 80
      debianDefaultSite(join(target.dir, "again"), STOCK as string);
      renameSync(join(target.dir, "again", "sites-enabled", "default"), site.enabled);
      const collision = nginxCheck(nginxRootOf(target), logs.path);
      expect({ exitCode: collision.exitCode, stderr: collision.stderr }).toEqual({
        exitCode: 1,
        stderr: expect.stringContaining("a duplicate default server for 0.0.0.0:80"),
      });
    },
  );

  test.skipIf(!STOCK)("removes an unchanged copy of Debian's stock default site from sites-enabled", async () => {
    using target = installTarget();
    const enabled = join(nginxRootOf(target), "sites-enabled", "default");
    mkdirSync(join(nginxRootOf(target), "sites-enabled"), { recursive: true });
    writeFileSync(enabled, STOCK as string);
    const result = await install(target);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain(`       Removed ${enabled}: an unchanged copy of Debian's stock default site\n`);
    expect({ enabled: existsSync(enabled), catchAll: readFileSync(siteOf(target), "utf8") }).toEqual({
      enabled: false,
      catchAll: CATCH_ALL,
    });
  });

  test.skipIf(!nginxAvailable())(
    "keeps an edited default site that claims default_server, installing no catch-all beside it",
    async () => {
      using target = installTarget();
      using logs = tempDir("dokku-nginx-check-");
      const site = debianDefaultSite(nginxRootOf(target), EDITED_SITE);
      const result = await install(target);
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({
        exitCode: 0,
        stderr: [
          ` !     Kept ${site.enabled}: it claims default_server, so it answers requests for hosts no app serves`,
          " !     No catch-all default site installed; to have one, drop default_server there and run install.sh again",
          "",
        ].join("\n"),
      });
      expect({
        enabled: readFileSync(site.enabled, "utf8"),
        available: readFileSync(site.available, "utf8"),
        catchAll: existsSync(siteOf(target)),
      }).toEqual({
        enabled: EDITED_SITE,
        available: EDITED_SITE,
        catchAll: false,
      });
      expect(nginxCheck(nginxRootOf(target), logs.path)).toEqual({ exitCode: 0, stderr: "" });
    },
  );

  test.skipIf(!nginxAvailable())(
    "installs the catch-all beside an edited default site that claims no default_server",
    async () => {
      using target = installTarget();
      using logs = tempDir("dokku-nginx-check-");
      const edited = EDITED_SITE.replaceAll(" default_server", "");
      const site = debianDefaultSite(nginxRootOf(target), edited);
      const result = await install(target);
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect({ enabled: readFileSync(site.enabled, "utf8"), catchAll: readFileSync(siteOf(target), "utf8") }).toEqual({
        enabled: edited,
        catchAll: CATCH_ALL,
      });
      expect(nginxCheck(nginxRootOf(target), logs.path)).toEqual({ exitCode: 0, stderr: "" });
    },
  );

  test("changes nothing in nginx's config when run again, and keeps an edited catch-all", async () => {
    using target = installTarget();
    debianDefaultSite(nginxRootOf(target), STOCK ?? EDITED_SITE.replaceAll(" default_server", ""));
    expect((await install(target)).exitCode).toBe(0);
    const first = snapshotTree(nginxRootOf(target));
    const written = statSync(siteOf(target));

    const again = await install(target);
    expect({ exitCode: again.exitCode, stderr: again.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(again.stdout).toContain(`       ${siteOf(target)} kept: requests for unknown hosts get no response\n`);
    expect(snapshotTree(nginxRootOf(target))).toEqual(first);
    expect({ ino: statSync(siteOf(target)).ino, mtime: statSync(siteOf(target)).mtimeMs }).toEqual({
      ino: written.ino,
      mtime: written.mtimeMs,
    });

    const edited = CATCH_ALL.replace("return 444;", "return 410;");
    writeFileSync(siteOf(target), edited);
    expect((await install(target, { DOKKU_NGINX_BIN: fakeNginx(target.dir, "nginx/1.18.0") })).exitCode).toBe(0);
    expect(readFileSync(siteOf(target), "utf8")).toBe(edited);
  });

  test("leaves the catch-all off once renamed to .disabled", async () => {
    using target = installTarget();
    expect((await install(target)).exitCode).toBe(0);
    renameSync(siteOf(target), `${siteOf(target)}.disabled`);
    const again = await install(target);
    expect({ exitCode: again.exitCode, stderr: again.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(again.stdout).toContain(`       ${siteOf(target)}.disabled: the catch-all default site stays off\n`);
    expect(readdirSync(join(nginxRootOf(target), "conf.d")).sort()).toEqual([
      "00-default-vhost.conf.disabled",
      "dokku.conf",
      "server_names_hash_bucket_size.conf",
    ]);
  });

  test("leaves /etc/nginx, /etc/sudoers.d and /etc/cron.d untouched", () => {
    expect(SYSTEM_DIRS.map((dir) => snapshotTree(dir))).toEqual(systemBefore);
  });
});
