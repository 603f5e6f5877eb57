import { afterAll, describe, expect, test } from "bun:test";
import { selectBuilder } from "../../../src/plugins/builder/select-builder";
import { builderNullPlugin } from "../../../src/plugins/builder-null/plugin";
import { builderUnavailablePlugin } from "../../../src/plugins/builder/plugin";
import type { DeploySource } from "../../../src/plugins/deploy/contracts";
import { dokkuErrorOfAsync, runProgram } from "../../harness";
import { appFixture, BASE_IMAGE, haveDocker, removeAppImages, writeTree } from "./fixtures";

const used: string[] = [];
afterAll(async () => {
  for (const app of used) await removeAppImages(app);
});

const tree = (dir: string): DeploySource => ({ kind: "tree", dir, origin: "git", rev: "abc123" });
const docker = (...args: string[]) => runProgram(["docker", ...args]);

describe("selectBuilder", () => {
  test("detects the dockerfile builder when the tree has a Dockerfile", async () => {
    using fx = appFixture("detect");
    writeTree(fx.source, { Dockerfile: `FROM ${BASE_IMAGE}\n` });
    const builder = await selectBuilder(fx.ctx, fx.app, tree(fx.source));
    expect({ name: builder.name, detected: fx.ctx.store.get("builder", fx.app, "detected") }).toEqual({
      name: "dockerfile",
      detected: "dockerfile",
    });
  });

  test("looks for the Dockerfile at dockerfile-path inside build-dir", async () => {
    using fx = appFixture("detect-path");
    fx.ctx.store.set("builder", fx.app, "build-dir", "api");
    fx.ctx.store.set("builder-dockerfile", fx.app, "dockerfile-path", "docker/Prod");
    writeTree(fx.source, { "api/docker/Prod": `FROM ${BASE_IMAGE}\n` });
    expect((await selectBuilder(fx.ctx, fx.app, tree(fx.source))).name).toBe("dockerfile");
  });

  test("names what it looked for when nothing is detected, and records nothing", async () => {
    using fx = appFixture("detect-none");
    fx.ctx.store.set("builder", fx.app, "build-dir", "api");
    writeTree(fx.source, { "api/README": "hi", Dockerfile: "FROM x\n" });
    expect(await dokkuErrorOfAsync(() => selectBuilder(fx.ctx, fx.app, tree(fx.source)))).toBe(
      "No builder detected: looked for a Dockerfile at api/Dockerfile",
    );
    expect(fx.ctx.store.get("builder", fx.app, "detected")).toBeUndefined();
  });

  test("fails when build-dir is not in the tree", async () => {
    using fx = appFixture("detect-dir");
    fx.ctx.store.set("builder", fx.app, "build-dir", "missing");
    expect(await dokkuErrorOfAsync(() => selectBuilder(fx.ctx, fx.app, tree(fx.source)))).toBe(
      "Specified build-dir not found in sourcecode working directory: missing",
    );
  });

  test("uses the app's selected builder over the global one and over detection", async () => {
    using fx = appFixture("selected");
    writeTree(fx.source, { Dockerfile: `FROM ${BASE_IMAGE}\n` });
    fx.ctx.store.set("builder", "--global", "selected", "dockerfile");
    fx.ctx.store.set("builder", fx.app, "selected", "null");
    expect((await selectBuilder(fx.ctx, fx.app, tree(fx.source))).name).toBe("null");
  });

  test("fails a deploy that needs a builder this host lacks, saying so and how to choose another (issue 14)", async () => {
    using fx = appFixture("unavailable");
    builderUnavailablePlugin.register(fx.ctx.bus, fx.ctx);
    writeTree(fx.source, { Dockerfile: `FROM ${BASE_IMAGE}\n`, ".buildpacks": "https://example.com/bp.git\n" });
    const detected = await dokkuErrorOfAsync(() => selectBuilder(fx.ctx, fx.app, tree(fx.source)));
    fx.ctx.store.set("builder", fx.app, "selected", "pack");
    const selected = await dokkuErrorOfAsync(() => selectBuilder(fx.ctx, fx.app, tree(fx.source)));
    expect({ detected, selected }).toEqual({
      detected:
        "Builder herokuish (Dokku's, building with Heroku buildpacks through the herokuish image) is not available on this host; available builders: dockerfile, null; select another with builder:set <app> selected dockerfile",
      selected:
        "Builder pack (Dokku's, building with Cloud Native Buildpacks through pack) is not available on this host; available builders: dockerfile, null; a deploy will fail until another is selected with builder:set <app> selected dockerfile",
    });
  });

  test("gives an image source to the null builder", async () => {
    using fx = appFixture("image-source");
    builderNullPlugin.register(fx.ctx.bus, fx.ctx);
    expect((await selectBuilder(fx.ctx, fx.app, { kind: "image", image: BASE_IMAGE, origin: "image" })).name).toBe(
      "null",
    );
  });
});

describe.skipIf(!haveDocker)("dockerfile builder", () => {
  test("builds and labels dokku/<app>:<tag>, streams docker's lines and leaves .dockerignore'd files out", async () => {
    using fx = appFixture("build");
    used.push(fx.app);
    writeTree(fx.source, {
      Dockerfile: `FROM ${BASE_IMAGE}\nARG GREETING=unset\nCOPY . /app\nRUN echo "$GREETING" > /app/greeting\nCMD ["cat", "/app/hello.txt"]\n`,
      "hello.txt": "hello from the image\n",
      "secret.txt": "never sent\n",
      ".dockerignore": "secret.txt\n",
    });
    fx.ctx.store.setScopeFile(fx.app, "ENV", "export GREETING='hi there'\n");
    fx.ctx.store.set("builder-dockerfile", fx.app, "build-args-keys", "GREETING");
    const builder = await selectBuilder(fx.ctx, fx.app, tree(fx.source));
    const built = await builder.build(fx.ctx, fx.app, tree(fx.source), "v1");
    expect(built).toEqual({ image: `dokku/${fx.app}:v1`, builder: "dockerfile" });
    expect(fx.sink.out).toStartWith(`-----> Building ${fx.app} from Dockerfile\nStep 1/`);
    expect(fx.sink.out).toContain(`Successfully tagged dokku/${fx.app}:v1\n`);
    const labels = JSON.parse(
      (await docker("image", "inspect", built.image, "--format", "{{json .Config.Labels}}")).stdout,
    );
    expect(labels).toEqual({
      "com.dokku.app-name": fx.app,
      "com.dokku.builder-type": "dockerfile",
      "com.dokku.image-stage": "build",
      dokku: "",
      "org.label-schema.schema-version": "1.0",
      "org.label-schema.vendor": "dokku",
    });
    const run = await docker("run", "--rm", built.image);
    const files = await docker("run", "--rm", built.image, "sh", "-c", "ls /app; cat /app/greeting");
    expect([run.stdout, files.stdout]).toEqual([
      "hello from the image\n",
      "Dockerfile\ngreeting\nhello.txt\nhi there\n",
    ]);
  });

  test("throws docker's message on a failing step and tags no image", async () => {
    using fx = appFixture("broken");
    used.push(fx.app);
    writeTree(fx.source, { Dockerfile: `FROM ${BASE_IMAGE}\nRUN echo about to fail && exit 3\n` });
    const builder = await selectBuilder(fx.ctx, fx.app, tree(fx.source));
    const error = await builder.build(fx.ctx, fx.app, tree(fx.source), "v1").then(
      () => undefined,
      (caught: Error) => caught.message,
    );
    expect(error).toBe("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3");
    expect(fx.sink.out).toContain("about to fail\n");
    expect((await docker("image", "inspect", `dokku/${fx.app}:v1`)).exitCode).not.toBe(0);
  });

  test("fails clearly when the configured dockerfile-path is missing", async () => {
    using fx = appFixture("no-file");
    fx.ctx.store.set("builder-dockerfile", fx.app, "dockerfile-path", "Nope");
    fx.ctx.store.set("builder", fx.app, "selected", "dockerfile");
    const builder = await selectBuilder(fx.ctx, fx.app, tree(fx.source));
    expect(await dokkuErrorOfAsync(() => builder.build(fx.ctx, fx.app, tree(fx.source), "v1"))).toBe(
      "Invalid dockerfile-path specified: Nope",
    );
  });

  test("tags an image source as the app's image with our labels (null builder)", async () => {
    using fx = appFixture("from-image");
    used.push(fx.app);
    builderNullPlugin.register(fx.ctx.bus, fx.ctx);
    const source: DeploySource = { kind: "image", image: BASE_IMAGE, origin: "image" };
    const built = await (await selectBuilder(fx.ctx, fx.app, source)).build(fx.ctx, fx.app, source, "v2");
    const inspect = await docker(
      "image",
      "inspect",
      built.image,
      "--format",
      '{{index .Config.Labels "com.dokku.builder-type"}} {{index .Config.Labels "com.dokku.app-name"}}',
    );
    expect([built, inspect.stdout]).toEqual([{ image: `dokku/${fx.app}:v2`, builder: "null" }, `null ${fx.app}\n`]);
  });

  test("refuses an image source that is not on this host, without pulling", async () => {
    using fx = appFixture("no-image");
    builderNullPlugin.register(fx.ctx.bus, fx.ctx);
    const source: DeploySource = { kind: "image", image: "dokku-test/does-not-exist:1", origin: "image" };
    const builder = await selectBuilder(fx.ctx, fx.app, source);
    expect(await dokkuErrorOfAsync(() => builder.build(fx.ctx, fx.app, source, "v1"))).toBe(
      "Image dokku-test/does-not-exist:1 is not on this host; pull or load it first",
    );
  });
});
