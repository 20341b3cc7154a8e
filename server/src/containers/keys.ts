/**
 * Lookups over the key records of ./data.ts: keys per table, the tables (top-level ones and
 * the map sub-tables derived from map-typed keys), and the values a Podman release accepts.
 */
import { CC_KEYS, TOP_TABLES, type CcKey, type CcType, type PodmanRelease } from './data';
import { atLeast } from '../util/version';

export { NEWEST_PODMAN, PODMAN_RELEASES } from './data';
/** Whether Podman release `v` ("4.3") has something that appeared in release `since`. */
export { atLeast as versionAtLeast } from '../util/version';

export interface TableInfo {
  since: PodmanRelease;
  doc: string;
  /** For map sub-tables (`[engine.runtimes]`): the type of each free-named entry. */
  entries?: CcType;
}

const MAP_ENTRY: Partial<Record<CcType, CcType>> = { 'map<string>': 'string', 'map<string[]>': 'string[]', 'map<table>': 'any' };

function buildTables(): Readonly<Record<string, TableInfo>> {
  const out: Record<string, TableInfo> = {};
  for (const t of TOP_TABLES) {
    out[t.name] = { since: t.since, doc: t.doc };
    for (const k of CC_KEYS) {
      const entries = MAP_ENTRY[k.type];
      if (k.table === t.name && entries && !k.removed) out[`${t.name}.${k.key}`] = { since: k.since ?? t.since, doc: k.doc, entries: k.type === 'map<table>' ? undefined : entries };
    }
  }
  return Object.freeze(out);
}

/** Every table, top-level ones each followed by their map sub-tables. */
export const TABLES = buildTables();

function groupByTable(): ReadonlyMap<string, readonly CcKey[]> {
  const m = new Map<string, CcKey[]>();
  for (const k of CC_KEYS) {
    const list = m.get(k.table) ?? [];
    list.push(k);
    m.set(k.table, list);
  }
  return m;
}
const BY_TABLE = groupByTable();

export function keysOf(table: string): readonly CcKey[] {
  return BY_TABLE.get(table) ?? [];
}

export function findKey(table: string, key: string): CcKey | undefined {
  return BY_TABLE.get(table)?.find((k) => k.key === key);
}

/** The type of the entries of a map sub-table such as `engine.runtimes`, if it is one. */
export function mapEntryType(table: string): CcType | undefined {
  return TABLES[table]?.entries;
}

/** A key of that name in any other table the target Podman has (for "belongs in [engine]" diagnostics). */
export function otherTablesWith(key: string, except: string, version: string): CcKey[] {
  return CC_KEYS.filter((k) => k.key === key && k.table !== except && !k.removed && !k.table.includes('*') && !k.table.includes('[]')
    && atLeast(version, TABLES[k.table]?.since ?? '1.9') && (!k.since || atLeast(version, k.since)));
}

/** The values of a key that Podman `version` accepts, in data order. */
export function valuesFor(k: CcKey, version: string): string[] {
  const out: string[] = [];
  for (const v of k.values ?? []) {
    if (typeof v === 'string') out.push(v);
    else if ((!v.since || atLeast(version, v.since)) && (!v.until || !atLeast(version, v.until))) out.push(v.value);
  }
  return out;
}

/** Every value any release accepts (for the JSON Schema, which is not per release). */
export function allValues(k: CcKey): string[] {
  return (k.values ?? []).map((v) => (typeof v === 'string' ? v : v.value));
}

/** Whether `s` is a value (or starts with a prefix) Podman `version` accepts for key `k`. */
export function valueAccepted(k: CcKey, s: string, version: string): boolean {
  const lower = s.toLowerCase();
  return valuesFor(k, version).some((x) => (k.ci ? x.toLowerCase() === lower : x === s)) || (k.prefixes ?? []).some((p) => s.startsWith(p));
}

/** The release that introduced containers.conf (the oldest table in the key data). */
export const OLDEST_PODMAN: string = Object.values(TABLES).map((t) => t.since).reduce((a, b) => (atLeast(a, b) ? b : a));
