/**
 * What a dotted path (`engine.runtimes.crun`, `containers.label`) means in containers.conf:
 * a key, an entry of a map table, a table, or something Podman ignores. Names match exactly
 * first, then ignoring case, as Podman's decoder does. Used by validation, the editor
 * features and the layer merge.
 */
import { MISSPELLINGS, type CcKey, type CcType } from './data';
import { TABLES, findKey, keysOf, mapEntryType, otherTablesWith } from './keys';
import { closest, type Suggest } from '../util/strings';

/** What a dotted path resolves to in the schema. */
export type CcResolved =
  | { type: 'key'; key: CcKey; table: string; canonical: string[]; caseMismatch: boolean }
  | { type: 'map-entry'; table: string; name: string; valueType: CcType; canonical: string[]; caseMismatch: boolean }
  | { type: 'table'; table: string; canonical: string[]; caseMismatch: boolean }
  | { type: 'unknown-table'; table: string[]; suggestion?: string }
  | { type: 'unknown-key'; table: string; key: string; suggestion?: string; elsewhere?: CcKey[]; misspelling?: (typeof MISSPELLINGS)[string] }
  | { type: 'removed-table'; table: string; replacement: string }
  /** A scalar key used as a table (`label.x = 1`, `[containers.label]`): a type error in Podman. */
  | { type: 'key-as-table'; key: CcKey; canonical: string[] }
  /** An entry of a map of strings or string arrays used as a table (`kata.v2 = […]` in `[engine.runtimes]`). */
  | { type: 'entry-as-table'; table: string; name: string; valueType: CcType; canonical: string[] };

/**
 * Names looked up exactly, then case-insensitively (the first candidate wins, as in Podman);
 * built once per table at load because resolvePath runs for every entry of a big file.
 */
interface NameIndex {
  names: readonly string[];
  exact: ReadonlySet<string>;
  folded: ReadonlyMap<string, string>;
}

function nameIndex(names: string[]): NameIndex {
  const folded = new Map<string, string>();
  for (const n of names) if (!folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), n);
  return { names, exact: new Set(names), folded };
}

interface Children {
  subTables: readonly string[];
  /** The full name of each sub-table (`runtimes` → `engine.runtimes`), built once. */
  tableNames: ReadonlyMap<string, string>;
  keys: readonly string[];
  /** Sub-tables first, then keys. */
  index: NameIndex;
}

const TOP_NAMES = Object.keys(TABLES).filter((t) => !t.includes('.'));
const TOP = nameIndex(TOP_NAMES);
const CHILDREN: ReadonlyMap<string, Children> = new Map(TOP_NAMES.map((top) => {
  const subTables = Object.keys(TABLES).filter((t) => t.startsWith(`${top}.`)).map((t) => t.slice(top.length + 1));
  const keys = keysOf(top).map((k) => k.key);
  return [top, { subTables, tableNames: new Map(subTables.map((t) => [t, `${top}.${t}`])), keys, index: nameIndex([...subTables, ...keys]) }];
}));
const DESTINATIONS = 'engine.service_destinations';
/** Written out: the bundle would build `${DESTINATIONS}.*` anew on each use, and TABLES is looked up with it. */
const DESTINATION = 'engine.service_destinations.*';
const DESTINATION_KEYS = nameIndex(keysOf(DESTINATION).map((k) => k.key));

function matchName(name: string, idx: NameIndex): { name: string; exact: boolean } | undefined {
  if (idx.exact.has(name)) return { name, exact: true };
  const ci = idx.folded.get(name.toLowerCase());
  return ci ? { name: ci, exact: false } : undefined;
}

/**
 * Resolves a path, case-insensitively as Podman does. `version` (the target Podman) only
 * narrows where a misplaced key is said to belong; `suggest` bounds the did-you-mean lookups of
 * one check (util/strings.ts).
 */
export function resolvePath(path: string[], version?: string, suggest: Suggest = (find) => find() ?? null): CcResolved {
  if (path.length === 0) return { type: 'unknown-table', table: [] };
  if (path[0].toLowerCase() === 'libpod') return { type: 'removed-table', table: 'libpod', replacement: 'engine' };
  const top = matchName(path[0], TOP);
  if (!top) return { type: 'unknown-table', table: [path[0]], suggestion: suggest(() => closest(path[0].toLowerCase(), TOP.names)) ?? undefined };
  let caseMismatch = !top.exact;
  const canonical = [top.name];
  if (path.length === 1) return { type: 'table', table: top.name, canonical, caseMismatch };
  // Sub-tables and keys of the top table.
  // Looked up only where it applies: the name built for it is the costliest step of a long path.
  const mis = path.length === 2 ? MISSPELLINGS[`${top.name}.${path[1]}`] : undefined;
  if (mis) return { type: 'unknown-key', table: top.name, key: path[1], misspelling: mis };
  const { subTables, tableNames, keys, index } = CHILDREN.get(top.name)!;
  const second = matchName(path[1], index);
  if (!second) {
    const cand = [...keys, ...subTables];
    const elsewhere = version === undefined ? [] : otherTablesWith(path[1], top.name, version);
    return { type: 'unknown-key', table: top.name, key: path.slice(1).join('.'), suggestion: suggest(() => closest(path[1], cand)) ?? undefined, elsewhere };
  }
  caseMismatch ||= !second.exact;
  canonical.push(second.name);
  const tableName = tableNames.get(second.name);
  if (tableName !== undefined) {
    if (path.length === 2) return { type: 'table', table: tableName, canonical, caseMismatch };
    if (tableName === DESTINATIONS) {
      const dest = path[2];
      canonical.push(dest);
      if (path.length === 3) return { type: 'table', table: DESTINATION, canonical, caseMismatch };
      const dk = matchName(path[3], DESTINATION_KEYS);
      if (!dk || path.length > 4) return { type: 'unknown-key', table: `${DESTINATIONS}.${dest}`, key: path.slice(3).join('.'), suggestion: suggest(() => closest(path[3], DESTINATION_KEYS.names)) ?? undefined };
      canonical.push(dk.name);
      return { type: 'key', key: findKey(DESTINATION, dk.name)!, table: DESTINATION, canonical, caseMismatch: caseMismatch || !dk.exact };
    }
    const valueType = mapEntryType(tableName);
    if (valueType && path.length === 3) return { type: 'map-entry', table: tableName, name: path[2], valueType, canonical: [...canonical, path[2]], caseMismatch };
    if (valueType && valueType !== 'any') return { type: 'entry-as-table', table: tableName, name: path[2], valueType, canonical: [...canonical, path[2]] };
    return { type: 'unknown-key', table: tableName, key: path.slice(2).join('.') };
  }
  const key = findKey(top.name, second.name)!;
  if (path.length > 2) {
    if (key.type === 'table[]') return { type: 'unknown-key', table: `${top.name}.${second.name}`, key: path.slice(2).join('.') };
    return { type: 'key-as-table', key, canonical };
  }
  return { type: 'key', key, table: top.name, canonical, caseMismatch };
}

/** The table record of a resolved table (destination sub-tables share theirs). */
export function tableInfo(table: string) {
  return TABLES[table] ?? (table.startsWith(DESTINATIONS) ? TABLES[DESTINATIONS] : undefined);
}
