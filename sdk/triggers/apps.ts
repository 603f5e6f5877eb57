import { Type } from "@sinclair/typebox";
import { defineTrigger, NotifyResult, VetoResult } from "./define";

const App = Type.Object({ app: Type.String({ description: "the app's name" }) });
const Rename = Type.Object({
  oldApp: Type.String(),
  newApp: Type.String(),
  skipDeploy: Type.Boolean({ description: "--skip-deploy: the new app is not deployed (nor rebuilt) by this command" }),
});

export const postCreate = defineTrigger({
  name: "post-create",
  kind: "notify",
  version: 1,
  description: "An app was created.",
  payload: App,
  result: NotifyResult,
  positional: ["app"],
});

export const preDelete = defineTrigger({
  name: "pre-delete",
  kind: "notify",
  version: 1,
  description: "An app is about to be destroyed; release what it holds.",
  payload: App,
  result: NotifyResult,
  positional: ["app"],
});

export const postDelete = defineTrigger({
  name: "post-delete",
  kind: "notify",
  version: 1,
  description: "An app was destroyed; its state is gone.",
  payload: App,
  result: NotifyResult,
  positional: ["app"],
});

export const postAppRename = defineTrigger({
  name: "post-app-rename",
  kind: "notify",
  version: 1,
  description:
    "An app was renamed; its properties already moved to the new name. Unless skipDeploy, the deployed app runs again under the new name.",
  payload: Rename,
  result: NotifyResult,
  positional: ["oldApp", "newApp", "skipDeploy"],
});

export const postAppClone = defineTrigger({
  name: "post-app-clone",
  kind: "notify",
  version: 1,
  description:
    "An app was cloned; its properties already copied to the new name. Unless skipDeploy, the new app is built from the copied code and deployed.",
  payload: Rename,
  result: NotifyResult,
  positional: ["oldApp", "newApp", "skipDeploy"],
});

export const appList = defineTrigger({
  name: "app-list",
  kind: "collect",
  version: 1,
  description: "Every app's name, sorted.",
  payload: Type.Object({}),
  result: Type.Array(
    Type.String({ refers: "app", description: "an existing app (a plugin's other names are dropped)" }),
  ),
  positional: [],
});

export const userAuth = defineTrigger({
  name: "user-auth",
  kind: "veto",
  version: 1,
  description: "May this user run this command? Any handler can refuse.",
  payload: Type.Object({
    user: Type.String({ description: "NAME of the SSH key, or the local user" }),
    sshUser: Type.String({ description: "the system user running the command" }),
    command: Type.String(),
    app: Type.Union([Type.String(), Type.Null()], {
      description:
        "the app the command acts on: its <app> argument (or --app, or the repo a git push or fetch names) when the command takes one and it is a valid app name, whether or not the app exists yet (apps:create, a first push); null otherwise",
    }),
    args: Type.Array(Type.String(), {
      secret: "config",
      description: "the command's arguments, as typed; they may carry values such as config:set KEY=VALUE",
    }),
  }),
  result: VetoResult,
  positional: ["sshUser", "user", "command", "...args"],
});

export const userAuthApp = defineTrigger({
  name: "user-auth-app",
  kind: "collect",
  version: 1,
  description:
    "Which of these apps may this user NOT see or act on? Each handler returns the names it refuses; an app refused by any handler is hidden. Fired once for a whole list, as Dokku's user-auth-app filters a list.",
  payload: Type.Object({ user: Type.String(), sshUser: Type.String(), apps: Type.Array(Type.String()) }),
  result: Type.Array(
    Type.String({ refers: "app", description: "an app from the payload's list that this user may not use" }),
  ),
  positional: ["sshUser", "user", "...apps"],
});
