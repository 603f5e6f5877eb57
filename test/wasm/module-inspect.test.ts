import { describe, expect, test } from "bun:test";
import { exportedMemory, inspectModule, ModuleFormatError } from "../../src/wasm/module-inspect";
import { buildModule, INFINITE_LOOP } from "./wasm-builder";

describe("inspectModule", () => {
  test("reads imports, exports and a memory with its declared maximum", () => {
    const bytes = buildModule({
      imports: [
        { module: "extism:host/env", name: "output_set", params: ["i64", "i64"], results: [] },
        { module: "extism:host/user", name: "dokku_output" },
      ],
      memory: { min: 2, max: 17 },
      functions: [{ export: "on_post_deploy", calls: 1 }, { body: INFINITE_LOOP }],
    });
    expect(new WebAssembly.Module(bytes)).toBeDefined();
    const info = inspectModule(bytes);
    expect(info).toEqual({
      imports: [
        { module: "extism:host/env", name: "output_set", kind: "func" },
        { module: "extism:host/user", name: "dokku_output", kind: "func" },
      ],
      exports: [
        { name: "memory", kind: "memory", index: 0 },
        { name: "on_post_deploy", kind: "func", index: 2 },
      ],
      memories: [{ min: 2, max: 17, imported: false }],
    });
    expect(exportedMemory(info)).toEqual({ min: 2, max: 17, imported: false });
  });

  test("gives no maximum when the memory declares none", () => {
    const info = inspectModule(buildModule({ memory: { min: 1 } }));
    expect(exportedMemory(info)).toEqual({ min: 1, max: undefined, imported: false });
  });

  test("finds no exported memory when the module keeps it internal or has none", () => {
    expect(exportedMemory(inspectModule(buildModule({ memory: { min: 1, max: 1, export: false } })))).toBeUndefined();
    expect(exportedMemory(inspectModule(buildModule({ memory: false })))).toBeUndefined();
  });

  test("counts an imported memory first in the memory index space", () => {
    const info = inspectModule(
      buildModule({ imports: [{ module: "env", name: "memory", kind: "memory" }], memory: false }),
    );
    expect(info.imports).toEqual([{ module: "env", name: "memory", kind: "memory" }]);
    expect(info.memories).toEqual([{ min: 1, max: undefined, imported: true }]);
  });

  test("refuses bytes that are not a wasm module", () => {
    expect(() => inspectModule(new TextEncoder().encode("#!/bin/sh\necho hi\n"))).toThrow(
      new ModuleFormatError("missing the \\0asm header"),
    );
    expect(() => inspectModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(
      "unsupported binary version",
    );
  });

  test("refuses a section that runs past the end of the file", () => {
    const bytes = buildModule({ functions: [{ export: "on_post_deploy" }] });
    expect(() => inspectModule(bytes.subarray(0, bytes.length - 2))).toThrow(
      "section 10 runs past the end of the file",
    );
  });

  test("refuses an over-long LEB128 instead of looping", () => {
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => inspectModule(bytes)).toThrow("integer too long");
  });
});
