/** Finding things in the TOML model by offset, shared by the editor features. */
import type { Range } from 'vscode-languageserver-types';
import { positionAt, type KeyPart, type TomlDocument, type TomlEntry, type TomlHeader, type TomlValue } from './toml';

export type StringValue = Extract<TomlValue, { type: 'string' }>;

export const rng = (doc: TomlDocument, s: number, e: number): Range => ({ start: positionAt(doc, s), end: positionAt(doc, e) });
export const within = (o: number, s: { start: number; end: number }): boolean => o >= s.start && o <= s.end;

/** The last item of a sorted list whose start is at or before `offset` (binary search). */
function lastStartingBefore<T>(list: readonly T[], offset: number, start: (t: T) => number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(list[mid]) <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The entry whose key or value holds `offset`, with the array element there if any. */
export function entryAt(doc: TomlDocument, offset: number): { e: TomlEntry; inKey: boolean; value?: TomlValue } | undefined {
  const e = lastStartingBefore(doc.entries, offset, (x) => x.kv.start);
  if (!e) return undefined;
  if (within(offset, e.kv.key)) return { e, inKey: true };
  if (within(offset, e.kv.value)) {
    let v: TomlValue = e.kv.value;
    if (v.type === 'array') v = v.items.find((i) => within(offset, i)) ?? v;
    return { e, inKey: false, value: v };
  }
  return undefined;
}

/** The header whose key holds `offset`. */
export function headerAt(doc: TomlDocument, offset: number): TomlHeader | undefined {
  const h = lastStartingBefore(doc.headers, offset, (x) => x.start);
  return h && within(offset, h.key) ? h : undefined;
}

/** The table the cursor is in: the path of the last header before it. */
export function tableAt(doc: TomlDocument, offset: number): string[] {
  const h = lastStartingBefore(doc.headers, offset, (x) => x.start);
  return h ? h.key.parts.map((p) => p.name) : [];
}

/**
 * The dotted key (of a header or an entry) a diagnostic range covers: the whole key, or
 * `part`, the one part of it that spans exactly [start, end).
 */
export function keyAt(doc: TomlDocument, start: number, end: number): { parts: KeyPart[]; path: string[]; part?: number } | undefined {
  const h = headerAt(doc, start);
  const hit = h ? undefined : entryAt(doc, start);
  const key = h ? h.key : hit?.inKey ? hit.e.kv.key : undefined;
  if (!key) return undefined;
  const path = h ? key.parts.map((p) => p.name) : hit!.e.path;
  if (key.start === start && key.end === end) return { parts: key.parts, path };
  const part = key.parts.findIndex((p) => p.start === start && p.end === end);
  return part === -1 ? undefined : { parts: key.parts, path, part };
}

/** A string value (on its own or in an array) that spans exactly [start, end). */
export function stringAt(doc: TomlDocument, start: number, end: number): StringValue | undefined {
  const hit = entryAt(doc, start);
  const v = hit?.value;
  return v?.type === 'string' && v.start === start && v.end === end ? v : undefined;
}

/**
 * Where the characters of a string sit between its quotes (after the newline a multi-line
 * string may start with): editing there keeps the string's own quoting.
 */
export function contentSpan(doc: TomlDocument, v: StringValue): { start: number; end: number } {
  const q = v.multiline ? 3 : 1;
  let start = v.start + q;
  if (v.multiline) {
    if (doc.text.startsWith('\r\n', start)) start += 2;
    else if (doc.text[start] === '\n') start += 1;
  }
  return { start, end: Math.max(start, v.end - q) };
}

/** The line break the document uses (the first one), `\n` when it has none. */
export function eolOf(text: string): string {
  return /\r\n|\n/.exec(text)?.[0] ?? '\n';
}
