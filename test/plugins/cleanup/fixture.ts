import { Readable } from "node:stream";
import type { DockerClient } from "../../../src/executors/docker/client";
import { buildImage } from "../../../src/executors/docker/build-image";
import { DOKKU_BIN, type RunResult } from "../../harness";
import { tarOf } from "../../archive-fixtures";

/** A Dockerfile app whose web process serves /www; `version` makes each build's image distinct. */
export function appArchive(version: string): Uint8Array {
  const dockerfile = [
    "FROM dokku-test/busybox:latest",
    `RUN mkdir -p /www && echo ${version} > /www/version`,
    'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
    "",
  ].join("\n");
  return tarOf([{ name: "Dockerfile", body: dockerfile }]);
}

/** `git:from-archive <app> --` with the tar on stdin. */
export async function deployArchive(
  env: Record<string, string>,
  app: string,
  bytes: Uint8Array,
  extraEnv: Record<string, string> = {},
): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, "git:from-archive", "--archive-type", "tar", app, "--"], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, ...env, ...extraEnv },
    stdin: new Blob([bytes]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

/** An untagged (dangling) image labelled with the app, as a build's leftover; returns its id. */
export async function danglingImage(client: DockerClient, app: string, marker: string): Promise<string> {
  const context = Readable.from([
    Buffer.from(
      tarOf([{ name: "Dockerfile", body: `FROM dokku-test/busybox:latest\nRUN echo ${marker} > /marker\n` }]),
    ),
  ]);
  const id = await buildImage(
    client,
    context,
    { labels: { "com.dokku.app-name": app }, rm: true, forcerm: true, pull: false },
    () => undefined,
  );
  if (!id) throw new Error("the build gave no image id");
  return id;
}

/** A container of the app's one-off kind that ran `command`: exited (`true`) or still running (`sleep`). */
export async function oneOff(
  client: DockerClient,
  app: string,
  name: string,
  command: string[],
  wait: boolean,
): Promise<string> {
  const container = await client.createContainer({
    name,
    Image: "dokku-test/busybox:latest",
    Cmd: command,
    Labels: { "com.dokku.app-name": app, "com.dokku.container-type": "run" },
  });
  await container.start();
  if (wait) await container.wait();
  return container.id;
}

/** Whether docker still has the image or container. */
export async function imageExists(client: DockerClient, id: string): Promise<boolean> {
  return client
    .getImage(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

export async function containerState(client: DockerClient, id: string): Promise<string> {
  return client
    .getContainer(id)
    .inspect()
    .then(
      (info) => info.State.Status,
      () => "gone",
    );
}

/** The app's image tags, sorted. */
export async function appTags(client: DockerClient, app: string): Promise<string[]> {
  return (await client.listImages({ filters: { reference: [`dokku/${app}`] } }))
    .flatMap((image) => image.RepoTags ?? [])
    .sort();
}
