import { afterAll, describe, expect, test } from "bun:test";
import { dockerConnector } from "../src/executors/docker/client";
import { runContainer } from "../src/executors/docker/run-container";
import { BASE_IMAGE, BASE_IMAGE_APPLETS, baseImageRootfs, ensureBaseImage, imagePresent } from "./base-image";
import { machine } from "./machine";

describe("base image", () => {
  test("holds busybox, a link per applet, the users and a world-writable /tmp", () => {
    const busybox = new Uint8Array([1, 2, 3]);
    const rootfs = baseImageRootfs(busybox);
    const names = rootfs.map(({ entry }) => `${entry.type} ${entry.name} ${entry.mode.toString(8)}`);
    expect(names.slice(0, 10)).toEqual([
      "directory bin 755",
      "directory etc 755",
      "directory root 755",
      "directory proc 755",
      "directory sys 755",
      "directory dev 755",
      "directory www 755",
      "directory tmp 1777",
      "file bin/busybox 755",
      "symlink bin/sh 777",
    ]);
    expect(rootfs.find(({ entry }) => entry.name === "bin/busybox")?.content).toBe(busybox);
    expect(rootfs.filter(({ entry }) => entry.type === "symlink").map(({ entry }) => entry.linkname)).toEqual(
      BASE_IMAGE_APPLETS.map(() => "busybox"),
    );
    expect(
      rootfs
        .filter(({ entry }) => entry.type === "file" && entry.name.startsWith("etc/"))
        .map(({ entry }) => entry.name),
    ).toEqual(["etc/passwd", "etc/group"]);
  });

  describe.skipIf(!machine.docker || !machine.busybox)("built without a registry", () => {
    const docker = dockerConnector(process.env);
    const image = `dokku-test/busybox-check-${process.pid}:latest`;
    afterAll(async () => {
      await (await docker())
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    });

    test("imports the image when it is missing, runs its applets, and leaves it alone when it is there", async () => {
      const client = await docker();
      const missing = !(await imagePresent(client, image));
      const first = await ensureBaseImage(client, { image });
      const second = await ensureBaseImage(client, { image });
      const chunks: string[] = [];
      const io = {
        onStdout: (text: string) => void chunks.push(text),
        onStderr: (text: string) => void chunks.push(text),
      };
      const ran = await runContainer(
        client,
        { Image: image, Cmd: ["sh", "-c", "echo $PATH; id -un; test -w /tmp && which httpd wget nc"] },
        io,
      );
      expect({ missing, first, second, exitCode: ran.exitCode, output: chunks.join("") }).toEqual({
        missing: true,
        first: "built",
        second: "present",
        exitCode: 0,
        output: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nroot\n/bin/httpd\n/bin/wget\n/bin/nc\n",
      });
    });

    test("the suite's base image is there: the preload built it if it was missing", async () => {
      expect(await imagePresent(await docker(), BASE_IMAGE)).toBe(true);
    });
  });
});
