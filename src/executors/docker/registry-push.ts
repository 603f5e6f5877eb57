import { DokkuError } from "../../core/errors";
import { splitImageReference } from "../../builders/registry-image";
import type { DockerClient } from "./client";
import { dockerMessage } from "./networks";

/** Credentials for one registry, as the Engine API takes them (X-Registry-Auth). */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  readonly serveraddress: string;
}

/** Has the engine check credentials against the registry (`POST /auth`); Docker's refusal is thrown. */
export async function checkRegistryAuth(docker: DockerClient, auth: RegistryAuth): Promise<void> {
  await docker.checkAuth({ ...auth });
}

/** One event of a push's progress stream (Docker's JSON message). */
export interface PushProgress {
  readonly status?: string;
  readonly id?: string;
  readonly progress?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
}

export interface PushRequest {
  /** The image to push, by name or id (`dokku/app:7`). */
  readonly localImage: string;
  /** The registry reference to push it as (`registry.example.com:5000/dokku/app:7`). */
  readonly target: string;
  readonly auth?: RegistryAuth;
}

/**
 * Tags `localImage` as `target` and pushes it, following the progress stream to its end. An
 * error in the stream, a refused tag or a lost connection throws `Could not push <target>: ...`;
 * the tag made here is then removed again, so a failed push leaves the images as they were.
 */
export async function pushImage(
  docker: DockerClient,
  request: PushRequest,
  onProgress: (event: PushProgress) => void = () => undefined,
): Promise<void> {
  const { repo, tag } = splitImageReference(request.target);
  let tagged = false;
  try {
    await docker.getImage(request.localImage).tag({ repo, tag });
    tagged = request.localImage !== request.target;
    // an empty auth still sends the header: newer engines refuse a push without one
    const stream = await docker.getImage(request.target).push({ authconfig: request.auth ?? {} });
    await followPush(docker, stream, onProgress);
  } catch (error) {
    if (tagged) await untag(docker, request.target);
    throw new DokkuError(`Could not push ${request.target}: ${dockerMessage(error)}`, {
      code: "push-failed",
      cause: error,
    });
  }
}

/** Resolves at the end of the stream; rejects with the first error event. */
function followPush(
  docker: DockerClient,
  stream: NodeJS.ReadableStream,
  onProgress: (event: PushProgress) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        if (error) reject(error);
        else if (failure !== undefined) reject(new Error(failure));
        else resolve();
      },
      (event: PushProgress) => {
        const message = event.errorDetail?.message ?? event.error;
        if (message !== undefined) failure ??= message;
        else onProgress(event);
      },
    );
  });
}

/** Removes the reference only: never the image, which its other names still hold. */
async function untag(docker: DockerClient, reference: string): Promise<void> {
  try {
    const info = await docker.getImage(reference).inspect();
    if ((info.RepoTags ?? []).length > 1) await docker.getImage(reference).remove({ noprune: true });
  } catch {
    // the push's own error is the one to report
  }
}
