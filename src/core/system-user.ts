import { readFileSync } from "node:fs";

/** The name of `uid` in passwd-format text, or undefined. Pure. */
export function userNameFromPasswd(passwd: string, uid: number): string | undefined {
  for (const line of passwd.split("\n")) {
    const fields = line.split(":");
    if (fields.length >= 3 && fields[2] === String(uid)) return fields[0];
  }
  return undefined;
}

/**
 * The system user running this process. Bun's os.userInfo() reports "unknown" when USER is
 * unset (as under sshd's forced command or CI), so read /etc/passwd by uid instead.
 */
export function currentSystemUser(): string {
  const uid = process.getuid?.() ?? -1;
  try {
    return userNameFromPasswd(readFileSync("/etc/passwd", "utf8"), uid) ?? String(uid);
  } catch {
    return String(uid);
  }
}
