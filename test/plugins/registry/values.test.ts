import { describe, expect, test } from "bun:test";
import { registryValueProblem } from "../../../src/plugins/registry/values";

describe("registryValueProblem", () => {
  test("accepts valid values of every property", () => {
    const valid: Array<[string, string]> = [
      ["server", "registry.example.com:5000"],
      ["server", "ghcr.io/"],
      ["server", "docker.io"],
      ["server", "10.0.0.5:5000/team"],
      ["image-repo", "acme/node-js-app"],
      ["image-repo", "node-js-app"],
      ["image-repo-template", "acme/{{ .AppName }}"],
      ["push-on-release", "true"],
      ["push-on-release", "false"],
      ["push-extra-tags", "latest,stable"],
    ];
    expect(valid.map(([key, value]) => registryValueProblem(key, value))).toEqual(valid.map(() => undefined));
  });

  test("refuses bad values, naming the property and the value", () => {
    const invalid: Array<[string, string]> = [
      ["server", "https://ghcr.io"],
      ["server", "host:99999"],
      ["server", "ghcr.io/Acme"],
      ["image-repo", "Acme/App"],
      ["image-repo", "acme/app:1"],
      ["image-repo-template", "acme/{{ .Name }}"],
      ["image-repo-template", "Acme/{{ .AppName }}"],
      ["push-on-release", "yes"],
      ["push-extra-tags", "latest,bad tag"],
    ];
    expect(invalid.map(([key, value]) => registryValueProblem(key, value))).toEqual([
      'Invalid server value specified: "https://ghcr.io" is not host[:port][/path]',
      'Invalid server value specified: "host:99999" is not host[:port][/path]',
      'Invalid server value specified: "ghcr.io/Acme" is not host[:port][/path]',
      'Invalid image-repo value specified: "Acme/App" is not a repository path of lowercase components such as dokku/node-js-app',
      'Invalid image-repo value specified: "acme/app:1" is not a repository path of lowercase components such as dokku/node-js-app',
      "Invalid image-repo-template value specified: only {{ .AppName }} may be used in the template",
      'Invalid image-repo-template value specified: "Acme/{{ .AppName }}" does not render to a repository path such as dokku/node-js-app',
      "Invalid push-on-release value specified: must be true or false",
      'Invalid push-extra-tags value specified: "bad tag" is not an image tag',
    ]);
  });
});
