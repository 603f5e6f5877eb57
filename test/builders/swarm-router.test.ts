import { describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  lddLibraries,
  routerContainerSpec,
  routerNginxConfig,
  routerRootfsPlan,
} from "../../src/builders/swarm-router";
import { dokkuErrorOf } from "../harness";

/** `ldd /usr/sbin/nginx` on Debian 12 (nginx 1.22), captured as is. */
const LDD = readFileSync(join(import.meta.dir, "fixtures/swarm-router-ldd-nginx.txt"), "utf8");
const LIB = "/lib/x86_64-linux-gnu";

describe("routerRootfsPlan", () => {
  test("copies nginx and every library ldd lists to the same paths when given captured output", () => {
    expect(routerRootfsPlan(LDD, "/usr/sbin/nginx")).toEqual({
      files: [
        { from: "/usr/sbin/nginx", to: "/usr/sbin/nginx" },
        ...["libcrypt.so.1", "libpcre2-8.so.0", "libssl.so.3", "libcrypto.so.3", "libz.so.1", "libc.so.6"].map(
          (lib) => ({ from: `${LIB}/${lib}`, to: `${LIB}/${lib}` }),
        ),
        { from: "/lib64/ld-linux-x86-64.so.2", to: "/lib64/ld-linux-x86-64.so.2" },
      ],
      dirs: [
        "/bin",
        "/etc",
        "/lib",
        "/lib64",
        "/run",
        "/tmp",
        "/usr",
        "/var",
        "/etc/nginx",
        "/lib/x86_64-linux-gnu",
        "/usr/sbin",
        "/var/lib",
        "/var/lock",
        "/var/log",
        "/var/lib/nginx",
        "/var/log/nginx",
      ],
    });
  });

  test("lists no libraries when the binary is static", () => {
    expect(lddLibraries("\tstatically linked\n")).toEqual([]);
    expect(lddLibraries("\tnot a dynamic executable\n")).toEqual([]);
  });

  test("skips the vdso and lists a library once when ldd repeats it", () => {
    expect(
      lddLibraries(
        "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibc.so.6 => /lib/libc.so.6 (0x1)\n\tlibc.so.6 => /lib/libc.so.6 (0x1)\n",
      ),
    ).toEqual(["/lib/libc.so.6"]);
  });

  test("refuses when ldd could not find a library", () => {
    expect(dokkuErrorOf(() => lddLibraries("\tlibfoo.so.1 => not found\n"))).toBe(
      "nginx needs libfoo.so.1, which ldd could not find",
    );
  });

  test("refuses a line it cannot read", () => {
    expect(dokkuErrorOf(() => lddLibraries("ldd: /nope: No such file or directory\n"))).toBe(
      "cannot read ldd output line: ldd: /nope: No such file or directory",
    );
  });

  test("refuses a relative nginx path", () => {
    expect(dokkuErrorOf(() => routerRootfsPlan(LDD, "nginx"))).toBe("nginx binary path must be absolute: nginx");
  });

  test.skipIf(!existsSync("/usr/sbin/nginx"))(
    "plans every library of this host's nginx, each of which exists, when given live ldd output",
    () => {
      const live = execFileSync("ldd", ["/usr/sbin/nginx"], { encoding: "utf8" });
      const plan = routerRootfsPlan(live, "/usr/sbin/nginx");
      const expected = live.split("\n").filter((line) => line.includes("/")).length + 1;
      expect(plan.files.length).toBe(expected);
      expect(plan.files.every((file) => file.from === file.to && existsSync(file.from))).toBe(true);
      expect(plan.files.some((file) => /\/libc\.so\.\d+$/.test(file.to))).toBe(true);
      for (const file of plan.files) expect(plan.dirs).toContain(file.to.slice(0, file.to.lastIndexOf("/")));
    },
  );
});

describe("routerNginxConfig", () => {
  test("renders one server per port, once each and in order, proxying to the same port of <app>-web through docker's dns", () => {
    expect(
      routerNginxConfig({ app: "shop", processType: "web", ports: [8080, 5000, 8080] }),
    ).toEqual(`user nobody nogroup;
daemon off;
worker_processes 1;
error_log stderr warn;
pid /tmp/nginx.pid;

events {
  worker_connections 1024;
}

http {
  access_log off;
  resolver 127.0.0.11 valid=1s ipv6=off;
  resolver_timeout 2s;
  client_body_temp_path /tmp/client_body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  client_max_body_size 0;
  proxy_http_version 1.1;
  proxy_buffering off;
  proxy_request_buffering off;
  proxy_read_timeout 3600s;
  proxy_connect_timeout 1s;
  proxy_next_upstream error timeout http_502;
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $http_x_forwarded_for;
  proxy_set_header X-Forwarded-Port $http_x_forwarded_port;
  proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
  proxy_set_header X-Request-Start $http_x_request_start;
  proxy_set_header Upgrade $http_upgrade;
  proxy_set_header Connection $http_connection;

  server {
    listen 5000;
    location / {
      set $upstream shop-web;
      proxy_pass http://$upstream:5000;
    }
  }

  server {
    listen 8080;
    location / {
      set $upstream shop-web;
      proxy_pass http://$upstream:8080;
    }
  }
}
`);
  });

  test("refuses a router without ports", () => {
    expect(dokkuErrorOf(() => routerNginxConfig({ app: "shop", processType: "web", ports: [] }))).toBe(
      "router for shop needs at least one port",
    );
  });

  test("refuses ports outside 1-65535", () => {
    for (const port of [0, 65536, 1.5])
      expect(dokkuErrorOf(() => routerNginxConfig({ app: "shop", processType: "web", ports: [5000, port] }))).toBe(
        `router port must be 1-65535: ${port}`,
      );
  });

  test("refuses a process type that is not a dns label", () => {
    expect(dokkuErrorOf(() => routerNginxConfig({ app: "shop", processType: "we b;", ports: [5000] }))).toBe(
      "router process type is invalid: we b;",
    );
  });
});

describe("routerContainerSpec", () => {
  test("creates the router on the app's network with its ports exposed, restarting with the engine and stopping gracefully", () => {
    expect(
      routerContainerSpec({
        name: "shop.router.x1",
        image: "dokku-swarm-router:latest",
        network: "dokku-swarm-shop",
        ports: [5000, 8080],
        labels: { "com.dokku.app-name": "shop" },
      }),
    ).toEqual({
      name: "shop.router.x1",
      Image: "dokku-swarm-router:latest",
      Labels: { "com.dokku.app-name": "shop" },
      ExposedPorts: { "5000/tcp": {}, "8080/tcp": {} },
      StopSignal: "SIGQUIT",
      HostConfig: { NetworkMode: "dokku-swarm-shop", RestartPolicy: { Name: "unless-stopped" } },
    });
  });
});
