import { Type } from "@sinclair/typebox";
import { defineTrigger, NotifyResult } from "./define";

export const builderDetect = defineTrigger({
  name: "builder-detect",
  kind: "first",
  version: 1,
  description:
    "Which builder should build this source? The first handler to name one wins: the builder plugin answers first with `builder:set <app> selected` (else the global one), then each builder in Dokku's order. A deploy asks only when nothing is selected.",
  payload: Type.Object({
    app: Type.String(),
    sourceDir: Type.Union([Type.String(), Type.Null()], {
      description: "the extracted app tree; null for an image source",
    }),
  }),
  result: Type.Union([
    Type.String({ refers: "builder", description: "a builder this host has, such as dockerfile" }),
    Type.Null(),
  ]),
  positional: ["app", "sourceDir"],
});

export const builderImageIsHerokuish = defineTrigger({
  name: "builder-image-is-herokuish",
  kind: "first",
  version: 1,
  description:
    "Was this image built by herokuish (its com.dokku.builder-type label)? Dokku's trigger of the same name; the builder plugin answers, false for an image this host does not have.",
  payload: Type.Object({ app: Type.String(), image: Type.String({ maxLength: 512 }) }),
  result: Type.Union([
    Type.String({ pattern: "^(true|false)$", description: "true or false, as Dokku's trigger prints it" }),
    Type.Null(),
  ]),
  positional: ["app", "image"],
});

export const postExtract = defineTrigger({
  name: "post-extract",
  kind: "notify",
  version: 1,
  description: "The app's source was extracted to a temp dir, before the build; handlers may add files there.",
  payload: Type.Object({ app: Type.String(), sourceDir: Type.String(), rev: Type.Union([Type.String(), Type.Null()]) }),
  result: NotifyResult,
  positional: ["app", "sourceDir", "rev"],
});

const Deployed = Type.Object({ app: Type.String(), image: Type.String(), releaseId: Type.Integer({ minimum: 1 }) });

export const preDeploy = defineTrigger({
  name: "pre-deploy",
  kind: "notify",
  version: 1,
  description: "A release is built and about to be started by the scheduler.",
  payload: Deployed,
  result: NotifyResult,
  positional: ["app", "image", "releaseId"],
});

export const postDeploy = defineTrigger({
  name: "post-deploy",
  kind: "notify",
  version: 1,
  description: "A release is running: its containers started and the old ones were retired.",
  payload: Deployed,
  result: NotifyResult,
  positional: ["app", "image", "releaseId"],
});

export const DEPLOY_TRIGGERS = {
  "builder-detect": builderDetect,
  "builder-image-is-herokuish": builderImageIsHerokuish,
  "post-extract": postExtract,
  "pre-deploy": preDeploy,
  "post-deploy": postDeploy,
} as const;
