/**
 * containers.conf validation. Severity follows what Podman of the target version does:
 * an error where Podman fails (when it loads the file, or later when a command needs the
 * value: the message says which), a warning where it silently does something else than
 * written (unknown keys and tables are ignored, negative numbers in unsigned fields wrap).
 * Key facts (types, values, checks) come from the key records in ./data.ts.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { Host } from '../host';
import { positionAt, type KeyPart, type TomlDocument, type TomlEntry, type TomlHeader, type TomlValue } from './toml';
import { DEFAULT_RUNTIMES, type CcKey } from './data';
import { mapEntryType, otherTablesWith, valueAccepted, valuesFor, versionAtLeast } from './keys';
import { resolvePath, tableInfo, type CcResolved } from './resolve';
import { CHECKS } from './checks';
import { TOML_TYPE, WANT, typeCheck } from './typecheck';
import { loadError, type CheckContext } from './context';
import { TABLES, type TableInfo } from './keys';
import { closest, suggestionBudget } from '../util/strings';

export interface ContainersValidateOptions {
  podmanVersion: string;
  host?: Host;
  /** Restricted Mode: nothing on the host is consulted. */
  restricted?: boolean;
}

interface HeaderFacts {
  path: string[];
  tooNew: boolean;
  resolved: CcResolved;
  depth: number;
}

/**
 * The sub-tables of each table by name (`engine` → `runtimes` → its record): a header's
 * table is looked up without building `engine.runtimes` for each of 100,000 headers.
 */
const SUB_TABLES: ReadonlyMap<string, ReadonlyMap<string, TableInfo>> = (() => {
  const m = new Map<string, Map<string, TableInfo>>();
  for (const [name, t] of Object.entries(TABLES)) {
    const dot = name.indexOf('.');
    if (dot === -1) continue;
    const top = name.slice(0, dot);
    if (!m.has(top)) m.set(top, new Map());
    m.get(top)!.set(name.slice(dot + 1), t);
  }
  return m;
})();

export function validateContainersConf(doc: TomlDocument, opts: ContainersValidateOptions): Finding[] {
  const out: Finding[] = [];
  const v = opts.podmanVersion;
  const runtimes = new Set(DEFAULT_RUNTIMES);
  const runtimePaths = new Map<string, string[]>();
  const afterAll: (() => void)[] = [];
  /** versionAtLeast(v, release), worked out once per release named (asked for on every line). */
  const reachedMemo = new Map<string, boolean>();
  const reached = (release: string): boolean => {
    let r = reachedMemo.get(release);
    if (r === undefined) reachedMemo.set(release, (r = versionAtLeast(v, release)));
    return r;
  };
  const rng = (start: number, end: number): Range => ({ start: positionAt(doc, start), end: positionAt(doc, Math.max(end, start)) });
  const cx: CheckContext = { version: v, host: opts.host, restricted: opts.restricted, report: (f) => out.push(f), suggest: suggestionBudget(), range: rng, later: (c) => afterAll.push(c), runtimes, runtimePaths };
  /**
   * The resolution of the header being read: headers and entries are checked in document
   * order, so the entries under a header follow it and one is kept at a time (100,000 tables:
   * keeping them all was most of the validation's garbage collection).
   */
  let facts: { header: TomlHeader; facts: HeaderFacts } | undefined;

  for (const e of doc.errors) {
    out.push({ code: e.kind === 'duplicate' ? 'containers/duplicate' : 'containers/toml-syntax', message: `${e.message} Podman refuses to start with this file.`, range: rng(e.start, e.end) });
  }
  if (doc.bom && !reached('4.6')) {
    out.push({ code: 'containers/toml-syntax', message: `The file starts with a UTF-8 byte order mark, which Podman reads only from 4.6 on; Podman ${v} refuses to start with this file. Save it without the BOM.`, range: rng(0, 1) });
  }
  /** `[[network.default_subnet_pools]]` headers: their entries are checked together, as one item of the array. */
  const arrayTables = new Map<TomlHeader, CcKey>();
  // Headers with at least one key below them, found once (a file may hold 100,000 headers).
  let filled: Set<TomlHeader> | undefined;
  const hasEntries = (h: TomlHeader) => (filled ??= new Set(doc.entries.map((e) => e.header).filter((x): x is TomlHeader => x !== undefined))).has(h);
  let next = 0;
  for (const e of doc.entries) {
    while (next < doc.headers.length && doc.headers[next].start < e.kv.start) header(doc.headers[next++]);
    if (!e.header || !arrayTables.has(e.header)) entry(e);
  }
  while (next < doc.headers.length) header(doc.headers[next++]);
  arrayTableItems();
  for (const check of afterAll) check();
  return out;

  function header(h: TomlHeader): void {
    const { path, resolved: r } = headerFacts(h);
    const at = () => rng(h.key.start, h.key.end);
    if (h.array) {
      if (r.type === 'key' && r.key.type === 'table[]') {
        arrayTables.set(h, r.key);
        return;
      }
      if (r.type === 'table' && isMapTable(r.table)) {
        out.push({ code: 'containers/not-a-table', message: `\`[${r.canonical.join('.')}]\` is a table of named entries; Podman silently drops the array of tables \`[[${path.join('.')}]]\` and everything in it. Write \`[${path.join('.')}]\`.`, range: at() });
        return;
      }
      // A table or key the target does not have yet is ignored, in whatever form.
      const since = r.type === 'table' ? tableInfo(r.table)?.since : r.type === 'key' ? r.key.since : undefined;
      if (since && !reached(since)) {
        out.push({ code: 'containers/key-too-new', message: `\`${path.join('.')}\` needs Podman ${since} or later; Podman ${v} ignores \`[[${path.join('.')}]]\` and everything in it.`, range: at() });
        return;
      }
      if (r.type === 'key' || r.type === 'table' || r.type === 'map-entry') {
        out.push({ code: 'containers/wrong-type', message: `\`[[${path.join('.')}]]\` makes an array of tables, but ${path.join('.')} is not one; Podman refuses the file.`, range: at() });
        return;
      }
    }
    // `[network.default_subnet_pools]`: one table where the key takes an array of tables. Its
    // entries are still checked as an item of that array.
    if (r.type === 'key' && r.key.type === 'table[]' && (!r.key.since || reached(r.key.since))) {
      out.push({ code: 'containers/wrong-type', message: `\`${r.canonical.join('.')}\` is an array of tables: each item needs its own \`[[${path.join('.')}]]\` header. Given one \`[${path.join('.')}]\` table, Podman refuses to start with this file.`, range: at() });
      arrayTables.set(h, r.key);
      return;
    }
    // `[engine.runtime]`: a header on a key that takes no table, even with nothing below it.
    if (r.type === 'key' && !r.key.type.startsWith('map<') && (!r.key.since || reached(r.key.since)) && !hasEntries(h)) {
      out.push({ code: 'containers/wrong-type', message: `\`${r.canonical.join('.')}\` takes ${WANT[r.key.type]}, not a table; Podman refuses to start with this file.`, range: at() });
      return;
    }
    // `[engine.runtimes.crun]`: an entry of a map of strings or string arrays written as a table.
    if (r.type === 'map-entry' && r.valueType !== 'any') {
      out.push({ code: 'containers/wrong-type', message: `\`${path.join('.')}\` takes ${WANT[r.valueType]}, not a table; Podman refuses to start with this file.`, range: at() });
      return;
    }
    tableOrKeyDiagnostics(r, path, at, true);
  }

  /** Findings about where a path leads; true when its value should be checked further. */
  function tableOrKeyDiagnostics(r: CcResolved, path: string[], range: () => Range, isHeader: boolean): boolean {
    switch (r.type) {
      case 'removed-table':
        out.push({ code: 'containers/removed-key', message: `The \`[libpod]\` table was renamed \`[engine]\` (Podman 2.0); Podman ignores \`[${path.join('.')}]\` and everything in it.`, range: range(), data: { replacement: 'engine' } });
        return false;
      case 'unknown-table': {
        // A key written before any header: its name is no table, and Podman ignores it.
        const home = !isHeader && path.length === 1 ? otherTablesWith(path[0], '', v)[0]?.table : undefined;
        out.push({
          code: 'containers/unknown-table',
          message: path.length === 0 ? 'Keys must be inside a table such as [containers] or [engine].'
            : !isHeader && path.length === 1 ? `\`${path[0]}\` stands outside any table, where Podman reads no keys; it ignores it silently.${home ? ` It belongs in \`[${home}]\`.` : ''}`
              : `Podman has no \`[${path[0]}]\` table and ignores it silently (it only says so at debug log level).${r.suggestion ? ` Did you mean \`[${r.suggestion}]\`?` : ''}`,
          range: range(),
          data: { suggestion: r.suggestion ?? null },
        });
        return false;
      }
      case 'unknown-key': {
        if (r.misspelling) {
          out.push({ code: 'containers/misspelled-key', message: `${r.misspelling.note}; Podman ignores \`${r.key}\` silently. Write \`${r.misspelling.key}\`.`, range: range(), data: { suggestion: r.misspelling.key } });
          return false;
        }
        if (r.elsewhere?.length && !isHeader) {
          const t = r.elsewhere[0].table;
          out.push({ code: 'containers/wrong-table', message: `\`${r.key}\` belongs in \`[${t}]\`, not \`[${r.table}]\`; Podman ignores it here silently.`, range: range(), data: { table: t, key: r.key } });
          return false;
        }
        out.push({
          code: 'containers/unknown-key',
          message: `Podman does not know \`${r.key}\` in \`[${r.table}]\` and ignores it silently (it only says so at debug log level).${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`,
          range: range(),
          data: { suggestion: r.suggestion ?? null },
        });
        return false;
      }
      case 'table': {
        const t = tableInfo(r.table);
        if (t && !reached(t.since)) {
          out.push({ code: 'containers/key-too-new', message: `\`[${r.table}]\` needs Podman ${t.since} or later; Podman ${v} ignores it.`, range: range() });
          return false;
        }
        if (r.caseMismatch) out.push(caseFinding(path, r.canonical, range()));
        return true;
      }
      case 'key':
      case 'map-entry':
        if (r.caseMismatch) out.push(caseFinding(path, r.canonical, range()));
        return true;
      case 'key-as-table':
        out.push({ code: 'containers/wrong-type', message: `\`${r.canonical.join('.')}\` takes ${WANT[r.key.type]}, so it cannot hold \`${path.slice(2).join('.')}\`; Podman refuses to start with this file.`, range: range() });
        return false;
      case 'entry-as-table':
        // A dotted name makes the entry a table, which Podman cannot store in the map.
        out.push({ code: 'containers/wrong-type', message: `\`${r.canonical.join('.')}\` becomes a table holding \`${path.slice(3).join('.')}\`, but the entries of \`[${r.table}]\` take ${WANT[r.valueType]}; Podman refuses to start with this file. Quote a name that contains a dot: \`"${path.slice(2).join('.')}" = …\`.`, range: range() });
        return false;
    }
  }

  /** Each `[[table]]` item is checked as the inline table `{…}` it stands for, in one array per key. */
  function arrayTableItems(): void {
    const byKey = new Map<CcKey, { header: TomlHeader; item: Extract<TomlValue, { type: 'inline-table' }> }[]>();
    for (const [h, k] of arrayTables) {
      const entries = doc.entries.filter((e) => e.header === h).map((e) => e.kv);
      const list = byKey.get(k) ?? [];
      list.push({ header: h, item: { type: 'inline-table', entries, closed: true, start: h.start, end: h.end } });
      byKey.set(k, list);
    }
    for (const [k, list] of byKey) {
      const h = list[0].header;
      if (k.since && !reached(k.since)) {
        out.push({ code: 'containers/key-too-new', message: `\`${k.key}\` needs Podman ${k.since} or later; Podman ${v} ignores it silently.`, range: rng(h.key.start, h.key.end) });
        continue;
      }
      const value: TomlValue = { type: 'array', items: list.map((x) => x.item), closed: true, start: h.start, end: h.end };
      if (k.check) CHECKS[k.check](value, k, cx);
    }
  }

  /** Whether the table a path lives in exists in the target version (reported once, on its header). */
  function tableTooNew(path: string[]): boolean {
    if (path.length === 0) return false;
    // Own records only: `[constructor]` is no table (reading TABLES.constructor crashed the checks).
    const top = Object.hasOwn(TABLES, path[0]) ? TABLES[path[0]] : undefined;
    if (top && !reached(top.since)) return true;
    const sub = path.length > 1 ? SUB_TABLES.get(path[0])?.get(path[1]) : undefined;
    return !!sub && !reached(sub.since);
  }

  function caseFinding(path: string[], canonical: string[], at: Range): Finding {
    return {
      code: 'containers/key-case',
      message: `Podman matches \`${path.join('.')}\` to \`${canonical.join('.')}\` only because it ignores case as a fallback; other tools reading this file may not. Write \`${canonical[canonical.length - 1]}\`.`,
      range: at,
      data: { suggestion: canonical[canonical.length - 1] },
    };
  }

  function headerFacts(h: TomlHeader): HeaderFacts {
    if (facts?.header !== h) {
      const path = h.path;
      facts = { header: h, facts: { path, tooNew: tableTooNew(path), resolved: resolvePath(path, v, cx.suggest), depth: path.length } };
    }
    return facts.facts;
  }

  /**
   * What an entry's path means. A plain key under a [map table] header (runtimes, volume
   * plugins: most lines of a big file) is answered from the header's resolution.
   */
  function resolveEntry(e: TomlEntry, path: string[], plain: boolean): CcResolved {
    const h = e.header && plain ? headerFacts(e.header) : undefined;
    const t = h?.resolved;
    if (t?.type === 'table' && h!.depth === 2 && path.length === 3) {
      const valueType = mapEntryType(t.table);
      if (valueType) return { type: 'map-entry', table: t.table, name: path[2], valueType, canonical: [...t.canonical, path[2]], caseMismatch: t.caseMismatch };
    }
    return resolvePath(path, v, cx.suggest);
  }

  function entry(e: TomlEntry): void {
    // Read once: the model builds an entry's path and its key's parts each time they are asked for.
    const path = e.path;
    const parts = e.kv.key.parts;
    if (path.length === 3 && path[0] === 'engine' && path[1] === 'runtimes') {
      runtimes.add(path[2]);
      const v = e.kv.value;
      if (v.type === 'array') runtimePaths.set(path[2], v.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])));
    }
    const r = ownCase(resolveEntry(e, path, parts.length === 1), e, parts);
    const keyPart = parts[parts.length - 1];
    const at = () => rng(e.kv.key.start, e.kv.key.end);
    // Only report unknown tables once (on their header), not on every key inside.
    if ((r.type === 'unknown-table' || r.type === 'removed-table') && e.header && parts.length === 1) return;
    const h = e.header && headerFacts(e.header);
    const headerKind = h?.resolved.type;
    if (r.type === 'unknown-key' && (headerKind === 'unknown-key' || headerKind === 'key-as-table' || headerKind === 'map-entry')) return;
    if (h?.resolved.type === 'table' && e.header?.array && isMapTable(h.resolved.table)) return;
    if (r.type === 'key-as-table' && headerKind === 'key-as-table') return;
    // `[engine.runtimes.crun]` with keys below: the header is the one error.
    if (r.type === 'entry-as-table' && (headerKind === 'map-entry' || headerKind === 'entry-as-table')) return;
    if (h?.tooNew && tableTooNew(path)) return;
    const range = r.type === 'unknown-key' ? () => rng(keyPart.start, keyPart.end) : at;
    if (!((r.type === 'key' || r.type === 'map-entry') && !r.caseMismatch) && !tableOrKeyDiagnostics(r, path, range, false)) return;
    if (r.type === 'table') return inlineTable(e, path, r.table);
    if (r.type === 'map-entry') {
      typeCheck(e.kv.value, r.valueType, path, cx);
      return;
    }
    if (r.type !== 'key') return;
    const k = r.key;
    if (k.removed && (k.removed === 'old' || reached(k.removed))) {
      out.push({
        code: 'containers/removed-key',
        message: `\`${k.key}\` ${k.removed === 'old' ? 'no longer exists' : `was removed in Podman ${k.removed}`}; Podman ignores it silently.${k.replacement ? ` Use \`${k.replacement}\`.` : ''}`,
        range: at(),
        data: { replacement: k.replacement ?? null },
      });
      return;
    }
    if (k.since && !reached(k.since)) {
      out.push({ code: 'containers/key-too-new', message: `\`${k.key}\` needs Podman ${k.since} or later; Podman ${v} ignores it silently.`, range: at() });
      return;
    }
    if (k.deprecated) out.push({ code: 'containers/deprecated-key', message: `\`${k.key}\` is deprecated: ${k.deprecated}.`, range: at(), unnecessary: false });
    if (!typeCheck(e.kv.value, k.type, r.canonical, cx, k)) return;
    if (e.kv.value.type === 'string' && k.values && !enumCheck(e.kv.value, k)) return;
    if (k.check) CHECKS[k.check](e.kv.value, k, cx);
  }

  /** Maps (`[engine.runtimes]`, `[secrets.opts]`…), which Podman's decoder silently drops when given a non-table; struct tables refuse it. */
  function isMapTable(table: string): boolean {
    return table.includes('.') && !table.endsWith('.*');
  }

  /** A case mismatch only in the header's part of the path is reported on the header, not again on each entry. */
  function ownCase(r: CcResolved, e: TomlEntry, parts: KeyPart[]): CcResolved {
    if (!('caseMismatch' in r) || !r.caseMismatch) return r;
    const tail = r.canonical.slice(r.canonical.length - parts.length);
    return parts.every((p, i) => p.name === tail[i]) && e.header ? { ...r, caseMismatch: false } : r;
  }

  /** `runtimes = {…}` or `prod = {uri = …}`: a table written inline; each entry is checked as if on its own line. */
  function inlineTable(e: TomlEntry, path: string[], table: string): void {
    if (table === 'engine.service_destinations.*' && e.kv.value.type !== 'inline-table') {
      out.push({ code: 'containers/wrong-type', message: `A service destination is a table with \`uri\` and \`identity\`, not ${TOML_TYPE[e.kv.value.type]}; Podman refuses to start with this file.`, range: rng(e.kv.value.start, e.kv.value.end) });
      return;
    }
    // `containers = 1`: a struct table given a plain value is a decode error.
    if (e.kv.value.type !== 'inline-table' && !isMapTable(table)) {
      out.push({ code: 'containers/wrong-type', message: `\`${path.join('.')}\` is a table; Podman refuses to start with ${TOML_TYPE[e.kv.value.type]} here. Write \`[${path.join('.')}]\` with one key per line.`, range: rng(e.kv.value.start, e.kv.value.end) });
      return;
    }
    // `runtimes = "crun"`: a map table given a plain value.
    if (e.kv.value.type !== 'inline-table') {
      out.push({ code: 'containers/not-a-table', message: `\`${path.join('.')}\` is a table; Podman silently drops the ${TOML_TYPE[e.kv.value.type]} given here. Write \`[${path.join('.')}]\` with one entry per line.`, range: rng(e.kv.value.start, e.kv.value.end) });
      return;
    }
    for (const kv of e.kv.value.entries) entry({ header: e.header, kv, path: [...path, ...kv.key.parts.map((p) => p.name)], table: path });
  }

  /** A string against the key's values for the target release; false when it is not one of them. */
  function enumCheck(value: Extract<TomlValue, { type: 'string' }>, k: CcKey): boolean {
    const s = value.value;
    if (valueAccepted(k, s, v)) return true;
    const values = valuesFor(k, v);
    const list = values.filter((x) => x !== '').map((x) => `\`${x}\``).join(', ');
    const sug = cx.suggest(() => closest(s.toLowerCase(), values.filter(Boolean)));
    const hint = sug ? ` Did you mean \`${sug}\`?` : '';
    const range = rng(value.start, value.end);
    if (k.when === 'load') loadError(cx, `\`${s}\` is not a valid ${k.key}: use ${list}.${hint}`, range);
    else if (k.when) out.push({ code: 'containers/runtime-value', message: `\`${s}\` is not a valid ${k.key} (use ${list}). Podman loads the file, but ${k.fails} will fail.${hint}`, range, data: { suggestion: sug } });
    else out.push({ code: 'containers/unknown-value', message: `\`${s}\` is not a ${k.key} Podman knows (${list}).${hint}`, range, data: { suggestion: sug } });
    return false;
  }
}
