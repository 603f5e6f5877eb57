import { describe, expect, test } from "bun:test";
import { propertySetProblem } from "../../src/plugins/property-set";
import { GLOBAL } from "../../src/store/property-store";

describe("propertySetProblem", () => {
  const keys = { properties: ["b", "a"], noun: "key" } as const;

  test("says key where the command says key (checks, git, nginx), sorting the valid ones", () => {
    expect(propertySetProblem({ ...keys, scope: "app1", key: "" })).toBe("No key specified");
    expect(propertySetProblem({ ...keys, scope: "app1", key: "c" })).toBe(
      "Invalid key specified, valid keys include: a, b",
    );
    expect(propertySetProblem({ ...keys, scope: GLOBAL, key: "a" })).toBeUndefined();
  });

  test("lists the properties of both scopes, and refuses one of the other scope", () => {
    const request = { properties: ["app-only", "both"], globalProperties: ["both", "global-only"] };
    expect(propertySetProblem({ ...request, scope: GLOBAL, key: "app-only" })).toBe(
      "Property cannot be specified globally",
    );
    expect(propertySetProblem({ ...request, scope: "app1", key: "global-only" })).toBe(
      "Property can only be specified globally",
    );
    expect(propertySetProblem({ ...request, scope: "app1", key: "x" })).toBe(
      "Invalid property specified, valid properties include: app-only, both, global-only",
    );
    expect(propertySetProblem({ ...request, scope: "app1", key: "both" })).toBeUndefined();
  });
});
