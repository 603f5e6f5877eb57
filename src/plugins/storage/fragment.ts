import type { Context } from "../../core/context";
import type { ContainerFragment, ContainerPhase } from "../../builders/container-fragment";
import { storageFragmentOf } from "../../builders/storage-fragment";
import { appMounts } from "./state";

/** The app's storage mounts for one container (deploy or run, of a process type) as HostConfig.Binds. */
export async function storageFragment(
  ctx: Context,
  app: string,
  processType: string,
  phase: ContainerPhase,
): Promise<ContainerFragment> {
  return storageFragmentOf(appMounts(ctx, app), processType, phase);
}
