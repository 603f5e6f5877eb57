import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { TriggerDeclaration } from "../../sdk/triggers/define";
import { payloadGates } from "./payload-gates";
import { hasSecret } from "./redact";
import { resultRules } from "./result-rules";
import type { TriggerEntry, TriggerSource } from "./table";

/**
 * A source compiled at run time from declarations (TypeBox loaded): for tests and tools that
 * declare their own triggers. The CLI uses the generated table instead.
 */
export function declaredSource(declarations: Readonly<Record<string, TriggerDeclaration>>): TriggerSource {
  const entries: Record<string, TriggerEntry> = {};
  for (const [name, declaration] of Object.entries(declarations)) {
    const payload = TypeCompiler.Compile(declaration.payload);
    const result = TypeCompiler.Compile(declaration.result);
    entries[name] = {
      kind: declaration.kind,
      version: declaration.version,
      checkPayload: (value) => payload.Check(value),
      checkResult: (value) => result.Check(value),
      secret: hasSecret(declaration.payload),
      gates: payloadGates(declaration.payload, `${name} payload`),
      rules: resultRules(declaration.result, `${name} result`),
    };
  }
  return { entries, declarations: async () => declarations };
}
