import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { PortMap } from "../../../src/builders/port-map";
import { portMaps } from "../../../src/plugins/ports/port-maps";
import { addTlsPortMaps, removeTlsPortMaps } from "../../../src/plugins/ports/tls-port-maps";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";

function setup(roots: ReturnType<typeof tempRoots>, options: { map?: string; detected?: string; tls?: boolean }) {
  const home = roots.env.DOKKU_ROOT as string;
  mkdirSync(join(home, "shop"), { recursive: true });
  const ports = join(roots.env.DOKKU_LIB_ROOT as string, "config/ports/shop");
  mkdirSync(ports, { recursive: true });
  if (options.map !== undefined) writeFileSync(join(ports, "map"), options.map);
  if (options.detected !== undefined) writeFileSync(join(ports, "map-detected"), options.detected);
  if (options.tls) {
    mkdirSync(join(home, "shop/tls"), { recursive: true });
    writeFileSync(join(home, "shop/tls/server.crt"), "crt");
    writeFileSync(join(home, "shop/tls/server.key"), "key");
  }
  return { ctx: testContext(roots.env).ctx, mapPath: join(ports, "map") };
}

const http = (host: number, container: number): PortMap => ({ scheme: "http", host, container });
const https = (host: number, container: number): PortMap => ({ scheme: "https", host, container });

describe("portMaps", () => {
  test("gives the configured maps first, then the detected ones, then http:80:5000", async () => {
    using a = tempRoots();
    using b = tempRoots();
    using c = tempRoots();
    expect([
      await portMaps(setup(a, { map: "http:81:5000\n", detected: "http:8080:8080\n" }).ctx, "shop"),
      await portMaps(setup(b, { detected: "http:8080:8080\n" }).ctx, "shop"),
      await portMaps(setup(c, {}).ctx, "shop"),
    ]).toEqual([[http(81, 5000)], [http(8080, 8080)], [http(80, 5000)]]);
  });

  test("adds https to the detected maps of an app with a certificate, not to configured ones", async () => {
    using a = tempRoots();
    using b = tempRoots();
    using c = tempRoots();
    expect([
      await portMaps(setup(a, { tls: true }).ctx, "shop"),
      await portMaps(setup(b, { detected: "http:8080:8080\n", tls: true }).ctx, "shop"),
      await portMaps(setup(c, { map: "http:80:5000\n", tls: true }).ctx, "shop"),
    ]).toEqual([[http(80, 5000), https(443, 5000)], [https(8080, 8080)], [http(80, 5000)]]);
  });

  test("skips stored lines this proxy cannot serve", async () => {
    using roots = tempRoots();
    expect(await portMaps(setup(roots, { map: "udp:53:53\nhttp:80:5000\ngrpc:50051:50051\n" }).ctx, "shop")).toEqual([
      http(80, 5000),
    ]);
  });
});

describe("addTlsPortMaps and removeTlsPortMaps", () => {
  test("add https:443 for each configured http:80 map, once, and remove it again", async () => {
    using roots = tempRoots();
    const { ctx, mapPath } = setup(roots, { map: "http:80:5000\nhttp:8080:3000\n" });
    await addTlsPortMaps(ctx, "shop");
    const added = readFileSync(mapPath, "utf8");
    await addTlsPortMaps(ctx, "shop");
    const again = readFileSync(mapPath, "utf8");
    await removeTlsPortMaps(ctx, "shop");
    expect({ added, again, removed: readFileSync(mapPath, "utf8") }).toEqual({
      added: "http:8080:3000\nhttp:80:5000\nhttps:443:5000\n",
      again: "http:8080:3000\nhttp:80:5000\nhttps:443:5000\n",
      removed: "http:8080:3000\nhttp:80:5000\n",
    });
  });

  test("leave an app without configured maps alone", async () => {
    using roots = tempRoots();
    const { ctx, mapPath } = setup(roots, {});
    await addTlsPortMaps(ctx, "shop");
    expect(existsSync(mapPath)).toBe(false);
  });
});
