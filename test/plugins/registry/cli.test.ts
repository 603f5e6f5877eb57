import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../../harness";
import { haveDocker } from "../scheduler-docker-local/fixture";
import { fakeRegistry, unusedPort } from "./fake-registry";

/** Every stored registry property: "<scope>/<key>" -> value. */
function registryState(libRoot: string): Record<string, string> {
  const root = join(libRoot, "config/registry");
  if (!existsSync(root)) return {};
  const state: Record<string, string> = {};
  for (const scope of readdirSync(root)) {
    for (const key of readdirSync(join(root, scope)))
      state[`${scope}/${key}`] = readFileSync(join(root, scope, key), "utf8");
  }
  return state;
}

describe("registry:set and registry:report", () => {
  test("sets, unsets and reports app values over global values over defaults in Dokku's layout", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const sets = [
      await runDokku(["registry:set", "--global", "server", "registry.example.com:5000"], { env }),
      await runDokku(["registry:set", "--global", "push-on-release", "true"], { env }),
      await runDokku(["registry:set", "shop", "server", "ghcr.io/"], { env }),
      await runDokku(["registry:set", "shop", "image-repo", "acme/shop"], { env }),
      await runDokku(["registry:set", "shop", "push-on-release", "false"], { env }),
      await runDokku(["registry:set", "shop", "push-on-release"], { env }),
    ];
    expect(sets).toEqual([
      { stdout: "=====> Setting server to registry.example.com:5000\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting push-on-release to true\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting server to ghcr.io/\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting image-repo to acme/shop\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting push-on-release to false\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Unsetting push-on-release\n", stderr: "", exitCode: 0 },
    ]);
    expect(registryState(env.DOKKU_LIB_ROOT as string)).toEqual({
      "--global/server": "registry.example.com:5000",
      "--global/push-on-release": "true",
      "shop/server": "ghcr.io/",
      "shop/image-repo": "acme/shop",
    });

    const json = await runDokku(["registry:report", "shop", "--format", "json"], { env });
    const trimmed = Object.fromEntries(
      Object.entries(JSON.parse(json.stdout) as Record<string, string>).filter(([key]) => !key.startsWith("registry-")),
    );
    expect({ ...json, stdout: trimmed }).toEqual({
      stdout: {
        "computed-image-repo": "acme/shop",
        "computed-image-repo-template": "",
        "computed-push-extra-tags": "",
        "computed-push-on-release": "true",
        "computed-server": "ghcr.io/",
        "global-image-repo-template": "",
        "global-push-extra-tags": "",
        "global-push-on-release": "true",
        "global-server": "registry.example.com:5000",
        "image-repo": "acme/shop",
        "image-repo-template": "",
        "push-extra-tags": "",
        "push-on-release": "",
        server: "ghcr.io/",
      },
      stderr: "",
      exitCode: 0,
    });
    expect((JSON.parse(json.stdout) as Record<string, string>)["registry-computed-server"]).toBe("ghcr.io/");

    const flags = [
      await runDokku(["registry:report", "shop", "--registry-computed-image-repo"], { env }),
      await runDokku(["registry:report", "--global", "--registry-computed-server"], { env }),
      await runDokku(["registry:report", "--global", "--registry-image-repo"], { env }),
    ];
    expect(flags).toEqual([
      { stdout: "acme/shop\n", stderr: "", exitCode: 0 },
      { stdout: "registry.example.com:5000/\n", stderr: "", exitCode: 0 },
      {
        stdout: "",
        stderr:
          " !     Invalid flag passed, valid flags: --registry-computed-image-repo-template, --registry-computed-push-extra-tags, --registry-computed-push-on-release, --registry-computed-server, --registry-global-image-repo-template, --registry-global-push-extra-tags, --registry-global-push-on-release, --registry-global-server\n",
        exitCode: 1,
      },
    ]);

    const text = await runDokku(["registry:report", "--global"], { env });
    expect(text).toEqual({
      stdout: [
        "=====> --global registry information",
        "       Registry computed image repo template: ",
        "       Registry computed push extra tags:     ",
        "       Registry computed push on release:     true",
        "       Registry computed server:              registry.example.com:5000/",
        "       Registry global image repo template:   ",
        "       Registry global push extra tags:       ",
        "       Registry global push on release:       true",
        "       Registry global server:                registry.example.com:5000",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });

  test("computes dokku/<app> and an empty server for Docker Hub, and renders the image-repo template", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    await runDokku(["registry:set", "shop", "server", "docker.io"], { env });
    const before = await runDokku(["registry:report", "shop", "--registry-computed-image-repo"], { env });
    await runDokku(["registry:set", "--global", "image-repo-template", "acme/{{ .AppName }}-prod"], { env });
    const after = await runDokku(["registry:report", "shop", "--registry-computed-image-repo"], { env });
    const server = await runDokku(["registry:report", "shop", "--registry-computed-server"], { env });
    expect([before.stdout, after.stdout, server.stdout]).toEqual(["dokku/shop\n", "acme/shop-prod\n", "\n"]);
  });

  test("refuses bad values, unknown properties and global image-repo with one line, writing nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const refused = [
      await runDokku(["registry:set", "shop", "server", "https://ghcr.io"], { env }),
      await runDokku(["registry:set", "shop", "image-repo", "Acme/Shop"], { env }),
      await runDokku(["registry:set", "--global", "push-on-release", "yes"], { env }),
      await runDokku(["registry:set", "--global", "image-repo", "acme/shop"], { env }),
      await runDokku(["registry:set", "shop", "tag-version", "3"], { env }),
      await runDokku(["registry:set", "ghost", "server", "ghcr.io"], { env }),
    ];
    expect(refused).toEqual([
      {
        stdout: "",
        stderr: ' !     Invalid server value specified: "https://ghcr.io" is not host[:port][/path]\n',
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          ' !     Invalid image-repo value specified: "Acme/Shop" is not a repository path of lowercase components such as dokku/node-js-app\n',
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Invalid push-on-release value specified: must be true or false\n", exitCode: 1 },
      { stdout: "", stderr: " !     Property cannot be specified globally\n", exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid property specified, valid properties include: image-repo, image-repo-template, push-extra-tags, push-on-release, server\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     App ghost does not exist\n", exitCode: 20 },
    ]);
    expect(registryState(env.DOKKU_LIB_ROOT as string)).toEqual({});
  });
});

describe("registry:login", () => {
  test("refuses missing arguments, bad servers and the per-app form, storing nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const refused = [
      await runDokku(["registry:login"], { env }),
      await runDokku(["registry:login", "ghcr.io"], { env }),
      await runDokku(["registry:login", "ghcr.io", "bob"], { env }),
      await runDokku(["registry:login", "--password-stdin", "ghcr.io", "bob"], { env, stdin: "  \n" }),
      await runDokku(["registry:login", "--global", "ftp://ghcr.io", "bob", "pw"], { env }),
      await runDokku(["registry:login", "shop", "ghcr.io", "bob", "pw"], { env }),
    ];
    expect(refused).toEqual([
      { stdout: "", stderr: " !     Missing server argument\n", exitCode: 1 },
      { stdout: "", stderr: " !     Missing username argument\n", exitCode: 1 },
      { stdout: "", stderr: " !     Missing password argument\n", exitCode: 1 },
      { stdout: "", stderr: " !     Missing password argument\n", exitCode: 1 },
      {
        stdout: "",
        stderr: ' !     Invalid server specified: "ftp://ghcr.io" is not host[:port][/path]\n',
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          " !     Per-app registry login is not supported: use registry:login --global <server> <username> [<password>]\n",
        exitCode: 1,
      },
    ]);
    expect(existsSync(join(env.DOKKU_LIB_ROOT as string, "data/registry"))).toBe(false);
  });

  test.skipIf(!haveDocker)(
    "fails with Docker's message and stores nothing when the registry is unreachable",
    async () => {
      using roots = tempRoots();
      const env = roots.env;
      const port = unusedPort();
      const result = await runDokku(["registry:login", "--global", `127.0.0.1:${port}`, "bob", "pw"], { env });
      expect(result).toEqual({
        stdout: "",
        stderr: ` !     Login to 127.0.0.1:${port} failed: Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused\n`,
        exitCode: 1,
      });
      expect(existsSync(join(env.DOKKU_LIB_ROOT as string, "data/registry/auth.json"))).toBe(false);
    },
  );

  test.skipIf(!haveDocker)("stores checked credentials 0600 by registry host, refusing a wrong password", async () => {
    using roots = tempRoots();
    using registry = fakeRegistry({ username: "bob", password: "s3cret" });
    const env = roots.env;
    const authFile = join(env.DOKKU_LIB_ROOT as string, "data/registry/auth.json");
    const wrong = await runDokku(["registry:login", "--global", registry.address, "bob", "nope"], { env });
    expect(wrong).toEqual({
      stdout: "",
      stderr: ` !     Login to ${registry.address} failed: login attempt to http://${registry.address}/v2/ failed with status: 401 Unauthorized\n`,
      exitCode: 1,
    });
    expect(existsSync(authFile)).toBe(false);

    const results = [
      await runDokku(["registry:login", "--global", "--password-stdin", `${registry.address}/`, "bob"], {
        env,
        stdin: "s3cret\n",
      }),
      await runDokku(["registry:login", registry.address, "bob", "s3cret"], { env }),
    ];
    expect(results).toEqual([
      { stdout: "", stderr: " !     Login Succeeded for global registry\n", exitCode: 0 },
      { stdout: "", stderr: " !     Login Succeeded for global registry\n", exitCode: 0 },
    ]);
    expect(JSON.parse(readFileSync(authFile, "utf8"))).toEqual({
      [registry.address]: { username: "bob", password: "s3cret" },
    });
    expect(statSync(authFile).mode & 0o777).toBe(0o600);
  });
});
