/**
 * The network plugin's properties and their rules, as Dokku's network plugin keeps them:
 * `attach-post-create` and `attach-post-deploy` hold comma-separated network names,
 * `initial-network` one name, `bind-all-interfaces` true|false, `tld` a DNS suffix. Each has
 * an app and a global value; the app's wins. Pure.
 */

export const NETWORK_PROPERTIES = [
  "attach-post-create",
  "attach-post-deploy",
  "bind-all-interfaces",
  "initial-network",
  "tld",
] as const;
export type NetworkProperty = (typeof NETWORK_PROPERTIES)[number];

/** Docker's own networks: never created or destroyed by us, and never an attach target. */
export const BUILTIN_NETWORKS = ["bridge", "host", "none"] as const;

/** What the containers of an app get, after the app-over-global fallback. */
export interface NetworkSettings {
  readonly attachPostCreate: readonly string[];
  readonly attachPostDeploy: readonly string[];
  /** "" when unset: Docker's default bridge. */
  readonly initialNetwork: string;
  readonly bindAllInterfaces: boolean;
  /** "" when unset. */
  readonly tld: string;
}

export function isNetworkProperty(name: string): name is NetworkProperty {
  return (NETWORK_PROPERTIES as readonly string[]).includes(name);
}

export function isBuiltinNetwork(name: string): boolean {
  return (BUILTIN_NETWORKS as readonly string[]).includes(name);
}

/** `a,b` -> [a, b], blanks dropped. */
export function splitNetworkList(value: string): string[] {
  return value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** The computed settings from raw property values (app's, then global's; absent or "" falls through). */
export function computeNetworkSettings(
  own: Readonly<Partial<Record<NetworkProperty, string>>>,
  global: Readonly<Partial<Record<NetworkProperty, string>>>,
): NetworkSettings {
  const pick = (key: NetworkProperty) => own[key] || global[key] || "";
  return {
    attachPostCreate: splitNetworkList(pick("attach-post-create")),
    attachPostDeploy: splitNetworkList(pick("attach-post-deploy")),
    initialNetwork: pick("initial-network"),
    bindAllInterfaces: pick("bind-all-interfaces") === "true",
    tld: pick("tld"),
  };
}

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const MAX_NETWORK_NAME_LENGTH = 128;

/** Why Docker (or we) would refuse `name` as a network name; undefined when fine. */
export function networkNameProblem(name: string): string | undefined {
  if (name === "") return "No network name specified";
  if (name.length > MAX_NETWORK_NAME_LENGTH || !NETWORK_NAME.test(name)) {
    return `Invalid network name specified: ${name} (letters, digits, '_', '.' and '-', starting with a letter or digit)`;
  }
  return undefined;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `tld` cannot suffix a network alias; undefined when fine. */
export function tldProblem(tld: string): string | undefined {
  const labels = tld.split(".");
  if (tld.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
    return `Invalid tld specified: ${tld} (lower-case DNS labels separated by dots, e.g. svc.cluster.local)`;
  }
  return undefined;
}

/**
 * The value `network:set` stores for `property` from the words given, or the reason it is
 * refused. `otherAttach` is the computed list of the other attach property (a network is
 * attached in one phase only). An empty list unsets.
 */
export function networkPropertyValue(
  property: NetworkProperty,
  words: readonly string[],
  otherAttach: readonly string[],
): { readonly value: string } | { readonly problem: string } {
  const names = words.flatMap(splitNetworkList);
  if (names.length === 0) return { value: "" };
  switch (property) {
    case "attach-post-create":
    case "attach-post-deploy": {
      for (const name of names) {
        const problem = networkNameProblem(name);
        if (problem) return { problem };
        if (isBuiltinNetwork(name)) return { problem: `Invalid network name specified for attach: ${name}` };
        if (otherAttach.includes(name)) return { problem: `Network name already associated with this app: ${name}` };
      }
      return { value: [...new Set(names)].join(",") };
    }
    case "initial-network": {
      if (names.length > 1) return { problem: `Only one initial-network may be specified, got: ${names.join(", ")}` };
      const name = names[0] as string;
      const problem = networkNameProblem(name);
      return problem ? { problem } : { value: name };
    }
    case "bind-all-interfaces": {
      const value = names.join(",");
      return value === "true" || value === "false"
        ? { value }
        : { problem: `Invalid bind-all-interfaces value specified: ${value} (true or false)` };
    }
    case "tld": {
      const value = names.join(",");
      const problem = tldProblem(value);
      return problem ? { problem } : { value };
    }
  }
}
