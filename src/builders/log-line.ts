/** `2024-01-02T03:04:05.000000000Z text` -> `2024-01-02T03:04:05.000000000Z app[web.1]: text`. Pure. */
export function prefixLine(dyno: string, line: string): string {
  const space = line.indexOf(" ");
  if (space < 0) return `${line} app[${dyno}]: `;
  return `${line.slice(0, space)} app[${dyno}]: ${line.slice(space + 1)}`;
}

/** A timestamped log line as `logs` prints it (prefixed with its dyno, or raw without the time) and the time it sorts by. Pure. */
export function formatLogLine(dyno: string, line: string, raw: boolean): { time: string; text: string } {
  return { time: line.split(" ", 1)[0] ?? "", text: raw ? stripTimestamp(line) : prefixLine(dyno, line) };
}

function stripTimestamp(line: string): string {
  const space = line.indexOf(" ");
  return space < 0 ? "" : line.slice(space + 1);
}
