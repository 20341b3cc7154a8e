/**
 * containers.conf validation. Severity follows what Podman of the target version does:
 * an error where Podman fails (when it loads the file, or later when a command needs the
 * value: the message says which), a warning where it silently does something else than
 * written (unknown keys and tables are ignored, negative numbers in unsigned fields wrap).
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { Host } from '../host';
import { computeLineStarts, parseToml, positionAt, type TomlDocument, type TomlEntry, type TomlValue } from './toml';
import { MAP_TABLES, MISSPELLINGS, TABLES, VALUE_RULES, findKey, keysOf, otherTablesWith, versionAtLeast } from './keys';
import type { CcKey, CcType } from './schema';
import { findCapability, CAPABILITIES } from '../capabilities/table';
import { closest } from '../util/strings';

export interface ContainersValidateOptions {
  podmanVersion: string;
  host?: Host;
  /** Restricted Mode: nothing on the host is consulted. */
  restricted?: boolean;
}

/** What a dotted path resolves to in the schema. */
export type CcResolved =
  | { type: 'key'; key: CcKey; table: string; canonical: string[]; caseMismatch: boolean }
  | { type: 'map-entry'; table: string; name: string; valueType: CcType; canonical: string[]; caseMismatch: boolean }
  | { type: 'table'; table: string; canonical: string[]; caseMismatch: boolean }
  | { type: 'unknown-table'; table: string[]; suggestion?: string }
  | { type: 'unknown-key'; table: string; key: string; suggestion?: string; elsewhere?: CcKey[]; misspelling?: (typeof MISSPELLINGS)[string] }
  | { type: 'removed-table'; table: string; replacement: string }
  /** A scalar key used as a table (`label.x = 1`, `[containers.label]`): a type error in Podman. */
  | { type: 'key-as-table'; key: CcKey; canonical: string[] };

/**
 * Names looked up exactly, then case-insensitively (the first candidate wins, as in Podman);
 * built once per table because resolvePath runs for every entry of a 50,000-line file.
 */
interface NameIndex {
  names: string[];
  exact: Set<string>;
  folded: Map<string, string>;
}

function nameIndex(names: string[]): NameIndex {
  const folded = new Map<string, string>();
  for (const n of names) if (!folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), n);
  return { names, exact: new Set(names), folded };
}

const TOP = nameIndex(Object.keys(TABLES).filter((t) => !t.includes('.')));

/** Sub-tables and keys of a top-level table, and one index over both (sub-tables first). */
const children = new Map<string, { subTables: string[]; keys: string[]; index: NameIndex }>();
function childrenOf(top: string) {
  let c = children.get(top);
  if (!c) {
    const subTables = Object.keys(TABLES).filter((t) => t.startsWith(`${top}.`)).map((t) => t.slice(top.length + 1));
    const keys = keysOf(top).map((k) => k.key);
    c = { subTables, keys, index: nameIndex([...subTables, ...keys]) };
    children.set(top, c);
  }
  return c;
}
const DESTINATION_KEYS = nameIndex(keysOf('engine.service_destinations.*').map((k) => k.key));

function matchName(name: string, idx: NameIndex): { name: string; exact: boolean } | undefined {
  if (idx.exact.has(name)) return { name, exact: true };
  const ci = idx.folded.get(name.toLowerCase());
  return ci ? { name: ci, exact: false } : undefined;
}

/** Resolves a path like `engine.runtimes.crun` or `containers.label`, case-insensitively as Podman does. */
export function resolvePath(path: string[]): CcResolved {
  if (path.length === 0) return { type: 'unknown-table', table: [] };
  if (path[0].toLowerCase() === 'libpod') return { type: 'removed-table', table: 'libpod', replacement: 'engine' };
  const top = matchName(path[0], TOP);
  if (!top) return { type: 'unknown-table', table: [path[0]], suggestion: closest(path[0].toLowerCase(), TOP.names) };
  let caseMismatch = !top.exact;
  const canonical = [top.name];
  if (path.length === 1) return { type: 'table', table: top.name, canonical, caseMismatch };
  // Sub-tables and keys of the top table.
  const mis = MISSPELLINGS[`${top.name}.${path[1]}`];
  if (mis && path.length === 2) return { type: 'unknown-key', table: top.name, key: path[1], misspelling: mis };
  const { subTables, keys, index } = childrenOf(top.name);
  const second = matchName(path[1], index);
  if (!second) {
    const cand = [...keys, ...subTables];
    const elsewhere = otherTablesWith(path[1], top.name);
    return { type: 'unknown-key', table: top.name, key: path.slice(1).join('.'), suggestion: closest(path[1], cand), elsewhere };
  }
  caseMismatch ||= !second.exact;
  canonical.push(second.name);
  const tableName = `${top.name}.${second.name}`;
  if (subTables.includes(second.name)) {
    if (path.length === 2) return { type: 'table', table: tableName, canonical, caseMismatch };
    if (tableName === 'engine.service_destinations') {
      const dest = path[2];
      canonical.push(dest);
      if (path.length === 3) return { type: 'table', table: 'engine.service_destinations.*', canonical, caseMismatch };
      const dk = matchName(path[3], DESTINATION_KEYS);
      if (!dk || path.length > 4) return { type: 'unknown-key', table: `engine.service_destinations.${dest}`, key: path.slice(3).join('.'), suggestion: closest(path[3], DESTINATION_KEYS.names) };
      canonical.push(dk.name);
      return { type: 'key', key: findKey('engine.service_destinations.*', dk.name)!, table: 'engine.service_destinations.*', canonical, caseMismatch: caseMismatch || !dk.exact };
    }
    const valueType = MAP_TABLES[tableName];
    if (valueType && path.length === 3) return { type: 'map-entry', table: tableName, name: path[2], valueType, canonical: [...canonical, path[2]], caseMismatch };
    return { type: 'unknown-key', table: tableName, key: path.slice(2).join('.') };
  }
  const key = findKey(top.name, second.name)!;
  if (path.length > 2) {
    if (key.type === 'table[]') return { type: 'unknown-key', table: `${top.name}.${second.name}`, key: path.slice(2).join('.') };
    return { type: 'key-as-table', key, canonical };
  }
  return { type: 'key', key, table: top.name, canonical, caseMismatch };
}

const TOML_TYPE: Record<TomlValue['type'], string> = {
  string: 'a string', integer: 'an integer', float: 'a float', boolean: 'a boolean', datetime: 'a date-time',
  array: 'an array', 'inline-table': 'a table', invalid: 'an invalid value',
};
const WANT: Record<CcType, string> = {
  string: 'a string', bool: 'true or false', int: 'an integer', uint: 'a non-negative integer', uint16: 'an integer from 0 to 65535',
  uint32: 'an integer from 0 to 4294967295', size: 'a size such as "1m" or an integer', 'string[]': 'an array of strings',
  'map<string>': 'a table of strings', 'map<string[]>': 'a table of string arrays', 'map<table>': 'a table of tables',
  'table[]': 'an array of tables', any: 'a value',
};

/**
 * Validates a parsed document, or a text: then each entry is checked as the parser reads it
 * and none is kept (the CLI's way; the findings are the same, in the same order).
 */
export function validateContainersConf(source: TomlDocument | string, opts: ContainersValidateOptions): Finding[] {
  let out: Finding[] = [];
  /** Runtimes named in [engine.runtimes], and checks that need them all (run at the end). */
  const runtimes = new Set(['crun', 'crun-vm', 'crun-wasm', 'runc', 'runj', 'kata', 'runsc', 'youki', 'krun', 'ocijail']);
  const afterAll: (() => void)[] = [];
  /** While streaming, entry findings gather here and go after the error and header findings. */
  const entryFindings: Finding[] | undefined = typeof source === 'string' ? out : undefined;
  /** headerFacts results, one per table header. */
  const headers = new Map<NonNullable<TomlEntry['header']>, { tooNew: boolean; resolved: CcResolved; depth: number }>();
  // Line starts for ranges, from the text itself (while streaming there is no document yet).
  let starts: number[] | undefined;
  const lineIndex = {
    get lineStarts(): number[] {
      starts ??= typeof source === 'string' ? computeLineStarts(source) : source.lineStarts;
      return starts;
    },
  };
  const rng = (start: number, end: number): Range => ({ start: positionAt(lineIndex, start), end: positionAt(lineIndex, Math.max(end, start)) });
  /** A range computed only if a finding needs it (most keys have none). */
  const lazyRange = (start: number, end: number): (() => Range) => {
    let r: Range | undefined;
    return () => (r ??= rng(start, end));
  };
  const v = opts.podmanVersion;
  const appendOk = versionAtLeast(v, '4.8');

  const doc = typeof source === 'string' ? parseToml(source, entry) : source;
  if (entryFindings) out = [];

  for (const e of doc.errors) {
    out.push({ code: e.kind === 'duplicate' ? 'containers/duplicate' : 'containers/toml-syntax', message: `${e.message} Podman refuses to start with this file.`, range: rng(e.start, e.end) });
  }

  for (const h of doc.headers) {
    const path = h.key.parts.map((p) => p.name);
    const r = resolvePath(path);
    const at = lazyRange(h.key.start, h.key.end);
    if (h.array) {
      if (r.type === 'key' && r.key.type === 'table[]') continue;
      if (r.type === 'key' || r.type === 'table' || r.type === 'map-entry') {
        out.push({ code: 'containers/wrong-type', message: `\`[[${path.join('.')}]]\` makes an array of tables, but ${path.join('.')} is not one; Podman refuses the file.`, range: at() });
        continue;
      }
    }
    tableOrKeyDiagnostics(r, path, at, true);
  }

  if (entryFindings) out.push(...entryFindings);
  for (const e of doc.entries) entry(e);
  for (const check of afterAll) check();
  return out;

  function tableOrKeyDiagnostics(r: CcResolved, path: string[], range: () => Range, isHeader: boolean): boolean {
    const at = range();
    switch (r.type) {
      case 'removed-table':
        out.push({ code: 'containers/removed-key', message: `The \`[libpod]\` table was renamed \`[engine]\` (Podman 2.0); Podman ignores \`[${path.join('.')}]\` and everything in it.`, range: at, data: { replacement: 'engine' } });
        return false;
      case 'unknown-table':
        out.push({
          code: 'containers/unknown-table',
          message: path.length === 0 ? 'Keys must be inside a table such as [containers] or [engine].' : `Podman has no \`[${path[0]}]\` table and ignores it silently (it only says so at debug log level).${r.suggestion ? ` Did you mean \`[${r.suggestion}]\`?` : ''}`,
          range: at,
          data: { suggestion: r.suggestion ?? null },
        });
        return false;
      case 'unknown-key': {
        if (r.misspelling) {
          out.push({ code: 'containers/misspelled-key', message: `${r.misspelling.note}; Podman ignores \`${r.key}\` silently. Write \`${r.misspelling.key}\`.`, range: at, data: { suggestion: r.misspelling.key } });
          return false;
        }
        if (r.elsewhere?.length && !isHeader) {
          const t = r.elsewhere[0].table;
          out.push({ code: 'containers/wrong-table', message: `\`${r.key}\` belongs in \`[${t}]\`, not \`[${r.table}]\`; Podman ignores it here silently.`, range: at, data: { table: t, key: r.key } });
          return false;
        }
        out.push({
          code: 'containers/unknown-key',
          message: `Podman does not know \`${r.key}\` in \`[${r.table}]\` and ignores it silently (it only says so at debug log level).${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`,
          range: at,
          data: { suggestion: r.suggestion ?? null },
        });
        return false;
      }
      case 'table': {
        const t = TABLES[r.table] ?? (r.table.startsWith('engine.service_destinations') ? TABLES['engine.service_destinations'] : undefined);
        if (t && !versionAtLeast(v, t.since)) {
          out.push({ code: 'containers/key-too-new', message: `\`[${r.table}]\` needs Podman ${t.since} or later; Podman ${v} ignores it.`, range: at });
          return false;
        }
        if (r.caseMismatch) out.push(caseFinding(path, r.canonical, at));
        return true;
      }
      case 'key':
      case 'map-entry':
        if (r.caseMismatch) out.push(caseFinding(path, r.canonical, at));
        return true;
      case 'key-as-table':
        out.push({ code: 'containers/wrong-type', message: `\`${r.canonical.join('.')}\` takes ${WANT[r.key.type]}, so it cannot hold \`${path.slice(2).join('.')}\`; Podman refuses to start with this file.`, range: at });
        return false;
    }
  }

  /** Whether the table a path lives in exists in the target version (reported once, on its header). */
  function tableTooNew(path: string[]): boolean {
    for (let n = 1; n <= Math.min(path.length, 2); n++) {
      const t = TABLES[path.slice(0, n).join('.')];
      if (t && !versionAtLeast(v, t.since)) return true;
    }
    return false;
  }

  function caseFinding(path: string[], canonical: string[], at: Range): Finding {
    return {
      code: 'containers/key-case',
      message: `Podman matches \`${path.join('.')}\` to \`${canonical.join('.')}\` only because it ignores case as a fallback; other tools reading this file may not. Write \`${canonical[canonical.length - 1]}\`.`,
      range: at,
      data: { suggestion: canonical[canonical.length - 1] },
    };
  }

  /** Resolves a header once rather than once per entry under it. */
  function headerFacts(header: NonNullable<TomlEntry['header']>) {
    let f = headers.get(header);
    if (!f) {
      const path = header.key.parts.map((p) => p.name);
      const resolved = resolvePath(path);
      f = { tooNew: tableTooNew(path), resolved, depth: path.length };
      headers.set(header, f);
    }
    return f;
  }

  /**
   * What an entry's path means. A plain key under a [map table] header (runtimes, volume
   * plugins: most lines of a big file) is answered from the header's resolution.
   */
  function resolveEntry(e: TomlEntry): CcResolved {
    const h = e.header && e.kv.key.parts.length === 1 ? headerFacts(e.header) : undefined;
    const t = h?.resolved;
    if (t?.type === 'table' && h!.depth === 2 && e.path.length === 3) {
      const valueType = MAP_TABLES[t.table];
      if (valueType) return { type: 'map-entry', table: t.table, name: e.path[2], valueType, canonical: [...t.canonical, e.path[2]], caseMismatch: t.caseMismatch };
    }
    return resolvePath(e.path);
  }

  function entry(e: TomlEntry): void {
    if (e.path.length === 3 && e.path[0] === 'engine' && e.path[1] === 'runtimes') runtimes.add(e.path[2]);
    const r = resolveEntry(e);
    const keyPart = e.kv.key.parts[e.kv.key.parts.length - 1];
    const at = lazyRange(e.kv.key.start, e.kv.key.end);
    // Only report unknown tables once (on their header), not on every key inside.
    if ((r.type === 'unknown-table' || r.type === 'removed-table') && e.header && e.kv.key.parts.length === 1) return;
    const h = e.header && headerFacts(e.header);
    const headerKind = h?.resolved.type;
    if (r.type === 'unknown-key' && (headerKind === 'unknown-key' || headerKind === 'key-as-table')) return;
    if (r.type === 'key-as-table' && headerKind === 'key-as-table') return;
    if (h?.tooNew && tableTooNew(e.path)) return;
    if (!((r.type === 'key' || r.type === 'map-entry') && !r.caseMismatch) && !tableOrKeyDiagnostics(r, e.path, r.type === 'unknown-key' ? lazyRange(keyPart.start, keyPart.end) : at, false)) return;
    if (r.type === 'table') {
      if (r.table === 'engine.service_destinations.*' && e.kv.value.type !== 'inline-table') {
        out.push({ code: 'containers/wrong-type', message: `A service destination is a table with \`uri\` and \`identity\`, not ${TOML_TYPE[e.kv.value.type]}; Podman refuses to start with this file.`, range: rng(e.kv.value.start, e.kv.value.end) });
        return;
      }
      // `runtimes = "crun"`: a map table given a plain value.
      if (e.kv.value.type !== 'inline-table') {
        out.push({ code: 'containers/not-a-table', message: `\`${e.path.join('.')}\` is a table; Podman silently drops the ${TOML_TYPE[e.kv.value.type]} given here. Write \`[${e.path.join('.')}]\` with one entry per line.`, range: rng(e.kv.value.start, e.kv.value.end) });
      } else {
        const sub = e.kv.value.entries;
        for (const kv of sub) entry({ header: e.header, kv, path: [...e.path, ...kv.key.parts.map((p) => p.name)], table: e.path });
      }
      return;
    }
    if (r.type === 'map-entry') {
      typeCheck(e.kv.value, r.valueType, e.path.join('.'));
      return;
    }
    if (r.type !== 'key') return;
    const k = r.key;
    const name = r.canonical.join('.');
    if (k.removed && (k.removed === 'old' || versionAtLeast(v, k.removed))) {
      out.push({
        code: 'containers/removed-key',
        message: `\`${k.key}\` ${k.removed === 'old' ? 'no longer exists' : `was removed in Podman ${k.removed}`}; Podman ignores it silently.${k.replacement ? ` Use \`${k.replacement}\`.` : ''}`,
        range: at(),
        data: { replacement: k.replacement ?? null },
      });
      return;
    }
    if (k.since && !versionAtLeast(v, k.since)) {
      out.push({ code: 'containers/key-too-new', message: `\`${k.key}\` needs Podman ${k.since} or later; Podman ${v} ignores it silently.`, range: at() });
      return;
    }
    if (k.deprecated) out.push({ code: 'containers/deprecated-key', message: `\`${k.key}\` is deprecated: ${k.deprecated}.`, range: at(), unnecessary: false });
    if (!typeCheck(e.kv.value, k.type, name, k)) return;
    valueCheck(e.kv.value, k, r.canonical);
  }

  /** TOML type against the schema type; false when the value is unusable. */
  function typeCheck(value: TomlValue, type: CcType, name: string, k?: CcKey): boolean {
    const at = lazyRange(value.start, value.end);
    const wrong = (): false => {
      out.push({ code: 'containers/wrong-type', message: `\`${name}\` takes ${WANT[type]}, not ${TOML_TYPE[value.type]}; Podman refuses to start with this file.`, range: at() });
      return false;
    };
    if (value.type === 'invalid') return false;
    switch (type) {
      case 'string':
        return value.type === 'string' || wrong();
      case 'bool':
        return value.type === 'boolean' || wrong();
      case 'int':
      case 'uint':
      case 'uint16':
      case 'uint32': {
        if (value.type !== 'integer') return wrong();
        const max = type === 'uint16' ? 65535n : type === 'uint32' ? 4294967295n : undefined;
        if (value.value < 0n && type !== 'int') {
          if (type === 'uint') {
            out.push({ code: 'containers/negative-unsigned', message: `\`${name}\` is unsigned: Podman accepts ${value.raw} without a word but reads it as ${(18446744073709551616n + value.value).toString()}. Write a number of 0 or more.`, range: at() });
            return false;
          }
          out.push({ code: 'containers/wrong-type', message: `${value.raw} is out of range for \`${name}\` (0 to ${max}); Podman refuses to start with this file.`, range: at() });
          return false;
        }
        if (max !== undefined && value.value > max) {
          out.push({ code: 'containers/wrong-type', message: `${value.raw} is out of range for \`${name}\` (0 to ${max}); Podman refuses to start with this file.`, range: at() });
          return false;
        }
        return true;
      }
      case 'size':
        return value.type === 'string' || value.type === 'integer' || wrong();
      case 'string[]': {
        if (value.type !== 'array') return wrong();
        let tables = 0;
        for (const item of value.items) {
          if (item.type === 'string') continue;
          if (item.type === 'inline-table' && k?.append) {
            tables++;
            if (!appendOk) {
              out.push({ code: 'containers/wrong-type', message: `\`{append = …}\` in arrays needs Podman 4.8 or later; Podman ${v} refuses the file.`, range: rng(item.start, item.end) });
              return false;
            }
            const bad = item.entries.find((kv) => kv.key.parts.map((p) => p.name).join('.') !== 'append' || kv.value.type !== 'boolean');
            if (bad || tables > 1) {
              out.push({ code: 'containers/wrong-type', message: bad ? 'The only attribute an array takes is `append = true|false`; Podman refuses anything else.' : 'An array takes at most one `{append = …}` table.', range: rng(item.start, item.end) });
              return false;
            }
            continue;
          }
          out.push({ code: 'containers/wrong-type', message: `\`${name}\` takes strings only, not ${TOML_TYPE[item.type]}; Podman refuses to start with this file.`, range: rng(item.start, item.end) });
          return false;
        }
        return true;
      }
      case 'map<string>':
      case 'map<string[]>':
      case 'map<table>':
        return value.type === 'inline-table' || wrong();
      case 'table[]':
        if (value.type !== 'array') return wrong();
        for (const item of value.items) {
          if (item.type !== 'inline-table') {
            out.push({ code: 'containers/wrong-type', message: `\`${name}\` takes tables such as \`{base = "10.89.0.0/16", size = 24}\`, not ${TOML_TYPE[item.type]}.`, range: rng(item.start, item.end) });
            return false;
          }
        }
        return true;
      case 'any':
        return true;
    }
  }

  function valueCheck(value: TomlValue, k: CcKey, canonical: string[]): void {
    const id = `${k.table}.${k.key}`;
    const at = lazyRange(value.start, value.end);
    const loadError = (message: string, range = at()) => out.push({ code: 'containers/invalid-value', message: `${message} Podman refuses to start with this file.`, range });
    if (id === 'containers.default_capabilities' && value.type === 'array') {
      capabilities(value);
      return;
    }
    if (value.type === 'string') {
      const s = value.value;
      const rule = VALUE_RULES[id];
      if (rule) {
        let ok = rule.values.some((x) => (rule.ci ? x.toLowerCase() === s.toLowerCase() : x === s)) || (rule.prefixes ?? []).some((p) => s.startsWith(p));
        let values = rule.values;
        if (id === 'engine.image_volume_mode' && !versionAtLeast(v, '5.0')) {
          values = ['bind', 'tmpfs', 'ignore', ''];
          ok = values.includes(s);
        }
        if (!ok) {
          const list = values.filter((x) => x !== '').map((x) => `\`${x}\``).join(', ');
          const sug = closest(s.toLowerCase(), values.filter(Boolean));
          const hint = `${sug ? ` Did you mean \`${sug}\`?` : ''}`;
          if (rule.when === 'load') loadError(`\`${s}\` is not a valid ${k.key}: use ${list}.${hint}`);
          else if (rule.when) {
            out.push({ code: 'containers/runtime-value', message: `\`${s}\` is not a valid ${k.key} (use ${list}). Podman loads the file, but ${rule.fails} will fail.${hint}`, range: at(), data: { suggestion: sug ?? null } });
          } else {
            out.push({ code: 'containers/unknown-value', message: `\`${s}\` is not a ${k.key} Podman knows (${list}).${hint}`, range: at(), data: { suggestion: sug ?? null } });
          }
          return;
        }
      }
      switch (id) {
        case 'containers.umask':
          if (!/^[0-7]{1,4}$/.test(s)) loadError(`\`${s}\` is not a umask: write up to four octal digits, such as \`0022\`.`);
          return;
        case 'containers.shm_size':
          if (!parseGoSize(s)) loadError(`\`${s}\` is not a size: write a number with an optional unit, such as \`64m\`.`);
          return;
        case 'engine.static_dir':
        case 'engine.tmp_dir':
        case 'engine.volume_path':
        case 'containers.log_path':
          if (s !== '' && !s.startsWith('/')) loadError(`\`${k.key}\` must be an absolute path, not \`${s}\`.`);
          return;
        case 'containers.tz':
          if (s !== '' && s !== 'local' && !opts.restricted && opts.host && !opts.host.stat(`/usr/share/zoneinfo/${s}`) && !opts.host.stat(`/etc/zoneinfo/${s}`)) {
            loadError(`No time zone \`${s}\` exists in /usr/share/zoneinfo on this host.`);
          }
          return;
        case 'engine.runtime':
          return runtimeName(s, at());
        case 'engine.events_logfile_max_size':
          if (!parseGoSize(s, true)) loadError(`\`${s}\` is not a size: write a number with an optional unit, such as \`1m\`.`);
          return;
      }
      return;
    }
    if (value.type === 'integer') {
      if (id === 'containers.log_size_max' && value.value >= 0n && value.value < 8192n) loadError('`log_size_max` must be negative (no limit) or at least 8192 bytes.');
      if (id === 'engine.events_logfile_max_size' && value.value < 0n) loadError('`events_logfile_max_size` cannot be negative.');
      if (id === 'containers.oom_score_adj' && (value.value < -1000n || value.value > 1000n)) {
        out.push({ code: 'containers/runtime-value', message: 'oom_score_adj goes from -1000 to 1000; containers will fail to start with this value.', range: at() });
      }
      return;
    }
    if (value.type === 'array') {
      const strings = value.items.filter((i): i is Extract<TomlValue, { type: 'string' }> => i.type === 'string');
      if (id === 'containers.default_ulimits') {
        for (const s of strings) {
          const err = ulimitError(s.value);
          if (err) loadError(err, rng(s.start, s.end));
        }
      } else if (id === 'containers.devices') {
        for (const s of strings) {
          const err = deviceError(s.value, v);
          if (err) loadError(err, rng(s.start, s.end));
        }
      } else if (id === 'containers.default_sysctls') {
        for (const s of strings) {
          if (!/^[^=]+=/.test(s.value)) out.push({ code: 'containers/runtime-value', message: `\`${s.value}\` is not \`name=value\`; \`podman create\` will fail.`, range: rng(s.start, s.end) });
        }
      } else if (id === 'engine.env') {
        for (const s of strings) {
          if (!s.value.includes('=')) out.push({ code: 'containers/unknown-value', message: `\`${s.value}\` is not \`KEY=value\`; Podman warns and ignores it.`, range: rng(s.start, s.end) });
        }
      } else if (id === 'network.default_subnet_pools') {
        subnetPools(value);
      }
    }
    void canonical;
  }

  /** A runtime may be defined after the line that names it, so this check runs last. */
  function runtimeName(s: string, at: Range): void {
    afterAll.push(() => checkRuntimeName(s, at));
  }

  function checkRuntimeName(s: string, at: Range): void {
    if (!runtimes.has(s) && !s.startsWith('/')) {
      out.push({ code: 'containers/runtime-value', message: `No runtime \`${s}\` is defined in [engine.runtimes]; Podman loads the file, but every command that needs the runtime fails ("default OCI runtime not found").`, range: at, data: { suggestion: closest(s, [...runtimes]) ?? null } });
    }
  }

  function subnetPools(value: Extract<TomlValue, { type: 'array' }>): void {
    for (const item of value.items) {
      if (item.type !== 'inline-table') continue;
      const base = item.entries.find((kv) => kv.key.parts[0].name === 'base');
      const size = item.entries.find((kv) => kv.key.parts[0].name === 'size');
      if (base && base.value.type === 'string') {
        const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(base.value.value);
        if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 32) {
          const v6 = base.value.value.includes(':');
          out.push({ code: 'containers/invalid-value', message: v6 ? `Subnet pools must be IPv4: \`${base.value.value}\` is refused. Podman refuses to start with this file.` : `\`${base.value.value}\` is not a CIDR address. Podman refuses to start with this file.`, range: rng(base.value.start, base.value.end) });
          continue;
        }
        if (size && size.value.type === 'integer') {
          const n = size.value.value;
          if (n < 0n || n > 32n) out.push({ code: 'containers/invalid-value', message: 'A subnet pool size must be between 0 and 32. Podman refuses to start with this file.', range: rng(size.value.start, size.value.end) });
          else if (n < BigInt(m[5])) out.push({ code: 'containers/invalid-value', message: `The size /${n} is bigger than the pool ${base.value.value}. Podman refuses to start with this file.`, range: rng(size.value.start, size.value.end) });
        }
      }
      for (const kv of item.entries) {
        const kn = kv.key.parts.map((p) => p.name).join('.');
        if (kn === 'base' && kv.value.type !== 'string') out.push({ code: 'containers/wrong-type', message: '`base` takes a string such as "10.89.0.0/16".', range: rng(kv.value.start, kv.value.end) });
        else if (kn === 'size' && kv.value.type !== 'integer') out.push({ code: 'containers/wrong-type', message: '`size` takes an integer such as 24.', range: rng(kv.value.start, kv.value.end) });
        else if (kn !== 'base' && kn !== 'size') out.push({ code: 'containers/unknown-key', message: `Subnet pools have only \`base\` and \`size\`; Podman ignores \`${kn}\`.`, range: rng(kv.key.start, kv.key.end) });
      }
    }
  }

  function capabilities(value: Extract<TomlValue, { type: 'array' }>): void {
    const seen = new Map<string, string>();
    const styles = new Map<string, number>();
    const items = value.items.filter((i): i is Extract<TomlValue, { type: 'string' }> => i.type === 'string');
    for (const it of items) {
      const at = lazyRange(it.start, it.end);
      const raw = it.value;
      const cap = findCapability(raw);
      if (!cap || /^[0-9]+$/.test(raw.trim()) || raw.trim() !== raw) {
        const norm = raw.toUpperCase().startsWith('CAP_') ? raw.toUpperCase() : `CAP_${raw.toUpperCase()}`;
        const s = closest(raw.toLowerCase().replace(/^cap_/, ''), CAPABILITIES.map((c) => c.name));
        const sugg = s ? respell(s, raw) : undefined;
        out.push({
          code: 'containers/unknown-capability',
          message: raw.toUpperCase() === 'ALL'
            ? '`ALL` only works with --cap-add/--cap-drop; in default_capabilities it becomes CAP_ALL and `podman create` fails.'
            : `\`${raw}\` is not a capability. Podman loads the file, but \`podman create\` and \`podman run\` fail ("${norm}": unknown capability).${sugg ? ` Did you mean \`${sugg}\`?` : ''}`,
          range: at(),
          data: { suggestion: sugg ?? null },
        });
        continue;
      }
      const prev = seen.get(cap.cap);
      if (prev !== undefined) {
        out.push({ code: 'containers/duplicate-capability', message: `${cap.cap} is already in the list (as \`${prev}\`).`, range: at(), data: { capability: cap.cap } });
      } else seen.set(cap.cap, raw);
      const style = spellingStyle(raw);
      styles.set(style, (styles.get(style) ?? 0) + 1);
    }
    if (styles.size > 1) {
      const major = [...styles].sort((a, b) => b[1] - a[1])[0][0];
      for (const it of items) {
        if (findCapability(it.value) && spellingStyle(it.value) !== major) {
          out.push({ code: 'containers/capability-spelling', message: `The other names in this list are written like \`${respell('sys_chroot', major)}\`; writing \`${it.value}\` the same way keeps the list easy to read (Podman accepts both).`, range: rng(it.start, it.end), data: { replacement: respell(findCapability(it.value)!.name, major) } });
        }
      }
    }
  }
}

export function spellingStyle(raw: string): string {
  const prefixed = /^cap_/i.test(raw);
  const upper = raw === raw.toUpperCase();
  return `${prefixed ? 'CAP_' : ''}${upper ? 'UPPER' : 'lower'}`;
}

/** Writes a capability (`sys_time`) in the style of an example spelling or style name. */
export function respell(name: string, styleOrExample: string): string {
  const style = styleOrExample.includes('UPPER') || styleOrExample.includes('lower') ? styleOrExample : spellingStyle(styleOrExample);
  const body = style.endsWith('UPPER') ? name.toUpperCase() : name.toLowerCase();
  return style.startsWith('CAP_') ? `${style.endsWith('UPPER') ? 'CAP_' : 'cap_'}${body}` : body;
}

/** go-units FromHumanSize / RAMInBytes: a number with an optional unit. */
function parseGoSize(s: string, decimal = false): boolean {
  void decimal;
  return /^\s*[0-9]+(\.[0-9]+)?\s*([kKmMgGtTpPbB]|[kKmMgGtTpP][bB]|[kKmMgGtTpP]i[bB])?\s*$/.test(s);
}

const ULIMITS = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

function ulimitError(s: string): string | undefined {
  const m = /^([^=]+)=([^:]*)(?::(.*))?$/.exec(s);
  if (!m) return `\`${s}\` is not a ulimit: write \`name=soft[:hard]\`, such as \`nofile=1024:2048\`.`;
  if (!ULIMITS.has(m[1])) return `\`${m[1]}\` is not a ulimit name (use one of ${[...ULIMITS].join(', ')}).`;
  for (const n of [m[2], m[3]]) if (n !== undefined && !/^-?[0-9]+$/.test(n)) return `\`${n}\` in \`${s}\` is not a number.`;
  return undefined;
}

function deviceError(s: string, podman: string): string | undefined {
  if (!s.startsWith('/')) {
    // CDI names (vendor.com/class=name) are skipped at load by newer Podman; 4.3 refuses them.
    if (/^[a-z0-9.-]+\/[a-z0-9._-]+=/i.test(s)) return versionAtLeast(podman, '4.4') ? undefined : `CDI device names such as \`${s}\` need a later Podman than ${podman}.`;
    return `\`${s}\` is not a device: write \`/dev/src[:/dev/dst][:rwm]\` or a CDI name.`;
  }
  const parts = s.split(':');
  if (parts.length > 3) return `\`${s}\` is not a device specification.`;
  const mode = parts.length === 3 ? parts[2] : parts.length === 2 && !parts[1].startsWith('/') ? parts[1] : undefined;
  if (parts.length === 3 && !parts[1].startsWith('/')) return `\`${s}\` is not a device specification.`;
  if (mode !== undefined && !/^[rwm]{1,3}$/.test(mode)) return `\`${mode}\` is not a device mode (use r, w and m).`;
  return undefined;
}

export { parseToml };
