import { readFileSync } from "node:fs";
import type { TarEntry } from "../src/builders/build-tar";
import { dockerConnector, type DockerClient } from "../src/executors/docker/client";
import { importRootfs, isStaticBinary, memoryTar, type TarMember } from "../src/executors/docker/router-image";

/**
 * The local base image the deploy tests build FROM and run: a root filesystem holding a static
 * busybox (package busybox-static) and its applet links, imported with `docker import`. No
 * registry is ever asked: the test preload (test/preload.ts) builds it when it is missing.
 */
export const BASE_IMAGE = "dokku-test/busybox:latest";
export const DEFAULT_BUSYBOX = "/bin/busybox";

/** The applets linked in /bin: what the tests' apps and commands run. */
export const BASE_IMAGE_APPLETS = [
  "sh",
  "ash",
  "cat",
  "cp",
  "date",
  "echo",
  "env",
  "false",
  "grep",
  "head",
  "hostname",
  "httpd",
  "id",
  "kill",
  "ln",
  "ls",
  "mkdir",
  "mv",
  "nc",
  "printenv",
  "printf",
  "ps",
  "pwd",
  "rm",
  "sed",
  "sleep",
  "sort",
  "tail",
  "tee",
  "test",
  "touch",
  "tr",
  "true",
  "uname",
  "wc",
  "wget",
  "which",
  "[",
] as const;

/** `docker import --change` lines of the base image. */
export const BASE_IMAGE_CHANGES = [
  "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  'CMD ["/bin/sh"]',
] as const;

/** The base image's root filesystem, given busybox's bytes. Pure. */
export function baseImageRootfs(busybox: Uint8Array): TarMember[] {
  const entry = (name: string, type: TarEntry["type"], mode: number, extra: Partial<TarEntry> = {}): TarEntry => ({
    name,
    type,
    mode,
    size: 0,
    mtime: 0,
    ...extra,
  });
  const text = (name: string, value: string): TarMember => {
    const content = new TextEncoder().encode(value);
    return { entry: entry(name, "file", 0o644, { size: content.length }), content };
  };
  return [
    ...["bin", "etc", "root", "proc", "sys", "dev", "www"].map((name) => ({ entry: entry(name, "directory", 0o755) })),
    { entry: entry("tmp", "directory", 0o1777) },
    { entry: entry("bin/busybox", "file", 0o755, { size: busybox.length }), content: busybox },
    ...BASE_IMAGE_APPLETS.map((applet) => ({
      entry: entry(`bin/${applet}`, "symlink", 0o777, { linkname: "busybox" }),
    })),
    text("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"),
    text("etc/group", "root:x:0:\nnogroup:x:65534:\n"),
  ];
}

/** Whether the engine has `image`. */
export async function imagePresent(docker: DockerClient, image: string): Promise<boolean> {
  return docker
    .getImage(image)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/**
 * Imports the base image as `image` unless the engine has it already (`rebuild` imports it
 * anyway); "built" or "present". Throws, naming the package to install, when `busybox` is not
 * a static binary.
 */
export async function ensureBaseImage(
  docker: DockerClient,
  options: { image?: string; busybox?: string; rebuild?: boolean } = {},
): Promise<"built" | "present"> {
  const image = options.image ?? BASE_IMAGE;
  if (!options.rebuild && (await imagePresent(docker, image))) return "present";
  const busybox = options.busybox ?? DEFAULT_BUSYBOX;
  if (!isStaticBinary(busybox))
    throw new Error(`cannot build ${image}: ${busybox} is missing or not static; apt-get install busybox-static`);
  await importRootfs(docker, memoryTar(baseImageRootfs(readFileSync(busybox))), image, BASE_IMAGE_CHANGES);
  return "built";
}

// `bun test/base-image.ts [IMAGE]`: builds it by hand (the preload does it for `bun test`);
// DOKKU_REBUILD_BASE_IMAGE=1 replaces an existing one.
if (import.meta.main) {
  const image = process.argv[2] ?? BASE_IMAGE;
  const docker = await dockerConnector(process.env)();
  const outcome = await ensureBaseImage(docker, { image, rebuild: process.env.DOKKU_REBUILD_BASE_IMAGE === "1" });
  console.log(outcome === "built" ? `built ${image}` : `${image} exists; skipping`);
}
