/** Incus/LXD instance and profile YAML as a language of the engine. */
import { CompletionItemKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver-types';
import type { LanguageSupport } from '../language';
import { replaceWithSuggestion } from '../util/actions';
import { INCUS_KEYS } from './keys';
import { INCUS_DOCS, genericDoc } from './docs';
import { incusKey, parseIncus, type IncusModel } from './model';
import { validateIncus } from './validate';
import { subidCountFix } from './idmap';
import { addLineFix } from '../unpriv/lxc';

const within = (p: Position, r: { start: Position; end: Position }) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

export function keyDoc(name: string): string | undefined {
  const k = incusKey(name);
  if (!k) return undefined;
  const facts = [`Type: \`${k[1]}\``, k[2] ? `default: ${k[2]}` : undefined, k[3] ? `applies to: ${k[3]}` : undefined, k[4] ? `live update: ${k[4]}` : undefined].filter(Boolean).join(' · ');
  return [`**${k[0]}**`, '', INCUS_DOCS[k[0]] ?? genericDoc(k[1], k[2], k[3]), '', facts].join('\n');
}

function hoverIncus(m: IncusModel, pos: Position): Hover | null {
  const e = m.config.find((x) => within(pos, x.keyRange));
  const doc = e && keyDoc(e.key);
  return e && doc ? { contents: { kind: 'markdown', value: doc }, range: e.keyRange } : null;
}

/** Config keys, offered on an indented line after `config:` (a simple line-based context test). */
function completeIncus(m: IncusModel, pos: Position): CompletionItem[] {
  const lines = m.text.split(/\r\n|\r|\n/);
  const before = (lines[pos.line] ?? '').slice(0, pos.character);
  const word = /^(\s+)([A-Za-z0-9_.-]*)$/.exec(before);
  if (!word) return [];
  let parent: string | undefined;
  for (let l = pos.line - 1; l >= 0; l--) {
    const t = lines[l];
    if (/^\S/.test(t)) {
      parent = /^([A-Za-z_]+):\s*$/.exec(t)?.[1];
      break;
    }
  }
  if (parent !== 'config') return [];
  const used = new Set(m.config.map((e) => e.key));
  const range = { start: { line: pos.line, character: word[1].length }, end: pos };
  return INCUS_KEYS.filter((k) => !/[*<]/.test(k[0]) && !k[0].startsWith('volatile.') && !used.has(k[0])).map((k) => ({
    label: k[0],
    kind: CompletionItemKind.Property,
    detail: k[1],
    documentation: { kind: 'markdown', value: keyDoc(k[0]) ?? '' },
    textEdit: { range, newText: `${k[0]}: ` },
  }));
}

export const incusLanguage: LanguageSupport<IncusModel> = {
  id: 'incus-yaml',
  readsOthers: true,
  parse: (text) => parseIncus(text),
  findings: (m, ctx) => validateIncus(m, ctx),
  hover: (m, pos) => hoverIncus(m, pos),
  completion: (m, pos) => completeIncus(m, pos),
  codeActions(_m, _range, diagnostics, ctx) {
    const out = [];
    for (const d of diagnostics) {
      const fix = subidCountFix(d) ?? addLineFix(d) ?? (d.code === 'incus/unknown-key' ? replaceWithSuggestion(d, ctx.uri) : undefined);
      if (fix) out.push(fix);
    }
    return out;
  },
};
