/**
 * Completion for LXC configs: keys (with the families), values by kind, capability
 * names, and lxc.include paths from the host. Never inside comments.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Host } from '../host';
import type { LxcDocument } from './parser';
import {
  ARCHES, EXACT_KEYS, FAMILY_KEYS, LOG_LEVELS, MOUNT_AUTO_TOKENS, NAMESPACES, NET_SUBKEYS, NET_TYPES,
  type LxcKey,
} from './keys';
import { availability, resolveKey } from './resolve';
import { KIND_SYNTAX, valueDoc } from './docs';
import { keyMarkdown } from './hover';
import { SIGNALS, splitTokens } from './values';
import { atLeast, type LxcVersion } from './version';
import { CAPABILITIES } from '../capabilities/table';
import { capabilityMarkdown } from '../capabilities/hover';
import { range } from '../diagnostic';
import { resolvePath } from '../util/paths';
import { maxOf } from '../util/arrays';

export interface LxcCompletionContext {
  version: LxcVersion;
  host: Host;
}

export function completeLxc(doc: LxcDocument, at: Position, ctx: LxcCompletionContext): CompletionItem[] {
  const text = doc.lineText(at.line) ?? '';
  // A position past the line end (or not a whole number) is taken at the line end: every
  // walk below starts from it.
  const ch = Number.isFinite(at.character) ? Math.max(0, Math.min(Math.floor(at.character), text.length)) : text.length;
  const pos: Position = { line: at.line, character: ch };
  const before = text.slice(0, pos.character);
  const trimmed = before.replace(/^[ \t]+/, '');
  if (trimmed.startsWith('#')) return [];
  const eq = text.indexOf('=');
  if (eq !== -1 && eq < pos.character) return completeValue(pos, text, eq, ctx);
  if (/[ \t]/.test(trimmed)) return [];
  const keyStart = before.length - trimmed.length;
  let keyEnd = pos.character;
  while (keyEnd < text.length && !/[ \t=]/.test(text[keyEnd])) keyEnd++;
  const hasEq = eq !== -1;
  const replace = range(pos.line, keyStart, keyEnd);
  const items: CompletionItem[] = [];
  const add = (label: string, k: LxcKey | undefined, opts: { detail?: string; insert?: string; sort?: string; doc?: string } = {}): void => {
    const clearOnly = k?.kind === 'clear-only';
    const insert = opts.insert ?? label;
    items.push({
      label,
      kind: CompletionItemKind.Property,
      detail: opts.detail ?? (k ? KIND_SYNTAX[k.kind] : undefined),
      // The Markdown is built in completionItem/resolve, for the item the user looks at.
      documentation: opts.doc ? opts.doc : undefined,
      data: k && !opts.doc ? { ctconf: 'lxc-key', key: label } : undefined,
      textEdit: { range: replace, newText: hasEq ? insert : clearOnly ? `${insert} =` : `${insert} = ` },
      sortText: opts.sort ?? `1${label}`,
      command: hasEq || clearOnly ? undefined : { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    });
  };
  const available = (k: LxcKey) => availability(k, ctx.version).ok;

  for (const k of EXACT_KEYS) if (available(k)) add(k.name, k);

  // Network interfaces: the next free index, and the keys that fit each existing one.
  const nets = new Map<number, string | undefined>();
  for (const e of doc.entries) {
    if (!e.key.startsWith('lxc.net.')) continue; // (resolving every key of a big file costs)
    const r = resolveKey(e.key);
    if (r.type === 'net') {
      if (!nets.has(r.index)) nets.set(r.index, undefined);
      if (r.key.sub === 'type') nets.set(r.index, e.value);
    }
  }
  const typed = /^lxc\.net\.([0-9]+)\./.exec(trimmed);
  if (typed && !nets.has(Number(typed[1]))) nets.set(Number(typed[1]), undefined);
  const next = maxOf(nets.keys(), -1) + 1;
  const typeKey = NET_SUBKEYS.find((n) => n.sub === 'type')!;
  add(`lxc.net.${next}.type`, typeKey, { detail: 'new network interface', sort: '0' });
  // Keys of the interface being typed (lxc.net.3.…), else of the last one defined: a
  // config with hundreds of interfaces would otherwise flood the list.
  const relevant = typed ? [Number(typed[1])] : nets.size ? [maxOf(nets.keys(), 0)] : [];
  for (const index of relevant) {
    const type = nets.get(index);
    for (const n of NET_SUBKEYS) {
      if (!available(n)) continue;
      if (n.requiresType && n.requiresType !== type) continue;
      if (n.sub === 'type' && type) continue;
      add(`lxc.net.${index}.${n.sub}`, n, { sort: n.sub === 'type' ? `0${index}` : `1lxc.net.${index}.${n.sub}` });
    }
  }
  for (const fam of FAMILY_KEYS) {
    if (!available(fam)) continue;
    for (const s of fam.completions ?? fam.subKeys?.names ?? []) add(`${fam.prefix}.${s}`, fam);
  }
  return items;
}

function completeValue(pos: Position, text: string, eq: number, ctx: LxcCompletionContext): CompletionItem[] {
  const key = text.slice(0, eq).trim();
  const r = resolveKey(key);
  if (r.type !== 'exact' && r.type !== 'net' && r.type !== 'family') return [];
  const k = r.key;
  let vs = eq + 1;
  while (vs < text.length && (text[vs] === ' ' || text[vs] === '\t')) vs++;
  if (pos.character < vs) vs = pos.character;
  let ve = text.length;
  while (ve > vs && /[ \t]/.test(text[ve - 1])) ve--;
  if (ve < pos.character) ve = pos.character;
  const whole = range(pos.line, vs, ve);
  // The token under the cursor, for space-separated lists.
  let ts = pos.character;
  while (ts > vs && !/[ \t]/.test(text[ts - 1])) ts--;
  let te = pos.character;
  while (te < text.length && !/[ \t]/.test(text[te])) te++;
  const token = range(pos.line, ts, te);
  const value = text.slice(vs, ve);
  const item = (label: string, docText?: string, o: { edit?: typeof whole; kind?: CompletionItemKind; sort?: string; detail?: string } = {}): CompletionItem => ({
    label,
    kind: o.kind ?? CompletionItemKind.Value,
    detail: o.detail,
    documentation: docText ? { kind: 'markdown', value: docText } : undefined,
    textEdit: { range: o.edit ?? whole, newText: label },
    sortText: o.sort,
  });
  const enumItems = (values: readonly string[]) => values.map((v, i) => item(v, valueDoc(k, v), { kind: CompletionItemKind.EnumMember, sort: String(i).padStart(3, '0') }));

  switch (k.kind) {
    case 'enum':
    case 'enum-ci':
    case 'net-type':
      return enumItems(k.kind === 'net-type' ? NET_TYPES : k.values ?? []);
    case 'string':
      return k.values ? enumItems(k.values) : [];
    case 'bool01':
    case 'bool01-lax':
      return [item('1', 'On.', { kind: CompletionItemKind.EnumMember, sort: '0' }), item('0', 'Off.', { kind: CompletionItemKind.EnumMember, sort: '1' })];
    case 'signal':
      return [...SIGNALS.map((s) => `SIG${s}`), 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5']
        .map((s) => item(s, valueDoc(k, s), { kind: CompletionItemKind.EnumMember }));
    case 'arch':
      return Object.entries(ARCHES).filter(([, since]) => atLeast(ctx.version, since)).map(([a]) => item(a, undefined, { kind: CompletionItemKind.EnumMember }));
    case 'log-level':
      return enumItems(LOG_LEVELS);
    case 'mount-auto': {
      const present = new Set(splitTokens(value).map((t) => t.text));
      return [...MOUNT_AUTO_TOKENS, 'shmounts:'].filter((t) => !present.has(t)).map((t, i) => item(t, valueDoc(k, t), { edit: token, kind: CompletionItemKind.EnumMember, sort: String(i).padStart(3, '0') }));
    }
    case 'namespaces': {
      const present = new Set(splitTokens(value).map((t) => t.text.toLowerCase()));
      return NAMESPACES.filter((n) => !present.has(n)).map((n) => item(n, valueDoc(k, n), { edit: token, kind: CompletionItemKind.EnumMember }));
    }
    case 'caps': {
      const current = text.slice(ts, te);
      const present = new Set(splitTokens(value).map((t) => t.text).filter((t) => t !== current));
      const caps = CAPABILITIES.filter((c) => !present.has(c.name)).map((c) => item(c.name, capabilityMarkdown(c, { context: k.capMode ?? 'drop' }), {
        edit: token, kind: CompletionItemKind.Constant, sort: c.name, detail: `${c.cap} · risk ${c.risk}`,
      }));
      if (k.capMode === 'keep' && !present.has('none')) caps.unshift(item('none', 'Keep no capability at all.', { edit: token, kind: CompletionItemKind.Keyword, sort: '!' }));
      return caps;
    }
    case 'idmap':
      return ['u 0 100000 65536', 'g 0 100000 65536'].map((s, i) => item(s, i === 0
        ? 'Maps container user IDs 0-65535 to host IDs 100000-165535 (the usual range of the first entry in /etc/subuid).'
        : 'Maps container group IDs 0-65535 to host IDs 100000-165535 (the usual range of the first entry in /etc/subgid).', { kind: CompletionItemKind.Snippet, sort: String(i) }));
    case 'include':
      return includePaths(pos, text, vs, ctx.host);
    default:
      return [];
  }
}

function includePaths(pos: Position, text: string, vs: number, host: Host): CompletionItem[] {
  const typed = text.slice(vs, pos.character);
  const slash = typed.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : typed.slice(0, slash + 1);
  const dir = resolvePath(host.cwd(), dirPart === '' ? '.' : dirPart);
  const names = host.readDir(dir);
  if (!names) return [];
  const edit = range(pos.line, vs + dirPart.length, pos.character + (text.slice(pos.character).match(/^[^ \t]*/)?.[0].length ?? 0));
  const out: CompletionItem[] = [];
  for (const n of names.slice(0, 2000).sort()) {
    if (n.startsWith('.')) continue;
    const st = host.stat(`${dir}/${n}`);
    if (!st) continue;
    if (st.type === 'directory') {
      out.push({ label: `${n}/`, kind: CompletionItemKind.Folder, textEdit: { range: edit, newText: `${n}/` }, sortText: `0${n}`, detail: 'directory: every *.conf inside is read', command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } });
    } else if (st.type === 'file') {
      out.push({ label: n, kind: CompletionItemKind.File, textEdit: { range: edit, newText: n }, sortText: `${n.endsWith('.conf') ? 1 : 2}${n}` });
    }
  }
  return out;
}


/** Adds the documentation of a key item (completionItem/resolve). */
export function resolveLxcCompletion(item: CompletionItem, version: LxcVersion): CompletionItem {
  const data = item.data as { ctconf?: string; key?: string } | undefined;
  if (data?.ctconf !== 'lxc-key' || !data.key) return item;
  const r = resolveKey(data.key);
  const k = r.type === 'exact' || r.type === 'family' || r.type === 'net' ? r.key : undefined;
  return k ? { ...item, documentation: { kind: 'markdown', value: keyMarkdown(k, version, data.key) } } : item;
}
