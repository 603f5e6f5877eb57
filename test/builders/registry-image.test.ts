import { describe, expect, test } from "bun:test";
import {
  computedImageRepo,
  computedServer,
  isDockerHub,
  isImageRepo,
  isImageTag,
  isRegistry,
  registryHost,
  registryImageName,
  renderImageRepoTemplate,
  splitImageReference,
} from "../../src/builders/registry-image";

describe("registryImageName", () => {
  test("joins server, image repo and tag whether the server ends in a slash or not", () => {
    const names = [
      registryImageName({ server: "registry.example.com:5000", app: "shop", tag: "7" }),
      registryImageName({ server: "registry.example.com:5000/", app: "shop", tag: "7" }),
      registryImageName({ server: " ghcr.io/acme/ ", imageRepo: "team/shop", app: "shop", tag: "v2" }),
      registryImageName({ server: "docker.io", imageRepo: "acme/shop", app: "shop", tag: "1" }),
      registryImageName({ server: "hub.docker.com/", imageRepo: "", app: "shop", tag: "1" }),
      registryImageName({ server: "", app: "shop", tag: "latest" }),
    ];
    expect(names).toEqual([
      "registry.example.com:5000/dokku/shop:7",
      "registry.example.com:5000/dokku/shop:7",
      "ghcr.io/acme/team/shop:v2",
      "acme/shop:1",
      "dokku/shop:1",
      "dokku/shop:latest",
    ]);
  });
});

describe("computedServer", () => {
  test("appends one slash and empties Docker Hub and unset values, as Dokku's computed server", () => {
    const inputs = ["ghcr.io", "ghcr.io/", "10.0.0.5:5000/team//", "docker.io", "hub.docker.com/", "", "  "];
    expect(inputs.map(computedServer)).toEqual(["ghcr.io/", "ghcr.io/", "10.0.0.5:5000/team/", "", "", "", ""]);
  });
});

describe("computedImageRepo", () => {
  test("uses the app's image-repo, else dokku/<app>", () => {
    expect([
      computedImageRepo("shop", "acme/shop"),
      computedImageRepo("shop", ""),
      computedImageRepo("shop", undefined),
      computedImageRepo("shop", " "),
    ]).toEqual(["acme/shop", "dokku/shop", "dokku/shop", "dokku/shop"]);
  });
});

describe("registryHost", () => {
  test("keeps host[:port] and maps Docker Hub names and unset values to docker.io", () => {
    const inputs = [
      "ghcr.io/acme/",
      "registry.example.com:5000",
      "https://quay.io",
      "hub.docker.com",
      "docker.com",
      "",
    ];
    expect(inputs.map(registryHost)).toEqual([
      "ghcr.io",
      "registry.example.com:5000",
      "quay.io",
      "docker.io",
      "docker.io",
      "docker.io",
    ]);
  });
});

describe("isDockerHub", () => {
  test("recognises Docker Hub's names only", () => {
    expect(["docker.io", "hub.docker.com/", "Docker.IO", "ghcr.io", ""].map(isDockerHub)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("isRegistry", () => {
  test("accepts host[:port][/path] and refuses schemes, bad ports, trailing slashes and upper-case paths", () => {
    const inputs = [
      "registry.example.com",
      "localhost:5000",
      "10.0.0.5:5000/team/apps",
      "[::1]:5000",
      "https://ghcr.io",
      "host:0",
      "host:65536",
      "ghcr.io/Acme",
      "ghcr.io/",
      "",
    ];
    expect(inputs.map(isRegistry)).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });
});

describe("isImageRepo", () => {
  test("accepts lowercase path components and refuses upper case, empty components, tags and over-long names", () => {
    const inputs = [
      "dokku/shop",
      "team/sub/my_app",
      "a.b-c__d",
      "Acme/shop",
      "acme//shop",
      "/acme",
      "acme/shop:1",
      "acme/",
      "-acme",
      "",
      "a".repeat(256),
    ];
    expect(inputs.map(isImageRepo)).toEqual([true, true, true, false, false, false, false, false, false, false, false]);
  });
});

describe("isImageTag", () => {
  test("accepts Docker tags up to 128 characters", () => {
    const inputs = ["1", "v2.0", "latest", "_x", "a".repeat(128), "a".repeat(129), ".x", "-x", "a/b", "a:b", ""];
    expect(inputs.map(isImageTag)).toEqual([true, true, true, true, true, false, false, false, false, false, false]);
  });
});

describe("renderImageRepoTemplate", () => {
  test("substitutes {{ .AppName }} in any spacing and refuses other template actions", () => {
    const outputs = [
      renderImageRepoTemplate("acme/{{ .AppName }}", "shop"),
      renderImageRepoTemplate("{{.AppName}}/{{- .AppName -}}-prod", "shop"),
      renderImageRepoTemplate(" acme/static ", "shop"),
      renderImageRepoTemplate("acme/{{ .Other }}", "shop"),
      renderImageRepoTemplate("acme/{{ .AppName | upper }}", "shop"),
    ];
    expect(outputs).toEqual(["acme/shop", "shop/shop-prod", "acme/static", undefined, undefined]);
  });
});

describe("splitImageReference", () => {
  test("splits at the tag's colon, not a registry port's", () => {
    const inputs = ["host:5000/team/app:7", "dokku/app:latest", "host:5000/team/app", "app"];
    expect(inputs.map(splitImageReference)).toEqual([
      { repo: "host:5000/team/app", tag: "7" },
      { repo: "dokku/app", tag: "latest" },
      { repo: "host:5000/team/app", tag: "latest" },
      { repo: "app", tag: "latest" },
    ]);
  });
});
