/**
 * Incus/LXD instance and profile YAML (`incus config show`, `incus profile show`): parsed with
 * the `yaml` package, which keeps the source range of every node. ctconf reads the top-level
 * `config:` map (string keys to string values in Incus).
 */
import type { Document, Scalar } from 'yaml';

/**
 * The yaml library, loaded when the first Incus/LXD document is parsed: setting it up costs
 * about 10 ms, which every start of the CLI and the server paid for files most never open.
 */
const yaml = (): typeof import('yaml') => require('yaml');
import type { Range } from 'vscode-languageserver-types';
import { INCUS_KEYS, type IncusKeyRow } from './keys';

export interface ConfigEntry {
  key: string;
  /** The value as Incus receives it (scalars as text; undefined for maps and lists). */
  value: string | undefined;
  keyRange: Range;
  valueRange: Range;
  /** The value node, for block scalars (raw.lxc, raw.idmap) whose lines are checked one by one. */
  node: Scalar | undefined;
}

export interface IncusModel {
  text: string;
  /** The first YAML document: the only one Incus reads. */
  doc: Document;
  lineStarts: number[];
  /** The effective `config` map in order: one entry per key, the last one given (merge keys followed). */
  config: ConfigEntry[];
  /** Entries a later one of the same key replaces (yaml.v2 keeps the last without a word). */
  overridden: { entry: ConfigEntry; by: ConfigEntry }[];
  /** `config:` is there but is not a map. */
  configNotMap?: Range;
  /** A merge key (`<<`) whose value is not a map or a list of maps: yaml.v2 refuses the document. */
  badMerges: Range[];
  /** From the start of a second YAML document to the end of the text, which Incus never reads. */
  ignoredDocuments?: Range;
  /** Where ctconf stopped following merge keys (more than MAX_MERGED entries brought in). */
  mergeLimit?: Range;
}

/** Most entries merge keys may bring into `config` before ctconf stops following them. */
const MAX_MERGED = 100_000;

export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) out.push(i + 1);
  }
  return out;
}

export function positionAt(starts: number[], offset: number, text?: string): { line: number; character: number } {
  if (text !== undefined) offset = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  let character = offset - starts[lo];
  if (text !== undefined) {
    // Never past the line's own text (an offset on its line break counts as its end).
    const next = lo + 1 < starts.length ? starts[lo + 1] : text.length;
    const content = text.slice(starts[lo], next).replace(/\r?\n$|\r$/, '').length;
    character = Math.min(character, content);
  }
  return { line: lo, character };
}

export function rangeOf(starts: number[], r: readonly [number, number, ...number[]] | undefined | null, text?: string): Range {
  const a = positionAt(starts, r?.[0] ?? 0, text);
  return { start: a, end: positionAt(starts, r?.[1] ?? r?.[0] ?? 0, text) };
}

/**
 * A scalar as Go's yaml.v2 stores it into a string (Incus's `config` is a map of strings): a plain
 * scalar as written (`1.0`, `yes`, `0x10` stay so, where YAML would read a number or a boolean),
 * a null one (`~`, `null`, nothing) as the empty string, a quoted or block one as its text.
 */
function goString(s: Scalar): string {
  if (s.value === null || s.value === undefined) return '';
  return s.type === 'PLAIN' && typeof s.source === 'string' ? s.source : String(s.value);
}

export function parseIncus(text: string): IncusModel {
  // uniqueKeys is off: yaml.v2 keeps the last of repeated keys (and the library's check is
  // quadratic); merge keys are followed below, in yaml.v2's order.
  const { parseAllDocuments, isMap, isScalar, isAlias, isSeq } = yaml();
  const all = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(all) ? all : [];
  const doc = docs[0] ?? yaml().parseDocument('', { prettyErrors: false });
  const starts = lineStarts(text);
  const model: IncusModel = { text, doc, lineStarts: starts, config: [], overridden: [], badMerges: [] };
  // A later document with content (not only `---`, `...`, comments and blank lines).
  const later = docs.length > 1 ? text.slice(docs[1].range[0]) : '';
  if (later.split(/\r\n|\r|\n/).some((l) => !/^(?:---|\.\.\.)?\s*(?:#.*)?$/.test(l))) {
    model.ignoredDocuments = rangeOf(starts, [docs[1].range[0], text.trimEnd().length], text);
  }
  // Alias.resolve searches the document for its anchor: once per alias node, not per use.
  const resolved = new Map<unknown, unknown>();
  const resolve = (n: unknown): unknown => {
    if (!isAlias(n)) return n;
    if (!resolved.has(n)) resolved.set(n, n.resolve(doc));
    return resolved.get(n);
  };
  const config = resolve(isMap(doc.contents) ? doc.contents.get('config', true) : undefined);
  if (config === undefined || config === null || (isScalar(config) && config.value === null)) return model;
  if (!isMap(config)) {
    model.configNotMap = rangeOf(starts, (config as { range?: [number, number, number] }).range, text);
    return model;
  }
  const byKey = new Map<string, ConfigEntry>();
  const written = new Set<ConfigEntry>();
  const set = (e: ConfigEntry, explicit: boolean) => {
    // Reported when a key written in `config` is replaced (by a later one or by a merge after it).
    const before = byKey.get(e.key);
    if (before && written.has(before)) model.overridden.push({ entry: before, by: e });
    if (explicit) written.add(e);
    byKey.delete(e.key);
    byKey.set(e.key, e);
  };
  // Maps already being merged (an alias cycle would otherwise never end), and a bound on the
  // entries merge keys may bring in (aliases of aliases multiply: 10 levels of 10 are 10^10).
  const active = new Set<unknown>();
  let budget = MAX_MERGED;
  const addMap = (map: { items: unknown[] }, explicit: boolean) => {
    if (active.has(map)) return;
    active.add(map);
    for (const item of map.items as { key: unknown; value: unknown }[]) {
      if (!explicit && --budget < 0) {
        model.mergeLimit ??= rangeOf(starts, (item.key as { range?: [number, number, number] } | null)?.range, text);
        break;
      }
      const k = resolve(item.key);
      if (!isScalar(k)) continue;
      if (k.type === 'PLAIN' && k.source === '<<') {
        const v = resolve(item.value);
        if (isMap(v)) addMap(v, false);
        // Earlier maps of the list take precedence: yaml.v2 merges the list from its end.
        else if (isSeq(v) && v.items.every((x) => isMap(resolve(x)))) [...v.items].reverse().forEach((x) => addMap(resolve(x) as { items: unknown[] }, false));
        else model.badMerges.push(rangeOf(starts, k.range, text));
        continue;
      }
      const v = resolve(item.value);
      set({
        key: goString(k),
        value: v === null || v === undefined ? '' : isScalar(v) ? goString(v) : undefined,
        keyRange: rangeOf(starts, k.range, text),
        valueRange: rangeOf(starts, (v as { range?: [number, number, number] } | null)?.range ?? k.range, text),
        node: isScalar(v) ? v : undefined,
      }, explicit);
    }
    active.delete(map);
  };
  addMap(config, true);
  model.config = [...byKey.values()];
  return model;
}

/** Exact keys by name, and the pattern keys as regular expressions (both built once, never changed). */
const EXACT: ReadonlyMap<string, IncusKeyRow> = new Map(INCUS_KEYS.filter((k) => !/[*<]/.test(k[0])).map((k) => [k[0], k]));
const PATTERNS: readonly (readonly [RegExp, IncusKeyRow])[] = INCUS_KEYS.filter((k) => /[*<]/.test(k[0]))
  .map((k) => [new RegExp(`^${k[0].replace(/[.]/g, '\\.').replace(/\*/g, '.+').replace(/<name>/g, '[^.]+')}$`), k] as const);

/** The facts of a key, pattern keys (`user.*`, `volatile.<name>.hwaddr`) included. */
export function incusKey(name: string): IncusKeyRow | undefined {
  return EXACT.get(name) ?? PATTERNS.find(([re]) => re.test(name))?.[1];
}

/** The value of a config key in a model, if set. */
export function configValue(m: IncusModel, key: string): string | undefined {
  return m.config.find((e) => e.key === key)?.value;
}
