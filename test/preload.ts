import { afterAll } from "bun:test";
import { BASE_IMAGE } from "./base-image";
import { machine } from "./machine";
import { imagesPulledSince } from "./registry-guard";

/**
 * Runs before every test file of a `bun test` run (bunfig.toml `[test] preload`). Importing
 * test/machine.ts finds out what the machine has, once, and builds the local base image when
 * it is missing; afterwards, the run fails if anything in it pulled an image from a registry.
 */
const started = Math.floor(Date.now() / 1000);

afterAll(async () => {
  if (!machine.docker) return;
  const pulled = await imagesPulledSince(started);
  if (pulled.length > 0)
    throw new Error(
      `images were pulled from a registry during this run: ${pulled.join(", ")}. No test may pull: build FROM ${BASE_IMAGE} (the preload builds it) or an image the test builds itself`,
    );
});
