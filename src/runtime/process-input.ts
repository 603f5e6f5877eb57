import type { Input } from "../core/context";

/** Standard input of this process, read lazily: a command that never reads it never waits on it. */
export function processInput(): Input {
  let buffered = "";
  let ended = false;
  let reader: { read(): Promise<{ value?: Uint8Array; done: boolean }> } | undefined;
  const decoder = new TextDecoder();
  /** Bytes pulled into `buffered` since readAtMost last counted it. */
  let bufferedBytes = 0;

  async function pull(): Promise<boolean> {
    reader ??= Bun.stdin.stream().getReader();
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      buffered += decoder.decode();
      return false;
    }
    bufferedBytes += value?.length ?? 0;
    buffered += decoder.decode(value, { stream: true });
    return true;
  }

  function take(): string {
    const all = buffered;
    buffered = "";
    bufferedBytes = 0;
    return all;
  }

  return {
    isTTY: Boolean(process.stdin.isTTY),
    async readAll() {
      while (!ended && (await pull()));
      return take();
    },
    async readAtMost(maxBytes) {
      bufferedBytes = Buffer.byteLength(buffered, "utf8"); // what readLine left over
      while (!ended && bufferedBytes <= maxBytes && (await pull()));
      if (bufferedBytes > maxBytes) {
        take();
        return undefined;
      }
      return take();
    },
    async readLine() {
      for (;;) {
        const newline = buffered.indexOf("\n");
        if (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          return line;
        }
        if (ended || !(await pull())) {
          if (buffered === "") return undefined;
          const line = buffered;
          buffered = "";
          return line;
        }
      }
    },
  };
}

/** Fixed input, for tests and for commands run from other commands. */
export function textInput(text: string, isTTY = false): Input {
  let rest = text;
  return {
    isTTY,
    async readAll() {
      const all = rest;
      rest = "";
      return all;
    },
    async readAtMost(maxBytes) {
      const all = rest;
      rest = "";
      return Buffer.byteLength(all, "utf8") > maxBytes ? undefined : all;
    },
    async readLine() {
      if (rest === "") return undefined;
      const newline = rest.indexOf("\n");
      const line = newline >= 0 ? rest.slice(0, newline) : rest;
      rest = newline >= 0 ? rest.slice(newline + 1) : "";
      return line;
    },
  };
}
