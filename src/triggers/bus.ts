import type { TriggerName, TriggerOf } from "../../sdk/triggers/all";
import type { PayloadOf, ResultOf, ResultReferent, TriggerDeclaration } from "../../sdk/triggers/define";
import { DokkuError } from "../core/errors";
import type { Context } from "../core/context";
import { terminalText } from "../core/terminal-text";
import { dropUnreal, screenWarning, trimResult } from "./result-rules";
import { GENERATED_TRIGGERS } from "./source";
import type { TriggerEntry, TriggerSource } from "./table";

export type Payload<N extends TriggerName> = PayloadOf<TriggerOf<N>>;
export type Result<N extends TriggerName> = ResultOf<TriggerOf<N>>;
export type Handler<N extends TriggerName> = (payload: Payload<N>, ctx: Context) => Result<N> | Promise<Result<N>>;

export interface HandlerFailure {
  readonly source: string;
  readonly message: string;
}

/** A refusal names its handler (`source`), and the WASM plugin behind it, if one is. */
export type VetoOutcome = { allowed: true } | { allowed: false; source: string; plugin?: string; reason: string };

/** What `fire` returns, by the trigger's kind. */
export type Combined<N extends TriggerName> = TriggerOf<N>["kind"] extends "notify"
  ? { failures: HandlerFailure[] }
  : TriggerOf<N>["kind"] extends "first"
    ? Result<N> | undefined
    : TriggerOf<N>["kind"] extends "collect"
      ? Result<N>
      : VetoOutcome;

/**
 * Told of every trigger fired (the events log listens here). The payload it gets has the
 * fields the declaration marks `secret` redacted: observers log, they never act.
 */
export type FireObserver = (event: { trigger: TriggerName; payload: unknown }) => void;

interface Registration {
  readonly source: string;
  readonly handler: (payload: unknown, ctx: Context) => unknown;
  /** The WASM plugin behind the handler: its results are screened (result-rules.ts). */
  readonly plugin?: string;
}

/** The real values of a referent (every app, every builder ...), from the core plugin that owns it. */
export type ReferentResolver = (ctx: Context) => Iterable<string> | Promise<Iterable<string>>;

interface Shared {
  registrations: Map<TriggerName, Registration[]>;
  observers: FireObserver[];
  referents: Map<ResultReferent, ReferentResolver>;
}

/**
 * The typed trigger bus. Handlers run in registration order (core plugins in their fixed order,
 * then WASM plugins by name). Every payload sent and every result received is checked against
 * the trigger's schema, so a handler cannot smuggle in a malformed value. The checks are compiled
 * ahead of time (src/triggers/generated); TypeBox and the declarations load only to explain a
 * failed check or to redact a payload with secret fields for a trace or an observer. A WASM
 * plugin's `first` and `collect` results are also screened against reality: lists cut to their
 * bounds, values naming no real app, builder or proxy type dropped, with one warning.
 */
export class TriggerBus {
  private readonly registrations: Map<TriggerName, Registration[]>;
  private readonly observers: FireObserver[];
  private readonly referents: Map<ResultReferent, ReferentResolver>;

  constructor(
    private readonly context: () => Context,
    /** The triggers to check against; tests pass their own (declaredSource) to exercise every kind. */
    private readonly triggers: TriggerSource = GENERATED_TRIGGERS,
    shared?: Shared,
  ) {
    this.registrations = shared?.registrations ?? new Map();
    this.observers = shared?.observers ?? [];
    this.referents = shared?.referents ?? new Map();
  }

  /**
   * The same handlers and observers, handing handlers another context: a deploy's context
   * whose output is also written to the build log, so what handlers print is logged too.
   */
  withContext(context: () => Context): TriggerBus {
    return new TriggerBus(context, this.triggers, {
      registrations: this.registrations,
      observers: this.observers,
      referents: this.referents,
    });
  }

  /** Registers a handler; `plugin` names the WASM plugin behind it, whose results are screened. */
  on<N extends TriggerName>(trigger: N, source: string, handler: Handler<N>, options: { plugin?: string } = {}): void {
    const list = this.registrations.get(trigger) ?? [];
    list.push({ source, handler: handler as Registration["handler"], plugin: options.plugin });
    this.registrations.set(trigger, list);
  }

  /** How to list the real values of a referent (`refers` in a result schema); core plugins own them. */
  referent(referent: Exclude<ResultReferent, "plugin">, resolve: ReferentResolver): void {
    this.referents.set(referent, resolve);
  }

  observe(observer: FireObserver): void {
    this.observers.push(observer);
  }

  /** Names of the handlers registered for a trigger, in the order they run. */
  sources(trigger: TriggerName): string[] {
    return (this.registrations.get(trigger) ?? []).map((registration) => registration.source);
  }

  async fire<N extends TriggerName>(trigger: N, payload: Payload<N>): Promise<Combined<N>> {
    const entry = this.entry(trigger);
    if (!entry.checkPayload(payload)) await this.reject(trigger, "payload", payload, `payload of ${trigger}`);
    const ctx = this.context();
    if (this.observers.length > 0 || ctx.out.tracing) {
      const loggable = entry.secret ? await this.redacted(trigger, payload) : payload;
      for (const observer of this.observers) observer({ trigger, payload: loggable });
      ctx.out.trace(`trigger ${trigger} ${JSON.stringify(loggable)}`);
    }
    const registrations = this.registrations.get(trigger) ?? [];
    switch (entry.kind) {
      case "notify":
        return (await this.notify(trigger, registrations, payload, ctx)) as Combined<N>;
      case "first":
        return (await this.first(trigger, registrations, payload, ctx)) as Combined<N>;
      case "collect":
        return (await this.collect(trigger, registrations, payload, ctx)) as Combined<N>;
      case "veto":
        return (await this.veto(trigger, registrations, payload, ctx)) as Combined<N>;
    }
  }

  private async notify(trigger: TriggerName, registrations: Registration[], payload: unknown, ctx: Context) {
    const failures: HandlerFailure[] = [];
    for (const { source, handler } of registrations) {
      try {
        await this.checkResult(trigger, source, await handler(payload, ctx));
      } catch (error) {
        const message = errorMessage(error);
        failures.push({ source, message });
        ctx.out.warn(`${source} failed on ${trigger}: ${message}`);
      }
    }
    return { failures };
  }

  private async first(trigger: TriggerName, registrations: Registration[], payload: unknown, ctx: Context) {
    for (const registration of registrations) {
      const { source, handler } = registration;
      const result = await this.accepted(
        trigger,
        registration,
        await this.guarded(trigger, source, () => handler(payload, ctx)),
        ctx,
      );
      if (result !== null && result !== undefined && result !== "") return result;
    }
    return undefined;
  }

  private async collect(trigger: TriggerName, registrations: Registration[], payload: unknown, ctx: Context) {
    const all: unknown[] = [];
    for (const registration of registrations) {
      const { source, handler } = registration;
      const result = await this.accepted(
        trigger,
        registration,
        await this.guarded(trigger, source, () => handler(payload, ctx)),
        ctx,
      );
      all.push(...(result as unknown[]));
    }
    return all;
  }

  private async veto(
    trigger: TriggerName,
    registrations: Registration[],
    payload: unknown,
    ctx: Context,
  ): Promise<VetoOutcome> {
    for (const { source, handler, plugin } of registrations) {
      let result: { allow: boolean; reason?: string };
      try {
        result = (await this.checkResult(trigger, source, await handler(payload, ctx))) as typeof result;
      } catch (error) {
        return { allowed: false, source, plugin, reason: `${source} failed on ${trigger}: ${errorMessage(error)}` };
      }
      if (!result.allow) return { allowed: false, source, plugin, reason: terminalText(result.reason ?? "refused") };
    }
    return { allowed: true };
  }

  private async guarded(trigger: TriggerName, source: string, call: () => unknown): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DokkuError) throw error;
      throw new DokkuError(`${source} failed on ${trigger}: ${errorMessage(error)}`, { cause: error });
    }
  }

  private async checkResult(trigger: TriggerName, source: string, result: unknown): Promise<unknown> {
    const normalised = result === undefined ? null : result;
    if (!this.entry(trigger).checkResult(normalised)) {
      await this.reject(trigger, "result", normalised, `result of ${trigger} from ${source}`);
    }
    return normalised;
  }

  /**
   * A handler's result, checked; a WASM plugin's also screened by the trigger's result rules: its
   * lists cut to their bounds before the check, then its values naming nothing real dropped,
   * both told in one warning naming the plugin.
   */
  private async accepted(
    trigger: TriggerName,
    registration: Registration,
    result: unknown,
    ctx: Context,
  ): Promise<unknown> {
    const { rules } = this.entry(trigger);
    const plugin = registration.plugin;
    if (plugin === undefined || rules.length === 0) return this.checkResult(trigger, registration.source, result);
    const cut = trimResult(result === undefined ? null : result, rules);
    const checked = await this.checkResult(trigger, registration.source, cut.result);
    const real = new Map<ResultReferent, ReadonlySet<string>>();
    for (const rule of rules) {
      if (!("refers" in rule) || real.has(rule.refers)) continue;
      real.set(
        rule.refers,
        new Set(rule.refers === "plugin" ? [plugin] : await (this.referents.get(rule.refers)?.(ctx) ?? [])),
      );
    }
    const realOf = (referent: ResultReferent): ReadonlySet<string> => real.get(referent) ?? new Set();
    const screened = dropUnreal(checked, rules, (referent, value) => realOf(referent).has(value));
    const known = (referent: ResultReferent) => (referent === "app" ? [] : [...realOf(referent)].sort());
    const warning = screenWarning(plugin, trigger, cut.trimmed, screened.dropped, known);
    if (warning !== undefined) ctx.out.warn(warning);
    return screened.result;
  }

  private entry(trigger: TriggerName): TriggerEntry {
    return this.triggers.entries[trigger] as TriggerEntry;
  }

  /** Explains a failed check with the schema's first error (loading TypeBox now), and throws. */
  private async reject(trigger: TriggerName, part: "payload" | "result", value: unknown, what: string): Promise<never> {
    const [{ Value }, declarations] = await Promise.all([
      import("@sinclair/typebox/value"),
      this.triggers.declarations(),
    ]);
    const schema = (declarations[trigger] as TriggerDeclaration)[part];
    const first = Value.Errors(schema, value).First();
    const where = first ? `${first.path || "/"} ${first.message}` : "does not match its schema";
    throw new DokkuError(`Invalid ${what}: ${where}`, { code: "invalid-trigger-data" });
  }

  /** The payload with its secret fields replaced, for traces and observers. */
  private async redacted(trigger: TriggerName, payload: unknown): Promise<unknown> {
    const [{ redact }, declarations] = await Promise.all([import("./redact"), this.triggers.declarations()]);
    return redact((declarations[trigger] as TriggerDeclaration).payload, payload);
  }
}

/** A handler's error as text fit for a terminal: a plugin's may carry escape sequences. */
function errorMessage(error: unknown): string {
  return terminalText(error instanceof Error ? error.message : String(error));
}
