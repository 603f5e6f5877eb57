import type { Context } from "../core/context";
import type { TriggerBus } from "../triggers/bus";

/** A core plugin: registers its typed trigger handlers (and observers) on the bus. */
export interface CorePlugin {
  readonly name: string;
  register(bus: TriggerBus, ctx: Context): void;
}
