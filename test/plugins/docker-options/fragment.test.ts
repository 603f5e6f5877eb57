import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { addDockerOptions } from "../../../src/plugins/docker-options/commands";
import { dockerOptionsBuildArgs, dockerOptionsFragment } from "../../../src/plugins/docker-options/fragment";
import { dokkuErrorOfAsync, tempRoots } from "../../harness";
import { testContext } from "../apps/context";

function appContext(roots: ReturnType<typeof tempRoots>) {
  const { ctx } = testContext(roots.env);
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "shop"), { recursive: true });
  return ctx;
}

describe("dockerOptionsFragment", () => {
  test("gives a deploy container the app's options and its own process type's, and a run container the run options", async () => {
    using roots = tempRoots();
    const ctx = appContext(roots);
    await addDockerOptions(ctx, ["shop", "deploy", "--label tier=app"]);
    await addDockerOptions(ctx, ["--process", "web", "shop", "deploy", "--shm-size 1g"]);
    await addDockerOptions(ctx, ["shop", "run", "-e ONE_OFF=1"]);
    expect({
      web: await dockerOptionsFragment(ctx, "shop", "web", "deploy"),
      worker: await dockerOptionsFragment(ctx, "shop", "worker", "deploy"),
      run: await dockerOptionsFragment(ctx, "shop", "web", "run"),
    }).toEqual({
      web: { labels: { tier: "app" }, hostConfig: { ShmSize: 1024 ** 3 } },
      worker: { labels: { tier: "app" } },
      run: { env: { ONE_OFF: "1" } },
    });
  });

  test("refuses to build a container whose env file is gone, naming it", async () => {
    using roots = tempRoots();
    const ctx = appContext(roots);
    await addDockerOptions(ctx, ["shop", "deploy", `--env-file ${roots.dir}/gone.env`]);
    expect(await dokkuErrorOfAsync(() => dockerOptionsFragment(ctx, "shop", "web", "deploy"))).toBe(
      `Env file ${roots.dir}/gone.env (docker option --env-file) does not exist`,
    );
  });
});

describe("dockerOptionsBuildArgs", () => {
  test("reads the build phase's options for the image build", async () => {
    using roots = tempRoots();
    const ctx = appContext(roots);
    await addDockerOptions(ctx, [
      "shop",
      "build",
      "--build-arg",
      "NODE_ENV=production",
      "--network=host",
      "--label team=web",
    ]);
    expect(dockerOptionsBuildArgs(ctx, "shop")).toEqual({
      buildargs: { NODE_ENV: "production" },
      labels: { team: "web" },
      networkmode: "host",
    });
  });
});
