const SHOWN_PREFIXES = ["CACHE_PATH=", "DOCKER_", "DOKKU_", "DYNO=", "PATH=", "PORT=", "USER="];

/** `KEY=value` -> `KEY=XXXXXX` except Dokku's allowed prefixes (scheduler-inspect, `ps:inspect`). Pure. */
export function sanitiseEnv(line: string): string {
  if (SHOWN_PREFIXES.some((prefix) => line.startsWith(prefix))) return line;
  const at = line.indexOf("=");
  return `${at < 0 ? line : line.slice(0, at)}=XXXXXX`;
}
