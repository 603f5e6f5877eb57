import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fail } from "../../core/errors";
import type { DockerClient } from "./client";
import { statusOf } from "./containers";

/** The parts of an image's config that deploy tasks and releases need. */
export interface ImageConfig {
  readonly id: string;
  readonly cmd: readonly string[] | null;
  readonly entrypoint: readonly string[] | null;
  readonly workingDir: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `EXPOSE`d ports as Docker lists them (`8080/tcp`), sorted. */
  readonly exposedPorts: readonly string[];
}

/** The image's config, or undefined when there is no such image. */
export async function inspectImage(docker: DockerClient, image: string): Promise<ImageConfig | undefined> {
  try {
    const info = await docker.getImage(image).inspect();
    const entrypoint = info.Config.Entrypoint;
    return {
      id: info.Id,
      cmd: info.Config.Cmd ?? null,
      entrypoint:
        entrypoint === undefined || entrypoint === null
          ? null
          : typeof entrypoint === "string"
            ? [entrypoint]
            : entrypoint,
      workingDir: info.Config.WorkingDir ?? "",
      labels: info.Config.Labels ?? {},
      exposedPorts: Object.keys(info.Config.ExposedPorts ?? {}).sort(),
    };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Whether the image exists in the local engine: we never pull. */
export async function imageExists(docker: DockerClient, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** Gives an image (by name or id) the name `repo:tag`; Docker's error (404 for a missing image) is thrown. */
export async function tagImage(docker: DockerClient, image: string, repo: string, tag: string): Promise<void> {
  await docker.getImage(image).tag({ repo, tag });
}

/** The names (`repo:tag`) of the images a reference (`dokku/app`) matches. */
export async function imageNames(docker: DockerClient, reference: string): Promise<string[]> {
  const images = await docker.listImages({ filters: { reference: [reference] } });
  return images.flatMap((image) => image.RepoTags ?? []);
}

/** Untagged images carrying the label (`key=value`, or `key` for any value): id and creation time (seconds). */
export async function danglingImages(
  docker: DockerClient,
  label: string,
): Promise<{ readonly id: string; readonly created: number }[]> {
  const images = await docker.listImages({ filters: { dangling: ["true"], label: [label] } });
  return images.map((image) => ({ id: image.Id, created: image.Created }));
}

/** Removes an image by name or id; a missing image is not an error. */
export async function removeImage(docker: DockerClient, image: string): Promise<void> {
  try {
    await docker.getImage(image).remove({ force: true });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/**
 * Removes one name of an image (`dokku/app:v3`); the image itself goes with its last name unless
 * `noprune`. False when the name is missing; Docker refusing (409: a container uses the image) is thrown.
 */
export async function deleteImageName(
  docker: DockerClient,
  name: string,
  options: { readonly noprune?: boolean } = {},
): Promise<boolean> {
  try {
    await docker.getImage(name).remove({ noprune: options.noprune ?? false });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/**
 * Removes one name of an image (`dokku/app:v3`); the image itself goes with its last name unless
 * `noprune`. A missing name, or an image a container still uses (409), is left as it is (false).
 */
export async function removeImageName(
  docker: DockerClient,
  name: string,
  options: { readonly noprune?: boolean } = {},
): Promise<boolean> {
  try {
    return await deleteImageName(docker, name, options);
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
    return false;
  }
}

/** Removes one name of an image that has others: never the image itself, which another name may still need. */
export async function untagImage(docker: DockerClient, name: string): Promise<void> {
  const handle = docker.getImage(name);
  try {
    if (((await handle.inspect()).RepoTags ?? []).length > 1) await handle.remove({ noprune: true });
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 409) throw error;
  }
}

/** `docker load` of a tar, its JSON progress read to the end; returns the names it loaded. */
export async function loadImages(docker: DockerClient, tar: ReadableStream<Uint8Array>): Promise<string[]> {
  const response = await docker.loadImage(Readable.fromWeb(tar as WebReadableStream<Uint8Array>), { quiet: true });
  let text = "";
  for await (const chunk of response as AsyncIterable<Buffer>) text += chunk.toString();
  const names: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const message = JSON.parse(line) as { stream?: string; error?: string; errorDetail?: { message?: string } };
    if (message.error) fail(`docker load failed: ${message.errorDetail?.message ?? message.error}`, "load-failed");
    const match = /Loaded image(?: ID)?: (\S+)/.exec(message.stream ?? "");
    if (match?.[1]) names.push(match[1]);
  }
  return names;
}

/** Ids of the images carrying every one of the labels (`key=value`). */
export async function imagesWithLabels(docker: DockerClient, labels: readonly string[]): Promise<string[]> {
  const images = await docker.listImages({ filters: { label: [...labels] } });
  return images.map((image) => image.Id);
}

/**
 * A file from an image without running it: create (not start) a container, copy the path out
 * with the archive API, remove the container. A relative path is read from the image's WORKDIR,
 * as Dokku's CopyFromImage does. Undefined when the file is not there.
 */
export async function readFileFromImage(
  docker: DockerClient,
  image: string,
  path: string,
  labels: Record<string, string>,
): Promise<string | undefined> {
  const config = await inspectImage(docker, image);
  if (!config) return undefined;
  const absolute = path.startsWith("/") ? path : `${config.workingDir.replace(/\/+$/, "") || ""}/${path}`;
  const container = await docker.createContainer({ Image: image, Labels: labels, Cmd: ["true"], Entrypoint: [] });
  try {
    let archive: NodeJS.ReadableStream;
    try {
      archive = await container.getArchive({ path: absolute });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(Buffer.from(chunk as Buffer));
    return firstFileOf(Buffer.concat(chunks));
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The content of the first regular file in a tar archive (what getArchive returns for a file). */
function firstFileOf(archive: Buffer): string | undefined {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return undefined;
    const size = Number.parseInt(header.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + 512;
    if (type === "0" || type === "\0") return archive.subarray(start, start + size).toString("utf8");
    offset = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
