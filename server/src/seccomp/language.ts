/** Seccomp profiles (JSON, as Podman reads them) as a language of the engine. */
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol, type Hover, type Position } from 'vscode-languageserver-types';
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser/lib/esm/main.js';
import type { LanguageSupport } from '../language';
import { findCapability } from '../capabilities/table';
import { replaceWithSuggestion } from '../util/actions';
import { inlineCode } from '../util/markdown';
import { ACTIONS, ARCHES, ERRNOS, OPERATORS, PROFILE_FIELDS, type FieldSpec } from './profile';
import { describeSyscall, syscallCapability, syscallNames } from './syscalls';
import { fieldOf, offsetRange, parseSeccomp, validateSeccomp, type SeccompModel } from './validate';

/** Markdown for one system call: what it does and the capability that gates it. */
export function syscallMarkdown(name: string): string | undefined {
  const d = describeSyscall(name);
  if (!d) return undefined;
  const cap = syscallCapability(name);
  const capInfo = cap ? findCapability(cap) : undefined;
  const lines = [`**${name}** (system call)`, '', d.text];
  if (cap) lines.push('', `Gated by **${cap}**${capInfo ? `: ${capInfo.summary}` : ''} Podman's default profile allows it only to containers that have this capability.`);
  lines.push('', `[${d.base ?? name}(2)](https://man7.org/linux/man-pages/man2/${d.base ?? name}.2.html)`);
  return lines.join('\n');
}

function offsetOf(m: SeccompModel, pos: Position): number {
  const start = m.lineStarts[Math.min(pos.line, m.lineStarts.length - 1)] ?? 0;
  return Math.min(start + pos.character, m.text.length);
}

/** The field spec a JSON path leads to (array indexes skipped). */
function specAt(path: (string | number)[]): FieldSpec | undefined {
  let fields: Readonly<Record<string, FieldSpec>> | undefined = PROFILE_FIELDS;
  let spec: FieldSpec | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    if (!fields) return undefined;
    const f = fieldOf(fields, seg);
    if (!f) return undefined;
    spec = f[1];
    fields = spec.fields;
  }
  return spec;
}

function hover(m: SeccompModel, pos: Position): Hover | null {
  if (!m.root) return null;
  const node = findNodeAtOffset(m.root, offsetOf(m, pos));
  if (!node) return null;
  const range = offsetRange(m, node.offset, node.offset + node.length);
  const path = getNodePath(node);
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const field = path.filter((p): p is string => typeof p === 'string');
  if (isKey) {
    const spec = specAt(path);
    return spec ? { contents: { kind: 'markdown', value: `**${field.join('.')}**\n\n${spec.doc}` }, range } : null;
  }
  if (node.type !== 'string') return null;
  const v = node.value as string;
  const last = field[field.length - 1];
  let value: string | undefined;
  if (last === 'names' || last === 'name') value = syscallMarkdown(v) ?? `${inlineCode(v)}: not a system call ctconf knows.`;
  else if (last === 'action' || last === 'defaultAction') value = ACTIONS.find((a) => a.name === v)?.doc;
  else if (last === 'op') value = OPERATORS.find((o) => o.name === v)?.doc;
  else if (last === 'caps') {
    const c = findCapability(v);
    value = c ? `**${c.cap}**: ${c.summary}` : undefined;
  } else if (last === 'errno' || last === 'defaultErrno') value = ERRNOS.has(v) ? `${v}: the error the call returns.` : undefined;
  return value ? { contents: { kind: 'markdown', value }, range } : null;
}

function completion(m: SeccompModel, pos: Position): CompletionItem[] {
  if (!m.root) return [];
  const off = offsetOf(m, pos);
  const node = findNodeAtOffset(m.root, off, true) ?? findNodeAtOffset(m.root, Math.max(0, off - 1), true);
  if (!node) return [];
  const path = getNodePath(node);
  const field = path.filter((p): p is string => typeof p === 'string');
  const last = field[field.length - 1];
  const inString = node.type === 'string';
  const replace = inString ? { range: offsetRange(m, node.offset, node.offset + node.length) } : undefined;
  const make = (label: string, doc: string | undefined, kind: CompletionItemKind): CompletionItem => ({
    label, kind, documentation: doc ? { kind: 'markdown', value: doc } : undefined,
    ...(replace ? { textEdit: { range: replace.range, newText: JSON.stringify(label) } } : { insertText: JSON.stringify(label) }),
  });
  // Documented inline: the service resolves items by the first dash-separated part of data.ctconf,
  // which cannot name the `seccomp-json` language.
  if (last === 'names' || last === 'name') return syscallNames().map((n) => make(n, syscallMarkdown(n), CompletionItemKind.Function));
  if (last === 'action' || last === 'defaultAction') return ACTIONS.map((a) => make(a.name, a.doc, CompletionItemKind.EnumMember));
  if (last === 'op') return OPERATORS.map((o) => make(o.name, o.doc, CompletionItemKind.Operator));
  if (last === 'architectures' || last === 'architecture' || last === 'subArchitectures') return ARCHES.map((a) => make(a, undefined, CompletionItemKind.EnumMember));
  if (last === 'errno' || last === 'defaultErrno') return [...ERRNOS].map((e) => make(e, undefined, CompletionItemKind.Constant));
  return [];
}

function symbols(m: SeccompModel): DocumentSymbol[] {
  if (m.root?.type !== 'object') return [];
  const r = (n: Node) => offsetRange(m, n.offset, n.offset + n.length);
  return (m.root.children ?? []).filter((p) => p.children?.length === 2).map((p) => {
    const [k, v] = p.children!;
    const children = String(k.value) === 'syscalls' && v.type === 'array'
      ? (v.children ?? []).filter((c) => c.type === 'object').map((c, i) => {
        const names = c.children?.find((x) => x.children?.[0].value === 'names')?.children?.[1];
        const action = c.children?.find((x) => x.children?.[0].value === 'action')?.children?.[1];
        const list = (names?.children ?? []).map((x) => String(x.value));
        return { name: `${i}: ${list.slice(0, 3).join(', ')}${list.length > 3 ? ` … (${list.length})` : ''}` || `${i}`, detail: String(action?.value ?? ''), kind: SymbolKind.Object, range: r(c), selectionRange: r(c) };
      })
      : undefined;
    return { name: String(k.value), kind: v.type === 'array' ? SymbolKind.Array : SymbolKind.Property, range: r(p), selectionRange: r(k), children };
  });
}

export const seccompLanguage: LanguageSupport<SeccompModel> = {
  id: 'seccomp-json',
  parse: (text) => parseSeccomp(text),
  findings: (m) => validateSeccomp(m),
  hover: (m, pos) => hover(m, pos),
  completion: (m, pos) => completion(m, pos),
  codeActions: (_m, _range, diagnostics, ctx) => diagnostics.flatMap((d) => {
    if (typeof d.code !== 'string' || !d.code.startsWith('seccomp/')) return [];
    // Every range with a suggestion is a JSON string (a key or a value), so the fix keeps it quoted.
    const a = replaceWithSuggestion(d, ctx.uri, true);
    return a ? [a] : [];
  }),
  symbols: (m) => symbols(m),
};
