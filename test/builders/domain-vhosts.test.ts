import { describe, expect, test } from "bun:test";
import {
  addDomains,
  formatVhostLines,
  parseVhostLines,
  removeDomains,
  renameDefaultVhosts,
  uniqueDomains,
} from "../../src/builders/domain-vhosts";

describe("parseVhostLines and formatVhostLines", () => {
  test("reads one domain per line, trimming and dropping blanks", () => {
    expect(parseVhostLines("a.com\n  b.com \n\n\r\nc.com")).toEqual(["a.com", "b.com", "c.com"]);
  });

  test("writes one domain per line with a final newline, nothing for none", () => {
    expect({ some: formatVhostLines(["a.com", "b.com"]), none: formatVhostLines([]) }).toEqual({
      some: "a.com\nb.com\n",
      none: "",
    });
  });
});

describe("addDomains", () => {
  test("appends new domains and skips present or repeated ones, in order", () => {
    expect(addDomains(["a.com"], ["b.com", "a.com", "b.com", "c.com"])).toEqual({
      domains: ["a.com", "b.com", "c.com"],
      outcomes: [
        { domain: "b.com", added: true },
        { domain: "a.com", added: false },
        { domain: "b.com", added: false },
        { domain: "c.com", added: true },
      ],
    });
  });
});

describe("removeDomains and uniqueDomains", () => {
  test("removes the given domains, absent ones ignored", () => {
    expect(removeDomains(["a.com", "b.com", "c.com"], ["b.com", "x.com"])).toEqual(["a.com", "c.com"]);
  });

  test("keeps the first of repeated domains", () => {
    expect(uniqueDomains(["b.com", "a.com", "b.com"])).toEqual(["b.com", "a.com"]);
  });
});

describe("renameDefaultVhosts", () => {
  test("moves each default vhost to the new name and keeps custom domains in place", () => {
    expect(
      renameDefaultVhosts(["old.example.com", "custom.com", "old.example.org", "old.other.net"], "old", "new", [
        "example.com",
        "example.org",
      ]),
    ).toEqual(["new.example.com", "custom.com", "new.example.org", "old.other.net"]);
  });

  test("drops a repeat the rename creates", () => {
    expect(renameDefaultVhosts(["old.example.com", "new.example.com"], "old", "new", ["example.com"])).toEqual([
      "new.example.com",
    ]);
  });

  test("changes nothing without global domains", () => {
    expect(renameDefaultVhosts(["old.example.com"], "old", "new", [])).toEqual(["old.example.com"]);
  });
});
