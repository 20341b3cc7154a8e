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
  doc: Document;
  lineStarts: number[];
  config: ConfigEntry[];
  /** Key ranges of `config` keys given a second time. */
  duplicates: Range[];
  /** `config:` is there but is not a map. */
  configNotMap?: Range;
}

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

export function parseIncus(text: string): IncusModel {
  // uniqueKeys is off: the library compares every pair of keys (quadratic); duplicates of
  // `config` keys are found below with a set.
  const { parseDocument, isMap, isScalar } = yaml();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const starts = lineStarts(text);
  const model: IncusModel = { text, doc, lineStarts: starts, config: [], duplicates: [] };
  const seen = new Set<string>();
  const config = isMap(doc.contents) ? doc.contents.get('config', true) : undefined;
  if (config === undefined || config === null) return model;
  if (!isMap(config)) {
    model.configNotMap = rangeOf(starts, (config as { range?: [number, number, number] }).range, text);
    return model;
  }
  for (const pair of config.items) {
    if (!isScalar(pair.key)) continue;
    const v = pair.value;
    const value = isScalar(v) ? (v.value === null ? '' : String(v.value)) : undefined;
    const key = String(pair.key.value);
    const keyRange = rangeOf(starts, pair.key.range, text);
    if (seen.has(key)) model.duplicates.push(keyRange);
    seen.add(key);
    model.config.push({
      key,
      value,
      keyRange,
      valueRange: rangeOf(starts, (v as { range?: [number, number, number] } | null)?.range ?? pair.key.range, text),
      node: isScalar(v) ? v : undefined,
    });
  }
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
