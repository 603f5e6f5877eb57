import type { ContainerFragment } from "./container-fragment";

/** The docker log drivers that keep files on the host, the ones `max-size` bounds (as Dokku's allowed drivers). */
export const SIZE_BOUNDED_LOG_DRIVERS: readonly string[] = ["json-file", "local"];

type LogConfig = { Type?: string; Config?: Record<string, string> };

/**
 * What Dokku's logs plugin adds to a deploy container: `--log-opt max-size=<size>` ahead of the
 * app's own docker options (an own `--log-opt max-size` wins), unless the size is `unlimited` or
 * the container's log driver (docker-options' `--log-driver`, else the daemon's) keeps no files.
 * Returns the fragments with it appended (a whole LogConfig: it replaces the earlier one, which it
 * carries). Pure.
 */
export function withLogSize(
  fragments: readonly ContainerFragment[],
  maxSize: string,
  daemonDriver: string,
): ContainerFragment[] {
  const current = fragments
    .map((fragment) => fragment.hostConfig?.LogConfig as LogConfig | undefined)
    .filter((config) => config !== undefined)
    .at(-1);
  const driver = current?.Type || daemonDriver;
  if (maxSize === "unlimited" || !SIZE_BOUNDED_LOG_DRIVERS.includes(driver)) return [...fragments];
  const LogConfig = { Type: current?.Type ?? "", Config: { "max-size": maxSize, ...current?.Config } };
  return [...fragments, { hostConfig: { LogConfig } }];
}
