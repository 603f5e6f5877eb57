import { describe, expect, test } from "bun:test";
import { parseServiceLogLine } from "../../src/executors/docker/logs";

describe("parseServiceLogLine", () => {
  test("reads the time, the task id among Swarm's details and the text, spaces in the text kept", () => {
    const line =
      "2026-11-29T01:22:19.116743619Z com.docker.swarm.node.id=xb8w,com.docker.swarm.service.id=j21l,com.docker.swarm.task.id=mrbuk3r hello  from a task";
    expect(parseServiceLogLine(line)).toEqual({
      time: "2026-11-29T01:22:19.116743619Z",
      taskId: "mrbuk3r",
      text: "hello  from a task",
    });
  });

  test("gives an empty task id and text when the details or the text are missing", () => {
    expect([
      parseServiceLogLine("2026-11-29T01:22:19Z com.docker.swarm.node.id=x "),
      parseServiceLogLine("2026-11-29T01:22:19Z"),
    ]).toEqual([
      { time: "2026-11-29T01:22:19Z", taskId: "", text: "" },
      { time: "2026-11-29T01:22:19Z", taskId: "", text: "" },
    ]);
  });
});
