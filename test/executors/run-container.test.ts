import { describe, expect, test } from "bun:test";
import { dockerConnector } from "../../src/executors/docker/client";
import { runContainer } from "../../src/executors/docker/run-container";
import { BASE_IMAGE } from "../base-image";
import { machine } from "../machine";

const haveDocker = machine.baseImage;

describe.skipIf(!haveDocker)("runContainer", () => {
  const docker = dockerConnector(process.env);
  const collect = () => {
    const seen = { out: "", err: "" };
    return { seen, onStdout: (text: string) => (seen.out += text), onStderr: (text: string) => (seen.err += text) };
  };

  test("streams stdout and stderr apart, passes the exit code through and removes the container", async () => {
    const client = await docker();
    const io = collect();
    const result = await runContainer(
      client,
      { Image: BASE_IMAGE, Cmd: ["sh", "-c", "echo out; echo err >&2; exit 7"] },
      io,
    );
    expect(result.exitCode).toBe(7);
    expect(io.seen).toEqual({ out: "out\n", err: "err\n" });
    await expect(client.getContainer(result.containerId).inspect()).rejects.toThrow();
  });

  test("commits the container's changes into an image after a zero exit", async () => {
    const client = await docker();
    const repo = `dokku-test/run-container-${process.pid}`;
    const made = await runContainer(
      client,
      { Image: BASE_IMAGE, Cmd: ["sh", "-c", "echo kept > /made"] },
      { ...collect(), commitTo: { repo, tag: "t1" } },
    );
    try {
      expect(made.committedImage).toStartWith("sha256:");
      const io = collect();
      const read = await runContainer(client, { Image: `${repo}:t1`, Cmd: ["cat", "/made"] }, io);
      expect({ exitCode: read.exitCode, out: io.seen.out }).toEqual({ exitCode: 0, out: "kept\n" });
    } finally {
      await client.getImage(`${repo}:t1`).remove({ force: true });
    }
  });

  test("does not commit when the command fails", async () => {
    const client = await docker();
    const repo = `dokku-test/run-container-fail-${process.pid}`;
    const result = await runContainer(
      client,
      { Image: BASE_IMAGE, Cmd: ["false"] },
      { ...collect(), commitTo: { repo, tag: "t1" } },
    );
    expect(result).toMatchObject({ exitCode: 1, committedImage: undefined });
    await expect(client.getImage(`${repo}:t1`).inspect()).rejects.toThrow();
  });
});
