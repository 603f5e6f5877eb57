import type { Context } from "../../core/context";
import { isDokkuError } from "../../core/errors";
import type { Payload, Result } from "../../triggers/bus";
import { servedByNginx } from "../proxy/properties";
import { applyAppConfig } from "./build-config";

/**
 * `proxy-switch`: route the app's web traffic to exactly the new containers, checked by
 * `nginx -t` and live after the reload, before the scheduler retires the old ones. A config
 * nginx refuses is a veto with nginx's error; the old config keeps serving. Only web is proxied,
 * as in Dokku; apps whose proxy is disabled or another type are none of ours.
 */
export async function switchUpstreams(ctx: Context, payload: Payload<"proxy-switch">): Promise<Result<"proxy-switch">> {
  if (payload.processType !== "web" || !(await servedByNginx(ctx, payload.app))) return { allow: true };
  try {
    await applyAppConfig(ctx, payload.app, payload.upstreams);
    return { allow: true };
  } catch (error) {
    if (isDokkuError(error)) return { allow: false, reason: error.message };
    throw error;
  }
}
