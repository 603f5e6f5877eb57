import { DEFAULT_WEB_PORT } from "./container-plan";
import { LABELS } from "./container-spec";

/** What the proxy needs of an inspected container (a slice of dockerode's ContainerInspectInfo). */
export interface InspectedContainer {
  readonly Config: {
    readonly Env?: readonly string[] | null;
    readonly Labels?: Readonly<Record<string, string>> | null;
  };
  readonly NetworkSettings: { readonly Networks?: Readonly<Record<string, NetworkEndpoint>> | null };
  /** NetworkMode is the network the container was created on (`initial-network`), `default`/`bridge` otherwise. */
  readonly HostConfig?: { readonly NetworkMode?: string } | null;
}

type NetworkEndpoint = { readonly IPAddress?: string; readonly GlobalIPv6Address?: string };

export interface ContainerUpstream {
  readonly dyno: string;
  readonly address: string;
  readonly port: number;
}

/**
 * Where the proxy reaches a container: its address on the network it was created on (the
 * bridge, or the app's `initial-network`), else on its first network with one; 127.0.0.1 with
 * host networking, as Dokku. Then the PORT it was given (5000 by default) and its dyno label.
 * undefined when it has no address (not running). Pure.
 */
export function containerUpstream(info: InspectedContainer): ContainerUpstream | undefined {
  const address = containerAddress(info);
  if (!address) return undefined;
  const port = Number(
    (info.Config.Env ?? []).find((line) => line.startsWith("PORT="))?.slice("PORT=".length) || DEFAULT_WEB_PORT,
  );
  const dyno = info.Config.Labels?.[LABELS.dyno] ?? "web.1";
  return { dyno, address, port: Number.isInteger(port) && port > 0 && port <= 65535 ? port : Number(DEFAULT_WEB_PORT) };
}

function containerAddress(info: InspectedContainer): string | undefined {
  const mode = info.HostConfig?.NetworkMode ?? "";
  if (mode === "host") return "127.0.0.1";
  const networks = info.NetworkSettings.Networks ?? {};
  const addressOf = (network: NetworkEndpoint | undefined) => network?.IPAddress || network?.GlobalIPv6Address || "";
  const initial = networks[mode === "" || mode === "default" ? "bridge" : mode];
  return (
    addressOf(initial) ||
    Object.values(networks)
      .map(addressOf)
      .find((ip) => ip !== "")
  );
}
