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
  test("gives http://<domain> per domain on port 80: urls sorted, url the first domain's (the VHOST file's order)", () => {
    expect(proxyUrls({ ...BASE, vhosts: ["shop.example.com", "a.test"] })).toEqual({
      all: ["http://a.test", "http://shop.example.com"],
      first: "http://shop.example.com",
    });
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
      plain: { all: ["http://a.test:8080"], first: "http://a.test:8080" },
      tls: { all: ["http://a.test:8080", "https://a.test:8443"], first: "https://a.test:8443" },
    });
  });

  test("with a certificate, url is the first https URL in domain order, as Dokku's core_2.bats (wildcard ssl) expects", () => {
    const portMaps = [
      { scheme: "http", host: 80, container: 5000 },
      { scheme: "https", host: 443, container: 5000 },
    ] as const;
    expect(
      proxyUrls({ ...BASE, vhosts: ["shop.dokku.me", "test.dokku.me", "dokku.example.com"], portMaps, tls: true }),
    ).toEqual({
      all: [
        "http://dokku.example.com",
        "http://shop.dokku.me",
        "http://test.dokku.me",
        "https://dokku.example.com",
        "https://shop.dokku.me",
        "https://test.dokku.me",
      ],
      first: "https://shop.dokku.me",
    });
  });

  test("falls back to the global domains as they are, then to the host name (Dokku's domains-urls)", () => {
    expect({ global: proxyUrls({ ...BASE, globalDomains: ["example.com"] }), host: proxyUrls(BASE) }).toEqual({
      global: { all: ["http://example.com"], first: "http://example.com" },
      host: { all: ["http://host.local"], first: "http://host.local" },
    });
  });
});
