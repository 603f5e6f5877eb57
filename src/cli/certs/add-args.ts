import type { ArgsDef } from "citty";

/** `certs:add` and `certs:update` take the same arguments. */
export const PAIR_ARGS = {
  app: { type: "positional", required: false },
  crt: { type: "positional", required: false, description: "the certificate file (PEM, chain after it)" },
  key: { type: "positional", required: false, description: "the private key file (PEM, unencrypted)" },
} as const satisfies ArgsDef;

export const PAIR_USAGE = "<app> CRT KEY";
