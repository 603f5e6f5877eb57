import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Subprocess } from "bun";
import { dockerConnector, type DockerClient } from "../../src/executors/docker/client";
import { BASE_IMAGE } from "../base-image";
import { runProgram } from "../harness";
import { machine } from "../machine";

/**
 * A Docker engine of one test, beside the shared one and never touching it: its own containerd,
 * `--data-root`, `--exec-root`, socket and pid file, and its own bridge (a fresh interface on a
 * /24 no route of this host covers), with iptables, masquerading and ip_forward left alone, so
 * the shared engine's rules and docker0 are never rewritten. The host reaches the containers
 * on the bridge directly. It can be SIGKILLed and started again over the same state: what a
 * crash and restart of dockerd (or a reboot, as far as the containers are concerned) does.
 * containerd is started here, not by dockerd, so a killed dockerd leaves no orphan for an init
 * that does not reap (this machine's PID 1 does not). Everything goes at the end of the
 * `await using` scope: containers, daemons, mounts, the bridge, the directory.
 */
export const DOCKERD = "/usr/sbin/dockerd";
export const CONTAINERD = "/usr/bin/containerd";
const START_TIMEOUT_MS = 60_000;

export function privateDockerdAvailable(): boolean {
  // the shared engine lends it the base image
  return process.getuid?.() === 0 && existsSync(DOCKERD) && existsSync(CONTAINERD) && machine.baseImage;
}

export interface PrivateDockerd extends AsyncDisposable {
  /** `unix://<socket>`: DOCKER_HOST for dokku. */
  readonly host: string;
  /** The bridge's gateway; containers get the next addresses of its /24. */
  readonly gateway: string;
  /** A client of this engine (a new one after each restart is not needed: each call connects). */
  readonly docker: DockerClient;
  /** SIGKILL dockerd (its containers' shims and containerd stay, as after a crash), then start it again. */
  crashAndRestart(): Promise<void>;
  /** What dockerd logged, for failure messages. */
  log(): string;
}

export async function startPrivateDockerd(): Promise<PrivateDockerd> {
  // short: the sockets under it must fit sun_path (108 bytes)
  const dir = mkdtempSync("/tmp/dkd-");
  const bridge = `dkd${process.pid.toString(36)}${Math.random().toString(36).slice(2, 5)}`.slice(0, 15);
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => undefined);
  };
  try {
    const subnet = await freeSubnet();
    const gateway = `${subnet}.1`;
    await mustRun(["ip", "link", "add", "name", bridge, "type", "bridge"]);
    cleanups.push(async () => void (await runProgram(["ip", "link", "del", bridge])));
    await mustRun(["ip", "addr", "add", `${gateway}/24`, "dev", bridge]);
    await mustRun(["ip", "link", "set", bridge, "up"]);
    cleanups.push(() => unmountUnder(dir));

    writeFileSync(`${dir}/containerd.toml`, containerdConfig(dir));
    const containerd = Bun.spawn([CONTAINERD, "--config", `${dir}/containerd.toml`], {
      stdout: "ignore",
      stderr: Bun.file(`${dir}/containerd.log`),
    });
    cleanups.push(() => stop(containerd));
    await waitFor(() => existsSync(`${dir}/containerd.sock`), START_TIMEOUT_MS, "containerd did not start");

    writeFileSync(`${dir}/daemon.json`, "{}\n");
    const socket = `${dir}/docker.sock`;
    const argv = [
      DOCKERD,
      "--config-file",
      `${dir}/daemon.json`,
      "--containerd",
      `${dir}/containerd.sock`,
      "--data-root",
      `${dir}/data`,
      "--exec-root",
      `${dir}/exec`,
      "--pidfile",
      `${dir}/docker.pid`,
      "-H",
      `unix://${socket}`,
      "--bridge",
      bridge,
      "--iptables=false",
      "--ip-masq=false",
      "--ip-forward=false",
      "--userland-proxy=false",
    ];
    const logFile = `${dir}/dockerd.log`;
    let dockerd: Subprocess | undefined;
    const launch = async () => {
      rmSync(`${dir}/docker.pid`, { force: true });
      const log = openSync(logFile, "a");
      dockerd = Bun.spawn(argv, { stdout: "ignore", stderr: log });
      closeSync(log);
      await waitFor(
        async () => (await ping(socket)) || dockerd?.exitCode !== null,
        START_TIMEOUT_MS,
        "dockerd did not answer",
      );
      if (dockerd.exitCode !== null)
        throw new Error(`dockerd exited ${dockerd.exitCode}:\n${readFileSync(logFile, "utf8")}`);
    };
    const docker = await dockerConnector({ DOCKER_HOST: `unix://${socket}` })();
    await launch();
    cleanups.push(async () => {
      // containers first (fast, and no shim outlives the test), then the daemons
      const all = await docker.listContainers({ all: true }).catch(() => []);
      await Promise.all(
        all.map((info) =>
          docker
            .getContainer(info.Id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
      );
      if (dockerd) await stop(dockerd);
    });
    const shared = await dockerConnector({})();
    await docker.loadImage(await shared.getImage(BASE_IMAGE).get());

    return {
      host: `unix://${socket}`,
      gateway,
      docker,
      async crashAndRestart() {
        dockerd?.kill("SIGKILL");
        await dockerd?.exited;
        await launch();
      },
      log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
      [Symbol.asyncDispose]: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function containerdConfig(dir: string): string {
  return [
    "version = 2",
    `root = "${dir}/containerd"`,
    `state = "${dir}/containerd-state"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    "[grpc]",
    `  address = "${dir}/containerd.sock"`,
    "[debug]",
    '  level = "warn"',
    "",
  ].join("\n");
}

/** `10.X.Y` of a /24 that no route of this host covers (so nothing else of the machine is reached). */
async function freeSubnet(): Promise<string> {
  const routes = (await mustRun(["ip", "-4", "route", "show", "table", "all"])).split("\n");
  const covered = routes
    .map((line) => /(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ base: toNumber(match[1] as string), bits: Number(match[2] ?? 32) }));
  for (let attempt = 0; attempt < 200; attempt++) {
    const candidate = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 256)}`;
    const base = toNumber(`${candidate}.0`);
    const overlaps = covered.some(({ base: other, bits }) => {
      const bitsUsed = Math.min(bits, 24);
      const mask = bitsUsed === 0 ? 0 : (~0 << (32 - bitsUsed)) >>> 0;
      return (base & mask) >>> 0 === (other & mask) >>> 0;
    });
    if (!overlaps) return candidate;
  }
  throw new Error("no free 10.x.y.0/24 for the private engine's bridge");
}

function toNumber(address: string): number {
  return address.split(".").reduce((value, part) => ((value << 8) | Number(part)) >>> 0, 0);
}

async function ping(socket: string): Promise<boolean> {
  try {
    const response = await fetch("http://docker/_ping", { unix: socket });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitFor(ready: () => boolean | Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await ready()); await Bun.sleep(50)) {
    if (Date.now() > deadline) throw new Error(message);
  }
}

async function stop(child: Subprocess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const stopped = await Promise.race([child.exited.then(() => true), Bun.sleep(20_000).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await child.exited;
  }
}

/** Lazily unmounts whatever the engine left mounted under `dir` (overlays, netns binds), deepest first. */
function unmountUnder(dir: string): Promise<void> {
  const points = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  return points.reduce<Promise<void>>(
    (previous, point) => previous.then(async () => void (await runProgram(["umount", "-l", point]))),
    Promise.resolve(),
  );
}

async function mustRun(argv: string[]): Promise<string> {
  const result = await runProgram(argv);
  if (result.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}
