/**
 * The apps bench/push-memory.ts pushes: a Dockerfile app (`COPY . /app`, busybox httpd as web)
 * with a few large incompressible files, or with many small files in nested folders, in a
 * client-side git repo. Every file's bytes are random, so neither git nor the build context can
 * shrink them.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

const MIB = 1024 * 1024;

/** The app's own files, the same in every tree. */
export function writeAppFiles(dir: string, baseImage: string): void {
  mkdirSync(join(dir, "www"), { recursive: true });
  writeFileSync(join(dir, "Dockerfile"), `FROM ${baseImage}\nWORKDIR /app\nCOPY . /app\n`);
  writeFileSync(join(dir, "Procfile"), "web: httpd -f -p $PORT -h /app/www\n");
  writeFileSync(join(dir, "www", "index.html"), "pushed\n");
}

/** `count` files of `mib` MiB of random bytes each, `big/blob-<n>.bin`, written 1 MiB at a time. */
export function writeBigFiles(dir: string, count: number, mib: number): void {
  mkdirSync(join(dir, "big"), { recursive: true });
  for (let index = 0; index < count; index++) {
    const fd = openSync(join(dir, "big", `blob-${index}.bin`), "w");
    try {
      for (let written = 0; written < mib; written++) writeSync(fd, randomBytes(MIB));
    } finally {
      closeSync(fd);
    }
  }
}

/** `count` files of `bytes` random hex each, 100 to a folder: `many/<folder>/<n>.txt`. */
export function writeManyFiles(dir: string, count: number, bytes: number): void {
  for (let index = 0; index < count; index++) {
    const folder = join(dir, "many", String(Math.floor(index / 100)).padStart(4, "0"));
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, `${index}.txt`),
      randomBytes(Math.ceil(bytes / 2))
        .toString("hex")
        .slice(0, bytes),
    );
  }
}
