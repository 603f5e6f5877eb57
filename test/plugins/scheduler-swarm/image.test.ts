import { describe, expect, test } from "bun:test";
import { unreachableImageProblem } from "../../../src/plugins/scheduler-swarm/image";

describe("unreachableImageProblem", () => {
  test("lets a local image serve one node and names registry:set when more nodes take tasks", () => {
    expect([
      unreachableImageProblem("shop", "dokku/shop:3", 1),
      unreachableImageProblem("shop", "dokku/shop:3", 3),
    ]).toEqual([
      undefined,
      "The swarm has 3 nodes but no registry is set for shop: the other nodes could not pull dokku/shop:3. Set one with: dokku registry:set shop server <host[:port]>",
    ]);
  });
});
