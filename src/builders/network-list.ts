/** The label `network:create` puts on every network it makes: its presence marks the network as Dokku's. */
export const DOKKU_NETWORK_LABEL = "com.dokku.network-name";

/** What Docker tells of a network (a slice of dockerode's NetworkInspectInfo). */
export interface InspectedNetwork {
  readonly Name: string;
  readonly Id: string;
  readonly Created: string;
  readonly Scope: string;
  readonly Driver: string;
  readonly EnableIPv6: boolean;
  readonly Internal: boolean;
  readonly Labels?: Readonly<Record<string, string>> | null;
}

/** A network as Dokku's `network:list --format json` / `network:info --format json` print it (its DockerNetwork). */
export interface DokkuNetwork {
  readonly CreatedAt: string;
  readonly DokkuManaged: boolean;
  readonly Driver: string;
  readonly ID: string;
  readonly Internal: boolean;
  readonly IPv6: boolean;
  readonly Labels: Readonly<Record<string, string>>;
  readonly Name: string;
  readonly Scope: string;
}

/** One network in Dokku's shape: the short id, and DokkuManaged from the label. Pure. */
export function dokkuNetwork(info: InspectedNetwork): DokkuNetwork {
  const labels = { ...info.Labels };
  return {
    CreatedAt: info.Created,
    DokkuManaged: DOKKU_NETWORK_LABEL in labels,
    Driver: info.Driver,
    ID: info.Id.slice(0, 12),
    Internal: info.Internal,
    IPv6: info.EnableIPv6,
    Labels: labels,
    Name: info.Name,
    Scope: info.Scope,
  };
}

/** The networks sorted by name, only Dokku's with `dokkuManaged`. Pure. */
export function networkListing(infos: readonly InspectedNetwork[], dokkuManaged: boolean): DokkuNetwork[] {
  return infos
    .map(dokkuNetwork)
    .filter((network) => !dokkuManaged || network.DokkuManaged)
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

const INFO_KEY_WIDTH = 16;

/** `network:info`'s lines under its heading, without the 7-space indent. Pure. */
export function networkInfoLines(network: DokkuNetwork): string[] {
  const rows: [string, string][] = [
    ["ID:", network.ID],
    ["Name:", network.Name],
    ["Driver:", network.Driver],
    ["Scope:", network.Scope],
    ["Dokku managed:", String(network.DokkuManaged)],
  ];
  return rows.map(([key, value]) => `${key.padEnd(INFO_KEY_WIDTH)}${value}`);
}

/** `text` (default) or `json`: Dokku's network:info / network:list formats. */
export function parseNetworkFormat(format: string | undefined): "text" | "json" | undefined {
  if (format === undefined || format === "" || format === "text") return "text";
  if (format === "json") return "json";
  return undefined;
}
