import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dockerConnector, type DockerClient } from "../../../src/executors/docker/client";
import { detectPortMaps, portMaps } from "../../../src/plugins/ports/port-maps";
import { runDokku, tempDir, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { machine } from "../../machine";

const haveDocker = machine.baseImage;
const APP = `ports-expose-${process.pid}`;
const WITH_EXPOSE = `dokku/${APP}:v1`;
const WITHOUT_EXPOSE = `dokku/${APP}:v2`;

/** An image on the test base image, labelled with the app, with the given extra Dockerfile lines. */
async function buildImage(docker: DockerClient, tag: string, lines: readonly string[]): Promise<void> {
  using dir = tempDir("dokku-ports-image-");
  writeFileSync(
    join(dir.path, "Dockerfile"),
    ["FROM dokku-test/busybox:latest", `LABEL com.dokku.app-name=${APP}`, ...lines, ""].join("\n"),
  );
  const stream = await docker.buildImage({ context: dir.path, src: ["Dockerfile"] }, { t: tag });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((entry) => entry.error);
      if (error || failed) reject(error ?? new Error(failed?.error));
      else resolve();
    }),
  );
}

/** A live release of `image`, as the release plugin records it. */
function saveCurrentRelease(libRoot: string, image: string): void {
  const dir = join(libRoot, "data/releases", APP);
  mkdirSync(dir, { recursive: true });
  const release = {
    id: 1,
    app: APP,
    image,
    builder: "dockerfile",
    source: "image",
    createdAt: "2024-01-01T00:00:00.000Z",
    processes: {},
    appJson: {},
  };
  writeFileSync(join(dir, "1.json"), JSON.stringify(release));
  writeFileSync(join(dir, "current"), "1\n");
}

describe.skipIf(!haveDocker)("port maps detected from EXPOSE (real images)", () => {
  const docker = dockerConnector(process.env);
  // in beforeAll, not the describe body: Bun runs the body of a skipped describe too
  beforeAll(async () => {
    const client = await docker();
    await buildImage(client, WITH_EXPOSE, ["EXPOSE 8080"]);
    await buildImage(client, WITHOUT_EXPOSE, []);
  });

  afterAll(async () => {
    const client = await docker();
    for (const image of [WITH_EXPOSE, WITHOUT_EXPOSE])
      await client
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
  });

  test("maps an exposed TCP port to itself over http; no EXPOSE gives http:80:5000; no image gives nothing", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    expect({
      exposed: await detectPortMaps(ctx, APP, WITH_EXPOSE),
      none: await detectPortMaps(ctx, APP, WITHOUT_EXPOSE),
      missing: await detectPortMaps(ctx, APP, `dokku/${APP}:missing`),
    }).toEqual({
      exposed: [{ scheme: "http", host: 8080, container: 8080 }],
      none: [{ scheme: "http", host: 80, container: 5000 }],
      missing: undefined,
    });
  });

  test("records the detected maps at pre-deploy, and portMaps serves them until maps are configured", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, APP));
    const { ctx } = testContext(roots.env);
    await ctx.bus.fire("pre-deploy", { app: APP, image: WITH_EXPOSE, releaseId: 1 });
    const stored = readFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/ports", APP, "map-detected"), "utf8");
    const detected = await portMaps(ctx, APP);
    const report = await runDokku(["ports:report", APP, "--ports-map-detected"], { env: roots.env });
    await runDokku(["ports:set", APP, "http:80:8080"], { env: roots.env });
    expect({ stored, detected, report, configured: await portMaps(ctx, APP) }).toEqual({
      stored: "http:8080:8080\n",
      detected: [{ scheme: "http", host: 8080, container: 8080 }],
      report: { stdout: "http:8080:8080\n", stderr: "", exitCode: 0 },
      configured: [{ scheme: "http", host: 80, container: 8080 }],
    });
  });

  test("detects from the current release's image when nothing was recorded (ports:report)", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, APP));
    saveCurrentRelease(roots.env.DOKKU_LIB_ROOT as string, WITH_EXPOSE);
    const report = await runDokku(["ports:report", APP, "--ports-map-detected-json"], { env: roots.env });
    expect(report).toEqual({
      stdout: '[{"scheme":"http","host_port":8080,"container_port":8080}]\n',
      stderr: "",
      exitCode: 0,
    });
  });
});
