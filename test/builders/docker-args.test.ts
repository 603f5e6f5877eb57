import { describe, expect, test } from "bun:test";
import { deployContainerSpec } from "../../src/builders/container-spec";
import { containerExtras, DOKKU_LABELS } from "../../src/builders/docker-args";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

const base = {
  app: "shop",
  processType: "web",
  index: 1,
  releaseId: 4,
  deployId: "4-test",
  image: "dokku/shop:v4",
  name: "shop.web.1.upcoming-4-abc",
  env: new Map([
    ["SHARED", "from-config"],
    ["FOO", "bar"],
  ]),
  port: "5000",
  command: undefined,
  restartPolicy: "on-failure:10",
  init: true,
};

describe("containerExtras", () => {
  test("splits labels from env, a later entry of a name winning, and drops reserved labels", () => {
    expect(
      containerExtras([
        { type: "label", name: "team", value: "a" },
        { type: "env", name: "X", value: "1" },
        { type: "label", name: "com.dokku.app-name", value: "evil" },
        { type: "label", name: "team", value: "b" },
      ]),
    ).toEqual({ labels: new Map([["team", "b"]]), env: new Map([["X", "1"]]), dropped: ["com.dokku.app-name"] });
  });
});

describe("deployContainerSpec with plugin extras", () => {
  test("adds plugin labels beside dokku's, and plugin env the config does not set, before DYNO and PORT", () => {
    const extras = {
      labels: new Map([
        ["traefik.enable", "true"],
        ["com.dokku.app-name", "other"],
        ["com.dokku.dyno", "x"],
        ["com.dokku.extra", "x"],
      ]),
      env: new Map([
        ["SHARED", "from-plugin"],
        ["PLUGIN_ONLY", "yes"],
        ["DYNO", "plugin"],
        ["PORT", "1"],
      ]),
    };
    expect(deployContainerSpec({ ...base, extras })).toEqual({
      name: "shop.web.1.upcoming-4-abc",
      Image: "dokku/shop:v4",
      Env: ["SHARED=from-config", "FOO=bar", "PLUGIN_ONLY=yes", "DYNO=web.1", "PORT=5000"],
      Labels: {
        "traefik.enable": "true",
        "com.dokku.app-name": "shop",
        "com.dokku.container-type": "deploy",
        "com.dokku.process-type": "web",
        "com.dokku.dyno": "web.1",
        "com.dokku.release-id": "4",
        "com.dokku.deploy-id": "4-test",
      },
      HostConfig: { Init: true, RestartPolicy: { Name: "on-failure", MaximumRetryCount: 10 } },
    });
  });

  test("is the same spec as without extras when the plugins add nothing", () => {
    expect(deployContainerSpec({ ...base, extras: { labels: new Map(), env: new Map() } })).toEqual(
      deployContainerSpec(base),
    );
  });
});

describe("DOKKU_LABELS", () => {
  test("lists every com.dokku.* label the code names, and only those (issue 14)", () => {
    const src = join(REPO_ROOT, "src");
    const named = new Set<string>();
    for (const file of readdirSync(src, { recursive: true }) as string[]) {
      // the list itself is not a use
      if (!file.endsWith(".ts") || file === "builders/docker-args.ts") continue;
      for (const match of readFileSync(join(src, file), "utf8").matchAll(/com\.dokku\.[a-z0-9-]+/g))
        named.add(match[0]);
    }
    // com.dokku.plugin is reserved for service plugins' containers (ARCHITECTURE) before any code names it
    expect([...named].sort()).toEqual(DOKKU_LABELS.filter((label) => label !== "com.dokku.plugin"));
  });
});
