import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const NAMESPACES = ["caddy", "haproxy", "openresty", "traefik", "logs", "scheduler-k3s"];

function withApp(): Roots {
  const roots = tempRoots();
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
  return roots;
}

describe("caddy, haproxy, openresty, traefik, logs, scheduler-k3s :set/:report (issue 14)", () => {
  test("every report exits 0 with Dokku's message when no app exists (report.bats)", async () => {
    using roots = tempRoots();
    const results = [];
    for (const ns of NAMESPACES) results.push(await dokku(roots, `${ns}:report`));
    expect(results).toEqual(
      NAMESPACES.map(() => ({ stdout: "", stderr: " !     You haven't deployed any applications yet\n", exitCode: 0 })),
    );
  });

  const cases: [string, string, string, string, string][] = [
    ["caddy", "tls-internal", "true", "no", "false"],
    ["openresty", "client-max-body-size", "20m", "5m", "1m"],
    ["logs", "max-size", "50m", "1g", "10m"],
    ["scheduler-k3s", "namespace", "apps", "shared", "default"],
  ];
  for (const [ns, property, value, globalValue, fallback] of cases) {
    test(`${ns}:set then ${ns}:report give the app's, the global and the computed ${property}`, async () => {
      using roots = withApp();
      const computed = async () => (await dokku(roots, `${ns}:report`, "web", `--${ns}-computed-${property}`)).stdout;
      const before = await computed();
      const setGlobal = await dokku(roots, `${ns}:set`, "--global", property, globalValue);
      const set = await dokku(roots, `${ns}:set`, "web", property, value);
      const json = JSON.parse((await dokku(roots, `${ns}:report`, "web", "--format", "json")).stdout);
      const unset = await dokku(roots, `${ns}:set`, "web", property);
      const after = await computed();
      expect({
        before,
        setGlobal: setGlobal.stdout,
        // logs max-size bounds docker-local's containers: no warning for it
        set: {
          ...set,
          stderr:
            ns === "logs"
              ? set.stderr === ""
              : set.stderr.startsWith(` !     ${ns} ${property} is kept but has no effect here: `),
        },
        json: [json[property], json[`global-${property}`], json[`computed-${property}`]],
        unset,
        after,
      }).toEqual({
        before: `${fallback}\n`,
        setGlobal: `=====> Setting ${property} to ${globalValue}\n`,
        set: { stdout: `=====> Setting ${property} to ${value}\n`, stderr: true, exitCode: 0 },
        json: [value, globalValue, value],
        unset: { stdout: `=====> Unsetting ${property}\n`, stderr: "", exitCode: 0 },
        after: `${globalValue}\n`,
      });
    });
  }

  test("a stdout report lays the section out as Dokku; JSON keys follow Dokku's legacy-prefix choice", async () => {
    using roots = withApp();
    const haproxy = await dokku(roots, "haproxy:report", "--global");
    const caddy = JSON.parse((await dokku(roots, "caddy:report", "web", "--format", "json")).stdout);
    const logs = JSON.parse((await dokku(roots, "logs:report", "web", "--format", "json")).stdout);
    expect({ haproxy, caddyLegacy: "caddy-tls-internal" in caddy, logsLegacy: logs["logs-max-size"] }).toEqual({
      haproxy: {
        stdout: [
          "=====> --global haproxy information",
          "       Haproxy computed image:              byjg/easy-haproxy:6.1.1",
          "       Haproxy computed letsencrypt email:  ",
          "       Haproxy computed letsencrypt server: https://acme-v02.api.letsencrypt.org/directory",
          "       Haproxy computed log level:          ERROR",
          "       Haproxy computed refresh conf:       10",
          "       Haproxy global image:                ",
          "       Haproxy global letsencrypt email:    ",
          "       Haproxy global letsencrypt server:   ",
          "       Haproxy global log level:            ",
          "       Haproxy global refresh conf:         ",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      caddyLegacy: false,
      logsLegacy: "",
    });
  });

  test("credentials are masked on stdout, shown with --format json or their own flag", async () => {
    using roots = withApp();
    await dokku(roots, "traefik:set", "--global", "basic-auth-password", "s3cret");
    await dokku(roots, "logs:set", "web", "vector-sink", "datadog_logs://?api_key=abc123");
    const stdout = (await dokku(roots, "traefik:report", "--global")).stdout;
    const logs = (await dokku(roots, "logs:report", "web")).stdout;
    const full = (await dokku(roots, "report", "web")).stdout;
    expect({
      masked: stdout.includes("Traefik global basic auth password:       *******") && !stdout.includes("s3cret"),
      flag: (await dokku(roots, "traefik:report", "--global", "--traefik-global-basic-auth-password")).stdout,
      json: JSON.parse((await dokku(roots, "traefik:report", "--global", "--format", "json")).stdout)[
        "global-basic-auth-password"
      ],
      sink: logs.includes("Logs vector sink:               datadog_logs://redacted") && !logs.includes("abc123"),
      sinkFlag: (await dokku(roots, "logs:report", "web", "--logs-vector-sink")).stdout,
      fullReport: ["=====> web caddy information", "=====> web scheduler-k3s information"].every((line) =>
        full.includes(line),
      ),
      fullHidesSink: !full.includes("abc123"),
    }).toEqual({
      masked: true,
      flag: "s3cret\n",
      json: "s3cret",
      sink: true,
      sinkFlag: "datadog_logs://?api_key=abc123\n",
      fullReport: true,
      fullHidesSink: true,
    });
  });

  test("bad input is refused in Dokku's words, one line, and nothing is written", async () => {
    using roots = withApp();
    const before = snapshotTree(roots.dir);
    const attempts: string[][] = [
      ["caddy:set", "web"],
      ["caddy:set", "web", "colour", "red"],
      ["caddy:set", "web", "image", "caddy:2"],
      ["haproxy:set", "missing", "refresh-conf", "5"],
      ["openresty:set", "missing", "hsts", "false"],
      ["traefik:set", "--global", "dns-provider-../x", "v"],
      ["traefik:set", "--global", "api-vhost", "a\u001b[2Jb"],
      ["logs:set"],
      ["logs:set", "missing"],
      ["logs:set", "web"],
      ["logs:set", "web", "vector-image", "timberio/vector:latest-debian"],
      ["logs:set", "web", "max-size", "10q"],
      ["logs:set", "web", "app-label-alias", "-bad"],
      ["scheduler-k3s:set", "web", "token", "t"],
      ["scheduler-k3s:set", "web", "letsencrypt-server", "nope"],
      ["scheduler-k3s:set", "--global", "shm-size", "x".repeat(5000)],
    ];
    const results = [];
    for (const words of attempts) results.push(await dokku(roots, ...words));
    expect({
      errors: results.map((result) => [result.stderr, result.exitCode !== 0, result.stdout]),
      after: snapshotTree(roots.dir),
    }).toEqual({
      errors: [
        " !     No key specified\n",
        " !     Invalid key specified, valid keys include: image letsencrypt-email letsencrypt-server log-level polling-interval tls-internal\n",
        " !     The key 'image' can only be set globally\n",
        " !     The key 'refresh-conf' can only be set globally\n",
        " !     App missing does not exist\n",
        " !     Invalid key specified, valid keys include: api-enabled api-entry-point api-entry-point-address api-vhost challenge-mode dashboard-enabled basic-auth-username basic-auth-password dns-provider dns-provider-<ENV_VAR> image letsencrypt-email letsencrypt-server log-level http-entry-point https-entry-point\n",
        " !     Invalid value for api-vhost: control characters are not allowed\n",
        " !     Please specify an app to run the command on\n",
        " !     App missing does not exist\n",
        " !     No property specified\n",
        " !     vector-image may only be set globally with --global\n",
        " !     Invalid max-size unit measure, value must end in any of [k, m, g]\n",
        " !     Invalid app-label-alias value, must start with a letter or number and contain only letters, numbers, and any of [_, ., -]\n",
        " !     Property can only be specified globally\n",
        " !     Invalid letsencrypt-server: nope, valid values are prod, production, stag, staging, and false\n",
        " !     Invalid value for shm-size: longer than 4096 characters\n",
      ].map((stderr) => [stderr, true, ""]),
      after: before,
    });
  });

  test("each namespace's help is Dokku's and says what this host does not run; its names are reserved", async () => {
    using roots = tempRoots();
    const caddy = (await dokku(roots, "caddy:help")).stdout;
    const logs = (await dokku(roots, "logs:help")).stdout;
    const reserved = await dokku(roots, "apps:create", "traefik");
    expect({
      caddy: caddy.split("\n").slice(0, 3),
      caddyCommands: ["caddy:report", "caddy:set"].every((name) => caddy.includes(name)),
      logs: ["Manage log integration for an app", "logs:set", "logs:report"].every((text) => logs.includes(text)),
      reserved: [reserved.stderr.includes("App name traefik is reserved"), reserved.exitCode !== 0],
    }).toEqual({
      caddy: [
        "Usage: dokku caddy[:COMMAND]",
        "",
        "Manage the caddy proxy integration (properties only: this host routes with nginx)",
      ],
      caddyCommands: true,
      logs: true,
      reserved: [true, true],
    });
  });
});
