/** The one error type of the project: a message for the user, a code for machines, an exit status. */
export class DokkuError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(message: string, options: { code?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "DokkuError";
    this.code = options.code ?? "failed";
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A user-facing failure: bad input, missing app, refused action. */
export function fail(message: string, code = "failed", exitCode = 1): never {
  throw new DokkuError(message, { code, exitCode });
}

export function isDokkuError(error: unknown): error is DokkuError {
  return error instanceof DokkuError;
}
