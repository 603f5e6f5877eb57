import { parseAnyPublicKey, publicKeyText, type PublicKey } from "./public-key";

/**
 * Options on every key we add: Dokku's (sshcommand's) default set. A pty stays allowed
 * because `ssh -t dokku@host run app bash` and `enter` need one.
 */
export const KEY_OPTIONS: readonly string[] = [
  "no-agent-forwarding",
  "no-user-rc",
  "no-X11-forwarding",
  "no-port-forwarding",
];

/** One line of authorized_keys, split the way sshd reads it. */
export interface AuthorizedKeysLine {
  readonly raw: string;
  /** `blank` and `comment` lines, and keys we did not add, are kept byte for byte. */
  readonly kind: "blank" | "comment" | "key" | "invalid";
  readonly options: readonly string[];
  readonly key?: PublicKey;
  /** Set when the line is a key added by ssh-keys:add (ours, or Dokku's sshcommand form). */
  readonly managed?: ManagedKey;
}

/** A key added by ssh-keys:add, as ssh-keys:list shows it. */
export interface ManagedKey {
  readonly name: string;
  readonly fingerprint: string;
  /** The options after `command="..."`, comma-joined: Dokku's SSHCOMMAND_ALLOWED_KEYS. */
  readonly allowedKeys: string;
  /** `type base64 [comment]`. */
  readonly publicKey: string;
}

/** Splits the file into lines, without the empty piece after a final newline. Pure. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Parses every line of an authorized_keys file. Pure. */
export function parseAuthorizedKeys(text: string): AuthorizedKeysLine[] {
  return splitLines(text).map(parseAuthorizedKeysLine);
}

/** Parses one line: `[options] type base64 [comment]`, options comma-separated with quoted values. Pure. */
export function parseAuthorizedKeysLine(raw: string): AuthorizedKeysLine {
  const text = raw.replace(/\r$/, "").trim();
  if (text === "") return { raw, kind: "blank", options: [] };
  if (text.startsWith("#")) return { raw, kind: "comment", options: [] };
  const direct = keyFields(raw, text, []);
  if (direct.kind === "key") return direct;
  const split = splitOptions(text);
  if (!split) return { raw, kind: "invalid", options: [] };
  return keyFields(raw, split.rest, split.options);
}

function keyFields(raw: string, text: string, options: readonly string[]): AuthorizedKeysLine {
  const [type = "", base64 = "", ...comment] = text.split(/[ \t]+/);
  const parsed = parseAnyPublicKey(type, base64, comment.join(" "));
  if (!parsed.ok) return { raw, kind: "invalid", options };
  const line = { raw, kind: "key" as const, options, key: parsed.key };
  const managed = managedKey(options, parsed.key);
  return managed ? { ...line, managed } : line;
}

/** Reads the leading options up to the first unquoted blank; undefined when a quote is left open. */
function splitOptions(text: string): { options: string[]; rest: string } | undefined {
  const options: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === "\\" && text[i + 1] === '"') {
      current += '\\"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (!quoted && char === ",") {
      options.push(current);
      current = "";
    } else if (!quoted && (char === " " || char === "\t")) {
      options.push(current);
      return { options, rest: text.slice(i).trim() };
    } else current += char;
  }
  return undefined;
}

/** The unescaped value of `command="..."`, or undefined when the option is absent. */
export function commandOption(options: readonly string[]): string | undefined {
  const option = options.find((value) => /^command="/i.test(value) && value.endsWith('"'));
  return option?.slice('command="'.length, -1).replaceAll('\\"', '"');
}

const MANAGED_COMMAND = /^FINGERPRINT=(\S+) NAME=(?:"([^"]*)"|(\S+))(?:\s|$)/;

function managedKey(options: readonly string[], key: PublicKey): ManagedKey | undefined {
  const command = commandOption(options);
  const match = command === undefined ? null : MANAGED_COMMAND.exec(command);
  if (!match) return undefined;
  return {
    fingerprint: match[1] as string,
    name: (match[2] ?? match[3]) as string,
    allowedKeys: options.filter((option) => !/^command="/i.test(option)).join(","),
    publicKey: publicKeyText(key),
  };
}

/** Key names are written unquoted into a shell command line, so only these characters are allowed. */
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
export const MAX_KEY_NAME_LENGTH = 128;

/** Returns why `name` cannot name a key, or undefined. Pure. */
export function keyNameProblem(name: string): string | undefined {
  if (name === "") return "A name is required to add a key, ie: dokku ssh-keys:add <name> [/path/to/key]";
  if (!KEY_NAME.test(name)) {
    return `Invalid ssh key name '${name}': it must begin with a letter or digit and may only contain letters, digits, '.', '_', '@' and '-'`;
  }
  if (name.length > MAX_KEY_NAME_LENGTH) return `Invalid ssh key name: at most ${MAX_KEY_NAME_LENGTH} characters`;
  return undefined;
}

/** sshd hands the forced command to the user's shell, so the executable path must need no quoting. */
const SAFE_PATH = /^\/[A-Za-z0-9/._+-]*$/;

export function executablePathProblem(path: string): string | undefined {
  return SAFE_PATH.test(path)
    ? undefined
    : `Cannot use '${path}' in a forced command: the dokku executable path may only contain letters, digits, '/', '.', '_', '+' and '-'`;
}

/**
 * The authorized_keys line for a key: a forced command running this executable with the
 * key's fingerprint and name in its environment. The caller has checked the name and the
 * path (keyNameProblem, executablePathProblem); every part is then free of shell syntax. Pure.
 */
export function renderManagedLine(name: string, key: PublicKey, executablePath: string): string {
  const command = `FINGERPRINT=${key.fingerprint} NAME=${name} ${executablePath}`;
  return `command="${command}",${KEY_OPTIONS.join(",")} ${publicKeyText(key)}`;
}

/** The file text after appending a line, keeping every existing byte. Pure. */
export function appendLine(text: string, line: string): string {
  if (text === "" || text.endsWith("\n")) return `${text}${line}\n`;
  return `${text}\n${line}\n`;
}

/** The file text without the lines `drop` selects; other lines are kept byte for byte. Pure. */
export function removeLines(text: string, drop: (line: AuthorizedKeysLine) => boolean): string {
  const kept = splitLines(text).filter((raw) => !drop(parseAuthorizedKeysLine(raw)));
  return kept.length === 0 ? "" : `${kept.join("\n")}\n`;
}

/** Text and JSON forms of `ssh-keys:list`, as Dokku prints them. Pure. */
export function listLine(key: ManagedKey): string {
  return `${key.fingerprint} NAME="${key.name}" SSHCOMMAND_ALLOWED_KEYS="${key.allowedKeys}"`;
}

export function listJson(keys: readonly ManagedKey[]): string {
  return JSON.stringify(
    keys.map((key) => ({
      fingerprint: key.fingerprint,
      name: key.name,
      SSHCOMMAND_ALLOWED_KEYS: key.allowedKeys,
      "public-key": key.publicKey,
    })),
  );
}
