/** Proxmox VE container configs (/etc/pve/lxc/<vmid>.conf) as a language of the engine. */
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover, type Position } from 'vscode-languageserver-types';
import type { LanguageSupport } from '../language';
import { range } from '../diagnostic';
import { replaceWithSuggestion } from '../util/actions';
import { inlineCode } from '../util/markdown';
import { addLineFix } from '../unpriv/lxc';
import { NUMBERED, PVE_KEYS, pveKey, rawKeyStatus, type SubOption, type ValueType } from './schema';
import { parseProxmox, splitOptions, type PveDocument } from './parse';
import { validateProxmox } from './validate';
import { bindMountFix, checkProxmoxUnpriv, isUnprivileged, proxmoxMaps } from './unpriv';

export interface PveModel {
  doc: PveDocument;
  text: string;
}

function typeText(t: ValueType): string {
  switch (t.kind) {
    case 'boolean': return 'boolean (`0`/`1`)';
    case 'integer': case 'number': return `${t.kind}${t.min !== undefined ? `, at least ${t.min}` : ''}${t.max !== undefined ? `, at most ${t.max}` : ''}`;
    case 'enum': return `one of ${t.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'string': return `string${t.format ? ` (${t.format})` : ''}${t.maxLength ? `, at most ${t.maxLength} characters` : ''}`;
    case 'options': return `comma-separated options: ${Object.keys(t.options).map((o) => `\`${o}\``).join(', ')}`;
  }
}

function optionMarkdown(key: string, name: string, o: SubOption): string {
  return [`**${key}** option \`${name}\``, '', o.doc, '', `Type: ${typeText(o.type)}${o.default !== undefined ? `; default \`${o.default}\`` : ''}${o.defaultKey ? '; may be given without `name=` as the first value' : ''}${o.required ? '; required' : ''}.`].join('\n');
}

function hoverProxmox(m: PveModel, pos: Position): Hover | null {
  const l = m.doc.lines.find((x) => x.line === pos.line);
  if (!l || (l.kind !== 'key' && l.kind !== 'raw')) return null;
  const at = (s: number, e: number) => range(l.line, s, e);
  if (l.kind === 'raw') {
    if (pos.character > l.keyEnd) return null;
    const s = rawKeyStatus(l.key);
    const text = s.ok
      ? `Raw LXC key ${inlineCode(l.key)}: Proxmox adds it to the LXC config it generates for the container${l.section ? ' (in a snapshot or pending section it only applies once that state is active)' : ''}.${s.deprecated ? `\n\n${s.deprecated}` : ''}`
      : `Raw LXC key ${inlineCode(l.key)}: ${s.reason}`;
    const extra = l.key === 'lxc.idmap' && isUnprivileged(m.doc)
      ? '\n\nSetting any `lxc.idmap` replaces Proxmox\'s default map (`u 0 100000 65536`, `g 0 100000 65536`) completely: map both user and group IDs 0–65535. Each host range must be given to root in /etc/subuid or /etc/subgid.'
      : '';
    return { contents: { kind: 'markdown', value: text + extra }, range: at(0, l.keyEnd) };
  }
  const k = pveKey(l.key);
  if (!k) return null;
  if (pos.character <= l.keyEnd) {
    const lines = [`**${l.key}**`, '', k.doc, '', `Type: ${typeText(k.type)}${k.default !== undefined ? `; default \`${k.default}\`` : ''}.`];
    if (l.key === 'unprivileged' && isUnprivileged(m.doc)) {
      const maps = proxmoxMaps(m.doc);
      lines.push('', `ID maps in force: ${maps.map((x) => `\`${x.type} ${x.nsid} ${x.hostid} ${x.count}\``).join(', ')}${maps.every((x) => x.range.start.line === l.line) ? ' (Proxmox\'s default; it does not read /etc/subuid for it)' : ''}.`);
    }
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: at(0, l.keyEnd) };
  }
  if (k.type.kind !== 'options') return null;
  const opts = k.type.options;
  const defaultKey = Object.keys(opts).find((n) => opts[n].defaultKey);
  const o = splitOptions(l.value, l.valueStart).find((x) => pos.character >= x.start && pos.character <= x.end);
  const name = o && (o.name ?? defaultKey);
  if (!o || !name || !opts[name]) return null;
  return { contents: { kind: 'markdown', value: optionMarkdown(l.key, name, opts[name]) }, range: at(o.start, o.end) };
}

function valueItems(t: ValueType): string[] {
  return t.kind === 'boolean' ? ['1', '0'] : t.kind === 'enum' ? [...t.values] : [];
}

function completeProxmox(m: PveModel, pos: Position): CompletionItem[] {
  const lineText = m.text.split(/\r\n|\r|\n/)[pos.line] ?? '';
  const before = lineText.slice(0, pos.character);
  if (before.startsWith('#') || before.startsWith('[')) return [];
  const colon = /^([a-z][a-z_]*\d*):\s*/.exec(before);
  if (!colon) {
    if (!/^[a-z_]*$/.test(before)) return [];
    const used = new Set(m.doc.lines.filter((l) => l.kind === 'key' && l.section === '').map((l) => l.key));
    const replace = range(pos.line, 0, pos.character);
    const items: CompletionItem[] = Object.entries(PVE_KEYS).filter(([n, k]) => !k.snapshotOnly && !used.has(n) && n !== 'vmstate').map(([n, k]) => ({
      label: n, kind: CompletionItemKind.Property, documentation: { kind: 'markdown', value: k.doc }, textEdit: { range: replace, newText: `${n}: ` },
    }));
    for (const n of NUMBERED) {
      let i = 0;
      while (used.has(`${n.prefix}${i}`) && i < n.count - 1) i++;
      items.push({ label: `${n.prefix}${i}`, kind: CompletionItemKind.Property, documentation: { kind: 'markdown', value: n.doc }, textEdit: { range: replace, newText: `${n.prefix}${i}: ` } });
    }
    return items;
  }
  const k = pveKey(colon[1]);
  if (!k) return [];
  if (k.type.kind !== 'options') {
    const replace = range(pos.line, colon[0].length, pos.character);
    return valueItems(k.type).map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range: replace, newText: v } }));
  }
  // Inside a property string: option names after the start or a comma, values after `name=`.
  const part = before.slice(before.lastIndexOf(',') + 1 > colon[0].length ? before.lastIndexOf(',') + 1 : colon[0].length);
  const partStart = pos.character - part.length;
  const eq = part.indexOf('=');
  const opts: Readonly<Record<string, SubOption>> = k.type.options;
  if (eq >= 0) {
    const o = opts[part.slice(0, eq)];
    const replace = range(pos.line, partStart + eq + 1, pos.character);
    return o ? valueItems(o.type).map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range: replace, newText: v } })) : [];
  }
  const present = new Set(splitOptions(lineText.slice(colon[0].length), colon[0].length).map((o) => o.name));
  const replace = range(pos.line, partStart, pos.character);
  return Object.entries(opts).filter(([n]) => !present.has(n)).map(([n, o]) => ({
    label: n, kind: CompletionItemKind.Field, documentation: { kind: 'markdown', value: optionMarkdown(colon[1], n, o) }, textEdit: { range: replace, newText: `${n}=` },
  }));
}

/** Sections (the current config, snapshots, pending changes) with their keys. */
function proxmoxSymbols(m: PveModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let cur: DocumentSymbol | undefined;
  for (const l of m.doc.lines) {
    if (l.kind === 'section') {
      const r = range(l.line, 0, l.keyEnd + 1);
      cur = { name: l.section === 'pve:pending' ? 'pending changes' : `snapshot ${l.section}`, kind: SymbolKind.Namespace, range: r, selectionRange: r, children: [] };
      out.push(cur);
    } else if (l.kind === 'key' || l.kind === 'raw') {
      const r = range(l.line, 0, l.valueEnd);
      const sym: DocumentSymbol = { name: l.key, detail: l.value.slice(0, 80), kind: SymbolKind.Property, range: r, selectionRange: range(l.line, 0, l.keyEnd) };
      if (cur) {
        cur.children!.push(sym);
        cur.range = { start: cur.range.start, end: r.end };
      } else out.push(sym);
    }
  }
  return out;
}

function proxmoxFolding(m: PveModel): FoldingRange[] {
  const sections = m.doc.lines.filter((l) => l.kind === 'section');
  return sections.map((s, i) => ({ startLine: s.line, endLine: Math.max(s.line, (sections[i + 1]?.line ?? m.doc.lineCount) - 1) }));
}

export const proxmoxLanguage: LanguageSupport<PveModel> = {
  id: 'proxmox-ct',
  readsOthers: true,
  parse: (text, ctx) => ({ doc: parseProxmox(text, ctx.path), text }),
  findings: (m, ctx) => [...validateProxmox(m.doc, ctx), ...checkProxmoxUnpriv(m.doc, ctx)],
  hover: (m, pos) => hoverProxmox(m, pos),
  completion: (m, pos) => completeProxmox(m, pos),
  symbols: (m) => proxmoxSymbols(m),
  folding: (m) => proxmoxFolding(m),
  codeActions(m, _range, diagnostics, ctx) {
    const lines = m.text.split(/\r\n|\r|\n/);
    const out = [];
    for (const d of diagnostics) {
      const fix = bindMountFix(d, ctx.uri, lines.length, lines[lines.length - 1].length) ?? addLineFix(d) ?? (d.code === 'proxmox/unknown-key' || d.code === 'proxmox/unknown-option' ? replaceWithSuggestion(d, ctx.uri) : undefined);
      if (fix) out.push(fix);
    }
    return out;
  },
};

