import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { machine } from "../../machine";

export { BASE_IMAGE } from "../../base-image";
export const haveDocker = machine.baseImage;

/** Temp roots with one created app and an in-process context; app names are unique per run. */
export function appFixture(name: string) {
  const roots = tempRoots();
  const app = `${name}-${process.pid}`;
  mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
  const { ctx, sink } = testContext(roots.env);
  const source = join(roots.dir, "source");
  mkdirSync(source);
  return { roots, app, ctx, sink, source, [Symbol.dispose]: () => roots[Symbol.dispose]() };
}

/** Writes files (path -> content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Removes every image named `dokku/<app>` (any tag) after a test. */
export async function removeAppImages(app: string): Promise<void> {
  // an image built FROM another of the app's images must go first: repeat until none is left
  for (let round = 0; round < 5; round++) {
    const proc = Bun.spawn(["docker", "images", "-q", `dokku/${app}`], { stdout: "pipe" });
    const ids = (await new Response(proc.stdout).text()).split("\n").filter(Boolean);
    if (ids.length === 0) return;
    await Bun.spawn(["docker", "rmi", "-f", ...new Set(ids)], { stdout: "ignore", stderr: "ignore" }).exited;
  }
}
