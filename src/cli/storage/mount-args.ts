import { fail } from "../../core/errors";
import { parseStorageArgs } from "../../builders/storage-args";
import type { MountRequest } from "../../plugins/storage/mounts";

const MOUNT_FLAGS = {
  strings: ["container-dir", "process-type", "volume-subpath", "volume-chown", "volume-options"],
  lists: ["phase"],
  booleans: ["volume-readonly"],
} as const;

/** The words of `storage:mount|unmount` as Dokku's pflag set reads them: `<app> <entry|mount>` and the flags. */
export function mountRequest(rawArgs: readonly string[], which: "mount" | "unmount"): MountRequest {
  const args = parseStorageArgs(rawArgs, which === "mount" ? MOUNT_FLAGS : { strings: ["container-dir"] });
  const [app, target, extra] = args.positionals;
  if (extra !== undefined) fail(`storage:${which} takes one entry or mount, got also: ${extra}`, "usage");
  return {
    app,
    target,
    flags: {
      containerDir: args.strings.get("container-dir"),
      phases: args.lists.get("phase") ?? [],
      processType: args.strings.get("process-type"),
      subpath: args.strings.get("volume-subpath"),
      readonly: args.booleans.get("volume-readonly") ?? false,
      volumeOptions: args.strings.get("volume-options"),
      volumeChown: args.strings.get("volume-chown"),
    },
  };
}
