import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { ALL_TRIGGERS, type TriggerName } from "../../sdk/triggers/all";
import { TRIGGER_TABLE } from "../../src/triggers/generated/validators";
import { dropUnreal, resultRules, screenWarning, trimResult, type ResultRule } from "../../src/triggers/result-rules";

describe("resultRules", () => {
  test("finds every bound and referent of a result schema, outer lists first, through unions", () => {
    const schema = Type.Array(
      Type.Object({
        namespace: Type.String({ refers: "plugin" }),
        entries: Type.Array(Type.Object({ app: Type.Union([Type.String({ refers: "app" }), Type.Null()]) }), {
          maxItems: 5,
        }),
      }),
      { maxItems: 2 },
    );
    expect(resultRules(schema)).toEqual([
      { path: [], maxItems: 2 },
      { path: ["*", "namespace"], refers: "plugin" },
      { path: ["*", "entries"], maxItems: 5 },
      { path: ["*", "entries", "*", "app"], refers: "app" },
    ]);
  });

  test("refuses an unknown referent, or one marking what is not a string", () => {
    expect(() => resultRules(Type.Array(Type.String({ refers: "host" })))).toThrow(
      'result[]: refers must mark a string and be one of app, builder, proxy-type, plugin, got "host"',
    );
    expect(() => resultRules(Type.Array(Type.Integer({ refers: "app" })))).toThrow(
      "result[]: refers must mark a string",
    );
  });

  test("the generated table carries each trigger's rules as its declaration gives them", () => {
    for (const [name, declaration] of Object.entries(ALL_TRIGGERS)) {
      expect({ name, rules: TRIGGER_TABLE[name as TriggerName].rules }).toEqual({
        name,
        rules: resultRules(declaration.result),
      });
    }
  });

  test("every first and collect result naming apps, builders, proxy types or namespaces is screened, and every list a plugin returns is bounded or names apps", () => {
    const screened = Object.fromEntries(
      Object.entries(TRIGGER_TABLE)
        .filter(([, entry]) => entry.kind === "first" || entry.kind === "collect")
        .map(([name, entry]) => [
          name,
          entry.rules.map(
            (rule) =>
              `${rule.path.join(".") || "."} ${"refers" in rule ? `refers ${rule.refers}` : `max ${rule.maxItems}`}`,
          ),
        ]),
    );
    expect(screened).toEqual({
      "app-list": ["* refers app"],
      "builder-detect": [". refers builder"],
      "builder-image-is-herokuish": [],
      "docker-args-deploy": [". max 64"],
      "nginx-snippet": [". max 16", "*.users max 1000"],
      "proxy-is-enabled": [],
      "proxy-type": [". refers proxy-type"],
      report: [". max 16", "*.namespace refers plugin", "*.entries max 4096"],
      "user-auth-app": ["* refers app"],
    });
  });
});

describe("trimResult", () => {
  const rules: ResultRule[] = [
    { path: [], maxItems: 2 },
    { path: ["*", "entries"], maxItems: 1 },
  ];

  test("cuts every list over its bound and tells what it cut, leaving the original alone", () => {
    const result = [{ entries: [1, 2, 3] }, { entries: [4] }, { entries: [5, 6] }];
    expect(trimResult(result, rules)).toEqual({
      result: [{ entries: [1] }, { entries: [4] }],
      trimmed: [
        { path: [], count: 3, max: 2 },
        { path: ["*", "entries"], count: 3, max: 1 },
      ],
    });
    expect(result).toHaveLength(3);
  });

  test("leaves a value of another shape for the schema check to refuse", () => {
    expect(trimResult("not a list", rules)).toEqual({ result: "not a list", trimmed: [] });
    expect(trimResult([{ entries: "x" }, 3], rules)).toEqual({ result: [{ entries: "x" }, 3], trimmed: [] });
  });
});

describe("dropUnreal", () => {
  const real = (referent: string, value: string) => (referent === "app" ? ["web", "api"] : ["evil"]).includes(value);

  test("drops list items naming nothing real, with the object they sit in", () => {
    const rules = resultRules(
      Type.Array(Type.Object({ namespace: Type.String({ refers: "plugin" }), n: Type.Integer() })),
    );
    expect(
      dropUnreal(
        [
          { namespace: "evil", n: 1 },
          { namespace: "app", n: 2 },
        ],
        rules,
        real,
      ),
    ).toEqual({
      result: [{ namespace: "evil", n: 1 }],
      dropped: new Map([["plugin", ["app"]]]),
    });
  });

  test("makes a first answer naming nothing real null, and keeps null and the empty answer", () => {
    const rules = resultRules(Type.Union([Type.String({ refers: "app" }), Type.Null()]));
    expect(dropUnreal("ghost", rules, real)).toEqual({ result: null, dropped: new Map([["app", ["ghost"]]]) });
    expect(dropUnreal("web", rules, real)).toEqual({ result: "web", dropped: new Map() });
    expect(dropUnreal(null, rules, real)).toEqual({ result: null, dropped: new Map() });
    expect(dropUnreal("", rules, real)).toEqual({ result: "", dropped: new Map() });
  });

  test("keeps the real names of a list in order", () => {
    const rules = resultRules(Type.Array(Type.String({ refers: "app" })));
    expect(dropUnreal(["--global", "api", "../../tmp/x", "web", "\u001b[2J", ""], rules, real)).toEqual({
      result: ["api", "web"],
      dropped: new Map([["app", ["--global", "../../tmp/x", "\u001b[2J", ""]]]),
    });
  });
});

describe("screenWarning", () => {
  test("is one line naming the plugin, the trigger, the bound and a few dropped values, escaped", () => {
    const dropped = new Map([["app", ["--global", "../../tmp/x", "\u001b[2J\u009b\u202e", "d", "e"]]] as const);
    const warning = screenWarning("evil", "app-list", [{ path: ["*", "entries"], count: 5000, max: 4096 }], dropped);
    expect(warning).toBe(
      'plugin evil returned for app-list: 5000 items in /*/entries, more than the 4096 allowed (kept the first 4096); 5 values not naming an existing app (dropped): "--global", "../../tmp/x", "\\u001b[2J\\u009b\\u202e" and 2 more',
    );
    expect(warning).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
  });

  test("lists what is real where there are few things, and cuts a long value", () => {
    const warning = screenWarning("evil", "builder-detect", [], new Map([["builder", ["x".repeat(100)]]]), () => [
      "dockerfile",
      "null",
    ]);
    expect(warning).toBe(
      `plugin evil returned for builder-detect: 1 value not naming a builder of this host (dockerfile, null) (dropped): "${"x".repeat(40)}..."`,
    );
  });

  test("says nothing when nothing was cut or dropped", () => {
    expect(screenWarning("fine", "report", [], new Map())).toBeUndefined();
  });
});
