import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import {
  DOKKU_NETWORK_LABEL,
  dokkuNetwork,
  networkInfoLines,
  networkListing,
  parseNetworkFormat,
} from "../../builders/network-list";
import { isBuiltinNetwork, networkNameProblem } from "../../builders/network-properties";
import {
  createNetwork,
  dockerMessage,
  inspectNetwork,
  listNetworks,
  removeNetwork,
} from "../../executors/docker/networks";
import { confirmDestruction } from "../apps/destroy";
import { networkUsers } from "./users";

function checkedName(name: string | undefined): string {
  const problem = networkNameProblem(name ?? "");
  if (problem) fail(problem);
  return name as string;
}

function checkedFormat(format: string | undefined): "text" | "json" {
  return parseNetworkFormat(format) ?? fail("Invalid format specified, use either text or json");
}

/** `network:create`: an attachable bridge network labelled as Dokku's. */
export async function createDokkuNetwork(ctx: Context, nameArg: string | undefined): Promise<void> {
  const name = checkedName(nameArg);
  ctx.out.step(`Creating network ${name}`);
  const docker = await ctx.docker();
  try {
    await createNetwork(docker, name, { [DOKKU_NETWORK_LABEL]: name });
  } catch (error) {
    fail(`Unable to create network: ${dockerMessage(error)}`);
  }
}

/**
 * `network:destroy`: refused for Docker's own networks, one that does not exist, and one in
 * use (an app's or the global network properties name it, or containers are connected); then
 * asks for the name unless forced.
 */
export async function destroyDokkuNetwork(
  ctx: Context,
  nameArg: string | undefined,
  options: { force: boolean },
): Promise<void> {
  const name = checkedName(nameArg);
  if (isBuiltinNetwork(name)) fail(`Unable to destroy network: ${name} is a pre-defined network and cannot be removed`);
  const docker = await ctx.docker();
  const network = await inspectNetwork(docker, name);
  if (!network) fail("Network does not exist");
  const users = networkUsers(ctx, name);
  if (users.length > 0) fail(`Unable to destroy network: ${name} is used by ${users.join(", ")}`);
  const containers = Object.values(network.Containers ?? {})
    .map((container) => container.Name)
    .sort();
  if (containers.length > 0)
    fail(`Unable to destroy network: ${name} has containers attached: ${containers.join(", ")}`);
  const force = options.force || ctx.flags.force || ctx.env.DOKKU_APPS_FORCE_DELETE === "1";
  if (!force) await confirmDestruction(ctx, name, "network");
  ctx.out.step(`Destroying network ${name}`);
  try {
    await removeNetwork(docker, network.Id);
  } catch (error) {
    fail(`Unable to destroy network: ${dockerMessage(error)}`);
  }
}

/** `network:exists`: exit 0 when a network of that exact name exists. */
export async function checkNetworkExists(ctx: Context, nameArg: string | undefined): Promise<void> {
  const name = checkedName(nameArg);
  const found = (await listNetworks(await ctx.docker())).some((network) => network.Name === name);
  if (!found) fail("Network does not exist");
  ctx.out.step("Network exists");
}

/** `network:info <name> [--format text|json]`. */
export async function printNetworkInfo(
  ctx: Context,
  nameArg: string | undefined,
  formatArg: string | undefined,
): Promise<void> {
  const name = checkedName(nameArg);
  const format = checkedFormat(formatArg);
  const info = (await listNetworks(await ctx.docker())).find((network) => network.Name === name);
  if (!info) fail("Network does not exist");
  const network = dokkuNetwork(info);
  if (format === "json") return ctx.out.print(JSON.stringify(network));
  ctx.out.heading(`${name} network information`);
  for (const line of networkInfoLines(network)) ctx.out.print(`       ${line}`);
}

/** `network:list [--format text|json] [--dokku-managed]`, sorted by name. */
export async function printNetworkList(
  ctx: Context,
  formatArg: string | undefined,
  dokkuManaged: boolean,
): Promise<void> {
  const format = checkedFormat(formatArg);
  const networks = networkListing(await listNetworks(await ctx.docker()), dokkuManaged);
  if (format === "json") return ctx.out.print(JSON.stringify(networks));
  ctx.out.heading("Networks");
  for (const network of networks) ctx.out.print(network.Name);
}
