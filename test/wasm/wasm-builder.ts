/**
 * A tiny assembler of wasm binaries for tests: each test builds exactly the module it needs
 * (imports, a memory with or without a maximum, exported functions) without a toolchain.
 */

export type ValType = "i32" | "i64";

export interface ImportSpec {
  readonly module: string;
  readonly name: string;
  /** A function import (default) with this signature (default `(i64) -> i64`, like dokku_*), or a memory. */
  readonly kind?: "func" | "memory";
  readonly params?: readonly ValType[];
  readonly results?: readonly ValType[];
}

export interface FunctionSpec {
  /** The export name; none leaves the function internal. */
  readonly export?: string;
  /** Returns this i32 (default 0). */
  readonly returns?: number;
  /** First calls this function import (by its index among the imports) with zero arguments of its params, dropping results. */
  readonly calls?: number;
  /** Raw body instructions (without locals or the final `end`), instead of the above; the function is `() -> i32`. */
  readonly body?: readonly number[];
}

export interface ModuleSpec {
  readonly imports?: readonly ImportSpec[];
  /** The module's own memory; `false` for none. Default: 1 page min, 1 page max, exported as `memory`. */
  readonly memory?: { readonly min: number; readonly max?: number; readonly export?: string | false } | false;
  readonly functions?: readonly FunctionSpec[];
  /** Extra exports of the memory under other names. */
  readonly extraExports?: readonly {
    readonly name: string;
    readonly kind: "memory" | "func";
    readonly index: number;
  }[];
}

const VAL: Record<ValType, number> = { i32: 0x7f, i64: 0x7e };

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/** Signed LEB128 (small values). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function vector(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function limits(min: number, max: number | undefined): number[] {
  return max === undefined ? [0x00, ...uleb(min)] : [0x01, ...uleb(min), ...uleb(max)];
}

function funcType(params: readonly ValType[], results: readonly ValType[]): number[] {
  return [0x60, ...vector(params.map((type) => [VAL[type]])), ...vector(results.map((type) => [VAL[type]]))];
}

/** Assembles a module. Pure. */
export function buildModule(spec: ModuleSpec = {}): Uint8Array {
  const imports = spec.imports ?? [];
  const functions = spec.functions ?? [];
  const memory = spec.memory === undefined ? { min: 1, max: 1 } : spec.memory;

  const types: number[][] = [];
  const typeIndex = (params: readonly ValType[], results: readonly ValType[]): number => {
    const encoded = funcType(params, results);
    const found = types.findIndex((type) => type.join() === encoded.join());
    if (found >= 0) return found;
    types.push(encoded);
    return types.length - 1;
  };
  const funcImports = imports.filter((item) => (item.kind ?? "func") === "func");
  const importEntries = imports.map((item) => {
    if (item.kind === "memory") return [...name(item.module), ...name(item.name), 0x02, ...limits(1, undefined)];
    const index = typeIndex(item.params ?? ["i64"], item.results ?? ["i64"]);
    return [...name(item.module), ...name(item.name), 0x00, ...uleb(index)];
  });
  const mainType = typeIndex([], ["i32"]);

  const bodies = functions.map((fn) => {
    const code: number[] = [];
    if (fn.body) code.push(...fn.body);
    else {
      if (fn.calls !== undefined) {
        const target = funcImports[fn.calls];
        if (!target) throw new Error(`no function import ${fn.calls}`);
        for (const param of target.params ?? ["i64"]) code.push(param === "i64" ? 0x42 : 0x41, 0x00);
        code.push(0x10, ...uleb(fn.calls));
        for (const _ of target.results ?? ["i64"]) code.push(0x1a);
      }
      code.push(0x41, ...sleb(fn.returns ?? 0));
    }
    const body = [0x00, ...code, 0x0b];
    return [...uleb(body.length), ...body];
  });

  const exportEntries: number[][] = [];
  if (memory && memory.export !== false) exportEntries.push([...name(memory.export ?? "memory"), 0x02, 0x00]);
  functions.forEach((fn, index) => {
    if (fn.export !== undefined) exportEntries.push([...name(fn.export), 0x00, ...uleb(funcImports.length + index)]);
  });
  for (const extra of spec.extraExports ?? []) {
    exportEntries.push([...name(extra.name), extra.kind === "memory" ? 0x02 : 0x00, ...uleb(extra.index)]);
  }

  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  bytes.push(...section(1, vector(types)));
  if (importEntries.length > 0) bytes.push(...section(2, vector(importEntries)));
  bytes.push(...section(3, vector(functions.map(() => uleb(mainType)))));
  if (memory) bytes.push(...section(5, vector([limits(memory.min, memory.max)])));
  bytes.push(...section(7, vector(exportEntries)));
  bytes.push(...section(10, vector(bodies)));
  return new Uint8Array(bytes);
}

/** Instructions: loop forever (`loop br 0 end`), then a value the validator wants. */
export const INFINITE_LOOP = [0x03, 0x40, 0x0c, 0x00, 0x0b, 0x41, 0x00];
/** Instructions: trap at once. */
export const UNREACHABLE = [0x00];
