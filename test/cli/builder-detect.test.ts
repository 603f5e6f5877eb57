import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots } from "../harness";
import { machine } from "../machine";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const detect = async (roots: Roots, dir: string) =>
  (await dokku(roots, "plugin:trigger", "builder-detect", "web", dir)).stdout;

function withApp(): Roots {
  const roots = tempRoots();
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
  return roots;
}

describe("plugin:trigger builder-detect <app> <source-dir>, as Dokku's (issue 14)", () => {
  test("answers with the selected builder, the app's over the global one, whatever the tree holds", async () => {
    using roots = withApp();
    using source = tempDir("dokku-detect-");
    writeFileSync(join(source.path, "project.toml"), "");
    const seen: string[] = [];
    await dokku(roots, "builder:set", "--global", "selected", "pack");
    seen.push(await detect(roots, source.path));
    await dokku(roots, "builder:set", "web", "selected", "pack");
    await dokku(roots, "builder:set", "--global", "selected", "other");
    seen.push(await detect(roots, source.path));
    await dokku(roots, "builder:set", "web", "selected");
    seen.push(await detect(roots, source.path));
    await dokku(roots, "builder:set", "--global", "selected");
    seen.push(await detect(roots, source.path));
    expect(seen).toEqual(["pack\n", "pack\n", "other\n", "pack\n"]);
  });

  test("detects from the tree in Dokku's order: herokuish and pack before a Dockerfile", async () => {
    using roots = withApp();
    const tree = (files: Record<string, string>) => {
      const dir = tempDir("dokku-detect-");
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir.path, name), text);
      return dir;
    };
    const cases: Record<string, string>[] = [
      {},
      { Dockerfile: "FROM scratch\n" },
      { Dockerfile: "", "project.toml": "" },
      { Dockerfile: "", ".buildpacks": "" },
      { Dockerfile: "", ".env": "BUILDPACK_URL=null\n" },
      { ".env": "OTHER=1\n" },
      { "lambda.yml": "" },
      { "nixpacks.toml": "" },
      { "railpack.json": "" },
      { Dockerfile: "", "nixpacks.toml": "" },
    ];
    const answers: string[] = [];
    for (const files of cases) {
      using dir = tree(files);
      answers.push(await detect(roots, dir.path));
    }
    expect(answers).toEqual([
      "",
      "dockerfile\n",
      "pack\n",
      "herokuish\n",
      "herokuish\n",
      "",
      "lambda\n",
      "nixpacks\n",
      "railpack\n",
      "dockerfile\n",
    ]);
  });

  test("detects herokuish from the app's BUILDPACK_URL", async () => {
    using roots = withApp();
    using source = tempDir("dokku-detect-");
    writeFileSync(join(source.path, "Dockerfile"), "");
    await dokku(roots, "config:set", "--no-restart", "web", "BUILDPACK_URL=null");
    expect(await detect(roots, source.path)).toBe("herokuish\n");
  });
});

describe("builder:set selected with a builder this host lacks (issue 14)", () => {
  test("is accepted as Dokku accepts it, with a warning that a deploy needs another", async () => {
    using roots = withApp();
    const results = [
      await dokku(roots, "builder:set", "web", "selected", "pack"),
      await dokku(roots, "builder:set", "--global", "selected", "other"),
    ];
    expect(results).toEqual([
      {
        stdout: "=====> Setting selected to pack\n",
        stderr:
          " !     Builder pack (Dokku's, building with Cloud Native Buildpacks through pack) is not available on this host; available builders: dockerfile, null; a deploy will fail until another is selected with builder:set <app> selected dockerfile\n",
        exitCode: 0,
      },
      {
        stdout: "=====> Setting selected to other\n",
        stderr:
          " !     Builder other is not a builder of this host; available builders: dockerfile, null; a deploy will fail until another is selected with builder:set <app> selected dockerfile\n",
        exitCode: 0,
      },
    ]);
  });
});

describe.skipIf(!machine.baseImage)("plugin:trigger builder-image-is-herokuish <app> <image> (issue 14)", () => {
  test("answers from the image's builder label, false for an image this host does not have", async () => {
    using roots = withApp();
    using context = tempDir("dokku-herokuish-image-");
    const tag = `dokku-test/herokuish-label-${process.pid}`;
    writeFileSync(
      join(context.path, "Dockerfile"),
      "FROM dokku-test/busybox:latest\nLABEL com.dokku.builder-type=herokuish\n",
    );
    const built = await runProgram(["docker", "build", "-q", "-t", tag, context.path]);
    try {
      expect(built.exitCode).toBe(0);
      const answers = [];
      for (const image of [tag, "dokku-test/busybox:latest", `dokku-test/missing-${process.pid}`])
        answers.push((await dokku(roots, "plugin:trigger", "builder-image-is-herokuish", "web", image)).stdout);
      expect(answers).toEqual(["true\n", "false\n", "false\n"]);
    } finally {
      await runProgram(["docker", "rmi", "-f", tag]);
    }
  });
});
