/**
 * Hover, completion, outline and quick fixes for the schema-driven TOML formats
 * (storage.conf, registries.conf). Everything reads the schema tables; text from the document
 * is escaped wherever it is shown.
 */
import {
  CompletionItemKind, SymbolKind,
  type CodeAction, type CompletionItem, type Diagnostic, type DocumentSymbol, type Hover, type Position, type Range,
} from 'vscode-languageserver-types';
import type { TomlDocument } from '../containers/toml';
import { replaceWithSuggestion } from '../util/actions';
import { inlineCode } from '../util/markdown';
import { closest } from '../util/strings';
import { live, liveKeys, offsetAt, rangeOf } from './check';
import { lastOf, resolve, type KeySpec, type KeyType, type Schema, type TableSpec } from './schema';

export interface FormatInfo {
  schema: Schema;
  /** The file name shown in hovers. */
  file: string;
  /** Link to the format's manual page. */
  manUrl: string;
  podmanVersion: string;
  /** Extra hover text for a value (a driver, a short-name mode), if any. */
  valueDoc?: (key: KeySpec, value: string) => string | undefined;
  /** Extra hover text for a name inside a map (a pull option, an alias). */
  mapEntryDoc?: (owner: string, name: string) => string | undefined;
}

const TYPE_WORDS: Record<KeyType, string> = {
  string: 'string', bool: 'boolean', uint32: 'unsigned 32-bit integer', int: 'integer', 'string[]': 'array of strings', 'map<string>': 'table of strings',
};

const within = (o: number, s: { start: number; end: number }) => o >= s.start && o <= s.end;
const names = (_doc: TomlDocument, k: { parts: { name: string }[] }) => k.parts.map((p) => p.name);

export function keyMarkdown(k: KeySpec, f: FormatInfo): string {
  const lines = [`**${k.table ? `${k.table}.` : ''}${k.key}** (${f.file})`, '', k.doc, '', `- Type: ${TYPE_WORDS[k.type]}`];
  if (k.default !== undefined) lines.push(`- Default: \`${k.default}\``);
  if (k.values) lines.push(`- Values: ${k.values.filter(Boolean).map((v) => `\`${v}\``).join(', ')}`);
  else if (k.examples) lines.push(`- For example: ${k.examples.map((v) => `\`${v}\``).join(', ')}`);
  if (k.append) lines.push(`- From Podman ${k.append}: end the array with \`{append = true}\` to add to what earlier files set instead of replacing it`);
  const state = live(k, f.podmanVersion);
  if (k.since) lines.push(`- Podman ${k.since} and later${state === 'too-new' ? `: **ignored by the target Podman ${f.podmanVersion}**` : ''}`);
  if (k.removed) lines.push(`- No longer read since Podman ${k.removed}${state === 'removed' ? `: **ignored by the target Podman ${f.podmanVersion}**` : ''}`);
  lines.push('', `[${f.file}(5)](${f.manUrl})`);
  return lines.join('\n');
}

function tableMarkdown(t: TableSpec, f: FormatInfo): string {
  const keys = liveKeys(f.schema, t.name, f.podmanVersion).map((k) => `\`${k.key}\``);
  const lines = [`**[${t.array ? '[' : ''}${t.name}${t.array ? ']' : ''}]** (${f.file})`, '', t.doc];
  if (keys.length) lines.push('', `Keys: ${keys.join(', ')}`);
  if (t.removed) lines.push('', `No longer read since Podman ${t.removed}.`);
  if (t.since) lines.push('', `Podman ${t.since} and later.`);
  return lines.join('\n');
}

export function hoverToml(doc: TomlDocument, pos: Position, f: FormatInfo): Hover | null {
  const off = offsetAt(doc, pos);
  const res = (p: string[]) => resolve(f.schema, p, (w, c) => closest(w, c));
  for (const h of doc.headers) {
    if (!within(off, h.key)) continue;
    const r = res(names(doc, h.key));
    const value = r.kind === 'table' ? tableMarkdown(r.table, f) : r.kind === 'key' ? keyMarkdown(r.key, f) : undefined;
    return value ? { contents: { kind: 'markdown', value }, range: rangeOf(doc, h.key.start, h.key.end) } : null;
  }
  for (const e of doc.entries) {
    if (!within(off, e.kv)) continue;
    const inKey = within(off, e.kv.key);
    // Inline tables: find the innermost key/value under the cursor.
    let path = e.path;
    let kv = e.kv;
    for (;;) {
      const v = kv.value;
      const inner = v.type === 'inline-table' ? v.entries : v.type === 'array' ? v.items.flatMap((i) => (i.type === 'inline-table' ? i.entries : [])) : [];
      const hit = inner.find((x) => within(off, x));
      if (!hit) break;
      path = [...path, ...names(doc, hit.key)];
      kv = hit;
    }
    const r = res(path);
    const at = inKey ? rangeOf(doc, kv.key.start, kv.key.end) : rangeOf(doc, kv.value.start, kv.value.end);
    let value: string | undefined;
    if (r.kind === 'key') {
      const extra = !within(off, kv.key) && kv.value.type === 'string' ? f.valueDoc?.(r.key, kv.value.value) : undefined;
      value = extra ? `${inlineCode(kv.value.type === 'string' ? kv.value.value : '')}: ${extra}\n\n---\n\n${keyMarkdown(r.key, f)}` : keyMarkdown(r.key, f);
    } else if (r.kind === 'map-entry') {
      const name = path[path.length - 1];
      const extra = f.mapEntryDoc?.(r.owner, name);
      value = `${inlineCode(name)} in \`${r.owner}\`${extra ? `: ${extra}` : ''}`;
    } else if (r.kind === 'table') value = tableMarkdown(r.table, f);
    return value ? { contents: { kind: 'markdown', value }, range: at } : null;
  }
  return null;
}

/** The table the cursor line belongs to (the last header above it). */
function tableAt(doc: TomlDocument, off: number, f: FormatInfo): string {
  let header: string[] = [];
  for (const h of doc.headers) if (h.start <= off) header = names(doc, h.key);
  const r = resolve(f.schema, header, () => undefined);
  return r.kind === 'table' ? r.table.name : '';
}

function valueItems(k: KeySpec, f: FormatInfo, range: Range | undefined, quoted: boolean): CompletionItem[] {
  const make = (label: string, text: string, doc?: string): CompletionItem => ({
    label, kind: CompletionItemKind.Value, documentation: doc ? { kind: 'markdown', value: doc } : undefined,
    ...(range ? { textEdit: { range, newText: text } } : { insertText: text }),
  });
  if (k.type === 'bool') return ['true', 'false'].map((v) => make(v, v));
  const vals = (k.values ?? k.examples ?? []).filter(Boolean);
  return vals.map((v) => make(v, quoted ? v : `"${v}"`, f.valueDoc?.(k, v)));
}

export function completeToml(doc: TomlDocument, pos: Position, f: FormatInfo): CompletionItem[] {
  const off = offsetAt(doc, pos);
  const lineStart = doc.lineStarts[pos.line] ?? 0;
  const before = doc.text.slice(lineStart, off);
  // In a header: sub-tables.
  const hm = /^\s*\[\[?\s*([\w.-]*)$/.exec(before);
  if (hm) {
    return f.schema.tables.filter((t) => t.name && live(t, f.podmanVersion) === 'ok').map((t) => ({
      label: t.name, kind: CompletionItemKind.Module, detail: t.array ? 'array of tables' : 'table', documentation: { kind: 'markdown', value: tableMarkdown(t, f) },
    }));
  }
  // In a value: the values of the key.
  const vm = /^\s*([\w.-]+)\s*=\s*("?)([^"]*)$/.exec(before);
  if (vm) {
    const table = tableAt(doc, off, f);
    const r = resolve(f.schema, [...(table ? table.split('.') : []), ...vm[1].split('.')], () => undefined);
    if (r.kind !== 'key') return [];
    const quoted = vm[2] === '"';
    const start = { line: pos.line, character: pos.character - vm[3].length };
    return valueItems(r.key, f, { start, end: pos }, quoted);
  }
  // At the start of a line: the keys of the table not set yet.
  if (!/^\s*[\w-]*$/.test(before)) return [];
  const table = tableAt(doc, off, f);
  const set = new Set(doc.entries.filter((e) => e.table.join('.') === table).map((e) => lastOf(e.path.join('.'))));
  const typed = /[\w-]*$/.exec(before)![0];
  const range = { start: { line: pos.line, character: pos.character - typed.length }, end: pos };
  return liveKeys(f.schema, table, f.podmanVersion).filter((k) => !set.has(k.key)).map((k) => ({
    label: k.key, kind: CompletionItemKind.Property, detail: TYPE_WORDS[k.type],
    documentation: { kind: 'markdown', value: keyMarkdown(k, f) },
    textEdit: { range, newText: `${k.key} = ${k.type === 'bool' ? (k.default ?? 'false') : k.type === 'string[]' ? '[]' : k.type === 'map<string>' ? '{}' : k.type === 'string' ? `"${k.values?.[0] ?? k.examples?.[0] ?? ''}"` : (k.default ?? '0')}` },
  }));
}

/** Outline: one entry per header with its keys; top-level keys as fields. */
export function tomlSymbols(doc: TomlDocument): DocumentSymbol[] {
  const field = (e: TomlDocument['entries'][number]): DocumentSymbol => ({
    name: names(doc, e.kv.key).join('.'), kind: SymbolKind.Field,
    detail: doc.text.slice(e.kv.value.start, Math.min(e.kv.value.end, e.kv.value.start + 60)).replace(/\s+/g, ' '),
    range: rangeOf(doc, e.kv.start, e.kv.end), selectionRange: rangeOf(doc, e.kv.key.start, e.kv.key.end),
  });
  const out: DocumentSymbol[] = doc.entries.filter((e) => !e.header).map(field);
  doc.headers.forEach((h, i) => {
    let end = i + 1 < doc.headers.length ? doc.headers[i + 1].start : doc.text.length;
    while (end > h.end && /\s/.test(doc.text[end - 1])) end--;
    const n = names(doc, h.key).join('.');
    out.push({
      name: h.array ? `[[${n}]]` : `[${n}]`, kind: h.array ? SymbolKind.Array : SymbolKind.Namespace,
      range: rangeOf(doc, h.start, Math.max(end, h.end)), selectionRange: rangeOf(doc, h.key.start, h.key.end),
      children: doc.entries.filter((e) => e.header === h).map(field),
    });
  });
  return out;
}

/** Quick fixes: replace a misspelled name or value with the suggestion the diagnostic carries. */
export function tomlCodeActions(uri: string, diagnostics: Diagnostic[], prefix: string, valueCodes: readonly string[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (typeof d.code !== 'string' || !d.code.startsWith(`${prefix}/`)) continue;
    const valueFix = valueCodes.includes(d.code);
    const a = replaceWithSuggestion(d, uri, valueFix);
    if (a) out.push(a);
  }
  return out;
}

