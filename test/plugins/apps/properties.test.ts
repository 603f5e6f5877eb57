import { describe, expect, test } from "bun:test";
import { APP_PROPERTIES, GLOBAL_PROPERTIES } from "../../../src/plugins/apps/properties";
import { propertySetProblem } from "../../../src/plugins/property-set";
import { GLOBAL } from "../../../src/store/property-store";

/** apps:set's checks: the shared CommandPropertySet with the apps plugin's properties. */
function setPropertyProblem(scope: string, key: string): string | undefined {
  return propertySetProblem({ scope, key, properties: APP_PROPERTIES, globalProperties: GLOBAL_PROPERTIES });
}

const VALID =
  "Invalid property specified, valid properties include: deploy-source, deploy-source-metadata, disable-autocreation";

describe("apps:set property checks", () => {
  test("allows the per-app properties on an app", () => {
    expect(setPropertyProblem("app1", "deploy-source")).toBeUndefined();
    expect(setPropertyProblem("app1", "deploy-source-metadata")).toBeUndefined();
  });

  test("allows disable-autocreation only globally", () => {
    expect(setPropertyProblem(GLOBAL, "disable-autocreation")).toBeUndefined();
    expect(setPropertyProblem("app1", "disable-autocreation")).toBe("Property can only be specified globally");
  });

  test("refuses per-app properties globally", () => {
    expect(setPropertyProblem(GLOBAL, "deploy-source")).toBe("Property cannot be specified globally");
  });

  test("refuses an empty or unknown key", () => {
    expect(setPropertyProblem("app1", "")).toBe("No property specified");
    expect(setPropertyProblem("app1", "created-at")).toBe(VALID);
    expect(setPropertyProblem("app1", "../x")).toBe(VALID);
  });
});
