import { describe, expect, test } from "bun:test";
import { cronCommandProblem } from "../../src/builders/cron-command";

describe("cronCommandProblem", () => {
  test("accepts commands that split into words, quoted operators and $VAR included", () => {
    const good = [
      "python3 task.py schedule",
      "npm run send-email",
      "sh -c 'echo CRON_OK; echo hi > /tmp/x.txt'",
      `node -e 'console.log(1)'`,
      "echo cron-ran-$FOO",
      'echo "a | b"',
      "echo a\\;b",
      "true",
    ];
    expect(good.map((command) => [command, cronCommandProblem(command)])).toEqual(
      good.map((command) => [command, undefined]),
    );
  });

  test("reads quotes and escapes as sh does: what is quoted or escaped is never an operator or a substitution", () => {
    const operator = (char: string) =>
      `contains the shell operator '${char}', which is not interpreted: wrap the command as sh -c '...'`;
    const substitution = "contains a command substitution, which is not interpreted: wrap the command as sh -c '...'";
    const cases: Array<[string, string | undefined]> = [
      ["echo '$(id)' '`id`'", undefined],
      ['echo "\\$(id)" "\\`id\\`"', undefined],
      ["echo \\`id\\`", undefined],
      ["echo \\$(id)", operator("(")],
      ['echo "$"(id)', operator("(")],
      ["echo \"a\nb\" 'c\rd'", undefined],
      ["echo a\\\nb", undefined],
      ["echo a\rb", "must be one line"],
      ['echo "a `b"', substitution],
      ["echo a | $(b)", operator("|")],
      ["echo $(a | b)", substitution],
      ['echo "open', 'has an unterminated " quote'],
      ['echo "it\'s" \'say "hi"\'', undefined],
      ["echo trailing\\", undefined],
    ];
    expect(cases.map(([command]) => [command, cronCommandProblem(command)])).toEqual(cases);
  });

  test("refuses shell operators, substitutions, unterminated quotes and empty commands", () => {
    const operator = (char: string) =>
      `contains the shell operator '${char}', which is not interpreted: wrap the command as sh -c '...'`;
    const substitution = "contains a command substitution, which is not interpreted: wrap the command as sh -c '...'";
    const cases: Array<[string, string]> = [
      ["echo CRON_OK; echo hi > /tmp/x.txt", operator(";")],
      ["cmd1 && cmd2", operator("&")],
      ["cmd | other", operator("|")],
      ["cmd > file", operator(">")],
      ["cmd $(other)", substitution],
      ['echo "$(id)"', substitution],
      ["echo `id`", substitution],
      ["echo 'open", "has an unterminated ' quote"],
      ["a\nb", "must be one line"],
      ["  ", "must not be empty"],
    ];
    expect(cases.map(([command]) => [command, cronCommandProblem(command)])).toEqual(cases);
  });
});
