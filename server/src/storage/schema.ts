/**
 * A small data-driven schema for the TOML files of containers/storage and containers/image
 * (storage.conf, registries.conf): tables and keys with their types and versions, typed once
 * in each format's table (storage/keys.ts, registries/keys.ts), and the resolution of a
 * dotted path against it. Names match case-insensitively as a fallback, as the Go TOML
 * decoder does.
 */

/** Value types as the Go structs declare them. */
export type KeyType = 'string' | 'bool' | 'uint32' | 'int' | 'string[]' | 'map<string>';

export interface KeySpec {
  /** Dotted table path (`storage.options`, `registry`, `registry.mirror`, `` for top level). */
  readonly table: string;
  readonly key: string;
  readonly type: KeyType;
  /** What the key does, in our own words. */
  readonly doc: string;
  /** Podman release that first reads it. */
  readonly since?: string;
  /** Podman release that no longer reads it. */
  readonly removed?: string;
  readonly default?: string;
  /** Values the library accepts (strings), for validation and completion. */
  readonly values?: readonly string[];
  /** Values suggested in completion (not enforced). */
  readonly examples?: readonly string[];
  /** Podman release from which a string array may end with `{append = true}` (add to earlier files). */
  readonly append?: string;
  /** How a storage driver reads the value when it starts (storage.conf driver options; driverOptions.ts). */
  readonly use?: DriverUse;
}

/**
 * containers/storage hands driver options on as `<driver>.<key>=value` strings, and the driver
 * parses them when it starts: a value it cannot read makes every podman command fail, though the
 * TOML decodes. `parse`: what the driver makes of the value; `drivers`: the drivers that read
 * a `[storage.options]` key (a driver table's keys go to that driver; default overlay; `*` any);
 * `refusedBy`: drivers that have no such option and refuse it when it is set; `quota`: the option
 * needs a graph root on XFS with project quotas.
 */
export interface DriverUse {
  readonly parse?: 'go-bool' | 'size' | 'uint64' | 'force-mask' | 'force-mask-int' | 'program' | 'dirs' | 'id-map';
  readonly drivers?: readonly string[];
  readonly refusedBy?: readonly string[];
  readonly quota?: true;
}

export interface TableSpec {
  readonly name: string;
  readonly doc: string;
  /** An array of tables (`[[registry]]`). */
  readonly array?: boolean;
  /** A table of free-form names, each with a value of this type (`[aliases]`). */
  readonly map?: KeyType;
  readonly since?: string;
  readonly removed?: string;
}

export interface Schema {
  readonly tables: readonly TableSpec[];
  readonly keys: readonly KeySpec[];
}

export type Resolved =
  | { kind: 'table'; table: TableSpec }
  | { kind: 'key'; key: KeySpec }
  /** A name inside a map table or a map-typed key, with the value type. */
  | { kind: 'map-entry'; owner: string; valueType: KeyType }
  | { kind: 'unknown-table'; name: string; suggestion?: string }
  | { kind: 'unknown-key'; table: string; name: string; suggestion?: string; elsewhere?: KeySpec }
  /** A key path that goes below a scalar key (`driver.x = 1`). */
  | { kind: 'below-scalar'; key: KeySpec };

export function tableOf(s: Schema, name: string): TableSpec | undefined {
  return s.tables.find((t) => t.name === name);
}

export function keysOf(s: Schema, table: string): KeySpec[] {
  return s.keys.filter((k) => k.table === table);
}

function match(names: string[], name: string): string | undefined {
  return names.find((n) => n === name) ?? names.find((n) => n.toLowerCase() === name.toLowerCase());
}

/** Resolves a dotted path (array-of-table indices left out) against the schema. */
export function resolve(s: Schema, path: readonly string[], closest: (w: string, c: string[]) => string | undefined): Resolved {
  let table = '';
  for (let i = 0; i < path.length; i++) {
    const t = tableOf(s, table);
    if (t?.map) return i === path.length - 1 ? { kind: 'map-entry', owner: table, valueType: t.map } : { kind: 'unknown-key', table, name: path.slice(i).join('.') };
    const subTables = s.tables.filter((x) => x.name !== '' && parentOf(x.name) === table).map((x) => lastOf(x.name));
    const keys = keysOf(s, table);
    const sub = match(subTables, path[i]);
    if (sub) {
      table = table ? `${table}.${sub}` : sub;
      continue;
    }
    const keyName = match(keys.map((k) => k.key), path[i]);
    if (keyName) {
      const key = keys.find((k) => k.key === keyName)!;
      if (i === path.length - 1) return { kind: 'key', key };
      if (key.type === 'map<string>' && i === path.length - 2) return { kind: 'map-entry', owner: `${table}.${key.key}`, valueType: 'string' };
      return { kind: 'below-scalar', key };
    }
    const candidates = [...subTables, ...keys.map((k) => k.key)];
    if (table === '' && !keys.length) return { kind: 'unknown-table', name: path[i], suggestion: closest(path[i], candidates) };
    const elsewhere = i === path.length - 1 ? s.keys.find((k) => k.key === path[i] && k.table !== table) : undefined;
    return { kind: 'unknown-key', table, name: path.slice(i).join('.'), suggestion: closest(path[i], candidates), elsewhere };
  }
  return { kind: 'table', table: tableOf(s, table) ?? { name: table, doc: '' } };
}

export function parentOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i === -1 ? '' : name.slice(0, i);
}

export function lastOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

const JSON_TYPE: Record<KeyType, object> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  uint32: { type: 'integer', minimum: 0, maximum: 4294967295 },
  int: { type: 'integer' },
  'string[]': { type: 'array', items: { type: 'string' } },
  'map<string>': { type: 'object', additionalProperties: { type: 'string' } },
};

/**
 * A Draft 4 JSON Schema of the keys the target Podman reads (for Even Better TOML and other
 * schema-driven editors). Unknown keys are allowed (the libraries ignore them) but listed
 * keys carry their type, values and description.
 */
export function jsonSchema(s: Schema, title: string, podmanVersion: string, atLeast: (v: string, since: string) => boolean): object {
  const live = (x: { since?: string; removed?: string }) => (!x.since || atLeast(podmanVersion, x.since)) && !(x.removed && atLeast(podmanVersion, x.removed));
  const tableSchema = (name: string): Record<string, unknown> => {
    const t = tableOf(s, name);
    if (t?.map) return { type: 'object', description: t.doc, additionalProperties: JSON_TYPE[t.map] };
    const properties: Record<string, unknown> = {};
    for (const k of keysOf(s, name).filter(live)) {
      properties[k.key] = { ...JSON_TYPE[k.type], description: k.doc, ...(k.values ? { enum: [...k.values] } : {}), ...(k.default !== undefined ? { default: k.type === 'bool' ? k.default === 'true' : k.default } : {}) };
      // A list that may end with `{append = true}` (add to the lists of earlier files).
      if (k.append && atLeast(podmanVersion, k.append)) {
        const attrs = { type: 'object', properties: { append: { type: 'boolean', description: `true: add to the list of earlier files instead of replacing it (Podman ${k.append} and later).` } }, additionalProperties: false };
        properties[k.key] = { ...(properties[k.key] as object), items: { anyOf: [(JSON_TYPE[k.type] as { items?: object }).items ?? {}, attrs] } };
      }
    }
    for (const sub of s.tables.filter((x) => x.name !== '' && parentOf(x.name) === name && live(x))) {
      const inner = tableSchema(sub.name);
      properties[lastOf(sub.name)] = sub.array ? { type: 'array', description: sub.doc, items: inner } : inner;
    }
    return { type: 'object', ...(t?.doc ? { description: t.doc } : {}), properties };
  };
  return { $schema: 'http://json-schema.org/draft-04/schema#', title, ...tableSchema('') };
}
