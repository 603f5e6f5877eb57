/** The module export that handles a trigger: `on_` + the name with `-` as `_` (`on_post_deploy`). */
export function triggerExport(trigger: string): string {
  return `on_${trigger.replaceAll("-", "_")}`;
}

/** The module export that runs a command: `cmd_` + the name with `:` and `-` as `_` (`cmd_maintenance_on`). */
export function commandExport(command: string): string {
  return `cmd_${command.replaceAll(":", "_").replaceAll("-", "_")}`;
}

/** Host functions a module may import from `extism:host/user`, with the permission each needs. */
export const HOST_FUNCTIONS = {
  dokku_output: null,
  dokku_random: null,
  dokku_store_get: "store",
  dokku_store_set: "store",
  dokku_config_get: "config",
  dokku_http: "net",
} as const;

/**
 * Extism kernel functions (`extism:host/env`) a module may import. Extism's own
 * `http_request`/`http_status_code`/`http_headers` are left out: outbound HTTP goes through
 * `dokku_http`, which checks the operator's grant.
 */
export const KERNEL_FUNCTIONS = new Set([
  "alloc",
  "free",
  "length",
  "length_unsafe",
  "load_u8",
  "load_u64",
  "store_u8",
  "store_u64",
  "input_offset",
  "input_length",
  "input_load_u8",
  "input_load_u64",
  "output_set",
  "error_set",
  "error_get",
  "config_get",
  "var_get",
  "var_set",
  "log_info",
  "log_debug",
  "log_warn",
  "log_error",
  "log_trace",
  "get_log_level",
]);
