const SIZE = /^(\d+(?:\.\d+)?)([bkmgtp])?(i?b)?$/i;
const UNIT_POWER: Record<string, number> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * Bytes of a docker-style size (`512m`, `1g`, `1.5GiB`, `100kb`, `4096b`; units are powers of
 * 1024 as docker reads them), for resource limits and docker options alike. A bare number is in
 * `bareUnit`: megabytes for resource memory (Dokku adds `m`), bytes otherwise. Undefined when it
 * is not a size. Pure.
 */
export function parseByteSize(value: string, bareUnit: "m" | "b"): number | undefined {
  const match = SIZE.exec(value);
  if (!match) return undefined;
  const [, number = "", unit, suffix] = match;
  // `512ib` or a lone `b` after `b` is not a size docker takes
  if (unit === undefined && suffix !== undefined) return undefined;
  if (unit?.toLowerCase() === "b" && suffix !== undefined) return undefined;
  const power = UNIT_POWER[(unit ?? bareUnit).toLowerCase()] ?? 0;
  return Math.floor(Number(number) * 1024 ** power);
}
