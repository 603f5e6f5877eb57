import type { Context } from "../../core/context";
import { type ConfigToProperty, moveConfigToProperties } from "../config/config-to-property";
import { ALL_TYPES, CHECKS_PLUGIN } from "./properties";

const allWhen = (match: string) => (value: string) => (value === match ? ALL_TYPES : "");

/** The config variables Dokku's checks plugin read before its properties, in the order its install moves them. */
const CHECKS_CONFIG_VARS: readonly ConfigToProperty[] = [
  {
    configVar: "DOKKU_SKIP_ALL_CHECKS",
    globalConfigVar: "DOKKU_SKIP_ALL_CHECKS",
    property: "disabled",
    transform: allWhen("true"),
  },
  {
    configVar: "DOKKU_SKIP_DEFAULT_CHECKS",
    globalConfigVar: "DOKKU_SKIP_DEFAULT_CHECKS",
    property: "skipped",
    transform: allWhen("true"),
  },
  { configVar: "DOKKU_CHECKS_ENABLED", property: "skipped", transform: allWhen("0") },
  { configVar: "DOKKU_WAIT_TO_RETIRE", globalConfigVar: "DOKKU_WAIT_TO_RETIRE", property: "wait-to-retire" },
  { configVar: "DOKKU_CHECKS_DISABLED", property: "disabled" },
  { configVar: "DOKKU_CHECKS_SKIPPED", property: "skipped" },
  { configVar: "DOKKU_CHECKS_WAIT", globalConfigVar: "DOKKU_CHECKS_WAIT", property: "wait" },
  { configVar: "DOKKU_CHECKS_TIMEOUT", globalConfigVar: "DOKKU_CHECKS_TIMEOUT", property: "timeout" },
  { configVar: "DOKKU_CHECKS_ATTEMPTS", globalConfigVar: "DOKKU_CHECKS_ATTEMPTS", property: "attempts" },
  { configVar: "DOKKU_DEFAULT_CHECKS_WAIT", globalConfigVar: "DOKKU_DEFAULT_CHECKS_WAIT", property: "default-wait" },
];

/** The checks plugin's install step: its deprecated config variables become its properties. */
export function migrateChecksConfigVars(
  ctx: Pick<Context, "store" | "paths" | "owner" | "out" | "env">,
): Promise<void> {
  return moveConfigToProperties(ctx, CHECKS_PLUGIN, CHECKS_CONFIG_VARS);
}
