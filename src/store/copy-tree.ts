import { cpSync, readdirSync } from "node:fs";
import { chownTo, type StateOwner } from "./ownership";

/**
 * Copies a directory tree (cpSync copies as the running user), then hands the copy, its root
 * included, to the state owner as every other write does. `skip` leaves paths out of the copy.
 */
export function copyTree(
  source: string,
  target: string,
  owner: StateOwner | undefined,
  skip?: (path: string) => boolean,
): void {
  cpSync(source, target, {
    recursive: true,
    preserveTimestamps: true,
    filter: skip ? (path) => !skip(path) : undefined,
  });
  if (!owner) return;
  chownTo(target, owner);
  for (const name of readdirSync(target, { recursive: true })) chownTo(`${target}/${String(name)}`, owner);
}
