/**
 * Hover for LXC configs: keys and key families, legacy keys, enum values and
 * capability names. Markdown, short first, details after.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { LxcDocument, LxcLine } from './parser';
import { resolveKey } from './resolve';
import { type LxcKey } from './keys';
import { KIND_SYNTAX, MANPAGE_URL, emptyText, multiText, valueDoc } from './docs';
import { splitTokens } from './values';
import { atLeast, type LxcVersion } from './version';
import { capabilityMarkdown } from '../capabilities/hover';
import { findCapability } from '../capabilities/table';
import { range } from '../diagnostic';
import type { Host } from '../host';
import { configOwner, coveringSubId, parseIdmap } from './idmap';
import { inlineCode } from '../util/markdown';

export interface LxcHoverContext {
  version: LxcVersion;
  host?: Host;
  documentPath?: string;
  /** A Markdown command link that allows a dropped capability (in a drop or keep line), if it is dropped. */
  capabilityAction?: (capName: string, line: number, mode: 'drop' | 'keep') => string | undefined;
  /** Extra Markdown for a capability (the host's man page paragraph), if any. */
  capabilityExtra?: (capName: string) => string | undefined;
  /** Extra Markdown for a key (the host's man page paragraph), if any. */
  keyExtra?: (key: string) => string | undefined;
  /** What the include on this line brings in (Markdown), if it was followed. */
  includeSummary?: (line: number) => string | undefined;
  /** Said after the target version: why it was assumed, when it was not detected. */
  versionNote?: string;
}

export function lineAt(doc: LxcDocument, line: number): LxcLine | undefined {
  return doc.lineAt(line);
}

export function versionText(k: LxcKey, target: LxcVersion): string {
  const span = k.removed ? `LXC ${k.since} to ${prev(k.removed)} (removed in ${k.removed})` : `LXC ${k.since} and later`;
  const ok = atLeast(target, k.since) && !(k.removed && atLeast(target, k.removed));
  return `${span}; ${ok ? 'available in' : '**not available** in'} the target LXC ${target}`;
}

function prev(v: string): string {
  const [maj] = v.split('.').map(Number);
  return `${maj - 1}.x`;
}

/**
 * The hover of a key. `shownName` is the name as written in the document (escaped here);
 * `subtitle` is a line of ctconf's own under it.
 */
export function keyMarkdown(k: LxcKey, target: LxcVersion, shownName = k.name, subtitle?: string, versionNote?: string): string {
  // ctconf's own names stay as they are; a name from the document is shown as inline code.
  const heading = shownName === k.name ? `**${k.name}**` : `**${inlineCode(shownName)}**`;
  const parts = [subtitle ? `${heading}  \n_${subtitle}_` : heading, '', k.doc, ''];
  const values = k.values && k.values.length <= 12 ? ` (${k.values.map((v) => `\`${v}\``).join(', ')})` : '';
  parts.push(`- Value: ${KIND_SYNTAX[k.kind]}${k.kind === 'enum' || k.kind === 'enum-ci' ? values : ''}`);
  if (k.multi !== 'clear-only') parts.push(`- Repeated: ${multiText(k.multi)}`);
  parts.push(`- Empty (${inlineCode(`${shownName} =`)}): ${emptyText(k)}`);
  if (k.requiresType) parts.push(`- Needs \`type = ${k.requiresType}\` set earlier for the same interface`);
  parts.push(`- Versions: ${versionText(k, target)}${versionNote ? ` (${versionNote})` : ''}`);
  parts.push('', `[lxc.container.conf(5)](${MANPAGE_URL})`);
  return parts.join('\n');
}

export function hoverLxc(doc: LxcDocument, pos: Position, ctx: LxcHoverContext): Hover | null {
  const l = lineAt(doc, pos.line);
  if (!l || (l.kind !== 'entry' && l.kind !== 'malformed')) return null;
  const ch = pos.character;
  const include = l.kind === 'entry' && l.key === 'lxc.include' && l.value !== '' ? ctx.includeSummary?.(l.line) : undefined;
  if (ch >= l.keyStart && ch <= l.keyEnd) {
    const h = keyHover(l, ctx);
    if (h && include) h.contents = { kind: 'markdown', value: `${(h.contents as { value: string }).value}\n\n---\n\n${include}` };
    return h;
  }
  if (l.kind === 'entry' && ch >= l.valueStart && ch <= l.valueEnd && l.value !== '') {
    if (include) return { contents: { kind: 'markdown', value: include }, range: range(l.line, l.valueStart, l.valueEnd) };
    return valueHover(l, ch, ctx);
  }
  return null;
}

function keyHover(l: LxcLine, ctx: LxcHoverContext): Hover | null {
  const r = resolveKey(l.key);
  const at = range(l.line, l.keyStart, l.keyEnd);
  let md: string | undefined;
  switch (r.type) {
    case 'exact':
      md = keyMarkdown(r.key, ctx.version, r.key.name, undefined, ctx.versionNote);
      break;
    case 'family':
      md = r.bare ? keyMarkdown(r.key, ctx.version, r.key.prefix, undefined, ctx.versionNote) : keyMarkdown(r.key, ctx.version, l.key, r.key.prefix !== l.key ? r.key.name : undefined, ctx.versionNote);
      break;
    case 'net':
      md = keyMarkdown(r.key, ctx.version, l.key, `network interface ${r.index}`, ctx.versionNote);
      break;
    case 'net-index':
      md = `**${inlineCode(l.key)}**\n\nWith an empty value, removes network interface ${r.index} and everything set for it so far. It takes no other value.`;
      break;
    case 'legacy':
      md = r.legacy.replacement
        ? `**${inlineCode(l.key)}** (LXC 2.x)\n\nRemoved in LXC 3.0; every current LXC refuses it. Use ${inlineCode(r.legacy.replacement)} instead.${r.legacy.note ? `\n\n${r.legacy.note}` : ''}`
        : `**${inlineCode(l.key)}** (LXC 2.x)\n\nRemoved in LXC 3.0 without a replacement. ${r.legacy.note ?? ''}`.trim();
      break;
    default:
      return null;
  }
  const extra = ctx.keyExtra?.(l.key);
  if (extra) md += `\n\n---\n\n${extra}`;
  return { contents: { kind: 'markdown', value: md }, range: at };
}

function valueHover(l: LxcLine, ch: number, ctx: LxcHoverContext): Hover | null {
  const r = resolveKey(l.key);
  if (r.type !== 'exact' && r.type !== 'net' && r.type !== 'family') return null;
  const k = r.key;
  const tokens = splitTokens(l.value);
  const off = ch - l.valueStart;
  const tok = tokens.find((t) => off >= t.start && off <= t.end);
  if (k.kind === 'caps') {
    if (!tok) return null;
    const cap = findCapability(tok.text);
    if (tok.text === 'none') {
      return { contents: { kind: 'markdown', value: '**none**\n\nIn `lxc.cap.keep`: keep no capability at all (everything collected so far is cleared).' }, range: range(l.line, l.valueStart + tok.start, l.valueStart + tok.end) };
    }
    if (!cap) return null;
    const extra = ctx.capabilityExtra?.(cap.cap);
    let md = capabilityMarkdown(cap, { spelledAs: tok.text, extra, context: k.capMode ?? 'drop' });
    const link = ctx.capabilityAction?.(cap.name, l.line, k.capMode ?? 'drop');
    if (link) md = md.replace('\n', `\n\n${link}\n`);
    return { contents: { kind: 'markdown', value: md }, range: range(l.line, l.valueStart + tok.start, l.valueStart + tok.end) };
  }
  if (k.kind === 'idmap' && ctx.host) return idmapHover(l, ctx);
  const listKinds = new Set(['mount-auto', 'namespaces']);
  const text = listKinds.has(k.kind) ? tok?.text : l.value;
  if (!text) return null;
  const doc = valueDoc(k, text);
  if (!doc) return null;
  const start = listKinds.has(k.kind) && tok ? l.valueStart + tok.start : l.valueStart;
  const end = listKinds.has(k.kind) && tok ? l.valueStart + tok.end : l.valueEnd;
  return { contents: { kind: 'markdown', value: `**${inlineCode(text)}** (${inlineCode(l.key)})\n\n${doc}` }, range: range(l.line, start, end) };
}


function idmapHover(l: LxcLine, ctx: LxcHoverContext): Hover | null {
  const m = parseIdmap(l.value);
  if (!m || !ctx.host) return null;
  const kind = m.type === 'u' ? 'user' : 'group';
  const last = (a: bigint, n: bigint) => (n === 0n ? a : a + n - 1n);
  const lines = [
    `**${kind} ID map**`,
    '',
    `Container ${kind} IDs ${m.nsid}-${last(m.nsid, m.count)} are host ${kind} IDs ${m.hostid}-${last(m.hostid, m.count)} (${m.count} IDs).`,
  ];
  const user = configOwner(ctx.documentPath);
  const c = coveringSubId(ctx.host, m, user);
  if (c?.allowed && c.covering) {
    const s = c.covering;
    const whole = m.hostid + m.count <= s.start + s.count;
    lines.push('', `Covered by ${inlineCode(`${s.owner}:${s.start}:${s.count}`)} in ${c.file} (line ${s.line + 1})${whole ? '' : ' and the ranges that continue it'}.`);
  } else if (c?.allowed) {
    lines.push('', `Host ${kind} ID ${m.hostid} is ${user ? `${inlineCode(user)}'s own` : 'the user\'s own'} ID, which may always be mapped alone.`);
  } else if (c) {
    lines.push('', `No entry of ${c.file}${user ? ` for ${inlineCode(user)}` : ''} covers these host IDs.`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: range(l.line, l.valueStart, l.valueEnd) };
}
