import type { ContainerInspectInfo } from "dockerode";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { PlannedCheck } from "../../builders/healthcheck-plan";
import type { DockerClient } from "./client";
import { inspectOrUndefined } from "./containers";
import { listeningProblemOf, NOT_RUNNING } from "./listening";

/** What one check found: ok, or why not (`GET /health: expected a 2xx or 3xx status, got 500`). */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** How much of a response body is read to look for the expected content. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How much of a mismatching body an error quotes. */
const QUOTED_BODY_CHARS = 80;

/**
 * Runs one planned check against a container, as docker-container-healthchecker does:
 * path checks GET http://<container ip>:<port><path> from this host (2xx and 3xx pass, then
 * the expected content must appear in the body), command checks run in the container (exit 0
 * passes), listening checks look at the container's listening sockets, each up to `attempts`
 * times `wait` seconds apart after `initialDelay`; uptime
 * checks pass when the container has run `uptime` seconds without exiting or restarting.
 */
export async function runCheck(docker: DockerClient, id: string, check: PlannedCheck): Promise<CheckResult> {
  const info = await inspectOrUndefined(docker, id);
  if (!info) return { ok: false, reason: "container is gone" };
  if (check.kind === "uptime") return uptimeCheck(docker, id, info, check.uptime);
  await sleepUntil(startedAt(info) + check.initialDelay * 1000);
  let last: CheckResult = { ok: false, reason: "no attempt made" };
  for (let tried = 1; tried <= check.attempts; tried++) {
    last = await attempt(docker, id, info, check);
    if (last.ok) return last;
    const exited = await exitedReason(docker, id);
    if (exited) return { ok: false, reason: `${(last as { reason: string }).reason} (${exited})` };
    // a container that is not up (a restart policy bringing it back) fails its other checks, which say why
    if (check.kind === "listening" && !last.ok && last.reason === NOT_RUNNING) return last;
    if (tried < check.attempts) await Bun.sleep(check.wait * 1000);
  }
  return last;
}

function attempt(
  docker: DockerClient,
  id: string,
  info: ContainerInspectInfo,
  check: PlannedCheck,
): Promise<CheckResult> {
  if (check.kind === "path") return pathAttempt(info, check);
  if (check.kind === "listening") return listeningAttempt(docker, id, check.port);
  return commandAttempt(docker, id, check);
}

async function listeningAttempt(docker: DockerClient, id: string, port: number): Promise<CheckResult> {
  const problem = await listeningProblemOf(docker, id, port);
  return problem === undefined ? { ok: true } : { ok: false, reason: problem };
}

/** The container's address on its (first) Docker network. */
export function containerAddress(info: ContainerInspectInfo): string | undefined {
  const networks = Object.values(info.NetworkSettings?.Networks ?? {});
  return networks.map((network) => network.IPAddress).find((ip) => ip !== undefined && ip !== "");
}

async function uptimeCheck(
  docker: DockerClient,
  id: string,
  info: ContainerInspectInfo,
  uptime: number,
): Promise<CheckResult> {
  const remaining = startedAt(info) + uptime * 1000 - Date.now();
  // the exit code as `wait` saw it: once a restart policy has started the container again,
  // inspect reports the new run's code (0), not the one that failed
  let seenExitCode: number | undefined;
  if (remaining > 0) {
    const abort = new AbortController();
    const exited = docker
      .getContainer(id)
      .wait({ condition: "next-exit", abortSignal: abort.signal })
      .then(
        (result: { StatusCode?: number }) => {
          seenExitCode = result.StatusCode;
        },
        () => undefined,
      );
    await Promise.race([exited, Bun.sleep(remaining)]);
    abort.abort();
  }
  const now = await inspectOrUndefined(docker, id);
  if (!now) return { ok: false, reason: "container is gone" };
  if (now.State.Running && !now.State.Restarting && now.RestartCount === 0) return { ok: true };
  // a restart policy started it again before an exit was seen: inspect's exit code is the new
  // run's (0), so say what is known, in Dokku's healthchecker's words
  if (seenExitCode === undefined && now.State.Running && !now.State.Restarting)
    return { ok: false, reason: `container has restarted ${now.RestartCount} times` };
  return { ok: false, reason: `container exited with code ${seenExitCode ?? now.State.ExitCode}` };
}

async function pathAttempt(info: ContainerInspectInfo, check: PlannedCheck): Promise<CheckResult> {
  const address = containerAddress(info);
  const path = check.path ?? "/";
  if (address === undefined) return { ok: false, reason: `GET ${path}: the container has no network address` };
  const host = address.includes(":") ? `[${address}]` : address;
  const url = `${check.scheme ?? "http"}://${host}:${check.port}${path}`;
  let response: { status: number; body: string };
  try {
    response = await httpGet(url, check.timeout, check.host);
  } catch (error) {
    return { ok: false, reason: `GET ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (response.status < 200 || response.status >= 400) {
    return { ok: false, reason: `GET ${path}: expected a 2xx or 3xx status, got ${response.status}` };
  }
  if (check.content !== undefined && !response.body.includes(check.content)) {
    return {
      ok: false,
      reason: `GET ${path}: expected content ${JSON.stringify(check.content)}, got ${JSON.stringify(quote(response.body))}`,
    };
  }
  return { ok: true };
}

/** One GET without proxies or redirects; the body read up to MAX_BODY_BYTES. */
function httpGet(
  url: string,
  timeoutSeconds: number,
  hostHeader: string | undefined,
): Promise<{ status: number; body: string }> {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: "*/*", "User-Agent": "dokku-healthcheck" };
    if (hostHeader !== undefined) headers.Host = hostHeader;
    const req = send(url, { method: "GET", headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(Math.max(timeoutSeconds, 1) * 1000, () =>
      req.destroy(new Error(`no response within ${timeoutSeconds} seconds`)),
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code ? `${error.code} ${error.message.replace(/^.*?: /, "")}` : error.message)),
    );
    req.end();
  });
}

async function commandAttempt(docker: DockerClient, id: string, check: PlannedCheck): Promise<CheckResult> {
  const command = [...(check.command ?? [])];
  const shown = `command '${command.join(" ")}'`;
  try {
    const exec = await docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const ended = new Promise<void>((resolve) => {
      stream.on("end", () => resolve());
      stream.on("close", () => resolve());
      stream.on("error", () => resolve());
    });
    stream.resume();
    const timedOut = await Promise.race([
      ended.then(() => false),
      Bun.sleep(Math.max(check.timeout, 1) * 1000).then(() => true),
    ]);
    if (timedOut) {
      stream.destroy();
      return { ok: false, reason: `${shown}: no exit within ${check.timeout} seconds` };
    }
    const exitCode = (await exec.inspect()).ExitCode ?? 0;
    return exitCode === 0 ? { ok: true } : { ok: false, reason: `${shown}: exited with code ${exitCode}` };
  } catch (error) {
    return { ok: false, reason: `${shown}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Why further attempts are pointless: the container stopped and no restart policy brings it back. */
async function exitedReason(docker: DockerClient, id: string): Promise<string | undefined> {
  const info = await inspectOrUndefined(docker, id);
  if (!info) return "container is gone";
  if (info.State.Running || info.State.Restarting) return undefined;
  return `container exited with code ${info.State.ExitCode}`;
}

function startedAt(info: ContainerInspectInfo): number {
  const time = Date.parse(info.State.StartedAt);
  return Number.isFinite(time) ? time : Date.now();
}

async function sleepUntil(time: number): Promise<void> {
  const remaining = time - Date.now();
  if (remaining > 0) await Bun.sleep(remaining);
}

function quote(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > QUOTED_BODY_CHARS ? `${flat.slice(0, QUOTED_BODY_CHARS)}...` : flat;
}
