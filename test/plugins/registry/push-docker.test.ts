import { describe, expect, test } from "bun:test";
import type { DockerClient } from "../../../src/executors/docker/client";
import { pushImage, type PushProgress } from "../../../src/executors/docker/registry-push";
import { storeRegistryAuth } from "../../../src/plugins/registry/auth-store";
import { pushReleaseImage } from "../../../src/plugins/registry/push";
import { GLOBAL } from "../../../src/store/property-store";
import { dokkuErrorOfAsync, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { docker, haveDocker } from "../scheduler-docker-local/fixture";
import { fakeRegistry, unusedPort } from "./fake-registry";

const BASE = "dokku-test/busybox:latest";
const credentials = { username: "bob", password: "s3cret" };

/** A local image of this test process, and every reference the test adds, removed at the end. */
async function localImage(
  client: DockerClient,
  name: string,
): Promise<{ name: string; track(reference: string): string } & AsyncDisposable> {
  const references = [name];
  await client
    .getImage(BASE)
    .tag({ repo: name.slice(0, name.lastIndexOf(":")), tag: name.slice(name.lastIndexOf(":") + 1) });
  return {
    name,
    track: (reference) => {
      references.push(reference);
      return reference;
    },
    [Symbol.asyncDispose]: async () => {
      for (const reference of references)
        await client
          .getImage(reference)
          .remove({ noprune: true })
          .catch(() => undefined);
    },
  };
}

/** Which of the references name an image (the base image is shared, so only ours are asked about). */
async function present(client: DockerClient, ...references: string[]): Promise<boolean[]> {
  return Promise.all(
    references.map((reference) =>
      client
        .getImage(reference)
        .inspect()
        .then(
          () => true,
          () => false,
        ),
    ),
  );
}

describe.skipIf(!haveDocker)("pushImage", () => {
  test("fails with one line and removes its tag when nothing listens at the registry", async () => {
    const client = await docker();
    await using image = await localImage(client, `dokku-test/registry-${process.pid}-a:1`);
    const port = unusedPort();
    const target = image.track(`127.0.0.1:${port}/dokku/push-test:1`);
    const message = await dokkuErrorOfAsync(() => pushImage(client, { localImage: image.name, target }));
    expect(message).toBe(
      `Could not push ${target}: Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    );
    expect(await present(client, target, image.name)).toEqual([false, true]);
  });

  test("fails without tagging anything when the local image does not exist", async () => {
    const client = await docker();
    const target = `127.0.0.1:${unusedPort()}/dokku/missing-${process.pid}:1`;
    const message = await dokkuErrorOfAsync(() =>
      pushImage(client, { localImage: `dokku-test/missing-${process.pid}:1`, target }),
    );
    expect([message, ...(await present(client, target))]).toEqual([
      `Could not push ${target}: No such image: dokku-test/missing-${process.pid}:1`,
      false,
    ]);
  });

  test("pushes with the given credentials and keeps the registry tag", async () => {
    const client = await docker();
    using registry = fakeRegistry(credentials);
    await using image = await localImage(client, `dokku-test/registry-${process.pid}-b:1`);
    const target = image.track(`${registry.address}/dokku/push-test:7`);
    const events: PushProgress[] = [];
    await pushImage(
      client,
      { localImage: image.name, target, auth: { ...credentials, serveraddress: registry.address } },
      (event) => events.push(event),
    );
    expect([...registry.manifests.keys()]).toEqual(["dokku/push-test:7"]);
    expect(events.some((event) => event.status === "Pushed")).toBe(true);
    expect([registry.authenticated.includes("bob"), ...(await present(client, target))]).toEqual([true, true]);
  });
});

describe.skipIf(!haveDocker)("pushReleaseImage", () => {
  test("pushes nothing and returns undefined when no server is set", async () => {
    using roots = tempRoots();
    const { ctx, sink } = testContext(roots.env);
    expect([await pushReleaseImage(ctx, "shop", "dokku/shop:1", "1"), sink.out, sink.err]).toEqual([undefined, "", ""]);
  });

  test("pushes <server>/<image-repo>:<tag> and the extra tags with the stored login, untagging the extras", async () => {
    using roots = tempRoots();
    using registry = fakeRegistry(credentials);
    const client = await docker();
    await using image = await localImage(client, `dokku-test/registry-${process.pid}-c:3`);
    const { ctx, sink } = testContext(roots.env);
    ctx.store.set("registry", GLOBAL, "server", `${registry.address}/`);
    ctx.store.set("registry", "shop", "image-repo", "acme/shop");
    ctx.store.set("registry", GLOBAL, "push-extra-tags", "latest");
    await storeRegistryAuth(ctx, registry.address, credentials);
    const target = image.track(`${registry.address}/acme/shop:3`);
    const extra = image.track(`${registry.address}/acme/shop:latest`);

    expect(await pushReleaseImage(ctx, "shop", image.name, "3")).toBe(target);
    expect([...registry.manifests.keys()].sort()).toEqual(["acme/shop:3", "acme/shop:latest"]);
    expect(await present(client, target, extra)).toEqual([true, false]);
    const steps = sink.out.split("\n").filter((line) => line.startsWith("-----> ") || line.includes(" pushed"));
    expect([steps, sink.err]).toEqual([
      [
        `-----> Tagging acme/shop:3 in registry format`,
        `-----> Pushing ${target}`,
        `-----> Pushing ${extra}`,
        `       Image ${target} pushed`,
      ],
      "",
    ]);
  });

  test("fails with one line when the registry is unreachable", async () => {
    using roots = tempRoots();
    const client = await docker();
    await using image = await localImage(client, `dokku-test/registry-${process.pid}-d:4`);
    const { ctx } = testContext(roots.env);
    const port = unusedPort();
    ctx.store.set("registry", "shop", "server", `127.0.0.1:${port}`);
    const target = image.track(`127.0.0.1:${port}/dokku/shop:4`);
    const message = await dokkuErrorOfAsync(() => pushReleaseImage(ctx, "shop", image.name, "4"));
    expect([message, ...(await present(client, target))]).toEqual([
      `Could not push ${target}: Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      false,
    ]);
  });
});
