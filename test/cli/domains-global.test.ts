import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const globalFile = (roots: Roots) => join(roots.env.DOKKU_ROOT as string, "VHOST");
const read = (roots: Roots) => (existsSync(globalFile(roots)) ? readFileSync(globalFile(roots), "utf8") : undefined);
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 });

describe("domains:*-global", () => {
  test("set-global writes Dokku's VHOST file, one domain per line; an IP address is allowed", async () => {
    using roots = tempRoots();
    const set = await dokku(roots, "domains:set-global", "Dokku.me", "10.0.0.1", "dokku.me");
    expect({ set, file: read(roots) }).toEqual({
      set: ok("-----> Set dokku.me 10.0.0.1\n"),
      file: "dokku.me\n10.0.0.1\n",
    });
  });

  test("add-global appends and skips, remove-global removes, clear-global empties", async () => {
    using roots = tempRoots();
    const added = await dokku(roots, "domains:add-global", "a.dev", "b.dev", "a.dev");
    const removed = await dokku(roots, "domains:remove-global", "a.dev");
    const afterRemove = read(roots);
    const cleared = await dokku(roots, "domains:clear-global");
    const report = await dokku(roots, "domains:report", "--global", "--domains-global-enabled");
    expect({ added, removed, afterRemove, cleared, report, file: read(roots) }).toEqual({
      added: ok("-----> Added a.dev\n-----> Added b.dev\n-----> Skipping a.dev: already added\n"),
      removed: ok("-----> Removed a.dev\n"),
      afterRemove: "b.dev\n",
      cleared: ok("-----> Clearing global domains\n"),
      report: ok("false\n"),
      file: "",
    });
  });

  test("an app created with an IP as the only global domain gets no default vhost", async () => {
    using roots = tempRoots();
    await dokku(roots, "domains:set-global", "10.0.0.1");
    await dokku(roots, "apps:create", "shop");
    const vhosts = await dokku(roots, "domains:report", "shop", "--domains-app-vhosts");
    expect(vhosts).toEqual(ok("\n"));
  });

  test("reads a VHOST file Dokku wrote, ignoring lines that are no domains", async () => {
    using roots = tempRoots();
    writeFileSync(globalFile(roots), "dokku.me\n\nnot a domain\n");
    const report = await dokku(roots, "domains:report", "--global", "--domains-global-vhosts");
    expect(report).toEqual(ok("dokku.me\n"));
  });

  for (const command of ["domains:set-global", "domains:add-global", "domains:remove-global"]) {
    test(`${command} refuses bad domains and an empty list, and writes nothing`, async () => {
      using roots = tempRoots();
      writeFileSync(globalFile(roots), "dokku.me\n");
      for (const bad of ["-x.com", "x_y.com", "a..b", "*", "::1", "1.2.3.999", "a b"]) {
        const before = snapshotTree(roots.dir);
        const result = await dokku(roots, command, "good.com", bad);
        expect({ bad, result, unchanged: snapshotTree(roots.dir) }).toEqual({
          bad,
          result: refused(`${bad} is invalid. exiting...`),
          unchanged: before,
        });
      }
      const before = snapshotTree(roots.dir);
      const empty = await dokku(roots, command);
      expect({ empty, unchanged: snapshotTree(roots.dir) }).toEqual({
        empty: refused(`Please specify a domain name. Usage: dokku ${command} <domain> [<domain> ...]`),
        unchanged: before,
      });
    });
  }
});
