import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const vhostFile = (roots: Roots, app?: string) => join(roots.env.DOKKU_ROOT as string, ...(app ? [app] : []), "VHOST");
const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });

/** Temp roots with the global domain set before the apps are created, as an installed host has it. */
async function hostWith(roots: Roots, ...apps: string[]): Promise<void> {
  writeFileSync(vhostFile(roots), "dokku.me\n");
  for (const app of apps) await dokku(roots, "apps:create", app);
}

describe("domains: default vhost", () => {
  test("writes <app>.<global domain> to the app's VHOST file when the app is created", async () => {
    using roots = tempRoots();
    writeFileSync(vhostFile(roots), "dokku.me\n");
    const created = await dokku(roots, "apps:create", "shop");
    expect({ created, file: read(vhostFile(roots, "shop")) }).toEqual({
      created: ok("-----> Creating shop...\n-----> Creating new app virtual host file...\n"),
      file: "shop.dokku.me\n",
    });
  });

  test("leaves an app made without a global domain file-less, its default following a later global domain", async () => {
    using roots = tempRoots();
    const created = await dokku(roots, "apps:create", "shop");
    await dokku(roots, "domains:set-global", "later.dev");
    const vhosts = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    expect({ created, vhosts, file: read(vhostFile(roots, "shop")) }).toEqual({
      created: ok("-----> Creating shop...\n"),
      vhosts: ok("shop.later.dev\n"),
      file: undefined,
    });
  });

  test("moves the default vhost to the new name on apps:rename and keeps custom domains", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "shop.example.com");
    const renamed = await dokku(roots, "apps:rename", "--skip-deploy", "shop", "store");
    expect({
      renamed: renamed.exitCode,
      file: read(vhostFile(roots, "store")),
      old: existsSync(join(roots.env.DOKKU_ROOT as string, "shop")),
    }).toEqual({
      renamed: 0,
      file: "store.dokku.me\nshop.example.com\n",
      old: false,
    });
  });

  test("gives a clone its own default vhost, never the original's domains", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "shop.example.com");
    const cloned = await dokku(roots, "apps:clone", "--skip-deploy", "shop", "copy");
    expect({
      cloned: cloned.exitCode,
      copy: read(vhostFile(roots, "copy")),
      shop: read(vhostFile(roots, "shop")),
    }).toEqual({
      cloned: 0,
      copy: "copy.dokku.me\n",
      shop: "shop.dokku.me\nshop.example.com\n",
    });
  });
});

describe("domains:add, domains:remove, domains:set", () => {
  test("adds domains lowercased, skipping ones already there", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    const added = await dokku(roots, "domains:add", "shop", "Www.Example.com", "*.apps.example.com", "www.example.com");
    expect({ added, file: read(vhostFile(roots, "shop")) }).toEqual({
      added: ok(
        "-----> Added www.example.com to shop\n-----> Added *.apps.example.com to shop\n-----> Skipping: www.example.com already added to shop\n",
      ),
      file: "shop.dokku.me\nwww.example.com\n*.apps.example.com\n",
    });
  });

  test("issue 14: accepts nginx's .domain form and the catch-all _, as Dokku does, and removes a wildcard", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    const added = await dokku(roots, "domains:add", "shop", ".Dokku.me", "_", "*.dokku.me");
    const vhosts = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    const removed = await dokku(roots, "domains:remove", "shop", "*.dokku.me", ".dokku.me", "_");
    const after = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    expect({ added, vhosts, removed, after }).toEqual({
      added: ok("-----> Added .dokku.me to shop\n-----> Added _ to shop\n-----> Added *.dokku.me to shop\n"),
      vhosts: ok("shop.dokku.me .dokku.me _ *.dokku.me\n"),
      removed: ok(
        "-----> Removed *.dokku.me from shop\n-----> Removed .dokku.me from shop\n-----> Removed _ from shop\n",
      ),
      after: ok("shop.dokku.me\n"),
    });
  });

  test("allows the same domain on two apps, as Dokku does", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop", "blog");
    await dokku(roots, "domains:add", "shop", "example.com");
    const second = await dokku(roots, "domains:add", "blog", "example.com");
    expect({ second, blog: read(vhostFile(roots, "blog")) }).toEqual({
      second: ok("-----> Added example.com to blog\n"),
      blog: "blog.dokku.me\nexample.com\n",
    });
  });

  test("removes domains, the default vhost included", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "a.com", "b.com");
    const removed = await dokku(roots, "domains:remove", "shop", "shop.dokku.me", "A.com");
    expect({ removed, file: read(vhostFile(roots, "shop")) }).toEqual({
      removed: ok("-----> Removed shop.dokku.me from shop\n-----> Removed a.com from shop\n"),
      file: "b.com\n",
    });
  });

  test("removes a line Dokku's looser rule let in, though it is not a valid domain", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    writeFileSync(vhostFile(roots, "shop"), "shop.dokku.me\nbad..name\n");
    const removed = await dokku(roots, "domains:remove", "shop", "bad..name");
    expect({ removed, file: read(vhostFile(roots, "shop")) }).toEqual({
      removed: ok("-----> Removed bad..name from shop\n"),
      file: "shop.dokku.me\n",
    });
  });

  test("sets exactly the given domains, repeats dropped", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    const set = await dokku(roots, "domains:set", "shop", "a.com", "B.com", "a.com");
    expect({ set, file: read(vhostFile(roots, "shop")) }).toEqual({
      set: ok("-----> Set a.com b.com for shop\n"),
      file: "a.com\nb.com\n",
    });
  });

  for (const command of ["domains:add", "domains:set", "domains:remove"]) {
    test(`${command} refuses a bad domain among good ones, and writes nothing`, async () => {
      using roots = tempRoots();
      await hostWith(roots, "shop");
      for (const bad of [
        "-bad.com",
        "bad_domain.com",
        "a..b",
        "www.*.com",
        `${"x".repeat(64)}.com`,
        "a;b.com",
        "256.1.1.1",
      ]) {
        const before = snapshotTree(roots.dir);
        const result = await dokku(roots, command, "shop", "good.com", bad);
        expect({ bad, result, unchanged: snapshotTree(roots.dir) }).toEqual({
          bad,
          result: refused(`${bad} is invalid. exiting...`),
          unchanged: before,
        });
      }
    });

    test(`${command} refuses a missing domain list and a missing app, and writes nothing`, async () => {
      using roots = tempRoots();
      await hostWith(roots, "shop");
      const before = snapshotTree(roots.dir);
      const results = [
        await dokku(roots, command, "shop"),
        await dokku(roots, command, "nope", "a.com"),
        await dokku(roots, command),
      ];
      expect({ results, unchanged: snapshotTree(roots.dir) }).toEqual({
        results: [
          refused(`Please specify a domain name. Usage: dokku ${command} <app> <domain> [<domain> ...]`),
          refused("App nope does not exist", 20),
          refused("Please specify an app to run the command on"),
        ],
        unchanged: before,
      });
    });
  }
});

describe("domains:clear and domains:reset", () => {
  test("clears every domain, the default vhost too", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "a.com");
    const cleared = await dokku(roots, "domains:clear", "shop");
    const vhosts = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    expect({ cleared, vhosts, file: read(vhostFile(roots, "shop")) }).toEqual({
      cleared: ok("-----> Cleared domains in shop\n"),
      vhosts: ok("\n"),
      file: "",
    });
  });

  test("clears every app with --all", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop", "blog");
    const cleared = await dokku(roots, "domains:clear", "--all");
    expect({ cleared, files: [read(vhostFile(roots, "blog")), read(vhostFile(roots, "shop"))] }).toEqual({
      cleared: ok("-----> Cleared domains in blog\n-----> Cleared domains in shop\n"),
      files: ["", ""],
    });
  });

  test("resets to the default vhosts of the global domains", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:set", "shop", "a.com");
    await dokku(roots, "domains:add-global", "dokku.org");
    const reset = await dokku(roots, "domains:reset", "shop");
    expect({ reset, file: read(vhostFile(roots, "shop")) }).toEqual({
      reset: ok(
        "-----> Cleared domains in shop\n-----> Creating new app virtual host file...\n-----> Reset domains for shop\n",
      ),
      file: "shop.dokku.me\nshop.dokku.org\n",
    });
  });

  test("refuse a missing app and write nothing", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    const before = snapshotTree(roots.dir);
    const results = [
      await dokku(roots, "domains:clear", "nope"),
      await dokku(roots, "domains:reset", "nope"),
      await dokku(roots, "domains:reset", "Bad_Name"),
    ];
    expect({ results, unchanged: snapshotTree(roots.dir) }).toEqual({
      results: [
        refused("App nope does not exist", 20),
        refused("App nope does not exist", 20),
        refused(
          "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        ),
      ],
      unchanged: before,
    });
  });
});

describe("domains:disable and domains:enable", () => {
  test("disabling drops the VHOST file and sets NO_VHOST=1; enabling writes the default vhosts back", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "a.com");
    const disabled = await dokku(roots, "domains:disable", "shop");
    const again = await dokku(roots, "domains:disable", "shop");
    const report = await dokku(roots, "domains:report", "shop");
    const noVhost = await dokku(roots, "config:get", "shop", "NO_VHOST");
    const file = read(vhostFile(roots, "shop"));
    const enabled = await dokku(roots, "domains:enable", "shop");
    const enabledAgain = await dokku(roots, "domains:enable", "shop");
    expect({
      disabled,
      again,
      report,
      noVhost,
      file,
      enabled,
      enabledAgain,
      after: read(vhostFile(roots, "shop")),
    }).toEqual({
      disabled: ok("-----> App virtual host support disabled\n"),
      again: ok("-----> Domains (VHOST) support is already disabled for app (shop)\n"),
      report: ok(
        [
          "=====> shop domains information",
          "       Domains app enabled:           false",
          "       Domains app vhosts:            ",
          "       Domains global enabled:        true",
          "       Domains global vhosts:         dokku.me",
          "",
        ].join("\n"),
      ),
      noVhost: ok("1\n"),
      file: undefined,
      enabled: ok(""),
      enabledAgain: ok("-----> Domains (VHOST) support is already enabled for app (shop)\n"),
      after: "shop.dokku.me\n",
    });
  });

  test("domains:add on a disabled app enables it with the default vhost and the new domain", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:disable", "shop");
    const added = await dokku(roots, "domains:add", "shop", "a.com");
    const enabled = await dokku(roots, "domains:report", "shop", "--domains-app-enabled");
    expect({ added, enabled, file: read(vhostFile(roots, "shop")) }).toEqual({
      added: ok("-----> Added a.com to shop\n"),
      enabled: ok("true\n"),
      file: "shop.dokku.me\na.com\n",
    });
  });

  test("acts on every app with --all and refuses a missing app", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop", "blog");
    const disabled = await dokku(roots, "domains:disable", "--all");
    const before = snapshotTree(roots.dir);
    const missing = await dokku(roots, "domains:enable", "nope");
    expect({ disabled, missing, unchanged: snapshotTree(roots.dir) }).toEqual({
      disabled: ok("-----> App virtual host support disabled\n-----> App virtual host support disabled\n"),
      missing: refused("App nope does not exist", 20),
      unchanged: before,
    });
  });
});

describe("domains:report", () => {
  test("reports one app, the global scope, one flag and JSON", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    await dokku(roots, "domains:add", "shop", "a.com");
    const global = await dokku(roots, "domains:report", "--global");
    const flag = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    const json = await dokku(roots, "domains:report", "shop", "--format", "json");
    expect({ global, flag, json: JSON.parse(json.stdout) }).toEqual({
      global: ok(
        "=====> --global domains information\n       Domains global enabled:        true\n       Domains global vhosts:         dokku.me\n",
      ),
      flag: ok("shop.dokku.me a.com\n"),
      json: {
        "app-enabled": "true",
        "app-vhosts": "shop.dokku.me a.com",
        // Dokku's domains report carries no legacy domains-* keys in JSON
        "global-enabled": "true",
        "global-vhosts": "dokku.me",
      },
    });
  });

  test("refuses an unknown flag and a missing app", async () => {
    using roots = tempRoots();
    await hostWith(roots, "shop");
    const flag = await dokku(roots, "domains:report", "shop", "--domains-nope");
    const app = await dokku(roots, "domains:report", "nope");
    expect({ flag, app }).toEqual({
      flag: refused(
        "Invalid flag passed, valid flags: --domains-app-enabled, --domains-app-vhosts, --domains-global-enabled, --domains-global-vhosts",
      ),
      app: refused("App nope does not exist", 20),
    });
  });
});
