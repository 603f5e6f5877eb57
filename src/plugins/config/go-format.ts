/** Text as Dokku's Go code prints it: encoding/json strings, columnize tables. Pure. */

/** A JSON string as Go's encoding/json writes it: like JSON.stringify, plus `<>&` U+2028 U+2029 escaped. */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const GO_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
const GO_TRIM = new RegExp(`^${GO_SPACE}|${GO_SPACE}$`, "g");

/** Go's strings.TrimSpace. */
export function goTrimSpace(value: string): string {
  return value.replace(GO_TRIM, "");
}

/**
 * ryanuber/columnize as Dokku configures it for env vars (delimiter NUL, glue two spaces):
 * every cell trimmed, every column but the last padded to its widest cell (in code points),
 * lines joined by newlines with no trailing newline.
 */
export function columnize(rows: readonly (readonly string[])[], prefix = ""): string {
  const cells = rows.map((row) => row.map(goTrimSpace));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return cells
    .map(
      (row) =>
        prefix +
        row
          .map((cell, i) =>
            i === row.length - 1 ? cell : `${cell}${" ".repeat((widths[i] ?? 0) - [...cell].length)}  `,
          )
          .join(""),
    )
    .join("\n");
}
