import { Type, type Static, type TSchema } from "@sinclair/typebox";

/**
 * How the results of a trigger's handlers combine (see docs/architecture.md):
 * - notify: every handler runs; failures are reported and do not stop the others.
 * - first: the first non-empty result wins.
 * - collect: results (arrays) are concatenated in handler order.
 * - veto: any handler can refuse, with a reason.
 */
export type TriggerKind = "notify" | "first" | "collect" | "veto";

export interface TriggerDeclaration<
  Name extends string = string,
  Kind extends TriggerKind = TriggerKind,
  Payload extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  readonly name: Name;
  readonly kind: Kind;
  /** Bumped when the payload or result changes shape incompatibly. */
  readonly version: number;
  readonly description: string;
  readonly payload: Payload;
  /** What ONE handler returns. For `collect` an array; for `first` a value or null. */
  readonly result: Result;
  /**
   * Dokku's positional form, `dokku plugin:trigger <name> <arg>...`: the payload fields in the
   * order the arguments give them (Dokku's order where Dokku has the trigger). `...field` takes
   * the remaining arguments as a list. A missing trailing argument gives null to a nullable
   * field and false to a boolean. Absent: the trigger takes a JSON payload only.
   */
  readonly positional?: readonly string[];
}

/**
 * The grant that unlocks a secret payload field, marked on the field's schema:
 * `Type.String({ secret: "config" })`. A WASM plugin without that grant receives the field
 * withheld: left out when optional, else `[]` for a list, `null` when nullable, `""` for a
 * string. Core handlers get it as is; traces and the events log always redact it. `config`: the
 * value may carry the app's config (an argument of `config:set`, output of the app's build or
 * containers), which only a plugin granted `--allow-config` may read.
 */
export type SecretGrant = "config";

/**
 * What a result string must name, marked on its schema: `Type.String({ refers: "app" })`. A
 * WASM plugin's result is untrusted: the bus drops a value naming nothing real (from its list;
 * a `first` answer becomes null) with one warning naming the plugin. `app`: an existing app;
 * `builder`: a builder this host has; `proxy-type`: a proxy type this host has; `plugin`: the
 * returning plugin's own name (a report section's namespace). Core handlers are not checked.
 * A list's `maxItems` bounds it for everyone; a plugin's longer list is cut to it, with the
 * same warning.
 */
export type ResultReferent = "app" | "builder" | "proxy-type" | "plugin";

export type PayloadOf<T extends TriggerDeclaration> = Static<T["payload"]>;
export type ResultOf<T extends TriggerDeclaration> = Static<T["result"]>;

/** The result a veto handler returns. */
export const VetoResult = Type.Union([
  Type.Object({ allow: Type.Literal(true) }),
  Type.Object({ allow: Type.Literal(false), reason: Type.String() }),
]);

export const NotifyResult = Type.Null();

export function defineTrigger<
  const Name extends string,
  const Kind extends TriggerKind,
  Payload extends TSchema,
  Result extends TSchema,
>(declaration: TriggerDeclaration<Name, Kind, Payload, Result>): TriggerDeclaration<Name, Kind, Payload, Result> {
  return declaration;
}

/** The scope of a setting: one app, or the global scope. Never "--global" as an app name. */
export const Scope = Type.Union([
  Type.Object({ kind: Type.Literal("app"), app: Type.String() }),
  Type.Object({ kind: Type.Literal("global") }),
]);
export type Scope = Static<typeof Scope>;
