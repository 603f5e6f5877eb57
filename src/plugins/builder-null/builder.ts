import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { buildFromImage } from "../builder/from-image";
import type { Builder, BuiltImage, DeploySource } from "../deploy/contracts";

import { NULL_BUILDER } from "./name";

export { NULL_BUILDER };

/**
 * The null builder builds nothing. It takes an image source (`git:from-image`, `git:load-image`)
 * as it is, only tagging it `dokku/<app>:<tag>` with our labels; a source tree it refuses.
 */
export const nullBuilder: Builder = {
  name: NULL_BUILDER,
  async build(ctx: Context, app: string, source: DeploySource, tag: string): Promise<BuiltImage> {
    if (source.kind !== "image") {
      fail(
        `The null builder does not build source code; choose another with 'builder:set ${app} selected'`,
        "null-builder",
      );
    }
    ctx.out.step(`Using image ${source.image} for ${app}`);
    return buildFromImage(ctx, app, source.image, tag, NULL_BUILDER);
  },
};
