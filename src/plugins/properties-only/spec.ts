import type { Report } from "../../core/report";
import type { CorePropertyNamespace } from "../../core/state-names";
import { hasControlCharacter } from "../../core/terminal-text";
import { GLOBAL } from "../../store/property-store";

/** One property of a Dokku component this host does not run: kept, reported, refused as Dokku does. */
export interface OnlyProperty {
  readonly name: string;
  /** Settable per app as well as with --global; false: --global only. */
  readonly app: boolean;
  /** The value when neither the app nor --global sets one; `target` is the app or GLOBAL. */
  readonly fallback?: string | ((target: string) => string);
  /** Shapes the computed value (Dokku upper-cases log-level, base64-encodes openresty's Lua function). */
  readonly shape?: (value: string) => string;
  /**
   * Which report entries it has: all three (own, global, computed) by default; `global-computed`:
   * only `--<ns>-global-<p>`, carrying the computed value; `global-scope`: only
   * `--<ns>-global-<p>`, and only in the --global report.
   */
  readonly entries?: "global-computed" | "global-scope";
  /** How a stdout report hides the value (a credential); shown as stored with --format json or its own flag. */
  readonly hide?: (value: string) => string;
  /** Rewrites a value before it is checked and stored (Dokku accepts `issuer` for `Issuer`). */
  readonly normalize?: (value: string) => string;
  /** Why a non-empty value is refused (Dokku's words); undefined when valid. */
  readonly validate?: (value: string) => string | undefined;
  /** Names the value must give that the docker engine has: `networks`, a comma-separated list (logs' vector-networks). */
  readonly existing?: "networks";
  /** Set when this host acts on the property; otherwise setting it warns that it has no effect here. */
  readonly honoured?: true;
}

export interface PropertiesOnlyNamespace {
  readonly name: CorePropertyNamespace;
  /** Dokku's `<ns>:help` description, plus what this host does not run. */
  readonly description: string;
  readonly setDescription: string;
  readonly reportDescription: string;
  readonly properties: readonly OnlyProperty[];
  /**
   * The refusals' wording: `key` as Dokku's shell `<proxy>:set` (`No key specified`, `The key 'x'
   * can only be set globally`, keys listed in Dokku's order), `property` as its Go
   * CommandPropertySet (`No property specified`, sorted list).
   */
  readonly wording: "key" | "property";
  /** Whether `--format json` also carries the legacy `<ns>-<property>` keys (Dokku's EmitLegacyPrefix). */
  readonly legacyKeys: boolean;
  /** Why a set property has no effect here: ends the warning. */
  readonly noEffect: string;
  /** Keys named by a prefix and a variable part, global only (traefik's `dns-provider-<ENV_VAR>`), hidden in stdout. */
  readonly prefixed?: { readonly prefix: string; readonly pattern: RegExp; readonly listed: string };
  /** Refusals Dokku makes before it checks the key (logs: `vector-image may only be set globally with --global`). */
  readonly precheck?: (scope: string, key: string) => string | undefined;
}

/** The longest value a property may hold, in characters. */
export const MAX_PROPERTY_VALUE = 4096;
/** The longest key a prefixed property may have. */
export const MAX_PROPERTY_KEY = 128;
/** Dokku's mask for credentials in a stdout report. */
export const VALUE_MASK = "*******";

export const masked = (value: string): string => (value === "" ? "" : VALUE_MASK);

/** The property `key` names, or undefined. Prefixed keys come back as a global-only, hidden property. Pure. */
export function findProperty(namespace: PropertiesOnlyNamespace, key: string): OnlyProperty | undefined {
  const found = namespace.properties.find((property) => property.name === key);
  if (found) return found;
  const prefixed = namespace.prefixed;
  if (prefixed && key.startsWith(prefixed.prefix) && key.length <= MAX_PROPERTY_KEY && prefixed.pattern.test(key))
    return { name: key, app: false, entries: "global-scope", hide: masked };
  return undefined;
}

/** Why `<ns>:set` refuses the key for the scope, in the namespace's wording; undefined when allowed. Pure. */
export function keyProblem(namespace: PropertiesOnlyNamespace, scope: string, key: string): string | undefined {
  const pre = namespace.precheck?.(scope, key);
  if (pre) return pre;
  const property = findProperty(namespace, key);
  if (namespace.wording === "key") {
    if (key === "") return "No key specified";
    if (!property) {
      const names = namespace.properties.map((each) => each.name);
      if (namespace.prefixed)
        names.splice(names.indexOf(namespace.prefixed.listed) + 1, 0, `${namespace.prefixed.listed}-<ENV_VAR>`);
      return `Invalid key specified, valid keys include: ${names.join(" ")}`;
    }
    if (scope !== GLOBAL && !property.app) return `The key '${key}' can only be set globally`;
    return undefined;
  }
  if (key === "") return "No property specified";
  if (!property) {
    const names = namespace.properties.map((each) => each.name).sort();
    return `Invalid property specified, valid properties include: ${names.join(", ")}`;
  }
  if (scope !== GLOBAL && !property.app) return "Property can only be specified globally";
  return undefined;
}

/** Why a non-empty value is refused: too long, a control character, or the property's own check. Pure. */
export function valueProblem(property: OnlyProperty, value: string): string | undefined {
  if (value.length > MAX_PROPERTY_VALUE)
    return `Invalid value for ${property.name}: longer than ${MAX_PROPERTY_VALUE} characters`;
  if (hasControlCharacter(value)) return `Invalid value for ${property.name}: control characters are not allowed`;
  return property.validate?.(value);
}

/** Stored values of one scope: property name -> raw value ("" when unset). */
export type StoredValues = Readonly<Record<string, string>>;

/**
 * `<ns>:report` of an app or of GLOBAL from the stored values: for each property its own value,
 * the global one and the computed one (own, else global, else Dokku's default), as Dokku's
 * report.go; `reveal` shows hidden values as stored (--format json, or the flag asked by name). Pure.
 */
export function onlyPropertiesReport(
  namespace: PropertiesOnlyNamespace,
  target: string,
  own: StoredValues,
  global: StoredValues,
  reveal: boolean,
): Report {
  const ns = namespace.name;
  const entries: Record<string, string> = {};
  const show = (property: OnlyProperty, value: string) => (reveal || !property.hide ? value : property.hide(value));
  const properties = [...namespace.properties];
  if (namespace.prefixed) {
    for (const key of Object.keys(global).sort()) {
      const property = findProperty(namespace, key);
      if (key.startsWith(namespace.prefixed.prefix) && property && !namespace.properties.includes(property))
        properties.push(property);
    }
  }
  for (const property of properties) {
    const { name } = property;
    const ownValue = property.app && target !== GLOBAL ? (own[name] ?? "") : "";
    const globalValue = global[name] ?? "";
    const fallback = typeof property.fallback === "function" ? property.fallback(target) : (property.fallback ?? "");
    const computed = (property.shape ?? ((value: string) => value))(ownValue || globalValue || fallback);
    if (property.entries === "global-scope") {
      if (target === GLOBAL) entries[`--${ns}-global-${name}`] = show(property, globalValue);
      continue;
    }
    if (property.entries === "global-computed") {
      entries[`--${ns}-global-${name}`] = computed;
      continue;
    }
    entries[`--${ns}-global-${name}`] = show(property, globalValue);
    entries[`--${ns}-computed-${name}`] = show(property, computed);
    if (property.app && target !== GLOBAL) entries[`--${ns}-${name}`] = show(property, ownValue);
  }
  return { type: ns, target, legacyKeys: namespace.legacyKeys, entries };
}
