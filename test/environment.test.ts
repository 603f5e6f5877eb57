import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./harness";
import { machine, machineNeeds, needsOf, type Machine } from "./machine";
import { pulledImages } from "./registry-guard";

/**
 * One test per thing the suite needs from the machine: a missing one fails here, once, naming
 * what to install, while the tests that need it are skipped (test/machine.ts).
 */
describe("tools the suite needs", () => {
  for (const need of machineNeeds()) {
    test(need.name, () => {
      expect(need.present ? "present" : need.fix).toBe("present");
    });
  }
});

describe("machine needs", () => {
  const everything: Machine = {
    root: true,
    docker: true,
    baseImage: true,
    busybox: true,
    clang: true,
    nginx: true,
    sshd: true,
    git: true,
    crontab: true,
  };

  test("name the fix of each missing tool and nothing for present ones", () => {
    const missing = needsOf({ ...everything, clang: false, sshd: false, git: false })
      .filter((need) => !need.present)
      .map((need) => `${need.name}: ${need.fix}`);
    expect(missing).toEqual([
      "clang and wasm-ld (C plugin kit): install clang: apt-get install clang lld",
      "sshd: install sshd: apt-get install openssh-server",
      "git: install git: apt-get install git",
    ]);
    expect(needsOf(everything).filter((need) => !need.present)).toEqual([]);
  });

  test("name only the engine when Docker does not answer, not the base image it would hold", () => {
    const missing = needsOf({ ...everything, docker: false, baseImage: false }).filter((need) => !need.present);
    expect(missing.map((need) => need.name)).toEqual(["a Docker engine answers"]);
  });

  test("say why the base image is missing when the preload could not build it", () => {
    const problem = "cannot build dokku-test/busybox:latest: /bin/busybox is missing or not static";
    const need = needsOf({ ...everything, baseImage: false, busybox: false }, problem).find((each) =>
      each.name.startsWith("the local base image"),
    );
    expect(need).toEqual({ name: "the local base image dokku-test/busybox:latest", present: false, fix: problem });
  });

  test("cover every field the tests skip on", () => {
    expect(Object.keys(machine).sort()).toEqual(Object.keys(everything).sort());
  });
});

describe("registry guard", () => {
  test("names the images of pull events and ignores every other event", () => {
    const events = [
      { Type: "image", Action: "pull", Actor: { ID: "busybox:latest" } },
      { Type: "image", Action: "tag", Actor: { ID: "sha256:abc" } },
      { Type: "container", Action: "pull", Actor: { ID: "weird" } },
      { Type: "image", Action: "pull", Actor: { ID: "alpine:3" } },
      { Type: "image", Action: "pull", Actor: { ID: "busybox:latest" } },
    ];
    expect(pulledImages(`${events.map((event) => JSON.stringify(event)).join("\n")}\n`)).toEqual([
      "alpine:3",
      "busybox:latest",
    ]);
    expect(pulledImages("")).toEqual([]);
  });
});

describe("the test command", () => {
  // Bun reads no per-test timeout from bunfig.toml: without --timeout every test that has no
  // timeout of its own gets 5 s, and slow ones (install.sh runs, e2e steps) fail under load
  test("gives each test a minute: npm test runs bun test --timeout 60000", () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const timeout = /\bbun test --timeout (\d+)\b/.exec(scripts.test ?? "")?.[1];
    expect(Number(timeout)).toBeGreaterThanOrEqual(60_000);
  });
});
