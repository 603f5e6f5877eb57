import { PREFIX, type Output } from "../../core/output";

/**
 * The same output, with every line also handed to `log` as the user sees it (prefixes
 * included). Lines silenced by --quiet are still logged: the build log keeps the whole story.
 */
export function teeOutput(out: Output, log: (text: string) => void): Output {
  const line = (prefix: string, message: string) =>
    log(
      `${message
        .split("\n")
        .map((part) => prefix + part)
        .join("\n")}\n`,
    );
  return {
    get quiet() {
      return out.quiet;
    },
    get tracing() {
      return out.tracing;
    },
    setTracing: (on) => out.setTracing(on),
    step: (message) => {
      out.step(message);
      line(PREFIX.step, message);
    },
    heading: (message) => {
      out.heading(message);
      line(PREFIX.heading, message);
    },
    detail: (message) => {
      out.detail(message);
      line(PREFIX.detail, message);
    },
    print: (message) => {
      out.print(message);
      line("", message);
    },
    raw: (text) => {
      out.raw(text);
      log(text);
    },
    warn: (message) => {
      out.warn(message);
      line(PREFIX.alert, message);
    },
    error: (message) => {
      out.error(message);
      line(PREFIX.alert, message);
    },
    trace: (message) => out.trace(message),
  };
}
