import { Type, type Static } from "@sinclair/typebox";
import { defineTrigger } from "./define";

/**
 * One namespace's report on one app: `flag` is the --<ns>-<property> name without dashes. Bounded
 * and printable: a namespace and flags of plain characters, a value of at most 64 KiB (shown
 * without control characters).
 */
export const ReportSection = Type.Object({
  namespace: Type.String({
    pattern: "^[a-z][a-z0-9-]{0,63}$",
    refers: "plugin",
    description: "a plugin's own name (a WASM plugin's other sections are dropped)",
  }),
  entries: Type.Array(
    Type.Object({
      flag: Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$" }),
      value: Type.String({ maxLength: 65536 }),
    }),
    { maxItems: 4096 },
  ),
});
export type ReportSection = Static<typeof ReportSection>;

export const report = defineTrigger({
  name: "report",
  kind: "collect",
  version: 1,
  description: "Each plugin's report on an app, for `dokku report`.",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Array(ReportSection, { maxItems: 16 }),
  positional: ["app"],
});
