import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { TAR_END, tarHeader, tarPadding, type TarEntry } from "../../builders/build-tar";
import { splitImageReference } from "../../builders/registry-image";
import { routerRootfsPlan } from "../../builders/swarm-router";
import { fail } from "../../core/errors";
import type { DockerClient } from "./client";
import { imagesWithLabels } from "./images";

/** The label an imported router image carries: the sha256 of the nginx binary inside it. */
export const ROUTER_IMAGE_LABEL = "com.dokku.router-image";

/** Busybox applets the router image links, for debugging a router from inside (`nslookup` above all). */
const APPLETS = ["sh", "cat", "ls", "nslookup", "nc", "echo", "env", "ps", "sleep", "test"];

export interface RouterImageOptions {
  /** The host's nginx binary, copied with the libraries `ldd` lists for it. */
  readonly nginxBin: string;
  /** `repo:tag` the image gets. */
  readonly tag: string;
  /** A statically linked busybox (package busybox-static); default /bin/busybox. */
  readonly busyboxBin?: string;
  /** The mime.types copied to /etc/nginx; default /etc/nginx/mime.types. */
  readonly mimeTypes?: string;
}

export interface RouterImage {
  readonly id: string;
  readonly tag: string;
  /** False when this call imported it; true when an image with the same nginx was there. */
  readonly reused: boolean;
}

/** A member of an in-memory archive: an entry and, for files, its bytes. */
export interface TarMember {
  readonly entry: TarEntry;
  readonly content?: Uint8Array;
}

/** A whole tar archive in memory. Pure. */
export function memoryTar(members: readonly TarMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { entry, content } of members) {
    parts.push(tarHeader(entry));
    if (entry.type === "file") {
      const bytes = content ?? new Uint8Array(0);
      parts.push(bytes, tarPadding(bytes.length));
    }
  }
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

/**
 * The router image for this host's nginx: reused when an image labelled with the sha256 of the
 * binary exists (and tagged `tag`), otherwise built in memory and imported (`docker import`).
 */
export async function ensureRouterImage(docker: DockerClient, options: RouterImageOptions): Promise<RouterImage> {
  const nginx = readFileSync(options.nginxBin);
  const sha = createHash("sha256").update(nginx).digest("hex");
  const [existing] = await imagesWithLabels(docker, [`${ROUTER_IMAGE_LABEL}=${sha}`]);
  if (existing !== undefined) {
    await tagImage(docker, existing, options.tag);
    return { id: existing, tag: options.tag, reused: true };
  }
  const busybox = options.busyboxBin ?? "/bin/busybox";
  if (!isStaticBinary(busybox))
    fail(
      `${busybox} is missing or not statically linked: install busybox-static (the router image holds it alone, without libraries)`,
    );
  const archive = routerRootfsArchive(options, lddOf(options.nginxBin));
  await importRootfs(docker, archive, options.tag, [
    `LABEL ${ROUTER_IMAGE_LABEL}=${sha}`,
    "ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin",
    `CMD ["${options.nginxBin}", "-c", "/etc/nginx/nginx.conf"]`,
  ]);
  const [imported] = await imagesWithLabels(docker, [`${ROUTER_IMAGE_LABEL}=${sha}`]);
  if (imported === undefined) fail(`router image ${options.tag} was not imported`);
  return { id: imported, tag: options.tag, reused: false };
}

/** The router's root filesystem as a tar: nginx, its libraries, a static busybox, users and mime types. */
function routerRootfsArchive(options: RouterImageOptions, ldd: string): Uint8Array {
  const plan = routerRootfsPlan(ldd, options.nginxBin);
  const busybox = readFileSync(options.busyboxBin ?? "/bin/busybox");
  const mtime = 0;
  const dir = (path: string): TarMember => ({
    entry: { name: path.slice(1), type: "directory", mode: path === "/tmp" ? 0o1777 : 0o755, size: 0, mtime },
  });
  const file = (path: string, content: Uint8Array, mode = 0o644): TarMember => ({
    entry: { name: path.slice(1), type: "file", mode, size: content.length, mtime },
    content,
  });
  const text = (value: string) => new TextEncoder().encode(value);
  return memoryTar([
    ...plan.dirs.map(dir),
    ...plan.files.map(({ from, to }) => file(to, readFileSync(from), 0o755)),
    file("/bin/busybox", busybox, 0o755),
    ...APPLETS.map(
      (applet): TarMember => ({
        entry: { name: `bin/${applet}`, type: "symlink", mode: 0o777, size: 0, mtime, linkname: "busybox" },
      }),
    ),
    file("/etc/passwd", text("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")),
    file("/etc/group", text("root:x:0:\nnogroup:x:65534:\n")),
    file("/etc/nginx/mime.types", readFileSync(options.mimeTypes ?? "/etc/nginx/mime.types")),
    file("/etc/nginx/nginx.conf", text("daemon off;\nerror_log stderr;\npid /tmp/nginx.pid;\nevents {}\n")),
  ]);
}

/**
 * `docker import` of a root filesystem archive as `reference` (`repo:tag`), with Dockerfile
 * `changes` (ENV, CMD, LABEL ...); resolves once the engine has it, rejects with its error.
 */
export async function importRootfs(
  docker: DockerClient,
  archive: Uint8Array,
  reference: string,
  changes: readonly string[],
): Promise<void> {
  const { repo, tag } = splitImageReference(reference);
  const stream = await docker.importImage(Readable.from([archive]), { repo, tag, changes } as object);
  await followImport(docker, stream);
}

/** Whether `binary` exists and is statically linked (it runs in an image without libraries). */
export function isStaticBinary(binary: string): boolean {
  if (!existsSync(binary)) return false;
  const ldd = lddOf(binary);
  return ldd.includes("not a dynamic executable") || ldd.includes("statically linked");
}

function lddOf(binary: string): string {
  try {
    return execFileSync("ldd", [binary], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    // a static binary: ldd says so (on stdout or stderr, by version) and exits 1
    const output = `${String((error as { stdout?: unknown }).stdout ?? "")}${String((error as { stderr?: unknown }).stderr ?? "")}`;
    if (output.includes("not a dynamic executable")) return output;
    return fail(`ldd ${binary} failed: ${String((error as { stderr?: unknown }).stderr ?? error).trim()}`);
  }
}

async function tagImage(docker: DockerClient, id: string, reference: string): Promise<void> {
  await docker.getImage(id).tag(splitImageReference(reference));
}

async function followImport(docker: DockerClient, stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((entry) => entry.error);
      if (error || failed) reject(error ?? new Error(failed?.error));
      else resolve();
    }),
  );
}
