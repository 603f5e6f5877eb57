/**
 * Reads what the host must check in a wasm binary before installing it: its imports, its
 * exports and its memories with their declared limits. `WebAssembly.Module` validates the
 * code but does not give a memory's declared maximum, so the sections are read here. Pure.
 */

export type ExternKind = "func" | "table" | "memory" | "global" | "tag";

export interface ModuleImport {
  readonly module: string;
  readonly name: string;
  readonly kind: ExternKind;
}

export interface ModuleExport {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

export interface MemoryLimits {
  /** In 64 KiB pages. */
  readonly min: number;
  /** In 64 KiB pages; undefined when the module declares none. */
  readonly max: number | undefined;
  readonly imported: boolean;
}

export interface ModuleInfo {
  readonly imports: readonly ModuleImport[];
  readonly exports: readonly ModuleExport[];
  /** Every memory in index order: imported ones first, then the module's own. */
  readonly memories: readonly MemoryLimits[];
}

export const WASM_PAGE_BYTES = 65_536;

/** Thrown for bytes that are not a wasm module; the message says where it went wrong. */
export class ModuleFormatError extends Error {}

const KINDS: readonly ExternKind[] = ["func", "table", "memory", "global", "tag"];
const SECTION = { import: 2, memory: 5, export: 7 } as const;

class Reader {
  offset: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.offset = start;
  }

  get done(): boolean {
    return this.offset >= this.end;
  }

  byte(): number {
    if (this.offset >= this.end) throw new ModuleFormatError(`unexpected end at byte ${this.offset}`);
    return this.bytes[this.offset++] as number;
  }

  /** An unsigned LEB128 of at most `bits` bits, as a JS number (safe up to 2^53). */
  uleb(bits = 32): number {
    let result = 0;
    let scale = 1;
    for (let shift = 0; shift < bits + 7; shift += 7) {
      const byte = this.byte();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) {
        if (result >= 2 ** bits) throw new ModuleFormatError(`integer too large at byte ${this.offset}`);
        return result;
      }
    }
    throw new ModuleFormatError(`integer too long at byte ${this.offset}`);
  }

  name(): string {
    const length = this.uleb();
    if (this.offset + length > this.end)
      throw new ModuleFormatError(`name runs past its section at byte ${this.offset}`);
    const text = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(text);
    } catch {
      throw new ModuleFormatError(`name is not UTF-8 at byte ${this.offset - length}`);
    }
  }

  limits(): { min: number; max: number | undefined } {
    const flags = this.byte();
    if (flags > 0x07)
      throw new ModuleFormatError(`bad limits flags 0x${flags.toString(16)} at byte ${this.offset - 1}`);
    const bits = flags & 0x04 ? 64 : 32;
    const min = this.uleb(bits);
    const max = flags & 0x01 ? this.uleb(bits) : undefined;
    return { min, max };
  }
}

/** The imports, exports and memories of a wasm binary; throws ModuleFormatError for anything else. Pure. */
export function inspectModule(bytes: Uint8Array): ModuleInfo {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new ModuleFormatError("missing the \\0asm header");
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new ModuleFormatError("unsupported binary version");
  }
  const imports: ModuleImport[] = [];
  const exports: ModuleExport[] = [];
  const memories: MemoryLimits[] = [];
  const top = new Reader(bytes, 8, bytes.length);
  while (!top.done) {
    const id = top.byte();
    const size = top.uleb();
    const start = top.offset;
    const end = start + size;
    if (end > bytes.length) throw new ModuleFormatError(`section ${id} runs past the end of the file`);
    const section = new Reader(bytes, start, end);
    if (id === SECTION.import) readImports(section, imports, memories);
    else if (id === SECTION.memory) readMemories(section, memories);
    else if (id === SECTION.export) readExports(section, exports);
    if (id === SECTION.import || id === SECTION.memory || id === SECTION.export) {
      if (section.offset !== end) throw new ModuleFormatError(`section ${id} has trailing bytes`);
    }
    top.offset = end;
  }
  return { imports, exports, memories };
}

function readImports(reader: Reader, imports: ModuleImport[], memories: MemoryLimits[]): void {
  const count = reader.uleb();
  for (let index = 0; index < count; index++) {
    const module = reader.name();
    const name = reader.name();
    const kind = kindOf(reader.byte(), reader.offset - 1);
    if (kind === "func") reader.uleb();
    else if (kind === "table") {
      reader.byte();
      reader.limits();
    } else if (kind === "memory") memories.push({ ...reader.limits(), imported: true });
    else if (kind === "global") {
      reader.byte();
      reader.byte();
    } else {
      reader.byte();
      reader.uleb();
    }
    imports.push({ module, name, kind });
  }
}

function readMemories(reader: Reader, memories: MemoryLimits[]): void {
  const count = reader.uleb();
  for (let index = 0; index < count; index++) memories.push({ ...reader.limits(), imported: false });
}

function readExports(reader: Reader, exports: ModuleExport[]): void {
  const count = reader.uleb();
  for (let index = 0; index < count; index++) {
    const name = reader.name();
    const kind = kindOf(reader.byte(), reader.offset - 1);
    exports.push({ name, kind, index: reader.uleb() });
  }
}

function kindOf(byte: number, at: number): ExternKind {
  const kind = KINDS[byte];
  if (kind === undefined) throw new ModuleFormatError(`unknown import/export kind ${byte} at byte ${at}`);
  return kind;
}

/** The limits of the memory exported as `name`, or undefined when no memory has that export. Pure. */
export function exportedMemory(info: ModuleInfo, name = "memory"): MemoryLimits | undefined {
  const entry = info.exports.find((item) => item.kind === "memory" && item.name === name);
  return entry === undefined ? undefined : info.memories[entry.index];
}
