/**
 * Positions from a client are not trusted (negative, fractional, NaN, null or huge values
 * reach the server), and every range the server returns must lie inside the document. Both
 * directions go through here.
 */
import type { Position } from 'vscode-languageserver-types';

/** What clamping needs of a document (LineDocument has it). */
export interface Lines {
  readonly lineCount: number;
  offsetAt(p: Position): number;
  positionAt(offset: number): Position;
}

/** A finite integer ≥ 0 from anything (NaN, null, strings and negatives become 0). */
function whole(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

/** The nearest position inside the document (a character past the end of a line is its end). */
export function clampPosition(doc: Lines, p: unknown): Position {
  const o = (p !== null && typeof p === 'object' ? p : {}) as { line?: unknown; character?: unknown };
  const line = Math.min(whole(o.line), Math.max(doc.lineCount - 1, 0));
  return doc.positionAt(doc.offsetAt({ line, character: whole(o.character) }));
}

/** A range from the client: both ends clamped, and a backwards range turned round. */
export function clampRange(doc: Lines, r: unknown): { start: Position; end: Position } {
  const o = (r !== null && typeof r === 'object' ? r : {}) as { start?: unknown; end?: unknown };
  const start = clampPosition(doc, o.start);
  const end = clampPosition(doc, o.end ?? o.start);
  return before(end, start) ? { start: end, end: start } : { start, end };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

const isPosition = (v: unknown): v is Position =>
  v !== null && typeof v === 'object' && 'line' in v && 'character' in v && Object.keys(v).length === 2;

/**
 * The last guard on the way out: every position in a result (ranges of hovers, edits,
 * symbols, links, diagnostics, inlay hints) is clamped in place to the document it refers to
 * (`docFor(uri)` for edits and locations in other documents; a document the server does not
 * have open only gets whole, non-negative numbers), and folding lines to its line count.
 */
export function clampResult(value: unknown, doc: Lines | undefined, docFor: (uri: string) => Lines | undefined, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (Array.isArray(value)) {
    for (const v of value) clampResult(v, doc, docFor, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  let here = doc;
  if (typeof o.uri === 'string') here = docFor(o.uri);
  const td = o.textDocument as { uri?: unknown } | undefined;
  if (td && typeof td.uri === 'string') here = docFor(td.uri);
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (k === 'data') continue; // opaque to the client, handed back as it is
    if (k === 'changes' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [uri, edits] of Object.entries(v)) clampResult(edits, docFor(uri), docFor, depth + 1);
    } else if (isPosition(v)) {
      o[k] = here ? clampPosition(here, v) : { line: whole(v.line), character: whole(v.character) };
    } else {
      clampResult(v, here, docFor, depth + 1);
    }
  }
  if (isPosition(o.start) && isPosition(o.end) && before(o.end, o.start)) o.end = o.start;
  if (here && typeof o.startLine === 'number' && typeof o.endLine === 'number') {
    const last = Math.max(here.lineCount - 1, 0);
    o.startLine = Math.min(whole(o.startLine), last);
    o.endLine = Math.max(Math.min(whole(o.endLine), last), o.startLine as number);
  }
}
