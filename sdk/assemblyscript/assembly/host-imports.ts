/**
 * dokku's host functions as the module imports them (`extism:host/user`, sdk/README.md "Host
 * functions"): each takes the offset of a JSON request in Extism memory and returns the offset of
 * the JSON answer (0 for none). Plugins call the typed wrappers in host.ts; abort.ts uses
 * `dokku_output` directly.
 */
@external("extism:host/user", "dokku_output")
export declare function dokku_output(input: u64): u64;
@external("extism:host/user", "dokku_random")
export declare function dokku_random(input: u64): u64;
@external("extism:host/user", "dokku_store_get")
export declare function dokku_store_get(input: u64): u64;
@external("extism:host/user", "dokku_store_set")
export declare function dokku_store_set(input: u64): u64;
@external("extism:host/user", "dokku_config_get")
export declare function dokku_config_get(input: u64): u64;
@external("extism:host/user", "dokku_http")
export declare function dokku_http(input: u64): u64;
