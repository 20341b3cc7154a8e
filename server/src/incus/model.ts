/**
 * Incus/LXD instance and profile YAML (`incus config show`, `incus profile show`): parsed with
 * the `yaml` package, which keeps the source range of every node. ctconf reads the top-level
 * `config:` map (string keys to string values in Incus).
 */
import { parseDocument, isMap, isScalar, type Document, type Scalar } from 'yaml';
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

export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function rangeOf(starts: number[], r: readonly [number, number, ...number[]] | undefined | null): Range {
  const a = positionAt(starts, r?.[0] ?? 0);
  return { start: a, end: positionAt(starts, r?.[1] ?? r?.[0] ?? 0) };
}

export function parseIncus(text: string): IncusModel {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const starts = lineStarts(text);
  const model: IncusModel = { text, doc, lineStarts: starts, config: [] };
  const config = isMap(doc.contents) ? doc.contents.get('config', true) : undefined;
  if (config === undefined || config === null) return model;
  if (!isMap(config)) {
    model.configNotMap = rangeOf(starts, (config as { range?: [number, number, number] }).range);
    return model;
  }
  for (const pair of config.items) {
    if (!isScalar(pair.key)) continue;
    const v = pair.value;
    const value = isScalar(v) ? (v.value === null ? '' : String(v.value)) : undefined;
    model.config.push({
      key: String(pair.key.value),
      value,
      keyRange: rangeOf(starts, pair.key.range),
      valueRange: rangeOf(starts, (v as { range?: [number, number, number] } | null)?.range ?? pair.key.range),
      node: isScalar(v) ? v : undefined,
    });
  }
  return model;
}

/** The facts of a key, pattern keys (`user.*`, `volatile.<name>.hwaddr`) included. */
export function incusKey(name: string): IncusKeyRow | undefined {
  const exact = INCUS_KEYS.find((k) => k[0] === name);
  if (exact) return exact;
  return INCUS_KEYS.find((k) => {
    if (!/[*<]/.test(k[0])) return false;
    const re = new RegExp(`^${k[0].replace(/[.]/g, '\\.').replace(/\*/g, '.+').replace(/<name>/g, '[^.]+')}$`);
    return re.test(name);
  });
}

/** The value of a config key in a model, if set. */
export function configValue(m: IncusModel, key: string): string | undefined {
  return m.config.find((e) => e.key === key)?.value;
}
