import type { TriggerDeclaration } from "../../sdk/triggers/define";
import { TRIGGER_TABLE } from "./generated/validators";
import type { TriggerSource } from "./table";

/** The sdk's triggers: checks generated at build time; the declarations themselves on demand. */
export const GENERATED_TRIGGERS: TriggerSource = {
  entries: TRIGGER_TABLE,
  async declarations(): Promise<Readonly<Record<string, TriggerDeclaration>>> {
    return (await import("../../sdk/triggers/all")).ALL_TRIGGERS;
  },
};
