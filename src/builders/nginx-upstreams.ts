import { DEFAULT_WEB_PORT } from "./container-plan";
import { LABELS } from "./container-spec";

/** What the proxy needs of an inspected container (a slice of dockerode's ContainerInspectInfo). */
export interface InspectedContainer {
  readonly Config: { readonly Env?: readonly string[] | null; readonly Labels?: Readonly<Record<string, string>> | null };
  readonly NetworkSettings: { readonly Networks?: Readonly<Record<string, { readonly IPAddress?: string; readonly GlobalIPv6Address?: string }>> | null };
}

export interface ContainerUpstream {
  readonly dyno: string;
  readonly address: string;
  readonly port: number;
}

/**
 * Where the proxy reaches a container: its address on its first network with one (the bridge
 * for our containers), the PORT it was given (5000 by default) and its dyno label. undefined
 * when it has no address (not running, or host networking). Pure.
 */
export function containerUpstream(info: InspectedContainer): ContainerUpstream | undefined {
  const networks = Object.values(info.NetworkSettings.Networks ?? {});
  const address = networks.map((network) => network.IPAddress || network.GlobalIPv6Address || "").find((ip) => ip !== "");
  if (!address) return undefined;
  const port = Number((info.Config.Env ?? []).find((line) => line.startsWith("PORT="))?.slice("PORT=".length) || DEFAULT_WEB_PORT);
  const dyno = info.Config.Labels?.[LABELS.dyno] ?? "web.1";
  return { dyno, address, port: Number.isInteger(port) && port > 0 && port <= 65535 ? port : Number(DEFAULT_WEB_PORT) };
}
