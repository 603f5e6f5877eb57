import { engineFetch } from "./machine";

/**
 * No test may pull from a registry (there is none on CI, and a pull on a developer's machine
 * makes the suite depend on Docker Hub). The engine logs an image `pull` event for every pull,
 * whoever asked (a test, the binary under test, a build FROM an image not on the host): the
 * preload asks for those of its run at the end and fails the run naming them.
 */

/** The images named by the `pull` events in a Docker event stream (JSON lines). Pure. */
export function pulledImages(events: string): string[] {
  const pulled = new Set<string>();
  for (const line of events.split("\n")) {
    if (line.trim() === "") continue;
    const event = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string } };
    if (event.Type === "image" && event.Action === "pull" && event.Actor?.ID) pulled.add(event.Actor.ID);
  }
  return [...pulled].sort();
}

/** The images the engine pulled between `since` and now (seconds since the epoch). */
export async function imagesPulledSince(since: number): Promise<string[]> {
  const until = Math.max(since, Math.floor(Date.now() / 1000));
  const filters = encodeURIComponent(JSON.stringify({ type: ["image"], event: ["pull"] }));
  const response = await engineFetch(`/events?since=${since}&until=${until}&filters=${filters}`);
  if (!response.ok)
    throw new Error(`the engine's events could not be read: ${response.status} ${await response.text()}`);
  return pulledImages(await response.text());
}
