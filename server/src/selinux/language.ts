/**
 * The container-selinux contexts file (/usr/share/containers/selinux/contexts): one
 * `key = "user:role:type:level"` line per kind of label the engine hands out. Lines are split at
 * the first `=`, the value's quotes are dropped; `#` and `;` start comment lines.
 */
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { LanguageSupport } from '../language';
import { closest, suggestionBudget } from '../util/strings';
import { inlineCode } from '../util/markdown';
import { replaceWithSuggestion } from '../util/actions';
import { selinuxContextHover, splitContext, validateSelinuxContext } from './context';
import { FILE_TYPES, SELINUX_TYPES } from './types';

export const CONTEXT_KEYS: Readonly<Record<string, { doc: string; file: boolean; example: string }>> = {
  process: { doc: 'The label of ordinary container processes.', file: false, example: 'system_u:system_r:container_t:s0' },
  file: { doc: 'The label given to container content the container may write (its root file system, `:Z` volumes).', file: true, example: 'system_u:object_r:container_file_t:s0' },
  ro_file: { doc: 'The label of container content the container may only read.', file: true, example: 'system_u:object_r:container_ro_file_t:s0' },
  kvm_process: { doc: 'The label of container processes that run a virtual machine (Kata, krun).', file: false, example: 'system_u:system_r:container_kvm_t:s0' },
  init_process: { doc: 'The label of containers that run systemd as init.', file: false, example: 'system_u:system_r:container_init_t:s0' },
  engine_process: { doc: 'The label of a container engine running inside a container.', file: false, example: 'system_u:system_r:container_engine_t:s0' },
};

interface Line {
  line: number;
  key: string;
  keyStart: number;
  value: string;
  /** Column of the value (inside quotes). */
  valueStart: number;
}

export interface ContextsModel {
  lines: Line[];
  findings: Finding[];
}

const r = (line: number, s: number, e: number): Range => ({ start: { line, character: s }, end: { line, character: e } });

export function parseContexts(text: string): ContextsModel {
  const lines: Line[] = [];
  const findings: Finding[] = [];
  text.split(/\r?\n|\r/).forEach((raw, n) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) return;
    const eq = raw.indexOf('=');
    const lead = raw.length - raw.trimStart().length;
    if (eq === -1) {
      findings.push({ code: 'selinux/malformed-line', message: 'A line without `=`; the engine skips it.', range: r(n, lead, raw.trimEnd().length) });
      return;
    }
    const key = raw.slice(0, eq).trim();
    const keyStart = raw.indexOf(key, lead);
    let vs = eq + 1;
    while (vs < raw.length && /\s/.test(raw[vs])) vs++;
    let ve = raw.trimEnd().length;
    if (raw[vs] === '"') {
      vs++;
      if (ve > vs && raw[ve - 1] === '"') ve--;
    }
    lines.push({ line: n, key, keyStart, value: raw.slice(vs, ve), valueStart: vs });
  });
  return { lines, findings };
}

export function validateContexts(m: ContextsModel): Finding[] {
  const out: Finding[] = [...m.findings];
  const seen = new Map<string, number>();
  const suggest = suggestionBudget();
  for (const l of m.lines) {
    const spec = CONTEXT_KEYS[l.key];
    const keyAt = r(l.line, l.keyStart, l.keyStart + l.key.length);
    if (!spec) {
      const s = suggest(() => closest(l.key, Object.keys(CONTEXT_KEYS)));
      out.push({ code: 'selinux/unknown-key', message: `${inlineCode(l.key)} is not a kind of label the engine reads; it is ignored.${s ? ` Did you mean \`${s}\`?` : ''}`, range: keyAt, data: { suggestion: s } });
    }
    if (seen.has(l.key)) out.push({ code: 'selinux/duplicate-key', message: `${inlineCode(l.key)} is set again (first on line ${seen.get(l.key)! + 1}); only one of the lines is used.`, range: keyAt });
    seen.set(l.key, l.line);
    const problems = validateSelinuxContext(l.value);
    for (const p of problems) {
      out.push({ code: p.severity === 'error' ? 'selinux/invalid-context' : 'selinux/unusual-context', message: p.message, range: r(l.line, l.valueStart + p.start, l.valueStart + p.end) });
    }
    const parts = splitContext(l.value);
    if (!spec || !parts || problems.some((p) => p.severity === 'error')) continue;
    const isFileType = FILE_TYPES.has(parts.type.text);
    const wantRole = spec.file ? 'object_r' : 'system_r';
    if (parts.role.text !== wantRole) out.push({ code: 'selinux/unusual-context', message: `\`${l.key}\` labels ${spec.file ? 'files, whose role is `object_r`' : 'processes, which run in the role `system_r`'}; ${inlineCode(parts.role.text)} is unusual here.`, range: r(l.line, l.valueStart + parts.role.start, l.valueStart + parts.role.start + parts.role.text.length) });
    else if (spec.file !== isFileType && SELINUX_TYPES[parts.type.text]) out.push({ code: 'selinux/unusual-context', message: `${inlineCode(parts.type.text)} is a ${isFileType ? 'file' : 'process'} type, but \`${l.key}\` labels ${spec.file ? 'files' : 'processes'}.`, range: r(l.line, l.valueStart + parts.type.start, l.valueStart + parts.type.start + parts.type.text.length) });
  }
  return out;
}

function hover(m: ContextsModel, pos: Position): Hover | null {
  const l = m.lines.find((x) => x.line === pos.line);
  if (!l) return null;
  if (pos.character >= l.keyStart && pos.character <= l.keyStart + l.key.length) {
    const spec = CONTEXT_KEYS[l.key];
    return spec ? { contents: { kind: 'markdown', value: `**${l.key}**: ${spec.doc}\n\nDefault: \`${spec.example}\`` }, range: r(l.line, l.keyStart, l.keyStart + l.key.length) } : null;
  }
  if (pos.character < l.valueStart || pos.character > l.valueStart + l.value.length) return null;
  const value = selinuxContextHover(l.value, pos.character - l.valueStart);
  return value ? { contents: { kind: 'markdown', value }, range: r(l.line, l.valueStart, l.valueStart + l.value.length) } : null;
}

function completion(m: ContextsModel, text: string, pos: Position): CompletionItem[] {
  const line = text.split(/\r?\n|\r/)[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  if (/^\s*[a-z_]*$/.test(before)) {
    const set = new Set(m.lines.map((l) => l.key));
    return Object.entries(CONTEXT_KEYS).filter(([k]) => !set.has(k)).map(([k, v]) => ({
      label: k, kind: CompletionItemKind.Property, documentation: { kind: 'markdown', value: v.doc },
      textEdit: { range: r(pos.line, pos.character - before.trimStart().length, pos.character), newText: `${k} = "${v.example}"` },
    }));
  }
  const t = /^\s*([a-z_]+)\s*=\s*"?([^:"]*:){2}([A-Za-z0-9_]*)$/.exec(before);
  if (t) {
    const file = CONTEXT_KEYS[t[1]]?.file;
    return Object.keys(SELINUX_TYPES).filter((x) => file === undefined || FILE_TYPES.has(x) === file).map((x) => ({
      label: x, kind: CompletionItemKind.TypeParameter, documentation: { kind: 'markdown', value: SELINUX_TYPES[x] },
      textEdit: { range: r(pos.line, pos.character - t[3].length, pos.character), newText: x },
    }));
  }
  return [];
}

export const selinuxContextsLanguage: LanguageSupport<ContextsModel & { text: string }> = {
  id: 'selinux-contexts',
  parse: (text) => ({ ...parseContexts(text), text }),
  findings: (m) => validateContexts(m),
  hover: (m, pos) => hover(m, pos),
  completion: (m, pos) => completion(m, m.text, pos),
  codeActions: (_m, _range, diagnostics, ctx) => diagnostics.flatMap((d) => (d.code === 'selinux/unknown-key' ? [replaceWithSuggestion(d, ctx.uri)].filter((a) => a !== undefined) : [])),
  symbols: (m): DocumentSymbol[] => m.lines.map((l) => ({ name: l.key, detail: l.value, kind: SymbolKind.Property, range: r(l.line, l.keyStart, l.valueStart + l.value.length), selectionRange: r(l.line, l.keyStart, l.keyStart + l.key.length) })),
};
