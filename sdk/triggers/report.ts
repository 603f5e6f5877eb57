import { Type, type Static } from "@sinclair/typebox";
import { defineTrigger } from "./define";

/** One namespace's report on one app: `flag` is the --<ns>-<property> name without dashes. */
export const ReportSection = Type.Object({
  namespace: Type.String(),
  entries: Type.Array(Type.Object({ flag: Type.String(), value: Type.String() })),
});
export type ReportSection = Static<typeof ReportSection>;

export const report = defineTrigger({
  name: "report",
  kind: "collect",
  version: 1,
  description: "Each plugin's report on an app, for `dokku report`.",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Array(ReportSection),
});
