import { describe, expect, test } from "bun:test";
import { isGoneOrGoing } from "../../src/executors/docker/containers";

/** An error shaped as docker-modem's: a message and the HTTP status. */
function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode });
}

describe("isGoneOrGoing", () => {
  test("counts a missing container and one Docker is already removing as gone", () => {
    expect(isGoneOrGoing(dockerError(404, "No such container: abc"))).toBe(true);
    expect(isGoneOrGoing(dockerError(409, "removal of container abc is already in progress"))).toBe(true);
    expect(
      isGoneOrGoing(
        dockerError(500, 'Cannot update container abc: container is marked for removal and cannot be "update"'),
      ),
    ).toBe(true);
  });

  test("lets every other refusal through", () => {
    expect(isGoneOrGoing(dockerError(409, "Conflict. The container name is already in use"))).toBe(false);
    expect(isGoneOrGoing(dockerError(500, "driver failed programming external connectivity"))).toBe(false);
    expect(isGoneOrGoing(new Error("socket hang up"))).toBe(false);
  });
});
