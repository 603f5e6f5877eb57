import { afterAll, describe, expect, test } from "bun:test";
import { X509Certificate } from "node:crypto";
import { chainVerified } from "../../src/builders/x509-chain";
import { makeCertFixtures } from "../plugins/certs/fixtures";

const fixtures = makeCertFixtures();
afterAll(() => fixtures[Symbol.dispose]());

const cert = (name: string) => new X509Certificate(fixtures.text(name));
const NOW = new Date();

describe("chainVerified", () => {
  test("verifies a leaf through its intermediate up to a trusted root", () => {
    expect(chainVerified(cert("leaf.crt"), [cert("intermediate.crt")], [cert("good.crt"), cert("root.crt")], NOW)).toBe(
      true,
    );
  });

  test("does not verify a leaf whose intermediate is missing", () => {
    expect(chainVerified(cert("leaf.crt"), [], [cert("root.crt")], NOW)).toBe(false);
  });

  test("does not verify a chain to a root that is not trusted", () => {
    expect(chainVerified(cert("leaf.crt"), [cert("intermediate.crt")], [cert("good.crt")], NOW)).toBe(false);
  });

  test("does not verify a self-signed certificate", () => {
    expect(chainVerified(cert("good.crt"), [], [cert("root.crt")], NOW)).toBe(false);
  });

  test("does not verify a chain outside its validity", () => {
    expect(
      chainVerified(cert("leaf.crt"), [cert("intermediate.crt")], [cert("root.crt")], new Date("2099-01-01T00:00:00Z")),
    ).toBe(false);
  });
});
