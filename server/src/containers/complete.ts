/**
 * Completion for containers.conf: table names, keys of the table at the cursor (as snippets
 * shaped by their type), values of enumerated keys for the target release, and capability
 * names written like the rest of the list.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import { offsetAt, type TomlDocument, type TomlEntry } from './toml';
import type { CcKey } from './data';
import { TABLES, keysOf, valuesFor, versionAtLeast } from './keys';
import { resolvePath } from './resolve';
import { contentSpan, entryAt, rng, tableAt, type StringValue } from './cursor';
import { keyMarkdown, type CcFeatureContext } from './hover';
import { majorityStyle, respell } from './capabilityList';
import { CAPABILITIES, findCapability, podmanDefaultSet } from '../capabilities/table';
import { capabilityMarkdown } from '../capabilities/hover';

/** How far back completion looks for the `key = [` of an array the parser could not read. */
const OPEN_ARRAY_LINES = 200;

function snippetFor(k: CcKey): string {
  switch (k.type) {
    case 'string':
    case 'size':
      return `${k.key} = "$0"`;
    case 'bool':
      return `${k.key} = \${1|true,false|}`;
    case 'int':
    case 'uint':
    case 'uint16':
    case 'uint32':
      return `${k.key} = $0`;
    case 'string[]':
      return `${k.key} = [$0]`;
    case 'table[]':
      return `${k.key} = [{ $0 }]`;
    default:
      return `${k.key} = { $0 }`;
  }
}

export function completeCc(doc: TomlDocument, pos: Position, ctx: CcFeatureContext): CompletionItem[] {
  const offset = offsetAt(doc, pos);
  const lineStart = doc.lineStarts[Math.min(pos.line, doc.lineStarts.length - 1)] ?? 0;
  const before = doc.text.slice(Math.min(lineStart, offset), offset);
  if (inComment(doc, offset)) return [];
  // Inside a value: enum strings, capability names.
  const hit = entryAt(doc, offset);
  if (hit && !hit.inKey) return completeValue(doc, hit.e, offset, ctx);
  const broken = !hit ? openArrayAt(doc, offset) : undefined;
  if (broken === 'default_capabilities') return capabilityItems(doc, offset, ctx);
  const m = /^(\s*)\[\[?\s*([\w.-]*)$/.exec(before);
  if (m) {
    const start = offset - m[2].length;
    let end = offset;
    while (end < doc.text.length && /[\w.-]/.test(doc.text[end])) end++;
    return Object.entries(TABLES)
      .filter(([, t]) => versionAtLeast(ctx.podmanVersion, t.since))
      .map(([name, t]) => ({ label: name, kind: CompletionItemKind.Module, documentation: { kind: 'markdown', value: t.doc }, textEdit: { range: rng(doc, start, end), newText: name } }));
  }
  const km = /^(\s*)([\w-]*)$/.exec(before);
  if (km) {
    const table = tableAt(doc, offset);
    const r = resolvePath(table);
    if (r.type !== 'table') return [];
    const tableName = table.join('.');
    const present = new Set(doc.entries.filter((e) => e.table.join('.') === tableName).map((e) => e.path[e.path.length - 1]));
    const start = offset - km[2].length;
    let end = offset;
    while (end < doc.text.length && /[\w-]/.test(doc.text[end])) end++;
    const hasEq = /^\s*=/.test(doc.text.slice(end, doc.lineStarts[pos.line + 1] ?? doc.text.length));
    return keysOf(r.table)
      .filter((k) => !k.removed && !present.has(k.key) && (!k.since || versionAtLeast(ctx.podmanVersion, k.since)))
      .map((k) => ({
        label: k.key,
        kind: CompletionItemKind.Property,
        detail: k.type,
        documentation: { kind: 'markdown', value: keyMarkdown(k, ctx.podmanVersion, k.key) },
        insertTextFormat: hasEq ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
        textEdit: { range: rng(doc, start, end), newText: hasEq ? k.key : snippetFor(k) },
        tags: k.deprecated ? [1] : undefined,
      }));
  }
  // After `key = ` on a line the parser could not read yet.
  const vm = /^\s*([\w-]+)\s*=\s*("?)([\w-]*)$/.exec(before);
  if (vm) {
    const r = resolvePath([...tableAt(doc, offset), vm[1]]);
    if (r.type !== 'key') return [];
    const start = offset - vm[3].length - vm[2].length;
    return valueItems(r.key, ctx.podmanVersion, rng(doc, start, offset), true);
  }
  return [];
}

/**
 * The key of a multi-line array the cursor is in when the parser could not read that
 * array (a syntax error inside it): scans back, line by line, for `key = [` with unbalanced brackets.
 */
function openArrayAt(doc: TomlDocument, offset: number): string | undefined {
  let depth = 0;
  let end = offset;
  for (let n = 0; n < OPEN_ARRAY_LINES && end >= 0; n++) {
    const start = doc.text.lastIndexOf('\n', end - 1) + 1;
    const raw = doc.text.slice(start, end).replace(/\r$/, '');
    const l = raw.replace(/"(?:[^"\\]|\\.)*"|'[^']*'|#.*$/g, '');
    for (let j = l.length - 1; j >= 0; j--) {
      if (l[j] === ']') depth++;
      else if (l[j] === '[') {
        if (depth === 0) {
          const m = /^\s*([\w-]+)\s*=\s*\[/.exec(raw);
          return m && m[0].length - 1 === j ? m[1] : undefined;
        }
        depth--;
      }
    }
    if (/^\s*\[/.test(raw) && depth === 0) return undefined;
    if (start === 0) break;
    end = start - 1;
  }
  return undefined;
}

/** Capability names for a string at the cursor (or a new one), by the text around it. */
function capabilityItems(doc: TomlDocument, offset: number, ctx: CcFeatureContext): CompletionItem[] {
  const lineStart = doc.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = doc.text.indexOf('\n', offset) === -1 ? doc.text.length : doc.text.indexOf('\n', offset);
  const line = doc.text.slice(lineStart, lineEnd);
  const col = offset - lineStart;
  const open = line.lastIndexOf('"', col - 1);
  const close = line.indexOf('"', col);
  const inString = open !== -1 && close !== -1 && (line.slice(0, open).match(/"/g) ?? []).length % 2 === 0;
  const present = new Set([...doc.text.slice(Math.max(0, offset - 5000), offset + 2000).matchAll(/"([A-Za-z_]+)"/g)].map((m) => findCapability(m[1])?.cap).filter(Boolean));
  const defaults = podmanDefaultSet(ctx.podmanVersion);
  return CAPABILITIES.filter((c) => !present.has(c.cap)).map((c) => ({
    label: c.name.toUpperCase(),
    kind: CompletionItemKind.Constant,
    detail: `${c.cap} · risk ${c.risk}`,
    documentation: { kind: 'markdown', value: capabilityMarkdown(c, { context: 'podman', inPodmanDefault: defaults.includes(c.cap), podmanVersion: ctx.podmanVersion }) },
    textEdit: inString
      ? { range: rng(doc, lineStart + open + 1, lineStart + close), newText: c.name.toUpperCase() }
      : { range: rng(doc, offset, offset), newText: `"${c.name.toUpperCase()}"` },
  }));
}

function inComment(doc: TomlDocument, offset: number): boolean {
  return doc.comments.some((c) => offset > c.start && offset <= c.end);
}

function valueItems(k: CcKey, version: string, range: Range, quote: boolean): CompletionItem[] {
  if (k.type === 'bool') return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } }));
  return valuesFor(k, version).filter(Boolean).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: quote ? `"${v}"` : v } }));
}

function completeValue(doc: TomlDocument, e: TomlEntry, offset: number, ctx: CcFeatureContext): CompletionItem[] {
  const r = resolvePath(e.path);
  if (r.type !== 'key') return [];
  const v = e.kv.value;
  const inside = (i: { start: number; end: number }) => offset > i.start && offset < i.end;
  const str = v.type === 'array' ? v.items.find((i): i is StringValue => i.type === 'string' && inside(i)) : v.type === 'string' && inside(v) ? v : undefined;
  if (r.key.check === 'capabilities' && v.type === 'array') {
    const strings = v.items.filter((i): i is StringValue => i.type === 'string');
    const present = new Set(strings.filter((i) => i !== str).map((i) => findCapability(i.value)?.cap).filter(Boolean));
    // Names are offered the way the rest of the list writes them (not the name being typed).
    const style = majorityStyle(strings.filter((i) => i !== str && findCapability(i.value)).map((i) => i.value)) ?? 'UPPER';
    const defaults = podmanDefaultSet(ctx.podmanVersion);
    return CAPABILITIES.filter((c) => !present.has(c.cap)).map((c) => {
      const name = respell(c.name, style);
      const span = str && contentSpan(doc, str);
      const range = span ? rng(doc, span.start, span.end) : rng(doc, offset, offset);
      return {
        label: name,
        kind: CompletionItemKind.Constant,
        detail: `${c.cap} · risk ${c.risk}${defaults.includes(c.cap) ? ' · in Podman\'s default set' : ''}`,
        documentation: { kind: 'markdown', value: capabilityMarkdown(c, { context: 'podman', inPodmanDefault: defaults.includes(c.cap), podmanVersion: ctx.podmanVersion }) },
        textEdit: { range, newText: str ? name : `"${name}"` },
        sortText: c.name,
      } satisfies CompletionItem;
    });
  }
  if (v.type === 'string' && str) {
    const span = contentSpan(doc, v);
    return valueItems(r.key, ctx.podmanVersion, rng(doc, span.start, span.end), false);
  }
  if (v.type === 'boolean') return valueItems(r.key, ctx.podmanVersion, rng(doc, v.start, v.end), false);
  return [];
}
