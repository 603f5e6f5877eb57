import { afterAll, describe, expect, test } from "bun:test";
import { X509Certificate } from "node:crypto";
import {
  certificateFacts,
  certificateHostnames,
  joinDistinguishedName,
  opensslTime,
} from "../../src/builders/x509-facts";
import { makeCertFixtures } from "../plugins/certs/fixtures";

const fixtures = makeCertFixtures();
afterAll(() => fixtures[Symbol.dispose]());

describe("opensslTime", () => {
  test("pads a one-digit day with a space, as openssl prints it", () => {
    expect(opensslTime(new Date("2019-10-05T23:59:59Z"))).toBe("Oct  5 23:59:59 2019 GMT");
  });

  test("prints a two-digit day and zero-padded time", () => {
    expect(opensslTime(new Date("2049-12-31T01:02:03Z"))).toBe("Dec 31 01:02:03 2049 GMT");
  });
});

describe("joinDistinguishedName", () => {
  test("joins node's one-per-line names", () => {
    expect(joinDistinguishedName("C=GB\nO=Acme, Inc\nCN=shop.example.com", "; ")).toBe(
      "C=GB; O=Acme, Inc; CN=shop.example.com",
    );
  });

  test("unescapes the specials the runtime escapes", () => {
    expect(joinDistinguishedName("O=Acme\\, Inc\\; Ltd\nCN=a\\+b", ", ")).toBe("O=Acme, Inc; Ltd, CN=a+b");
  });
});

describe("certificateHostnames", () => {
  test("merges the CN with the DNS names, sorted and unique, leaving out IP addresses", () => {
    expect(
      certificateHostnames("O=Acme\nCN=b.example.com", "DNS:b.example.com, DNS:a.example.com, IP Address:127.0.0.1"),
    ).toEqual(["a.example.com", "b.example.com"]);
  });

  test("returns the CN alone without subject alternative names", () => {
    expect(certificateHostnames("CN=only.example.com", undefined)).toEqual(["only.example.com"]);
  });

  test("returns nothing without a CN or names", () => {
    expect(certificateHostnames("O=Acme", undefined)).toEqual([]);
  });
});

describe("certificateFacts", () => {
  test("describes a CA-issued certificate as Dokku's report does", () => {
    const facts = certificateFacts(new X509Certificate(fixtures.text("leaf.crt")));
    expect({ ...facts, startsAt: "", expiresAt: "" }).toEqual({
      subject: "C=GB; O=Acme, Inc; CN=shop.example.com",
      issuer: "O=Test Root, CN=Test Intermediate",
      hostnames: ["*.shop.example.com", "shop.example.com"],
      startsAt: "",
      expiresAt: "",
      selfSigned: false,
    });
  });

  test("gives the dates of the certificate and marks a self-signed one", () => {
    const facts = certificateFacts(new X509Certificate(fixtures.text("expired.crt")));
    expect({ startsAt: facts.startsAt, expiresAt: facts.expiresAt, selfSigned: facts.selfSigned }).toEqual({
      startsAt: "Jan  1 00:00:00 2020 GMT",
      expiresAt: "Feb  1 00:00:00 2020 GMT",
      selfSigned: true,
    });
  });
});
