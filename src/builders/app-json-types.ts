/**
 * The parts of app.json dokku acts on (Dokku's format). The parser and validator that produce
 * it live in `app-json.ts`; unknown top-level keys are kept out of the type, not refused.
 */
export interface AppJson {
  readonly scripts?: {
    readonly dokku?: {
      readonly predeploy?: string;
      readonly postdeploy?: string;
    };
  };
  /** Initial scale per process type: `{ "web": { "quantity": 2 } }`. */
  readonly formation?: Readonly<Record<string, { readonly quantity?: number; readonly max_parallel?: number }>>;
  /** Health checks per process type; read here, acted on by the routing issue. */
  readonly healthchecks?: Readonly<Record<string, readonly HealthCheck[]>>;
  /** Scheduled tasks, run by the cron plugin as one-off containers of the release. */
  readonly cron?: readonly CronEntry[];
}

/** How a cron task treats a run of itself still going when it is due again (Dokku's names). */
export type ConcurrencyPolicy = "allow" | "forbid" | "replace";

/** One `cron` entry of app.json, as Dokku's app-json CronTask. */
export interface CronEntry {
  readonly command: string;
  /** Five fields or an `@daily`-style name. */
  readonly schedule: string;
  /** Absent means `allow`. */
  readonly concurrency_policy?: ConcurrencyPolicy;
  /** true keeps the task out of the host schedule. */
  readonly maintenance?: boolean;
}

export interface HealthCheck {
  readonly type?: "startup" | "liveness" | "readiness";
  readonly name?: string;
  readonly path?: string;
  readonly command?: readonly string[];
  readonly content?: string;
  readonly attempts?: number;
  readonly timeout?: number;
  readonly wait?: number;
  readonly initialDelay?: number;
  readonly port?: number;
  readonly uptime?: number;
  readonly scheme?: string;
  readonly warn?: boolean;
  readonly onFailure?: { readonly url?: string };
}
