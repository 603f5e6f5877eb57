import { describe, expect, test } from "bun:test";
import { proxyUrls, type ProxyUrlsInput } from "../../src/builders/nginx-urls";

const BASE: ProxyUrlsInput = {
  vhosts: [],
  globalDomains: [],
  hostname: "host.local",
  portMaps: [{ scheme: "http", host: 80, container: 5000 }],
  tls: false,
};

describe("proxyUrls", () => {
  test("gives http://<domain> per domain on port 80", () => {
    expect(proxyUrls({ ...BASE, vhosts: ["shop.example.com", "a.test"] })).toEqual([
      "http://a.test",
      "http://shop.example.com",
    ]);
  });

  test("adds the host port when it is not 80/443, skips https maps without a certificate", () => {
    const portMaps = [
      { scheme: "http", host: 8080, container: 5000 },
      { scheme: "https", host: 8443, container: 5000 },
    ] as const;
    expect({
      plain: proxyUrls({ ...BASE, vhosts: ["a.test"], portMaps }),
      tls: proxyUrls({ ...BASE, vhosts: ["a.test"], portMaps, tls: true }),
    }).toEqual({
      plain: ["http://a.test:8080"],
      tls: ["https://a.test:8443", "http://a.test:8080"],
    });
  });

  test("puts the https URL first with a certificate, for `url`", () => {
    const portMaps = [
      { scheme: "http", host: 80, container: 5000 },
      { scheme: "https", host: 443, container: 5000 },
    ] as const;
    expect(proxyUrls({ ...BASE, vhosts: ["a.test"], portMaps, tls: true })).toEqual([
      "https://a.test",
      "http://a.test",
    ]);
  });

  test("falls back to the global domains as they are, then to the host name (Dokku's domains-urls)", () => {
    expect({ global: proxyUrls({ ...BASE, globalDomains: ["example.com"] }), host: proxyUrls(BASE) }).toEqual({
      global: ["http://example.com"],
      host: ["http://host.local"],
    });
  });
});
