import { describe, expect, test } from "bun:test";
import {
  appImage,
  fromImageDockerfile,
  imageBuildOptions,
  parseBuildArgKeys,
  selectBuildArgs,
  treeRelativePath,
  withExtraBuildOptions,
} from "../../src/builders/build-options";
import { dokkuErrorOf } from "../harness";

describe("imageBuildOptions", () => {
  test("tags dokku/<app>:<tag>, labels the image and never pulls", () => {
    expect(
      imageBuildOptions({ app: "web", tag: "v3", builder: "dockerfile", dockerfile: "Dockerfile", buildArgs: {} }),
    ).toEqual({
      t: "dokku/web:v3",
      dockerfile: "Dockerfile",
      labels: {
        "com.dokku.app-name": "web",
        "com.dokku.builder-type": "dockerfile",
        "com.dokku.image-stage": "build",
        dokku: "",
        "org.label-schema.schema-version": "1.0",
        "org.label-schema.vendor": "dokku",
      },
      rm: true,
      forcerm: true,
      pull: false,
    });
  });

  test("passes build args and a custom Dockerfile path when given", () => {
    const options = imageBuildOptions({
      app: "a",
      tag: "v1",
      builder: "dockerfile",
      dockerfile: "docker/Prod.Dockerfile",
      buildArgs: { NODE_ENV: "production" },
    });
    expect({ dockerfile: options.dockerfile, buildargs: options.buildargs }).toEqual({
      dockerfile: "docker/Prod.Dockerfile",
      buildargs: { NODE_ENV: "production" },
    });
  });
});

describe("build args", () => {
  test("parses a comma-separated key list", () => {
    expect(parseBuildArgKeys(" NODE_ENV, API_URL ,,")).toEqual(["NODE_ENV", "API_URL"]);
  });

  test("refuses a key that is not a config key", () => {
    expect(dokkuErrorOf(() => parseBuildArgKeys("GOOD,bad-key"))).toBe(
      "Invalid build arg key 'bad-key': use config keys such as NODE_ENV, separated by commas",
    );
  });

  test("takes values from the config and leaves out keys it lacks", () => {
    expect(
      selectBuildArgs(
        ["A", "MISSING"],
        new Map([
          ["A", "1"],
          ["B", "2"],
        ]),
      ),
    ).toEqual({ A: "1" });
  });
});

describe("treeRelativePath", () => {
  test("drops leading slashes and dots", () => {
    expect([treeRelativePath("/docker//./Dockerfile", "dockerfile-path"), treeRelativePath("", "build-dir")]).toEqual([
      "docker/Dockerfile",
      "",
    ]);
  });

  test("refuses a path leaving the tree", () => {
    expect(dokkuErrorOf(() => treeRelativePath("app/../../etc", "build-dir"))).toBe(
      "Invalid build-dir 'app/../../etc': it must stay inside the app's source tree",
    );
  });
});

describe("image names", () => {
  test("names app images and relabelling Dockerfiles", () => {
    expect([appImage("my-app", "v1"), fromImageDockerfile("nginx:1.27")]).toEqual([
      "dokku/my-app:v1",
      "FROM nginx:1.27\n",
    ]);
  });

  test("refuses an image name with whitespace", () => {
    expect(dokkuErrorOf(() => fromImageDockerfile("a\nRUN rm -rf /"))).toBe("Invalid image name: 'a\nRUN rm -rf /'");
  });
});

describe("withExtraBuildOptions", () => {
  const base = imageBuildOptions({
    app: "shop",
    tag: "v2",
    builder: "dockerfile",
    dockerfile: "Dockerfile",
    buildArgs: { NODE_ENV: "production", A: "config" },
  });

  test("adds docker-options' build args over the config's, and their other fields", () => {
    const merged = withExtraBuildOptions(base, {
      buildargs: { A: "option", B: "2" },
      labels: { team: "ops" },
      networkmode: "host",
      nocache: true,
    });
    expect(merged.buildargs).toEqual({ NODE_ENV: "production", A: "option", B: "2" });
    expect(merged.networkmode).toBe("host");
    expect(merged.nocache).toBe(true);
    expect(merged.labels).toEqual({ team: "ops", ...base.labels });
  });

  test("never changes the tag, the Dockerfile or dokku's own labels", () => {
    const merged = withExtraBuildOptions(base, {
      buildargs: {},
      labels: { ...Object.fromEntries(Object.keys(base.labels ?? {}).map((key) => [key, "evil"])) },
    });
    expect(merged.t).toBe(base.t);
    expect(merged.dockerfile).toBe("Dockerfile");
    expect(merged.labels).toEqual(base.labels);
    expect(withExtraBuildOptions(base, { buildargs: {}, labels: {} })).toEqual(base);
  });
});
