import { describe, expect, test } from "bun:test";
import { userNameFromPasswd } from "../../src/core/system-user";

describe("userNameFromPasswd", () => {
  const passwd = "root:x:0:0:root:/root:/bin/bash\ndokku:x:1000:1000::/home/dokku:/bin/bash\n";

  test("finds the name of a uid", () => {
    expect(userNameFromPasswd(passwd, 1000)).toBe("dokku");
    expect(userNameFromPasswd(passwd, 0)).toBe("root");
  });

  test("returns undefined when no line has the uid", () => {
    expect(userNameFromPasswd(passwd, 42)).toBeUndefined();
  });
});
