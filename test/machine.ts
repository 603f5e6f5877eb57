import { existsSync } from "node:fs";
import { dockerConnector } from "../src/executors/docker/client";
import { isStaticBinary } from "../src/executors/docker/router-image";
import { BASE_IMAGE, DEFAULT_BUSYBOX, ensureBaseImage } from "./base-image";

/**
 * What the suite needs from the machine, found out once per `bun test` process: the preload
 * (test/preload.ts) imports this module first, which builds the local base image when it is
 * missing. Tests skip what the machine cannot run (`describe.skipIf(!machine.clang)`), and
 * test/environment.test.ts fails once per missing need, naming what to install, so a fresh
 * machine gives one named failure per missing tool instead of dozens of unrelated ones.
 */
export interface Machine {
  /** The tests run as root: install.sh, useradd, file ownership, a private dockerd. */
  readonly root: boolean;
  /** A Docker engine answers (DOCKER_HOST, else /var/run/docker.sock). */
  readonly docker: boolean;
  /** The engine has BASE_IMAGE (built by the preload when it was missing). */
  readonly baseImage: boolean;
  /** A static /bin/busybox: the base image and the swarm router image hold it. */
  readonly busybox: boolean;
  /** clang and wasm-ld: the C plugin kit (sdk/c, plugins-wasm/labels). */
  readonly clang: boolean;
  readonly nginx: boolean;
  readonly sshd: boolean;
  readonly git: boolean;
  /** `crontab -n` checks the crontab lines the cron plugin writes. */
  readonly crontab: boolean;
}

export interface Need {
  /** The test's name in environment.test.ts. */
  readonly name: string;
  readonly present: boolean;
  /** What to do when it is missing. */
  readonly fix: string;
}

export const NGINX_BIN = "/usr/sbin/nginx";
export const SSHD_BIN = "/usr/sbin/sshd";
const DOCKER_ANSWER_MS = 3000;

/** Why the base image is missing, when the preload could not build it. */
let baseImageProblem: string | undefined;

/** The machine's needs with their fixes, from what was found. Pure. */
export function needsOf(found: Machine, imageProblem?: string): Need[] {
  return [
    { name: "runs as root", present: found.root, fix: "run the tests as root: sudo npm test (or sudo bash .ci/run)" },
    {
      name: "a Docker engine answers",
      present: found.docker,
      fix: "install and start Docker: apt-get install docker.io, then start dockerd (systemctl start docker)",
    },
    { name: "a static busybox", present: found.busybox, fix: "install busybox-static: apt-get install busybox-static" },
    // asked only of an engine that answers: without one, "a Docker engine answers" is the one failure
    ...(found.docker
      ? [
          {
            name: `the local base image ${BASE_IMAGE}`,
            present: found.baseImage,
            fix:
              imageProblem ??
              `the preload (test/preload.ts) builds it once Docker answers and busybox-static is installed`,
          },
        ]
      : []),
    { name: "clang and wasm-ld (C plugin kit)", present: found.clang, fix: "install clang: apt-get install clang lld" },
    { name: "nginx", present: found.nginx, fix: "install nginx: apt-get install nginx" },
    { name: "sshd", present: found.sshd, fix: "install sshd: apt-get install openssh-server" },
    { name: "git", present: found.git, fix: "install git: apt-get install git" },
    { name: "crontab", present: found.crontab, fix: "install cron: apt-get install cron" },
  ];
}

/**
 * A request to the Docker Engine API (DOCKER_HOST as the docker CLI reads it, else the local
 * socket) with Bun's fetch: loading dockerode costs more than a test file of pure functions
 * takes to run, and this runs before every one of them.
 */
export function engineFetch(path: string): Promise<Response> {
  const host = process.env.DOCKER_HOST;
  const signal = AbortSignal.timeout(DOCKER_ANSWER_MS);
  if (host && !host.startsWith("unix://")) return fetch(`${host.replace(/^tcp:/, "http:")}${path}`, { signal });
  return fetch(`http://localhost${path}`, {
    signal,
    unix: host ? host.slice("unix://".length) : "/var/run/docker.sock",
  });
}

async function engineAnswers(): Promise<boolean> {
  return engineFetch("/_ping").then(
    (response) => response.ok,
    () => false,
  );
}

async function engineHasImage(image: string): Promise<boolean> {
  return engineFetch(`/images/${encodeURIComponent(image)}/json`).then(
    (response) => response.ok,
    () => false,
  );
}

/** Whether the engine answers and has the base image, building it when it is missing. */
async function probeEngine(): Promise<{ docker: boolean; baseImage: boolean }> {
  if (!(await engineAnswers())) return { docker: false, baseImage: false };
  if (await engineHasImage(BASE_IMAGE)) return { docker: true, baseImage: true };
  try {
    await ensureBaseImage(await dockerConnector(process.env)());
    return { docker: true, baseImage: true };
  } catch (error) {
    baseImageProblem = (error as Error).message;
    return { docker: true, baseImage: false };
  }
}

const engine = await probeEngine();
let staticBusybox: boolean | undefined;

export const machine: Machine = {
  root: process.getuid?.() === 0,
  docker: engine.docker,
  baseImage: engine.baseImage,
  // asked of ldd only by the files that need it
  get busybox() {
    staticBusybox ??= isStaticBinary(DEFAULT_BUSYBOX);
    return staticBusybox;
  },
  clang: Bun.which("clang") !== null && Bun.which("wasm-ld") !== null,
  nginx: existsSync(NGINX_BIN),
  sshd: existsSync(SSHD_BIN),
  git: Bun.which("git") !== null,
  crontab: Bun.which("crontab") !== null,
};

/** Every need, present or not, for environment.test.ts. */
export function machineNeeds(): Need[] {
  return needsOf(machine, baseImageProblem);
}

/** The binary can deploy an app: an engine with the base image, and git (a push and git:from-archive both keep the app's repo). */
export const canDeploy = machine.baseImage && machine.git;
