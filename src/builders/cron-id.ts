/**
 * The id of an app's cron task, as Dokku's GenerateCommandID makes it: the bytes of
 * `<app>===<command>===<schedule>` in lower-case base36 (multiformats/go-base36). Stable for
 * the same app, command and schedule; it changes when any of them does. Pure.
 */
export function cronTaskId(app: string, command: string, schedule: string): string {
  return base36Lower(new TextEncoder().encode(`${app}===${command}===${schedule}`));
}

/** go-base36's EncodeToStringLc: the bytes as one big-endian number in base36, a `0` per leading zero byte. Pure. */
export function base36Lower(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  if (zeros === bytes.length) return "0".repeat(zeros);
  let value = 0n;
  for (const byte of bytes.subarray(zeros)) value = (value << 8n) | BigInt(byte);
  return "0".repeat(zeros) + value.toString(36);
}
