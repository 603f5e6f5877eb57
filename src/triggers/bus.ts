import type { TriggerName, TriggerOf } from "../../sdk/triggers/all";
import type { PayloadOf, ResultOf, TriggerDeclaration } from "../../sdk/triggers/define";
import { DokkuError } from "../core/errors";
import type { Context } from "../core/context";
import { terminalText } from "../core/terminal-text";
import { GENERATED_TRIGGERS } from "./source";
import type { TriggerEntry, TriggerSource } from "./table";

export type Payload<N extends TriggerName> = PayloadOf<TriggerOf<N>>;
export type Result<N extends TriggerName> = ResultOf<TriggerOf<N>>;
export type Handler<N extends TriggerName> = (payload: Payload<N>, ctx: Context) => Result<N> | Promise<Result<N>>;

export interface HandlerFailure {
  readonly source: string;
  readonly message: string;
}

export type VetoOutcome = { allowed: true } | { allowed: false; source: string; reason: string };

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
}

/**
 * The typed trigger bus. Handlers run in registration order (core plugins in their fixed order,
 * then WASM plugins by name). Every payload sent and every result received is checked against
 * the trigger's schema, so a handler cannot smuggle in a malformed value. The checks are compiled
 * ahead of time (src/triggers/generated); TypeBox and the declarations load only to explain a
 * failed check or to redact a payload with secret fields for a trace or an observer.
 */
export class TriggerBus {
  private readonly registrations: Map<TriggerName, Registration[]>;
  private readonly observers: FireObserver[];

  constructor(
    private readonly context: () => Context,
    /** The triggers to check against; tests pass their own (declaredSource) to exercise every kind. */
    private readonly triggers: TriggerSource = GENERATED_TRIGGERS,
    shared?: { registrations: Map<TriggerName, Registration[]>; observers: FireObserver[] },
  ) {
    this.registrations = shared?.registrations ?? new Map();
    this.observers = shared?.observers ?? [];
  }

  /**
   * The same handlers and observers, handing handlers another context: a deploy's context
   * whose output is also written to the build log, so what handlers print is logged too.
   */
  withContext(context: () => Context): TriggerBus {
    return new TriggerBus(context, this.triggers, { registrations: this.registrations, observers: this.observers });
  }

  on<N extends TriggerName>(trigger: N, source: string, handler: Handler<N>): void {
    const list = this.registrations.get(trigger) ?? [];
    list.push({ source, handler: handler as Registration["handler"] });
    this.registrations.set(trigger, list);
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
    for (const { source, handler } of registrations) {
      const result = await this.checkResult(trigger, source, await this.guarded(trigger, source, () => handler(payload, ctx)));
      if (result !== null && result !== undefined && result !== "") return result;
    }
    return undefined;
  }

  private async collect(trigger: TriggerName, registrations: Registration[], payload: unknown, ctx: Context) {
    const all: unknown[] = [];
    for (const { source, handler } of registrations) {
      const result = await this.checkResult(trigger, source, await this.guarded(trigger, source, () => handler(payload, ctx)));
      all.push(...(result as unknown[]));
    }
    return all;
  }

  private async veto(trigger: TriggerName, registrations: Registration[], payload: unknown, ctx: Context): Promise<VetoOutcome> {
    for (const { source, handler } of registrations) {
      let result: { allow: boolean; reason?: string };
      try {
        result = (await this.checkResult(trigger, source, await handler(payload, ctx))) as typeof result;
      } catch (error) {
        return { allowed: false, source, reason: `${source} failed on ${trigger}: ${errorMessage(error)}` };
      }
      if (!result.allow) return { allowed: false, source, reason: terminalText(result.reason ?? "refused") };
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

  private entry(trigger: TriggerName): TriggerEntry {
    return this.triggers.entries[trigger] as TriggerEntry;
  }

  /** Explains a failed check with the schema's first error (loading TypeBox now), and throws. */
  private async reject(trigger: TriggerName, part: "payload" | "result", value: unknown, what: string): Promise<never> {
    const [{ Value }, declarations] = await Promise.all([import("@sinclair/typebox/value"), this.triggers.declarations()]);
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
