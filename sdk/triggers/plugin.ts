import { Type } from "@sinclair/typebox";
import { defineTrigger, NotifyResult } from "./define";

/**
 * What a plugin may add to an app's nginx server blocks. Structured, never raw nginx text: a
 * plugin cannot make nginx read a host file, proxy elsewhere or load a module.
 */
export const NginxSnippet = Type.Union([
  Type.Object(
    {
      type: Type.Literal("respond"),
      status: Type.Integer({
        minimum: 400,
        maximum: 599,
        description:
          "the error status every request gets (nginx serves the page through error_page, which takes 4xx and 5xx)",
      }),
      body: Type.String({ maxLength: 65536, description: "the page served with it (written to a file by the host)" }),
      contentType: Type.String({ pattern: "^[a-z]+/[a-z0-9.+-]+(; ?charset=[A-Za-z0-9-]+)?$", default: "text/html" }),
    },
    { description: "answer every request with this status and page instead of proxying (maintenance mode)" },
  ),
  Type.Object(
    {
      type: Type.Literal("basic-auth"),
      realm: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^"\\\\$\\r\\n]+$' }),
      users: Type.Array(
        Type.Object({
          user: Type.String({ minLength: 1, maxLength: 200, pattern: "^[^:\\s]+$" }),
          hash: Type.String({
            pattern:
              "^(\\{SSHA\\}[A-Za-z0-9+/=]+|\\{SHA\\}[A-Za-z0-9+/=]+|\\$apr1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}|\\$2[aby]\\$[0-9]{2}\\$[./0-9A-Za-z]{53})$",
            description: "an htpasswd hash nginx understands: {SSHA}, {SHA}, $apr1$ or bcrypt; never a plain password",
          }),
        }),
        { minItems: 1, maxItems: 1000 },
      ),
    },
    { description: "HTTP basic auth in front of the app (the host writes the htpasswd file)" },
  ),
  Type.Object(
    {
      type: Type.Literal("header"),
      name: Type.String({ pattern: "^[A-Za-z0-9-]{1,64}$" }),
      value: Type.String({ maxLength: 1024, pattern: '^[^"\\\\$\\r\\n]*$' }),
    },
    { description: "a response header added to every answer (add_header ... always)" },
  ),
]);

export const nginxSnippet = defineTrigger({
  name: "nginx-snippet",
  kind: "collect",
  version: 1,
  description:
    "The app's nginx config is being rendered: what should its server blocks also do? Each handler returns a list of structured snippets (respond, basic-auth, header). WASM plugins need the `nginx` permission to handle it.",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Array(NginxSnippet, { maxItems: 16 }),
  positional: ["app"],
});

/** What a plugin may add to the containers of an app's deploy. */
export const DockerArg = Type.Union([
  Type.Object({
    type: Type.Literal("label"),
    name: Type.String({
      pattern: "^(?!com\\.dokku\\.)[a-z0-9][a-z0-9._-]{0,127}$",
      description: "not com.dokku.* (the host's own)",
    }),
    value: Type.String({ maxLength: 4096 }),
  }),
  Type.Object({
    type: Type.Literal("env"),
    name: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$" }),
    value: Type.String({ maxLength: 65536 }),
  }),
]);

export const dockerArgsDeploy = defineTrigger({
  name: "docker-args-deploy",
  kind: "collect",
  version: 1,
  description:
    "A container of the app is about to be created for a deploy: what labels or environment should it also get? The app's own config wins over an env entry of the same name. WASM plugins need the `docker-args` permission to handle it.",
  payload: Type.Object({
    app: Type.String(),
    processType: Type.String(),
    image: Type.String(),
    releaseId: Type.Integer({ minimum: 1 }),
  }),
  result: Type.Array(DockerArg, { maxItems: 64 }),
  positional: ["app", "image", "processType", "releaseId"],
});

export const deployFailed = defineTrigger({
  name: "deploy-failed",
  kind: "notify",
  version: 1,
  description:
    "A deploy failed (build, release command, checks or the proxy switch); the previous release, if any, keeps serving.",
  payload: Type.Object({
    app: Type.String(),
    stage: Type.String({ description: "build, release, deploy" }),
    reason: Type.String({
      secret: "config",
      description: "the error the user saw; it may quote the build's or the app's output, which can print its config",
    }),
    releaseId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: "the release that failed, when one was recorded",
    }),
  }),
  result: NotifyResult,
  positional: ["app", "stage", "reason", "releaseId"],
});

export const PLUGIN_TRIGGERS = {
  "nginx-snippet": nginxSnippet,
  "docker-args-deploy": dockerArgsDeploy,
  "deploy-failed": deployFailed,
} as const;
