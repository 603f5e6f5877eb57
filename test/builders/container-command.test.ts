import { describe, expect, test } from "bun:test";
import { expandVariables, procfileArgv } from "../../src/builders/container-command";

describe("procfileArgv", () => {
  test("expands $PORT and config variables, then splits into words", () => {
    expect(
      procfileArgv(
        "httpd -f -p $PORT -h ${ROOT}/www",
        new Map([
          ["PORT", "5000"],
          ["ROOT", "/srv"],
        ]),
      ),
    ).toEqual(["httpd", "-f", "-p", "5000", "-h", "/srv/www"]);
  });

  test("keeps quoted words together and drops unknown variables", () => {
    expect(procfileArgv(`sh -c 'echo "a b" $MISSING'`, new Map())).toEqual(["sh", "-c", 'echo "a b" ']);
  });
});

describe("expandVariables", () => {
  test("replaces bare and braced names", () => {
    expect(
      expandVariables(
        "$A-${B}-$C",
        new Map([
          ["A", "1"],
          ["B", "2"],
        ]),
      ),
    ).toBe("1-2-");
  });
});
