import { fail } from "../../core/errors";

export interface EnterArgs {
  readonly app?: string;
  readonly processOrDyno?: string;
  readonly containerId?: string;
  readonly command: string[];
}

/** `enter <app> [--container-id ID | <type>|<type>.<n>] [--] [cmd...]` as Dokku's enter reads it. Pure. */
export function parseEnterArgs(raw: readonly string[]): EnterArgs {
  const [app, ...rest] = raw;
  let containerId: string | undefined;
  let processOrDyno: string | undefined;
  let index = 0;
  for (; index < rest.length; index++) {
    const arg = rest[index] as string;
    if (arg === "--container-id") {
      containerId = rest[++index];
      if (containerId === undefined || containerId === "") fail("expected --container-id to have an argument");
    } else if (arg.startsWith("--container-id=")) containerId = arg.slice("--container-id=".length);
    else break;
  }
  // the first other word names the container type, unless an id was given or the command starts
  if (containerId === undefined && index < rest.length && rest[index] !== "--") processOrDyno = rest[index++];
  const remaining = rest.slice(index);
  const command = remaining[0] === "--" ? remaining.slice(1) : remaining;
  return { app, processOrDyno, containerId, command };
}
