import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { CONTEXT_CHUNK_BYTES, packContext } from "../../src/executors/docker/build-context";
import { runProgram, tempDir } from "../harness";

const MIB = 1024 * 1024;

/** Bytes this process has read through read(2) and friends so far, all threads (Linux). */
function bytesRead(): number {
  return Number(/^rchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"))?.[1]);
}

/** Lets the producer run ahead if it would: pending I/O callbacks and timers get their turn. */
const slowly = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** What survives a round trip: every path with its type, permission bits, and content hash or link target, sorted. */
function describeTree(root: string): string[] {
  const lines: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(root, relative))) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const stat = lstatSync(join(root, path));
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isDirectory()) {
        lines.push(`dir ${mode} ${path}`);
        walk(path);
      } else if (stat.isSymbolicLink()) lines.push(`link ${path} -> ${readlinkSync(join(root, path))}`);
      else
        lines.push(
          `file ${mode} ${stat.size} ${createHash("sha256")
            .update(readFileSync(join(root, path)))
            .digest("hex")
            .slice(0, 16)} ${path}`,
        );
    }
  };
  walk("");
  return lines.sort();
}

/** Unpacks `archive` with GNU tar into a new dir under `parent`; throws with tar's message on a bad archive. */
async function untar(archive: Buffer, parent: string): Promise<string> {
  const out = join(parent, "out");
  mkdirSync(out);
  const tar = Bun.spawn(["tar", "-x", "-f", "-", "-C", out], {
    stdin: new Blob([archive]),
    stdout: "ignore",
    stderr: "pipe",
  });
  const [stderr, code] = await Promise.all([new Response(tar.stderr).text(), tar.exited]);
  if (code !== 0 || stderr !== "") throw new Error(`tar -x failed (${code}): ${stderr}`);
  return out;
}

function writeFile(root: string, path: string, content: string | Uint8Array, mode = 0o644): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), content);
  chmodSync(join(root, path), mode);
}

describe("packContext", () => {
  test("reads a large file a chunk at a time, as a slow reader asks for it", async () => {
    using dir = tempDir();
    const size = 24 * MIB;
    writeFile(dir.path, "Dockerfile", "FROM scratch\n");
    writeFile(dir.path, "big.bin", new Uint8Array(size).fill(7));
    const before = bytesRead();
    let consumed = 0;
    let mostAhead = 0;
    let largestChunk = 0;
    for await (const chunk of packContext(dir.path, "Dockerfile")) {
      consumed += chunk.length;
      largestChunk = Math.max(largestChunk, chunk.length);
      await slowly();
      mostAhead = Math.max(mostAhead, bytesRead() - before - consumed);
    }
    expect(consumed).toBeGreaterThan(size);
    // read ahead: the stream's buffer and the chunk being read, with room for other reads of this process
    expect(mostAhead).toBeLessThan(4 * CONTEXT_CHUNK_BYTES + 256 * 1024);
    expect(largestChunk).toBeLessThanOrEqual(CONTEXT_CHUNK_BYTES);
  });

  for (const chunkBytes of [CONTEXT_CHUNK_BYTES, 1024]) {
    test(`keeps modes, executable bits, symlinks, empty dirs, long and non-ASCII names and every byte (${chunkBytes}-byte chunks)`, async () => {
      using dir = tempDir();
      const src = join(dir.path, "src");
      const longDir = `deep/${"d".repeat(120)}/${"e".repeat(120)}`;
      writeFile(src, "Dockerfile", "FROM scratch\n");
      writeFile(src, "bin/run.sh", "#!/bin/sh\necho hi\n", 0o755);
      writeFile(src, "secret/key.pem", "private\n", 0o600);
      writeFile(src, "empty.txt", "");
      writeFile(src, "block.bin", new Uint8Array(8192).fill(1));
      writeFile(src, "odd.bin", crypto.getRandomValues(new Uint8Array(3 * 1024 + 17)));
      writeFile(src, `${longDir}/${"f".repeat(150)}.txt`, "long name\n");
      writeFile(src, "ünïcødé/naïve.txt", "utf-8 name\n");
      mkdirSync(join(src, "empty-dir/nested"), { recursive: true });
      chmodSync(join(src, "empty-dir"), 0o750);
      symlinkSync("bin/run.sh", join(src, "run"));
      symlinkSync(`${longDir}/${"f".repeat(150)}.txt`, join(src, "long-link"));
      symlinkSync("/nowhere/at/all", join(src, "dangling"));
      const archive = await collect(packContext(src, "Dockerfile", chunkBytes));
      expect(archive.length % 512).toBe(0);
      expect(describeTree(await untar(archive, dir.path))).toEqual(describeTree(src));
    });
  }

  test("leaves .dockerignore'd files and folders out, re-includes exceptions, and always sends the Dockerfile and .dockerignore", async () => {
    using dir = tempDir();
    const src = join(dir.path, "src");
    writeFile(src, "Dockerfile", "FROM scratch\n");
    writeFile(src, ".dockerignore", "Dockerfile\n.dockerignore\nnode_modules\n*.log\n!keep.log\nlogs\n!logs/wanted\n");
    writeFile(src, "node_modules/x/index.js", "x");
    writeFile(src, "a.log", "a");
    writeFile(src, "keep.log", "k");
    writeFile(src, "logs/unwanted", "u");
    writeFile(src, "logs/wanted", "w");
    writeFile(src, "app.js", "app");
    writeFileSync(join(dir.path, "ctx.tar"), await collect(packContext(src, "Dockerfile")));
    const names = (await runProgram(["tar", "-t", "-f", join(dir.path, "ctx.tar")])).stdout.split("\n").filter(Boolean);
    expect(names).toEqual([".dockerignore", "Dockerfile", "app.js", "keep.log", "logs/wanted"]);
  });

  test("fails, naming the file, when a file shrinks while it is sent", async () => {
    using dir = tempDir();
    writeFile(dir.path, "Dockerfile", "FROM scratch\n");
    writeFile(dir.path, "big.bin", new Uint8Array(4 * MIB).fill(3));
    const stream = packContext(dir.path, "Dockerfile");
    let failure = "";
    try {
      let seen = 0;
      for await (const chunk of stream) {
        seen += chunk.length;
        if (seen > CONTEXT_CHUNK_BYTES && seen - chunk.length <= CONTEXT_CHUNK_BYTES)
          truncateSync(join(dir.path, "big.bin"), MIB);
      }
    } catch (error) {
      failure = (error as Error).message;
    }
    expect(failure).toBe(`build context: big.bin shrank while it was sent (${MIB} of ${4 * MIB} bytes)`);
  });
});
