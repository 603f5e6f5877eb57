import { Type } from "@sinclair/typebox";
import { defineTrigger, VetoResult } from "./define";

const Upstream = Type.Object({
  dyno: Type.String({ description: "web.1, web.2 ..." }),
  address: Type.String({ description: "the container's address on the Docker network" }),
  port: Type.Integer({
    minimum: 1,
    maximum: 65535,
    description: "the port the process listens on inside the container",
  }),
});

export const proxySwitch = defineTrigger({
  name: "proxy-switch",
  kind: "veto",
  version: 1,
  description:
    "New containers of a process type passed their checks: route traffic to exactly these upstreams now, before the old containers retire. A refusal (the proxy could not switch: its config failed to check or reload) aborts the deploy; the new containers are removed and the old ones keep serving.",
  payload: Type.Object({ app: Type.String(), processType: Type.String(), upstreams: Type.Array(Upstream) }),
  result: VetoResult,
});

export const proxyType = defineTrigger({
  name: "proxy-type",
  kind: "first",
  version: 1,
  description:
    "Which proxy serves this app (nginx; caddy, traefik, haproxy later)? The first handler to name one wins.",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Union([
    Type.String({ refers: "proxy-type", description: "a proxy type this host has, such as nginx" }),
    Type.Null(),
  ]),
  positional: ["app"],
});

export const proxyIsEnabled = defineTrigger({
  name: "proxy-is-enabled",
  kind: "first",
  version: 1,
  description:
    "Is the proxy enabled for this app (`proxy:enable`/`proxy:disable`)? Dokku's trigger of the same name; the proxy plugin answers.",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Union([
    Type.String({ pattern: "^(true|false)$", description: "true or false, as Dokku's trigger prints it" }),
    Type.Null(),
  ]),
  positional: ["app"],
});

export const PROXY_TRIGGERS = {
  "proxy-is-enabled": proxyIsEnabled,
  "proxy-switch": proxySwitch,
  "proxy-type": proxyType,
} as const;
