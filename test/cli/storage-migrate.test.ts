import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyFragments } from "../../src/builders/container-fragment";
import { deployContainerSpec } from "../../src/builders/container-spec";
import { legacyEntryFor } from "../../src/builders/storage-mount";
import { containerFragments } from "../../src/plugins/scheduler/shared/container-fragments";
import { runDokku, tempRoots } from "../harness";
import { testContext } from "../plugins/apps/context";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const home = (roots: Roots) => roots.env.DOKKU_ROOT as string;
const marker = (roots: Roots) => join(lib(roots), "config/storage/shop/legacy-mounts-migrated");
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
/** Dokku's entry for /tmp/legacy-mount: legacy- and sha1("/tmp/legacy-mount")[:10]. */
const LEGACY = "legacy-060c375063";

async function must(roots: Roots, ...args: string[]): Promise<string> {
  const result = await dokku(roots, ...args);
  if (result.exitCode !== 0) throw new Error(`${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

async function legacyApp(roots: Roots): Promise<void> {
  await must(roots, "apps:create", "shop");
  await must(roots, "docker-options:add", "shop", "deploy,run", "-v /tmp/legacy-mount:/legacy");
  await must(roots, "docker-options:add", "shop", "deploy", "-v /srv/cache:/cache:ro");
  await must(roots, "docker-options:add", "shop", "deploy", "--restart=always");
}

/** The state a migration writes: properties and entries, without locks. */
const state = (roots: Roots) =>
  Object.fromEntries(
    Object.entries(snapshotTree(lib(roots))).filter(([path]) => !path.includes("lock") && !path.endsWith("created-at")),
  );

/** The binds a web container of shop would get now, on docker-local: deploy's, then run's, each sorted. */
async function deployBinds(roots: Roots): Promise<string[][]> {
  const { ctx } = testContext(roots.env);
  const spec = deployContainerSpec({
    app: "shop",
    name: "shop.web.1",
    image: "dokku/shop:latest",
    processType: "web",
    index: 1,
    releaseId: 1,
    deployId: "1-test",
    env: new Map(),
    port: undefined,
    restartPolicy: "no",
    init: false,
    command: undefined,
  });
  const binds = async (phase: "deploy" | "run") =>
    [...(applyFragments(spec, await containerFragments(ctx, "shop", "web", phase)).HostConfig?.Binds ?? [])].sort();
  return [await binds("deploy"), await binds("run")];
}

describe("storage:migrate", () => {
  test("moves docker-options -v lines into legacy entries and attachments, once (issue 14, Dokku's bats flow)", async () => {
    using roots = tempRoots();
    await legacyApp(roots);
    const before = await must(roots, "storage:list", "shop", "--format", "json");
    const binds = await deployBinds(roots);
    const migrated = await dokku(roots, "storage:migrate", "shop");
    const quiet = await must(roots, "--quiet", "storage:list", "shop");
    const entries = JSON.parse(await must(roots, "storage:list-entries", "--format", "json")) as { name: string }[];
    const options = [
      await must(roots, "docker-options:report", "shop", "--docker-options-deploy"),
      await must(roots, "docker-options:report", "shop", "--docker-options-run"),
    ];
    const again = await dokku(roots, "storage:migrate", "shop");
    expect({
      before,
      migrated,
      quiet,
      entries: entries.map((entry) => entry.name),
      options,
      marker: readFileSync(marker(roots), "utf8"),
      again: again.exitCode,
      count: JSON.parse(await must(roots, "storage:list", "shop", "--format", "json")).length,
      sameBinds: await deployBinds(roots),
    }).toEqual({
      before: "[]\n",
      migrated: { stdout: "-----> Re-migrated shop\n", stderr: "", exitCode: 0 },
      quiet: "/tmp/legacy-mount:/legacy\n/srv/cache:/cache:ro\n",
      entries: [LEGACY, legacyEntryFor("/srv/cache").name].sort(),
      options: ["--restart=always\n", "\n"],
      marker: "true",
      again: 0,
      count: 2,
      sameBinds: binds,
    });
  });

  test("leaves the marker unset without -v lines, turns Dokku's old flag file into it, and runs over --all", async () => {
    using roots = tempRoots();
    await must(roots, "apps:create", "shop");
    await must(roots, "apps:create", "other");
    const plain = await dokku(roots, "storage:migrate", "shop");
    const unset = !existsSync(marker(roots));
    const flagDir = join(lib(roots), "data/storage-registry/migrations");
    mkdirSync(flagDir, { recursive: true });
    writeFileSync(join(flagDir, "shop"), "");
    const all = await dokku(roots, "storage:migrate", "--all");
    expect({
      plain: plain.exitCode,
      unset,
      all: all.stdout,
      marker: readFileSync(marker(roots), "utf8"),
      flagGone: !existsSync(join(flagDir, "shop")),
    }).toEqual({ plain: 0, unset: true, all: "-----> Re-migrated 2 app(s)\n", marker: "true", flagGone: true });
  });

  test("keeps in docker-options, with a warning, a line storage:mount would refuse; refuses bad arguments", async () => {
    using roots = tempRoots();
    await must(roots, "apps:create", "shop");
    const inside = `${home(roots)}/shop:/repo`;
    await must(roots, "docker-options:add", "shop", "deploy", `-v ${inside}`);
    const migrated = await dokku(roots, "storage:migrate", "shop");
    const before = snapshotTree(lib(roots));
    const bad = [
      await dokku(roots, "storage:migrate"),
      await dokku(roots, "storage:migrate", "shop", "--all"),
      await dokku(roots, "storage:migrate", "ghost"),
    ];
    expect({
      warning: migrated.stderr,
      kept: (await must(roots, "docker-options:report", "shop", "--docker-options-deploy")).trim(),
      marker: existsSync(marker(roots)),
      bad,
      after: snapshotTree(lib(roots)),
    }).toEqual({
      warning: ` !     Leaving docker option '-v ${inside}' in place: Host path must not be inside DOKKU_ROOT (${home(roots)}): ${home(roots)}/shop\n`,
      kept: `-v ${inside}`,
      marker: false,
      bad: [
        refused("storage:migrate requires an app name (or --all)"),
        refused("storage:migrate accepts either an app name or --all, not both"),
        refused("App ghost does not exist", 20),
      ],
      after: before,
    });
  });

  for (const point of [
    "storage-migrate:entries-written",
    "storage-migrate:attachments-written",
    "storage-migrate:marker-written",
    "storage-migrate:deploy-drained",
    "storage-migrate:run-drained",
  ]) {
    test(`killed at ${point}: containers get each mount once meanwhile, and the next migrate ends where an uncut one does`, async () => {
      using clean = tempRoots();
      await legacyApp(clean);
      const cleanBinds = await deployBinds(clean);
      await must(clean, "storage:migrate", "shop");
      using roots = tempRoots();
      await legacyApp(roots);
      const killed = await runDokku(["storage:migrate", "shop"], { env: { ...roots.env, DOKKU_FAILPOINT: point } });
      const meanwhile = await deployBinds(roots);
      await must(roots, "storage:migrate", "shop");
      const rel = (tree: Record<string, string>, root: string) => JSON.stringify(tree).replaceAll(root, "<lib>");
      expect({
        killed: killed.exitCode !== 0 && killed.stderr.includes(`failpoint ${point}`),
        meanwhile,
        state: rel(state(roots), lib(roots)),
      }).toEqual({ killed: true, meanwhile: cleanBinds, state: rel(state(clean), lib(clean)) });
    });
  }
});
