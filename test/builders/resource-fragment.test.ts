import { describe, expect, test } from "bun:test";
import {
  clearedResourceProperties,
  resourceConflictAfter,
  withResourceValues,
} from "../../src/builders/resource-changes";
import { effectiveResources, resourceConflict, resourceFragmentFor } from "../../src/builders/resource-fragment";
import { dokkuErrorOf } from "../harness";

const PROPERTIES = {
  "_default_.limit.cpu": "1.5",
  "_default_.limit.memory": "512",
  "_default_.limit.network": "10",
  "_default_.reserve.memory": "256m",
  "_default_.reserve.cpu": "1",
  "web.limit.memory": "1g",
  "web.limit.memory-swap": "2g",
  "worker.limit.nvidia-gpu": "all",
  "worker.limit.memory-swap": "-1",
};

describe("effectiveResources", () => {
  test("takes a process type's own value over the app default", () => {
    expect([
      effectiveResources(PROPERTIES, "web", "limit"),
      effectiveResources(PROPERTIES, "clock", "reserve"),
    ]).toEqual([
      { cpu: "1.5", memory: "1g", "memory-swap": "2g", network: "10" },
      { cpu: "1", memory: "256m" },
    ]);
  });
});

describe("resourceFragmentFor", () => {
  test("maps limits and the memory reservation to HostConfig as Dokku's docker args do", () => {
    expect([
      resourceFragmentFor(PROPERTIES, "web"),
      resourceFragmentFor(PROPERTIES, "worker"),
      resourceFragmentFor(PROPERTIES, "run"),
    ]).toEqual([
      {
        hostConfig: {
          NanoCpus: 1_500_000_000,
          Memory: 1073741824,
          MemorySwap: 2147483648,
          MemoryReservation: 268435456,
        },
      },
      {
        hostConfig: {
          NanoCpus: 1_500_000_000,
          Memory: 536870912,
          MemorySwap: -1,
          DeviceRequests: [{ Driver: "", Count: -1, Capabilities: [["gpu"]] }],
          MemoryReservation: 268435456,
        },
      },
      { hostConfig: { NanoCpus: 1_500_000_000, Memory: 536870912, MemoryReservation: 268435456 } },
    ]);
  });

  test("is empty when nothing applies to the process type", () => {
    expect(
      resourceFragmentFor(
        { "web.limit.memory": "1g", "_default_.limit.network": "5", "_default_.reserve.cpu": "2" },
        "worker",
      ),
    ).toEqual({});
  });

  test("refuses a stored value docker cannot take, naming its property", () => {
    expect([
      dokkuErrorOf(() => resourceFragmentFor({ "_default_.limit.memory": "1G2" }, "web")),
      dokkuErrorOf(() => resourceFragmentFor({ "web.limit.cpu": "many" }, "web")),
    ]).toEqual([
      'Invalid resource value "1G2" for _default_.limit.memory',
      'Invalid resource value "many" for web.limit.cpu',
    ]);
  });
});

describe("resourceConflict", () => {
  test("finds swap without memory, swap below memory and a reservation above the limit", () => {
    expect([
      resourceConflict({ "_default_.limit.memory-swap": "1g" }, "_default_"),
      resourceConflict({ "_default_.limit.memory": "1g", "web.limit.memory-swap": "512m" }, "web"),
      resourceConflict({ "_default_.limit.memory": "512m", "_default_.reserve.memory": "1g" }, "_default_"),
      resourceConflict(
        { "_default_.limit.memory-swap": "-1", "_default_.limit.memory": "1g", "_default_.reserve.memory": "1g" },
        "_default_",
      ),
      resourceConflict(PROPERTIES, "web"),
    ]).toEqual([
      "A memory-swap limit needs a memory limit (the app defaults)",
      "The memory-swap limit must be at least the memory limit (process type web)",
      "The memory reservation must not exceed the memory limit (the app defaults)",
      undefined,
      undefined,
    ]);
  });
});

describe("withResourceValues", () => {
  test("sets values and removes cleared ones for one process type and kind", () => {
    expect(
      withResourceValues(PROPERTIES, "web", "limit", [
        ["cpu", "2"],
        ["memory", "clear"],
      ]),
    ).toEqual({
      ...Object.fromEntries(Object.entries(PROPERTIES).filter(([key]) => key !== "web.limit.memory")),
      "web.limit.cpu": "2",
    });
  });
});

describe("resourceConflictAfter", () => {
  test("checks every process type with its own values when the defaults change", () => {
    const next = { "_default_.limit.memory": "4g", "web.limit.memory-swap": "2g" };
    expect([resourceConflictAfter(next, "_default_"), resourceConflictAfter(next, "worker")]).toEqual([
      "The memory-swap limit must be at least the memory limit (process type web)",
      undefined,
    ]);
  });
});

describe("clearedResourceProperties", () => {
  test("lists one process type's keys of a kind, or every type's", () => {
    expect([
      clearedResourceProperties(PROPERTIES, "limit", "web"),
      clearedResourceProperties(PROPERTIES, "limit", undefined),
      clearedResourceProperties(PROPERTIES, "reserve", undefined),
      clearedResourceProperties(PROPERTIES, "reserve", "web"),
    ]).toEqual([
      ["web.limit.memory", "web.limit.memory-swap"],
      [
        "_default_.limit.cpu",
        "_default_.limit.memory",
        "_default_.limit.network",
        "web.limit.memory",
        "web.limit.memory-swap",
        "worker.limit.memory-swap",
        "worker.limit.nvidia-gpu",
      ],
      ["_default_.reserve.cpu", "_default_.reserve.memory"],
      [],
    ]);
  });
});
