/**
 * plugin.toml with `sha256 = "<hex>"` in its [module] table (replacing one already there, else
 * after its `file` line), comments and layout kept: what a plugin build writes once the module
 * is built. Shared by the AssemblyScript kit's build and the C builder. Pure.
 */
export function withModuleSha256(toml: string, sha256: string): string {
  const lines = toml.split("\n");
  const start = lines.findIndex((line) => line.trim() === "[module]");
  if (start === -1) throw new Error("plugin.toml: no [module] table");
  let end = lines.findIndex((line, at) => at > start && line.trim().startsWith("["));
  if (end === -1) end = lines.length;
  const entry = `sha256 = "${sha256}"`;
  const existing = lines.findIndex((line, at) => at > start && at < end && /^\s*sha256\s*=/.test(line));
  if (existing !== -1) lines[existing] = entry;
  else {
    const file = lines.findIndex((line, at) => at > start && at < end && /^\s*file\s*=/.test(line));
    lines.splice((file === -1 ? start : file) + 1, 0, entry);
  }
  return lines.join("\n");
}
