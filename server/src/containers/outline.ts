/** Outline and folding for containers.conf, in one pass over the headers and entries. */
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { positionAt, type TomlDocument } from './toml';
import { rng } from './cursor';

/** Most symbols (tables and keys together) returned for one document; the rest are left out. */
export const MAX_SYMBOLS = 5000;

/** Outline: one symbol per table header with its keys; linear in the document, at most MAX_SYMBOLS. */
export function ccSymbols(doc: TomlDocument, max = MAX_SYMBOLS): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let budget = max;
  const headers = doc.headers;
  // Headers and entries are both in document order, and a header's entries follow it in one
  // run: one walk over both, stopping at the budget (no index of all the entries).
  const entries = doc.entries;
  let k = 0;
  for (let i = 0; i < headers.length && budget > 0; i++) {
    const h = headers[i];
    budget--;
    const end = i + 1 < headers.length ? headers[i + 1].start : doc.text.length;
    while (k < entries.length && entries[k].kv.start < h.start) k++;
    const children: DocumentSymbol[] = [];
    for (; k < entries.length && entries[k].header === h; k++) {
      const e = entries[k];
      if (budget <= 0) break;
      budget--;
      children.push({
        name: e.kv.key.parts.map((p) => p.name).join('.'),
        kind: 7,
        detail: doc.text.slice(e.kv.value.start, Math.min(e.kv.value.end, e.kv.value.start + 60)).replace(/\s+/g, ' '),
        range: rng(doc, e.kv.start, e.kv.end),
        selectionRange: rng(doc, e.kv.key.start, e.kv.key.end),
      });
    }
    let last = end;
    while (last > h.end && /\s/.test(doc.text[last - 1])) last--;
    const name = h.key.parts.map((p) => p.name).join('.');
    out.push({ name: h.array ? `[[${name}]]` : `[${name}]`, kind: 19, range: rng(doc, h.start, Math.max(last, h.end)), selectionRange: rng(doc, h.key.start, h.key.end), children });
  }
  return out;
}

/** Folding: each table, and each multi-line value. */
export function ccFolding(doc: TomlDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
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
