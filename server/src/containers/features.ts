/**
 * Hover, completion and quick fixes for containers.conf, reading the TOML model and the
 * schema. Edits change only what they name.
 */
import {
  CodeActionKind, CompletionItemKind, InsertTextFormat,
  type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position, type Range, type TextEdit,
} from 'vscode-languageserver-types';
import { offsetAt, positionAt, type TomlDocument, type TomlEntry, type TomlValue } from './toml';
import { MAP_TABLES, TABLES, VALUE_RULES, keysOf, versionAtLeast } from './keys';
import type { CcKey } from './schema';
import { resolvePath, respell, spellingStyle } from './validate';
import { CAPABILITIES, findCapability, podmanDefaultSet } from '../capabilities/table';
import { capabilityMarkdown } from '../capabilities/hover';
import { quickFix, replaceWithSuggestion } from '../util/actions';
import { fixData } from '../rules';
import { eolOf } from '../util/strings';

export const CC_MANPAGE_URL = 'https://github.com/containers/common/blob/main/docs/containers.conf.5.md';

export interface CcFeatureContext {
  podmanVersion: string;
  uri: string;
  capabilityExtra?: (cap: string) => string | undefined;
  keyExtra?: (key: string) => string | undefined;
  /** Effective value of a key across the layers, for hovers. */
  effective?: (path: string[]) => string | undefined;
}

const rng = (doc: TomlDocument, s: number, e: number): Range => ({ start: positionAt(doc, s), end: positionAt(doc, e) });
const within = (o: number, s: { start: number; end: number }) => o >= s.start && o <= s.end;

function entryAt(doc: TomlDocument, offset: number): { e: TomlEntry; inKey: boolean; value?: TomlValue } | undefined {
  for (const e of doc.entries) {
    if (within(offset, e.kv.key)) return { e, inKey: true };
    if (within(offset, e.kv.value)) {
      let v: TomlValue = e.kv.value;
      if (v.type === 'array') v = v.items.find((i) => within(offset, i)) ?? v;
      return { e, inKey: false, value: v };
    }
  }
  return undefined;
}

export function keyMarkdown(k: CcKey, version: string, shown: string): string {
  const lines = [`**${shown}**`, '', k.doc || 'No longer read by Podman.', ''];
  lines.push(`- Type: ${k.type === 'string[]' ? 'array of strings' : k.type.replace('map<', 'table of ').replace('>', '')}`);
  if (k.default !== undefined) lines.push(`- Default: \`${k.default}\``);
  const rule = VALUE_RULES[`${k.table}.${k.key}`];
  if (rule) lines.push(`- Values: ${rule.values.filter(Boolean).map((x) => `\`${x}\``).join(', ')}${rule.prefixes ? `, or ${rule.prefixes.map((p) => `\`${p}…\``).join(', ')}` : ''}`);
  if (k.append) lines.push('- Accepts `{append = true}` to add to earlier files instead of replacing (Podman 4.8+)');
  if (k.since) lines.push(`- Podman ${k.since} and later; ${versionAtLeast(version, k.since) ? 'read by' : '**ignored by**'} the target Podman ${version}`);
  if (k.deprecated) lines.push(`- Deprecated: ${k.deprecated}`);
  if (k.removed) lines.push(`- Removed: ${k.removedNote ?? k.removed}`);
  lines.push('', `[containers.conf(5)](${CC_MANPAGE_URL})`);
  return lines.join('\n');
}

export function hoverCc(doc: TomlDocument, pos: Position, ctx: CcFeatureContext): Hover | null {
  const offset = offsetAt(doc, pos);
  for (const h of doc.headers) {
    if (!within(offset, h.key)) continue;
    const path = h.key.parts.map((p) => p.name);
    const r = resolvePath(path);
    if (r.type === 'table') {
      const t = TABLES[r.table] ?? TABLES['engine.service_destinations'];
      const md = `**[${r.canonical.join('.')}]**\n\n${t.doc}\n\n- Podman ${t.since} and later`;
      return { contents: { kind: 'markdown', value: md }, range: rng(doc, h.key.start, h.key.end) };
    }
    if (r.type === 'key' && r.key.type === 'table[]') return { contents: { kind: 'markdown', value: keyMarkdown(r.key, ctx.podmanVersion, `[[${path.join('.')}]]`) }, range: rng(doc, h.key.start, h.key.end) };
    return null;
  }
  const hit = entryAt(doc, offset);
  if (!hit) return null;
  const r = resolvePath(hit.e.path);
  if (hit.inKey) {
    let md: string | undefined;
    if (r.type === 'key') md = keyMarkdown(r.key, ctx.podmanVersion, `${r.canonical.slice(0, -1).join('.')} › ${r.canonical[r.canonical.length - 1]}`);
    else if (r.type === 'map-entry') md = `**${r.name}** in [${r.table}]\n\n${TABLES[r.table]?.doc ?? ''}\n\n- Value: ${MAP_TABLES[r.table] === 'string[]' ? 'array of strings' : 'string'}`;
    if (!md) return null;
    const eff = ctx.effective?.(r.type === 'key' ? r.canonical : hit.e.path);
    if (eff) md += `\n\n${eff}`;
    const extra = r.type === 'key' ? ctx.keyExtra?.(r.key.key) : undefined;
    if (extra) md += `\n\n---\n\n${extra}`;
    return { contents: { kind: 'markdown', value: md }, range: rng(doc, hit.e.kv.key.start, hit.e.kv.key.end) };
  }
  if (r.type !== 'key' || !hit.value || hit.value.type !== 'string') return null;
  if (r.key.key === 'default_capabilities' && r.key.table === 'containers') {
    const cap = findCapability(hit.value.value);
    if (!cap || /^\d+$/.test(hit.value.value)) return null;
    const inDefault = podmanDefaultSet(ctx.podmanVersion).includes(cap.cap);
    const md = capabilityMarkdown(cap, { spelledAs: hit.value.value, context: 'podman', inPodmanDefault: inDefault, podmanVersion: ctx.podmanVersion, extra: ctx.capabilityExtra?.(cap.cap) });
    return { contents: { kind: 'markdown', value: md }, range: rng(doc, hit.value.start, hit.value.end) };
  }
  const rule = VALUE_RULES[`${r.key.table}.${r.key.key}`];
  if (rule) {
    const s = hit.value.value;
    const ok = rule.values.some((x) => (rule.ci ? x.toLowerCase() === s.toLowerCase() : x === s)) || (rule.prefixes ?? []).some((p) => s.startsWith(p));
    const md = `**${s}** (${r.key.key})\n\n${ok ? 'Podman accepts this value.' : 'Podman does not know this value.'} Accepted: ${rule.values.filter(Boolean).map((x) => `\`${x}\``).join(', ')}.`;
    return { contents: { kind: 'markdown', value: md }, range: rng(doc, hit.value.start, hit.value.end) };
  }
  return null;
}

/** The table the cursor is in: the last header before it. */
function tableAt(doc: TomlDocument, offset: number): string[] {
  let t: string[] = [];
  for (const h of doc.headers) if (h.start <= offset) t = h.key.parts.map((p) => p.name);
  return t;
}

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
  const lineStart = doc.lineStarts[pos.line] ?? 0;
  const offset = offsetAt(doc, pos);
  const before = doc.text.slice(lineStart, offset);
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
    const present = new Set(doc.entries.filter((e) => e.table.join('.') === table.join('.')).map((e) => e.path[e.path.length - 1]));
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
    const table = tableAt(doc, offset);
    const r = resolvePath([...table, vm[1]]);
    if (r.type !== 'key') return [];
    const start = offset - vm[3].length - vm[2].length;
    return valueItems(r.key, rng(doc, start, offset), true);
  }
  return [];
}

/**
 * The key of a multi-line array the cursor is in when the parser could not read that
 * array (a syntax error inside it): scans back for `key = [` with unbalanced brackets.
 */
function openArrayAt(doc: TomlDocument, offset: number): string | undefined {
  let depth = 0;
  const lines = doc.text.slice(0, offset).split(/\r?\n/);
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 200); i--) {
    const l = lines[i].replace(/"(?:[^"\\]|\\.)*"|'[^']*'|#.*$/g, '');
    for (let j = l.length - 1; j >= 0; j--) {
      if (l[j] === ']') depth++;
      else if (l[j] === '[') {
        if (depth === 0) {
          const m = /^\s*([\w-]+)\s*=\s*\[/.exec(lines[i]);
          return m && m[0].length - 1 === j ? m[1] : undefined;
        }
        depth--;
      }
    }
    if (/^\s*\[/.test(lines[i]) && depth === 0) return undefined;
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

function valueItems(k: CcKey, range: Range, quote: boolean): CompletionItem[] {
  if (k.type === 'bool') return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } }));
  const rule = VALUE_RULES[`${k.table}.${k.key}`];
  if (!rule) return [];
  return rule.values.filter(Boolean).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: quote ? `"${v}"` : v } }));
}

function completeValue(doc: TomlDocument, e: TomlEntry, offset: number, ctx: CcFeatureContext): CompletionItem[] {
  const r = resolvePath(e.path);
  if (r.type !== 'key') return [];
  const v = e.kv.value;
  const str = v.type === 'array' ? v.items.find((i) => i.type === 'string' && offset > i.start && offset < i.end) : v.type === 'string' && offset > v.start && offset < v.end ? v : undefined;
  if (r.key.key === 'default_capabilities' && r.key.table === 'containers' && v.type === 'array') {
    const present = new Set(v.items.filter((i) => i.type === 'string' && i !== str).map((i) => findCapability((i as { value: string }).value)?.cap).filter(Boolean));
    const example = v.items.find((i) => i.type === 'string' && findCapability((i as { value: string }).value)) as { value: string } | undefined;
    const style = example ? spellingStyle(example.value) : 'UPPER';
    const defaults = podmanDefaultSet(ctx.podmanVersion);
    return CAPABILITIES.filter((c) => !present.has(c.cap)).map((c) => {
      const name = respell(c.name, style);
      const range = str ? rng(doc, str.start + 1, str.end - 1) : rng(doc, offset, offset);
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
  if (v.type === 'string' && str) return valueItems(r.key, rng(doc, v.start + 1, v.end - 1), false);
  if (v.type === 'boolean') return valueItems(r.key, rng(doc, v.start, v.end), false);
  return [];
}

const action = quickFix;

/** Deletes an array element with its comma, or its whole line when it stands alone there. */
export function removeElementEdit(doc: TomlDocument, arr: Extract<TomlValue, { type: 'array' }>, index: number): TextEdit {
  const item = arr.items[index];
  const t = doc.text;
  let end = item.end;
  let j = end;
  while (t[j] === ' ' || t[j] === '\t') j++;
  const comma = t[j] === ',';
  if (comma) end = j + 1;
  const ls = doc.lineStarts[positionAt(doc, item.start).line];
  const onlyBefore = /^[ \t]*$/.test(t.slice(ls, item.start));
  let k = end;
  while (t[k] === ' ' || t[k] === '\t') k++;
  const restIsEol = t[k] === '\n' || t[k] === '\r' || k >= t.length;
  if (onlyBefore && restIsEol) {
    // Whole line (the element, its comma and the line break).
    let lineEnd = k;
    if (t[lineEnd] === '\r') lineEnd++;
    if (t[lineEnd] === '\n') lineEnd++;
    if (!comma && index > 0 && index === arr.items.length - 1) {
      // Last element without a trailing comma: the previous element's comma may stay (TOML allows it).
    }
    return { range: rng(doc, ls, lineEnd), newText: '' };
  }
  if (!comma && index > 0) {
    // Last element on a shared line: remove the comma before it instead.
    let p = item.start;
    while (p > 0 && /[ \t]/.test(t[p - 1])) p--;
    if (t[p - 1] === ',') return { range: rng(doc, p - 1, item.end), newText: '' };
  }
  while (end < t.length && (t[end] === ' ' || t[end] === '\t') && !restIsEol) end++;
  return { range: rng(doc, item.start, end), newText: '' };
}

export function ccCodeActions(doc: TomlDocument, uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'ctconf' || typeof d.code !== 'string' || !d.code.startsWith('containers/')) continue;
    switch (d.code) {
      case 'containers/unknown-key':
      case 'containers/unknown-table':
      case 'containers/misspelled-key':
      case 'containers/key-case': {
        const fix = replaceWithSuggestion(d, uri);
        if (fix) out.push(fix);
        break;
      }
      case 'containers/runtime-value':
      case 'containers/unknown-value':
      case 'containers/unknown-capability': {
        const fix = replaceWithSuggestion(d, uri, true);
        if (fix) out.push(fix);
        break;
      }
      case 'containers/capability-spelling': {
        const rep = fixData(d, 'containers/capability-spelling')?.replacement;
        if (rep) out.push(action(`Write "${rep}"`, uri, [{ range: d.range, newText: `"${rep}"` }], [d]));
        break;
      }
      case 'containers/removed-key': {
        const rep = fixData(d, 'containers/removed-key')?.replacement;
        if (rep && !rep.includes(' ')) out.push(action(`Change to ${rep}`, uri, [{ range: d.range, newText: rep }], [d], true));
        break;
      }
      case 'containers/wrong-table': {
        const fix = moveToTable(doc, uri, d);
        if (fix) out.push(fix);
        break;
      }
    }
  }
  // Capability list edits where the cursor is.
  const offset = offsetAt(doc, range.start);
  const caps = doc.entries.find((e) => e.path.join('.').toLowerCase() === 'containers.default_capabilities' && within(offset, e.kv.value));
  if (caps && caps.kv.value.type === 'array') {
    const arr = caps.kv.value;
    const idx = arr.items.findIndex((i) => within(offset, i));
    const item = arr.items[idx];
    if (item?.type === 'string') {
      const dup = diagnostics.find((d) => d.code === 'containers/duplicate-capability');
      const cap = findCapability(item.value);
      out.push(action(`Remove ${item.value} from default_capabilities`, uri, [removeElementEdit(doc, arr, idx)], dup ? [dup] : undefined, !!dup));
      if (cap) {
        const strings = arr.items.filter((i): i is Extract<TomlValue, { type: 'string' }> => i.type === 'string' && !!findCapability(i.value));
        const styles = new Set(strings.map((s) => spellingStyle(s.value)));
        if (styles.size > 1) {
          const style = spellingStyle(item.value);
          const edits = strings.filter((s) => spellingStyle(s.value) !== style).map((s) => ({ range: rng(doc, s.start + 1, s.end - 1), newText: respell(findCapability(s.value)!.name, style) }));
          out.push({ title: `Write every capability like "${item.value}"`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
        }
      }
    }
  }
  return out;
}

function moveToTable(doc: TomlDocument, uri: string, d: Diagnostic): CodeAction | undefined {
  const data = fixData(d, 'containers/wrong-table');
  if (!data?.table) return undefined;
  const line = d.range.start.line;
  const e = doc.entries.find((x) => positionAt(doc, x.kv.start).line === line);
  if (!e || e.kv.value.type === 'array' && positionAt(doc, e.kv.value.end).line !== line) return undefined;
  const ls = doc.lineStarts[line];
  const next = doc.lineStarts[line + 1] ?? doc.text.length;
  const lineText = doc.text.slice(ls, next);
  const eol = eolOf(doc.text);
  const body = lineText.replace(/[\r\n]+$/, '');
  const header = doc.headers.find((h) => !h.array && h.key.parts.map((p) => p.name).join('.') === data.table);
  const edits: TextEdit[] = [{ range: { start: { line, character: 0 }, end: positionAt(doc, next) }, newText: '' }];
  if (header) {
    const hl = positionAt(doc, header.end).line;
    edits.push({ range: { start: { line: hl + 1, character: 0 }, end: { line: hl + 1, character: 0 } }, newText: `${body.trimStart()}${eol}` });
  } else {
    const end = positionAt(doc, doc.text.length);
    const pre = doc.text.endsWith('\n') ? '' : eol;
    edits.push({ range: { start: end, end }, newText: `${pre}${eol}[${data.table}]${eol}${body.trimStart()}${eol}` });
  }
  return action(`Move ${data.key} to [${data.table}]`, uri, edits, [d], true);
}

/** Outline: one symbol per table header with its keys. */
export function ccSymbols(doc: TomlDocument): import('vscode-languageserver-types').DocumentSymbol[] {
  const out: import('vscode-languageserver-types').DocumentSymbol[] = [];
  const headers = doc.headers;
  headers.forEach((h, i) => {
    const end = i + 1 < headers.length ? headers[i + 1].start : doc.text.length;
    const children = doc.entries.filter((e) => e.header === h).map((e) => ({
      name: e.kv.key.parts.map((p) => p.name).join('.'),
      kind: 7 as const,
      detail: doc.text.slice(e.kv.value.start, Math.min(e.kv.value.end, e.kv.value.start + 60)).replace(/\s+/g, ' '),
      range: rng(doc, e.kv.start, e.kv.end),
      selectionRange: rng(doc, e.kv.key.start, e.kv.key.end),
    }));
    let last = end;
    while (last > h.end && /\s/.test(doc.text[last - 1])) last--;
    out.push({ name: `[${h.array ? '[' : ''}${h.key.parts.map((p) => p.name).join('.')}${h.array ? ']' : ''}]`, kind: 19, range: rng(doc, h.start, Math.max(last, h.end)), selectionRange: rng(doc, h.key.start, h.key.end), children });
  });
  return out;
}

/** Folding: each table, and each multi-line array. */
export function ccFolding(doc: TomlDocument): import('vscode-languageserver-types').FoldingRange[] {
  const out: import('vscode-languageserver-types').FoldingRange[] = [];
  doc.headers.forEach((h, i) => {
    const startLine = positionAt(doc, h.start).line;
    let endLine = (i + 1 < doc.headers.length ? positionAt(doc, doc.headers[i + 1].start).line : doc.lineStarts.length) - 1;
    while (endLine > startLine && doc.text.slice(doc.lineStarts[endLine], doc.lineStarts[endLine + 1] ?? doc.text.length).trim() === '') endLine--;
    if (endLine > startLine) out.push({ startLine, endLine });
  });
  for (const e of doc.entries) {
    const a = positionAt(doc, e.kv.value.start).line;
    const b = positionAt(doc, e.kv.value.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  return out;
}
