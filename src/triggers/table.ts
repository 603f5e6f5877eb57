import type { TriggerDeclaration, TriggerKind } from "../../sdk/triggers/define";
import type { PayloadGate } from "./payload-gates";
import type { ResultRule } from "./result-rules";

/**
 * What the bus needs of one trigger on every fire, with no schema library loaded: how results
 * combine, the schema version, compiled checks of the payload and of one handler's result, and
 * whether the payload has fields marked `secret` (only then must logs redact it), and those
 * fields' gates: what a WASM plugin without the grant gets instead (payload-gates.ts), and the
 * rules a WASM plugin's result is screened by beyond its schema (result-rules.ts).
 */
export interface TriggerEntry {
  readonly kind: TriggerKind;
  readonly version: number;
  readonly checkPayload: (value: unknown) => boolean;
  readonly checkResult: (value: unknown) => boolean;
  readonly secret: boolean;
  readonly gates: readonly PayloadGate[];
  readonly rules: readonly ResultRule[];
}

/**
 * The triggers a bus knows: the entries it checks against on every fire, and the full
 * declarations (TypeBox schemas), loaded only to explain a failed check or to redact a payload.
 */
export interface TriggerSource {
  readonly entries: Readonly<Record<string, TriggerEntry>>;
  declarations(): Promise<Readonly<Record<string, TriggerDeclaration>>>;
}
