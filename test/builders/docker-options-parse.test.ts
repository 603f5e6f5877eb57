import { describe, expect, test } from "bun:test";
import {
  checkOption,
  type DockerOptionPhase,
  groupOptionWords,
  parseOption,
  parsePhases,
  sameOption,
  splitOptionText,
  unusedPhaseWarning,
} from "../../src/builders/docker-options-parse";
import { joinWords, optionWords, quoteWord } from "../../src/builders/docker-options-words";
import { dokkuErrorOf } from "../harness";

describe("optionWords", () => {
  test("splits on whitespace and keeps quoted words whole, without expanding anything", () => {
    expect(optionWords(`--label "a=b c"  -e 'X=$HOME' --log-opt tag=\\$x -e Y="say \\"hi\\""`)).toEqual([
      "--label",
      "a=b c",
      "-e",
      "X=$HOME",
      "--log-opt",
      "tag=$x",
      "-e",
      'Y=say "hi"',
    ]);
  });

  test("keeps backticks and operators inside quotes literal", () => {
    expect(optionWords(`--label "rule=Host(\`a.com\`) && PathPrefix(\`/x\`)"`)).toEqual([
      "--label",
      "rule=Host(`a.com`) && PathPrefix(`/x`)",
    ]);
  });

  test("keeps $(...), $((...)), ${...} and backticks verbatim in the word, as Dokku's parser does (issue 14)", () => {
    expect(
      optionWords(
        `--label=com.dokku.test=$(id) --group-add $(getent group docker | cut -d: -f3) -e "A=$(echo "x y")" -e B=\`id -u\` -e C=\${A:-a b} -e D=$((1+2)) -e 'E=$(id)'`,
      ),
    ).toEqual([
      "--label=com.dokku.test=$(id)",
      "--group-add",
      "$(getent group docker | cut -d: -f3)",
      "-e",
      'A=$(echo "x y")',
      "-e",
      "B=`id -u`",
      "-e",
      "C=${A:-a b}",
      "-e",
      "D=$((1+2))",
      "-e",
      "E=$(id)",
    ]);
  });

  test("stores a substitution single-quoted, so the stored line reads back to the same words", () => {
    const { options } = splitOptionText(
      "--label=com.dokku.test=$(id) --group-add $(getent group docker | cut -d: -f3)",
    );
    expect(options).toEqual(["'--label=com.dokku.test=$(id)'", "--group-add '$(getent group docker | cut -d: -f3)'"]);
    expect(sameOption("--group-add $(getent group docker | cut -d: -f3)", options[1] as string)).toBe(true);
  });

  test("refuses bare shell operators, a comment and an unterminated quote", () => {
    expect([
      dokkuErrorOf(() => optionWords("-v /a:/b; rm -rf /")),
      dokkuErrorOf(() => optionWords("-e X=1 (id)")),
      dokkuErrorOf(() => optionWords("-e X=$(id")),
      dokkuErrorOf(() => optionWords("-e X=1 | cat")),
      dokkuErrorOf(() => optionWords("-e X=1 #note")),
      dokkuErrorOf(() => optionWords("--label 'a=b")),
      dokkuErrorOf(() => optionWords('--label "a=b')),
    ]).toEqual([
      "Unable to parse docker option: unquoted ';' (quote the value; options never run through a shell)",
      "Unable to parse docker option: unquoted '(' (quote the value; options never run through a shell)",
      "Unable to parse docker option: unterminated substitution",
      "Unable to parse docker option: unquoted '|' (quote the value; options never run through a shell)",
      "Unable to parse docker option: an unquoted '#' starts a comment (quote the value)",
      "Unable to parse docker option: unterminated single quote",
      "Unable to parse docker option: unterminated double quote",
    ]);
  });

  test("joinWords quotes what sh would read otherwise, and optionWords reads it back", () => {
    const words = ["--label", "owner=platform team", "it's", "", "$X", "plain=1"];
    expect({ joined: joinWords(words), back: optionWords(joinWords(words)), bare: quoteWord("nofile=12") }).toEqual({
      joined: `--label 'owner=platform team' 'it'\\''s' '' '$X' plain=1`,
      back: words,
      bare: "nofile=12",
    });
  });
});

describe("splitOptionText", () => {
  test("stores one option per flag group, in its canonical quoting", () => {
    expect(splitOptionText(`--ulimit nofile=12 --shm-size=256m -v /a:/b:ro --label "a=b c"`)).toEqual({
      options: ["--ulimit nofile=12", "--shm-size=256m", "-v /a:/b:ro", "--label 'a=b c'"],
      processes: [],
    });
  });

  test("lifts --process out of the options, in both spellings", () => {
    expect(splitOptionText("--shm-size 1g --process web --process=worker")).toEqual({
      options: ["--shm-size 1g"],
      processes: ["web", "worker"],
    });
  });

  test("refuses --process without one value", () => {
    expect([
      dokkuErrorOf(() => splitOptionText("--process")),
      dokkuErrorOf(() => splitOptionText("--process a b")),
      dokkuErrorOf(() => splitOptionText("--process=a b")),
    ]).toEqual([
      "--process requires a value",
      "--process accepts a single value, got 2",
      "--process=value cannot be followed by additional tokens",
    ]);
  });

  test("gives a flag still waiting for its value the next word even when it starts with a dash", () => {
    expect(groupOptionWords(["--memory-swap", "-1", "--pids-limit", "-1", "--privileged", "-e", "A=1"])).toEqual([
      ["--memory-swap", "-1"],
      ["--pids-limit", "-1"],
      ["--privileged"],
      ["-e", "A=1"],
    ]);
  });

  test("keeps words before the first flag in a leading group", () => {
    expect(groupOptionWords(["stray", "--init"])).toEqual([["stray"], ["--init"]]);
  });
});

describe("parseOption", () => {
  test("reads --opt value, --opt=value, -x value, -x=value and -xvalue alike", () => {
    const read = (option: string) => {
      const { spec, flag, value } = parseOption(option);
      return [spec.name, flag, value];
    };
    expect(
      [
        "--volume /a:/b",
        "--volume=/a:/b",
        "-v /a:/b",
        "-v=/a:/b",
        "-v/a:/b",
        "--net host",
        "--privileged",
        "--privileged=false",
      ].map(read),
    ).toEqual([
      ["--volume", "--volume", "/a:/b"],
      ["--volume", "--volume", "/a:/b"],
      ["--volume", "-v", "/a:/b"],
      ["--volume", "-v", "/a:/b"],
      ["--volume", "-v", "/a:/b"],
      ["--network", "--net", "host"],
      ["--privileged", "--privileged", "true"],
      ["--privileged", "--privileged", "false"],
    ]);
  });

  test("refuses an unsupported option with the list of supported ones, in one line", () => {
    const message = dokkuErrorOf(() => parseOption("--hostname web"));
    expect({
      start: message.slice(0, message.indexOf(";")),
      lines: message.split("\n").length,
      lists: message.includes("--volume/-v") && message.includes("--build-arg"),
    }).toEqual({
      start: "Unsupported docker option '--hostname'",
      lines: 1,
      lists: true,
    });
  });

  test("refuses a missing value, an extra value, a value for a switch and two options in one", () => {
    expect([
      dokkuErrorOf(() => parseOption("--volume")),
      dokkuErrorOf(() => parseOption("--label a=1 b=2")),
      dokkuErrorOf(() => parseOption("--label=a=1 b=2")),
      dokkuErrorOf(() => parseOption("--privileged yes")),
      dokkuErrorOf(() => parseOption("--privileged=maybe")),
      dokkuErrorOf(() => parseOption("--init --privileged")),
      dokkuErrorOf(() => parseOption("stray --init")),
    ]).toEqual([
      "Docker option --volume requires a value",
      "Docker option --label takes one value, got: --label a=1 b=2",
      "Docker option --label takes one value, got: --label=a=1 b=2",
      "Docker option --privileged takes no value",
      "Docker option --privileged takes no value",
      "Expected one docker option, got 2: --init --privileged",
      "Unsupported docker option 'stray'; supported: --add-host, --build-arg, --cap-add, --cap-drop, --cpus, --device, --dns, --env/-e, --env-file, --gpus, --group-add, --init, --label/-l, --link, --log-driver, --log-opt, --memory/-m, --memory-reservation, --memory-swap, --network/--net, --no-cache, --pids-limit, --privileged, --publish/-p, --pull, --restart, --security-opt, --shm-size, --sysctl, --target, --tmpfs, --ulimit, --volume/-v",
    ]);
  });
});

describe("checkOption", () => {
  test("accepts an option in every phase it applies to", () => {
    expect(
      ["--label a=b", "--shm-size 64m", "--network host", "--memory 1g"].map(
        (option) => checkOption(option, ["build", "deploy", "run"]).parsed.spec.name,
      ),
    ).toEqual(["--label", "--shm-size", "--network", "--memory"]);
  });

  test("accepts an option given for a phase it is not used in, naming those phases, as Dokku stores it (issue 14)", () => {
    const unused = (option: string, phases: DockerOptionPhase[]) => {
      const checked = checkOption(option, phases);
      return checked.unused.length === 0 ? undefined : unusedPhaseWarning(checked);
    };
    expect([
      unused("--build-arg A=1", ["deploy"]),
      unused("--build-arg A=1", ["build", "run"]),
      unused("-v /a:/b", ["build"]),
      unused("-v /tmp", ["build", "deploy", "run"]),
      unused("--link postgres", ["build"]),
      unused("--restart always", ["run"]),
      unused("--no-cache", ["deploy", "run"]),
      unused("--label a=b", ["build", "deploy", "run"]),
    ]).toEqual([
      "Docker option --build-arg is not used in the deploy phase (used in: build); stored, and skipped there",
      "Docker option --build-arg is not used in the run phase (used in: build); stored, and skipped there",
      "Docker option -v is not used in the build phase (used in: deploy, run); stored, and skipped there",
      "Docker option -v is not used in the build phase (used in: deploy, run); stored, and skipped there",
      "Docker option --link is not used in the build phase (used in: deploy, run); stored, and skipped there",
      "Docker option --restart is not used in the run phase (used in: deploy); stored, and skipped there",
      "Docker option --no-cache is not used in the deploy, run phases (used in: build); stored, and skipped there",
      undefined,
    ]);
  });

  test("takes a com.dokku.* label of the operator's own, as Dokku does, but none dokku sets (issue 14)", () => {
    expect([
      checkOption("'--label=com.dokku.test=$(id)'", ["deploy"]).parsed.value,
      dokkuErrorOf(() => checkOption("--label com.dokku.process-type=web", ["build", "deploy"])),
    ]).toEqual([
      "com.dokku.test=$(id)",
      "Invalid --label value 'com.dokku.process-type=web': com.dokku.process-type is a label dokku sets and reads to tell its containers apart",
    ]);
  });

  test("still checks the value for the phases the option is used in, even beside an unused one", () => {
    expect([
      dokkuErrorOf(() => checkOption("-v ../x:/x", ["build", "deploy"])),
      dokkuErrorOf(() => checkOption("--build-arg NOVALUE", ["build", "deploy"])),
    ]).toEqual([
      "Invalid -v value '../x:/x': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
      "Invalid --build-arg value 'NOVALUE': expected KEY=VALUE",
    ]);
  });

  test("refuses bad values at add time", () => {
    expect([
      dokkuErrorOf(() => checkOption("-v data", ["deploy"])),
      dokkuErrorOf(() => checkOption("-v tmp", ["deploy"])),
      dokkuErrorOf(() => checkOption("-v /var/../etc", ["deploy"])),
      dokkuErrorOf(() => checkOption("-v ../x:/x", ["deploy"])),
      dokkuErrorOf(() => checkOption("-e NOVALUE", ["deploy"])),
      dokkuErrorOf(() => checkOption("--env-file relative.env", ["deploy"])),
      dokkuErrorOf(() => checkOption("--restart sometimes", ["deploy"])),
      dokkuErrorOf(() => checkOption("--label com.dokku.app-name=x", ["deploy"])),
      dokkuErrorOf(() => checkOption("--build-arg NOVALUE", ["build"])),
    ]).toEqual([
      "Invalid -v value 'data': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
      "Invalid -v value 'tmp': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
      "Invalid -v value '/var/../etc': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
      "Invalid -v value '../x:/x': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
      "Invalid -e value 'NOVALUE': expected KEY=VALUE",
      "Invalid --env-file value 'relative.env': expected an absolute path without '..'",
      "Invalid --restart value 'sometimes': expected no, always, unless-stopped, on-failure or on-failure:N",
      "Invalid --label value 'com.dokku.app-name=x': com.dokku.app-name is a label dokku sets and reads to tell its containers apart",
      "Invalid --build-arg value 'NOVALUE': expected KEY=VALUE",
    ]);
  });
});

describe("sameOption", () => {
  test("matches the same words however they were quoted, and nothing else", () => {
    expect([
      sameOption(`--label 'owner=platform team'`, `--label "owner=platform team"`),
      sameOption("--ulimit nofile=12", "--ulimit  nofile=12"),
      sameOption("--ulimit nofile=12", "--ulimit nofile=13"),
      sameOption("--ulimit=nofile=12", "--ulimit nofile=12"),
      sameOption("--label 'broken", "--label broken"),
    ]).toEqual([true, true, false, false, false]);
  });
});

describe("parsePhases", () => {
  test("reads comma-separated phases once each, and refuses anything else with Dokku's message", () => {
    expect({
      phases: parsePhases("deploy,run,deploy"),
      bad: [
        dokkuErrorOf(() => parsePhases("deploy,release")),
        dokkuErrorOf(() => parsePhases("")),
        dokkuErrorOf(() => parsePhases("deploy,")),
      ],
    }).toEqual({
      phases: ["deploy", "run"],
      bad: [
        "Phase(s) must be one of [build deploy run]",
        "Phase(s) must be one of [build deploy run]",
        "Phase(s) must be one of [build deploy run]",
      ],
    });
  });
});
