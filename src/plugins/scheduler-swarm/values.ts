/**
 * Validation of scheduler-swarm property values, and their parsed forms for service specs. Pure.
 */

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** A Go-style duration (`10s`, `1m30s`, `500ms`, `0`) in nanoseconds; undefined when not one. */
export function parseDuration(value: string): number | undefined {
  if (value === "0") return 0;
  if (value === "") return undefined;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < value.length) {
    const match = DURATION_PART.exec(value);
    if (!match) return undefined;
    total += Number(match[1]) * (DURATION_UNITS[match[2] as string] as number);
  }
  return Math.round(total);
}

const CONSTRAINT = /^\s*([A-Za-z0-9_.-]+)\s*(==|!=)\s*(\S+)\s*$/;
const CONSTRAINT_VALUE = /^[A-Za-z0-9:_.*/-]+$/;
const FIXED_KEYS = ["node.id", "node.hostname", "node.role", "node.platform.os", "node.platform.arch"];
const LABEL_KEY = /^(node|engine)\.labels\.[A-Za-z0-9_.-]+$/;

/** Why one placement expression is refused; undefined when valid. */
function constraintProblem(expression: string): string | undefined {
  const match = CONSTRAINT.exec(expression);
  if (!match) return `"${expression}" is not a <key>==<value> or <key>!=<value> expression`;
  const [, key = "", , value = ""] = match;
  if (!FIXED_KEYS.includes(key) && !LABEL_KEY.test(key)) {
    return `"${key}" is not a constraint key (${FIXED_KEYS.join(", ")}, node.labels.<label>, engine.labels.<label>)`;
  }
  if (!CONSTRAINT_VALUE.test(value)) return `"${value}" is not a valid constraint value`;
  if (key === "node.role" && value !== "manager" && value !== "worker")
    return `node.role must be manager or worker, not "${value}"`;
  return undefined;
}

/** The expressions of a comma separated `placement-constraints` value, spaces around the operator removed. */
export function placementConstraints(value: string): string[] {
  return value
    .split(",")
    .map((expression) => CONSTRAINT.exec(expression))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, key, operator, operand]) => `${key}${operator}${operand}`);
}

const NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NOT_OVERLAY = ["bridge", "host", "none", "ingress", "docker_gwbridge"];

/** Why `value` is refused for the scheduler-swarm property `key`; undefined when valid. */
export function swarmValueProblem(key: string, value: string): string | undefined {
  const invalid = (why: string) => `Invalid ${key} value specified: ${why}`;
  switch (key) {
    case "network":
      if (!NETWORK_NAME.test(value) || value.length > 64) return invalid(`"${value}" is not a network name`);
      return NOT_OVERLAY.includes(value) ? invalid(`${value} is not an overlay network`) : undefined;
    case "update-parallelism":
      return /^\d{1,9}$/.test(value)
        ? undefined
        : invalid("must be a whole number, 0 or more (0 updates every task at once)");
    case "update-delay":
      return parseDuration(value) === undefined
        ? invalid(`"${value}" is not a duration such as 10s, 1m or 1m30s`)
        : undefined;
    case "update-order":
      return value === "start-first" || value === "stop-first"
        ? undefined
        : invalid("must be start-first or stop-first");
    case "placement-constraints": {
      const problem = value
        .split(",")
        .map(constraintProblem)
        .find((found) => found !== undefined);
      return problem === undefined ? undefined : invalid(problem);
    }
    default:
      return undefined;
  }
}
