import { describe, expect, test } from "bun:test";
import { appUrlsFrom } from "../../src/builders/container-urls";

describe("appUrlsFrom", () => {
  test("gives the app a subdomain of each global domain, an IP as is", () => {
    expect(
      appUrlsFrom("shop", ["example.com", "", "10.0.0.1", "example.com"], [{ ip: "172.17.0.2", port: "5000" }]),
    ).toEqual(["http://10.0.0.1", "http://shop.example.com"]);
  });

  test("lists the web containers' addresses without global domains", () => {
    expect(
      appUrlsFrom(
        "shop",
        [],
        [
          { ip: "172.17.0.3", port: "5000" },
          { ip: "172.17.0.2", port: "5000" },
          { ip: "", port: "5000" },
        ],
      ),
    ).toEqual(["http://172.17.0.2:5000", "http://172.17.0.3:5000"]);
  });
});
