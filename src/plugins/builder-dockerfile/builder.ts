import {
  imageBuildOptions,
  parseBuildArgKeys,
  selectBuildArgs,
  withExtraBuildOptions,
} from "../../builders/build-options";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { packContext } from "../../executors/docker/build-context";
import { buildImage } from "../../executors/docker/build-image";
import { readMergedEnv } from "../config/env-store";
import { dockerOptionsBuildArgs } from "../docker-options/fragment";
import { buildContextDir } from "../builder/build-dir";
import { buildFromImage, streamLines } from "../builder/from-image";
import type { Builder, BuiltImage, DeploySource } from "../deploy/contracts";
import { buildArgKeysProperty, DEFAULT_DOCKERFILE, dockerfilePath } from "./dockerfile-path";
import { DOCKERFILE_BUILDER, hasDockerfile } from "./detect";

export { DOCKERFILE_BUILDER, hasDockerfile };

/**
 * The dockerfile builder: `docker build` of the tree (or `FROM <image>` for an image source,
 * as Dokku's git:from-image does), tagged `dokku/<app>:<tag>` and labelled, with the config
 * keys of `build-args-keys` as build args. Docker's own lines stream to the user.
 */
export const dockerfileBuilder: Builder = {
  name: DOCKERFILE_BUILDER,
  async build(ctx: Context, app: string, source: DeploySource, tag: string): Promise<BuiltImage> {
    if (source.kind === "image") return buildFromImage(ctx, app, source.image, tag, DOCKERFILE_BUILDER);
    ctx.out.step(`Building ${app} from Dockerfile`);
    const contextDir = buildContextDir(ctx, app, source.dir);
    const dockerfile = dockerfilePath(ctx, app);
    if (!hasDockerfile(ctx, app, contextDir)) {
      if (dockerfile === DEFAULT_DOCKERFILE) fail("No Dockerfile found in source code directory", "no-dockerfile");
      fail(`Invalid dockerfile-path specified: ${dockerfile}`, "no-dockerfile");
    }
    const keys = parseBuildArgKeys(buildArgKeysProperty(ctx, app));
    const buildArgs = keys.length > 0 ? selectBuildArgs(keys, readMergedEnv(ctx, { kind: "app", app })) : {};
    const options = withExtraBuildOptions(
      imageBuildOptions({ app, tag, builder: DOCKERFILE_BUILDER, dockerfile, buildArgs }),
      dockerOptionsBuildArgs(ctx, app),
    );
    const docker = await ctx.docker();
    const lines = streamLines((line) => ctx.out.print(line));
    try {
      await buildImage(docker, packContext(contextDir, dockerfile), options, lines.write);
    } finally {
      lines.flush();
    }
    return { image: options.t as string, builder: DOCKERFILE_BUILDER };
  },
};
