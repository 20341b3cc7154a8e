/**
 * "Move KEY to [TABLE]": takes a whole entry (every line of a multi-line value, and a
 * comment after it) out of the table where Podman ignores it and puts it into the table it
 * belongs to: after that table's header, next to its dotted keys when the table is only
 * made of dotted keys, or under a new header at the end of the file. The file keeps its line
 * breaks and its final newline (or lack of one). The result is parsed and resolved again
 * before the fix is offered: no fix rather than one that breaks the file.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { offsetAt, parseToml, type TomlDocument, type TomlEntry } from './toml';
import { resolvePath } from './resolve';
import { eolOf, rng } from './cursor';
import { quickFix } from '../util/actions';
import { fixData } from '../rules';

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** Start of the line holding `offset`, and the end of that line with and without its line break. */
function lineOf(text: string, offset: number): { start: number; end: number; next: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) return { start, end: text.length, next: text.length };
  const next = end + 1;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end, next };
}

export function moveToTable(doc: TomlDocument, uri: string, d: Diagnostic): CodeAction | undefined {
  const data = fixData(d, 'containers/wrong-table');
  if (!data?.table) return undefined;
  const at = offsetAt(doc, d.range.start);
  // The diagnosed key must be the last part of a top-level entry's key (not inside an inline table).
  const e = doc.entries.find((x) => x.kv.key.parts[x.kv.key.parts.length - 1].start === at);
  if (!e) return undefined;
  const edits = moveEdits(doc, e, data.table);
  if (!edits || !safe(doc, edits, data.table, data.key)) return undefined;
  return quickFix(`Move ${data.key} to [${data.table}]`, uri, edits.map((x) => ({ range: rng(doc, x.start, x.end), newText: x.text }) satisfies TextEdit), [d], true);
}

function moveEdits(doc: TomlDocument, e: TomlEntry, table: string): OffsetEdit[] | undefined {
  const text = doc.text;
  const eol = eolOf(text);
  const first = lineOf(text, e.kv.start);
  const last = lineOf(text, e.kv.end);
  // The entry without the table prefix of a dotted key (`containers.runtime = …` → `runtime = …`),
  // with what follows it on its last line (blanks, a comment).
  const lastPart = e.kv.key.parts[e.kv.key.parts.length - 1];
  const body = text.slice(lastPart.start, last.end);
  // Remove its lines; a last line without a line break takes the break before it instead.
  const removal: OffsetEdit = last.next === last.end && first.start > 0
    ? { start: text[first.start - 2] === '\r' ? first.start - 2 : first.start - 1, end: last.end, text: '' }
    : { start: first.start, end: last.next, text: '' };
  const target = targetOf(doc, e, table);
  if (target === undefined) return undefined;
  let insert: OffsetEdit;
  if (target.kind === 'after') {
    // After the line at `target.offset` (a header, or a dotted key of the table).
    const line = lineOf(text, target.offset);
    // Right before the entry itself: the entry only loses its old table prefix.
    if (line.next === first.start) return [{ start: first.start, end: last.end, text: `${target.prefix}${body}` }];
    insert = line.next === line.end
      ? { start: line.end, end: line.end, text: `${eol}${target.prefix}${body}` }
      : { start: line.next, end: line.next, text: `${target.prefix}${body}${eol}` };
  } else {
    // A new table at the end of the file, keeping a final newline or its absence.
    const endsWithBreak = /\n$/.test(text);
    const lead = endsWithBreak ? eol : `${eol}${eol}`;
    insert = { start: text.length, end: text.length, text: `${lead}[${table}]${eol}${body}${endsWithBreak ? eol : ''}` };
  }
  // An insertion where the removal ends becomes one edit.
  return insert.start === removal.end ? [{ ...removal, text: insert.text }] : [removal, insert];
}

type Target = { kind: 'after'; offset: number; prefix: string } | { kind: 'new' };

/** Where the entry goes: under the table's header, next to its dotted keys, or a new header. */
function targetOf(doc: TomlDocument, moved: TomlEntry, table: string): Target | undefined {
  const want = table.split('.');
  const same = (path: string[]) => {
    const r = resolvePath(path);
    return r.type === 'table' && r.canonical.join('.') === table && path.length === want.length;
  };
  const header = doc.headers.find((h) => same(h.key.parts.map((p) => p.name)));
  if (header) return header.array ? undefined : { kind: 'after', offset: header.end, prefix: '' };
  // A table made only of dotted keys (`engine.stop_timeout = 5` at the top): a header would redefine it.
  const dotted = doc.entries.filter((x) => x !== moved && x.kv.key.parts.length > 1 && same(x.table));
  if (dotted.length) {
    const lastOne = dotted[dotted.length - 1];
    const parts = lastOne.kv.key.parts;
    return { kind: 'after', offset: lastOne.kv.end, prefix: doc.text.slice(parts[0].start, parts[parts.length - 1].start) };
  }
  return { kind: 'new' };
}

/** Applies the edits and checks the result: no new TOML error, and the key now resolves in the table. */
function safe(doc: TomlDocument, edits: OffsetEdit[], table: string, key: string): boolean {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let text = doc.text;
  for (const x of sorted) text = text.slice(0, x.start) + x.text + text.slice(x.end);
  const after = parseToml(text);
  if (after.errors.length > doc.errors.length) return false;
  return after.entries.some((x) => {
    const r = resolvePath(x.path);
    return r.type === 'key' && r.key.table === table && r.key.key === key;
  });
}

