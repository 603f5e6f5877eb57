import { createHash } from "node:crypto";

/**
 * A minimal Docker registry (distribution API v2) on 127.0.0.1, port 0: basic auth, blob uploads
 * and manifests kept in memory, enough for the engine's login check and push. Docker treats
 * 127.0.0.0/8 registries as insecure, so plain http is used.
 */
export interface FakeRegistry extends Disposable {
  readonly address: string;
  /** name:reference -> manifest, as pushed. */
  readonly manifests: ReadonlyMap<string, string>;
  /** The usernames that presented a valid password, in order. */
  readonly authenticated: readonly string[];
}

export function fakeRegistry(credentials: { username: string; password: string }): FakeRegistry {
  const blobs = new Map<string, Uint8Array>();
  const uploads = new Map<string, Uint8Array[]>();
  const manifests = new Map<string, string>();
  const authenticated: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  const challenge = { "WWW-Authenticate": 'Basic realm="fake"', "Docker-Distribution-API-Version": "registry/2.0" };

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      if (request.headers.get("authorization") !== expected)
        return new Response('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
          status: 401,
          headers: challenge,
        });
      authenticated.push(credentials.username);
      const headers = { "Docker-Distribution-API-Version": "registry/2.0" };
      const path = url.pathname;
      if (path === "/v2/" || path === "/v2") return Response.json({}, { headers });
      const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]+)$/.exec(path);
      if (blob) {
        const data = blobs.get(blob[2] as string);
        if (!data) return new Response(null, { status: 404, headers });
        return new Response(request.method === "HEAD" ? null : data, {
          headers: { ...headers, "Content-Length": String(data.length), "Docker-Content-Digest": blob[2] as string },
        });
      }
      const upload = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(path);
      if (upload) {
        const [, name, id] = upload;
        if (request.method === "POST") {
          const uuid = crypto.randomUUID();
          uploads.set(uuid, []);
          return new Response(null, {
            status: 202,
            headers: {
              ...headers,
              Location: `/v2/${name}/blobs/uploads/${uuid}`,
              "Docker-Upload-UUID": uuid,
              Range: "0-0",
            },
          });
        }
        const parts = uploads.get(id as string);
        if (!parts) return new Response(null, { status: 404, headers });
        parts.push(new Uint8Array(await request.arrayBuffer()));
        const size = parts.reduce((sum, part) => sum + part.length, 0);
        if (request.method === "PATCH") {
          return new Response(null, {
            status: 202,
            headers: {
              ...headers,
              Location: `/v2/${name}/blobs/uploads/${id}`,
              "Docker-Upload-UUID": id as string,
              Range: `0-${Math.max(size - 1, 0)}`,
            },
          });
        }
        const digest = url.searchParams.get("digest") as string;
        blobs.set(digest, Buffer.concat(parts));
        uploads.delete(id as string);
        return new Response(null, {
          status: 201,
          headers: { ...headers, Location: `/v2/${name}/blobs/${digest}`, "Docker-Content-Digest": digest },
        });
      }
      const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
      if (manifest && request.method === "PUT") {
        const body = await request.text();
        const digest = `sha256:${createHash("sha256").update(body).digest("hex")}`;
        manifests.set(`${manifest[1]}:${manifest[2]}`, body);
        return new Response(null, {
          status: 201,
          headers: { ...headers, Location: `/v2/${manifest[1]}/manifests/${digest}`, "Docker-Content-Digest": digest },
        });
      }
      if (manifest) return new Response(null, { status: 404, headers });
      return new Response(null, { status: 404, headers });
    },
  });
  return { address: `127.0.0.1:${server.port}`, manifests, authenticated, [Symbol.dispose]: () => server.stop(true) };
}

/** A loopback port nothing listens on: bound, then released. */
export function unusedPort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}
