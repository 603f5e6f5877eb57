import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dockerConnector, type DockerClient } from "../../../src/executors/docker/client";
import type { Release } from "../../../src/plugins/deploy/contracts";
import { tempDir } from "../../harness";
import { machine } from "../../machine";

export const haveDocker = machine.baseImage;
export const docker = dockerConnector(process.env);

/** `dokku/<app>:<tag>` built with dockerode from a tiny Dockerfile on the test base image, labelled with the app. */
export async function buildTestImage(client: DockerClient, app: string, tag = "v1"): Promise<string> {
  using dir = tempDir("dokku-sched-image-");
  writeFileSync(
    join(dir.path, "Dockerfile"),
    [
      "FROM dokku-test/busybox:latest",
      "RUN mkdir -p /www && echo hello > /www/index.html",
      `LABEL com.dokku.app-name=${app}`,
      'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
      "",
    ].join("\n"),
  );
  const image = `dokku/${app}:${tag}`;
  const stream = await client.buildImage({ context: dir.path, src: ["Dockerfile"] }, { t: image });
  await new Promise<void>((resolve, reject) =>
    client.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((entry) => entry.error);
      if (error || failed) reject(error ?? new Error(failed?.error));
      else resolve();
    }),
  );
  return image;
}

/** A release of `image` with a Procfile. */
export function testRelease(app: string, image: string, processes: Record<string, string>, id = 1): Release {
  return {
    id,
    app,
    image,
    builder: "dockerfile",
    source: "image",
    createdAt: "2024-01-01T00:00:00.000Z",
    processes,
    appJson: {},
  };
}

export const PROCESSES = { web: "httpd -f -p $PORT -h /www", worker: "sh -c 'echo tick $FOO; sleep 1000'" };

/** Writes a release record and marks it current, in the release plugin's layout. */
export function saveCurrentRelease(libRoot: string, release: Release): void {
  mkdirSync(join(libRoot, "data/releases", release.app), { recursive: true });
  writeFileSync(join(libRoot, "data/releases", release.app, `${release.id}.json`), JSON.stringify(release));
  writeFileSync(join(libRoot, "data/releases", release.app, "current"), `${release.id}\n`);
}

/**
 * Makes new containers count as started after `seconds` (the checks plugin's global default-wait),
 * and old containers retire as soon as the new ones took over (global wait-to-retire 0).
 */
export function setSettleSeconds(libRoot: string, seconds: number): void {
  mkdirSync(join(libRoot, "config/checks/--global"), { recursive: true });
  writeFileSync(join(libRoot, "config/checks/--global/default-wait"), String(seconds));
  writeFileSync(join(libRoot, "config/checks/--global/wait-to-retire"), "0");
}

/** Removes every container and image labelled with the app (what a test made). */
export async function removeAppLeftovers(client: DockerClient, app: string): Promise<void> {
  const containers = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
  await Promise.all(
    containers.map((info) =>
      client
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const images = await client.listImages({ filters: { reference: [`dokku/${app}`] } });
  await Promise.all(
    images.map((info) =>
      client
        .getImage(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** name -> { state, labels, env, cmd } of the app's containers. */
export async function containersOf(
  client: DockerClient,
  app: string,
): Promise<Record<string, { state: string; release: string; env: string[]; cmd: string[] }>> {
  const infos = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
  const result: Record<string, { state: string; release: string; env: string[]; cmd: string[] }> = {};
  for (const info of infos) {
    const inspect = await client.getContainer(info.Id).inspect();
    result[inspect.Name.replace(/^\//, "")] = {
      state: inspect.State.Status,
      release: inspect.Config.Labels["com.dokku.release-id"] ?? "",
      env: (inspect.Config.Env ?? []).filter((line) => !line.startsWith("PATH=")),
      cmd: inspect.Config.Cmd ?? [],
    };
  }
  return result;
}
