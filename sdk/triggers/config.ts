import { Type } from "@sinclair/typebox";
import { defineTrigger, NotifyResult, Scope } from "./define";

export const postConfigUpdate = defineTrigger({
  name: "post-config-update",
  kind: "notify",
  version: 1,
  description: "Environment variables of an app or of the global scope changed.",
  payload: Type.Object({
    scope: Scope,
    action: Type.Union([Type.Literal("set"), Type.Literal("unset"), Type.Literal("clear"), Type.Literal("import")]),
    keys: Type.Array(Type.String(), {
      description: "the keys that changed (values are not sent: they may be secrets)",
    }),
    restart: Type.Boolean({ description: "false when the user passed --no-restart" }),
  }),
  result: NotifyResult,
  positional: ["scope", "action", "...keys"],
});

export const configMigrateEnv = defineTrigger({
  name: "config-migrate-env",
  kind: "notify",
  version: 1,
  description:
    "Drain Dokku's pre-0.38 ENV files ($DOKKU_ROOT/ENV, $DOKKU_ROOT/<app>/ENV) into the config, once (Dokku's trigger of that name; plugin:install --core runs it too).",
  payload: Type.Object({}),
  positional: [],
  result: NotifyResult,
});
