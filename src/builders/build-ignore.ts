/** One `.dockerignore` rule: a path pattern, or an exception (`!pattern`) that re-includes. */
export interface IgnoreRule {
  readonly pattern: RegExp;
  readonly exception: boolean;
}

/**
 * Reads `.dockerignore` as docker's client does (moby/patternmatcher): one pattern per line,
 * `#` comments and blank lines skipped, a leading `/` dropped, `!` for exceptions; `*` and `?`
 * stay inside one path segment, `**` crosses segments. Pure.
 */
export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const exception = line.startsWith("!");
    if (exception) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned === "") continue;
    rules.push({ pattern: patternRegex(cleaned), exception });
  }
  return rules;
}

/** Whether `path` (relative, `/`-separated) is left out of the context: the last matching rule decides. Pure. */
export function isIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  let ignored = false;
  const prefixes = parentsAndSelf(path);
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.pattern.test(prefix))) ignored = !rule.exception;
  }
  return ignored;
}

/** Whether any rule can re-include something: then an ignored directory must still be walked. Pure. */
export function hasExceptions(rules: readonly IgnoreRule[]): boolean {
  return rules.some((rule) => rule.exception);
}

function parentsAndSelf(path: string): string[] {
  const parts = path.split("/");
  return parts.map((_, index) => parts.slice(0, index + 1).join("/"));
}

function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

function patternRegex(pattern: string): RegExp {
  let source = "^";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "*") {
      if (pattern[index + 1] === "*") {
        index++;
        if (pattern[index + 1] === "/") index++;
        source += index + 1 === pattern.length ? ".*" : "(.*/)?";
      } else source += "[^/]*";
    } else if (char === "?") source += "[^/]";
    else if (char === "\\" && index + 1 < pattern.length) source += escapeRegex(pattern[++index] as string);
    else if (char === "[") {
      const close = pattern.indexOf("]", index + 1);
      if (close === -1) source += "\\[";
      else {
        const body = pattern
          .slice(index + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        source += `[${body}]`;
        index = close;
      }
    } else source += escapeRegex(char);
  }
  return new RegExp(`${source}$`);
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
