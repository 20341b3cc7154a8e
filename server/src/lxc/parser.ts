/**
 * LXC container config parser with exact ranges, following liblxc's line rules
 * (src/lxc/parse.c, parse_line in src/lxc/confile.c):
 * - lines end at \r or \n; the first NUL byte ends the whole file for LXC;
 * - leading spaces and tabs are skipped; `#` starts a comment only at the line start;
 * - a line that does not start with `lxc.` is silently ignored;
 * - key = text before the first `=`, trailing blanks removed; value = the rest, trimmed,
 *   with one pair of matching outer quotes removed (no escapes);
 * - a UTF-8 BOM is part of the first line, so LXC ignores that line.
 *
 * The parser never fails: every line gets a kind, and columns are UTF-16 offsets as in LSP.
 */

import { finish, type Slices } from '../util/slices';

export type LineKind = 'blank' | 'comment' | 'entry' | 'malformed' | 'ignored';

const KINDS: readonly LineKind[] = ['blank', 'comment', 'entry', 'malformed', 'ignored'];
const UNSEEN = [undefined, 'nul', 'bom'] as const;

/**
 * One line as LXC reads it. A class with the fewest stored fields: a config keeps one per key
 * line, and on machines where fresh memory is slow to touch (about 5 ms per MB here) the size
 * of each is a large part of the time. So the value's columns follow from the raw columns and
 * the quote, the key's end from its start and length, and the kind, the quote and `unseen`
 * share one number (104 bytes a line, where 13 fields took 128). A line of the document is
 * also its own origin (`file` undefined, `topLine` itself).
 */
export class LxcLine {
  /** kind (bits 0-2), quoted (bit 3), unseen (bits 4-5). */
  private bits: number;

  constructor(
    /** Editor line number (0-based). */
    public line: number,
    kind: LineKind,
    /** Column where the content starts (after leading blanks, and after a BOM). */
    public start: number,
    /** Column where LXC's view of the line ends (at a NUL, or the line end). */
    public end: number,
    public key: string,
    public keyStart: number,
    /** Column of the `=`; -1 when there is none. */
    public eq: number,
    /** Columns of the trimmed value, quotes included. */
    public rawStart: number,
    public rawEnd: number,
    /** Value as LXC sees it (outer quotes removed). */
    public value: string,
    quoted: boolean,
  ) {
    this.bits = KINDS.indexOf(kind) | (quoted ? 8 : 0);
  }

  get kind(): LineKind {
    return KINDS[this.bits & 7];
  }

  get quoted(): boolean {
    return (this.bits & 8) !== 0;
  }

  /** LXC never reads this line: it comes after a NUL byte, or a BOM hides its key. */
  get unseen(): 'nul' | 'bom' | undefined {
    return UNSEEN[this.bits >> 4];
  }

  set unseen(why: 'nul' | 'bom' | undefined) {
    this.bits = (this.bits & 15) | (UNSEEN.indexOf(why) << 4);
  }

  get keyEnd(): number {
    return this.keyStart + this.key.length;
  }

  get valueStart(): number {
    return this.quoted ? this.rawStart + 1 : this.rawStart;
  }

  get valueEnd(): number {
    return this.quoted ? this.rawEnd - 1 : this.rawEnd;
  }

  /** As an origin: a line of the document itself. */
  get file(): undefined {
    return undefined;
  }

  get topLine(): number {
    return this.line;
  }
}

/**
 * A parsed config. Only lines that carry something for LXC (entries, malformed and ignored
 * lines) become objects; blank lines and comments are recorded by their line starts alone and
 * are built on request, so a million-line file costs one object per key line and no more.
 */
export class LxcDocument {
  /** Entries, malformed and ignored lines, in order (blank lines and comments excluded). */
  readonly items: readonly LxcLine[];
  /** Lines that are key = value entries, in order (the same array as `items` when all are). */
  readonly entries: readonly LxcLine[];
  /**
   * Offset in `text` of each editor line (the first `lineCount` slots): a typed array outside
   * the garbage-collected heap, as a million lines' starts in a growing JS array cost 24 MB.
   */
  private readonly starts: Int32Array;
  readonly lineCount: number;
  bom = false;
  /** Position of the first NUL byte, if any. */
  nul?: { line: number; character: number };
  /** Key lines (entries and malformed lines) after the NUL, which LXC never reads. */
  afterNul = 0;

  constructor(readonly text: string, items: LxcLine[], entries: LxcLine[], starts: Int32Array, lineCount: number) {
    this.items = items;
    this.entries = entries;
    this.starts = starts;
    this.lineCount = lineCount;
  }

  /** Offset in `text` where an editor line starts. */
  lineStart(line: number): number {
    return this.starts[line];
  }

  /** An editor line's text without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const start = this.starts[line];
    let end = line + 1 < this.lineCount ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** The parsed line at an editor line (blank lines and comments are built on the fly). */
  lineAt(line: number): LxcLine | undefined {
    if (line < 0 || line >= this.lineCount) return undefined;
    const items = this.items;
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const l = items[mid].line;
      if (l === line) return items[mid];
      if (l < line) lo = mid + 1;
      else hi = mid - 1;
    }
    const full = this.lineText(line);
    const z = this.nul && this.nul.line === line ? this.nul.character : full.length;
    const l = parseLine(full, 0, line, line === 0 && this.bom ? 1 : 0, z);
    if (this.nul && line > this.nul.line) l.unseen = 'nul';
    return l;
  }
}

const isLineBlank = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 13 || c === 10 || c === 0;
const isRightGc = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 0;

interface ScanResult {
  starts: Int32Array;
  lineCount: number;
  bom: boolean;
  nul?: { line: number; character: number };
  afterNul: number;
}

/**
 * Walks the text line by line, records where each line starts, and hands every line that is
 * not blank or a comment to `visit`, without building the lines in between.
 */
function* scanLxc(text: string, visit: (l: LxcLine) => void): Slices<ScanResult> {
  const hint: EqHint = { from: 0, at: -1, keys: new Map() };
  const n = text.length;
  const bom = text.charCodeAt(0) === 0xfeff;
  const nulAt = text.indexOf('\0');
  // Line breaks: \n alone is found natively; a text with \r (rare) takes the general path.
  const hasCr = text.indexOf('\r') !== -1;
  let nul: ScanResult['nul'];
  let afterNul = 0;
  let line = 0;
  let pos = 0;
  let starts = new Int32Array(Math.min(1024, n + 1));
  for (;;) {
    let end: number;
    let next: number;
    if (!hasCr) {
      end = text.indexOf('\n', pos);
      if (end === -1) end = n;
      next = end + 1;
    } else {
      end = pos;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      next = end < n && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    }
    if (line === starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[line] = pos;
    const seenNul = nul !== undefined;
    let stop = end;
    if (!seenNul && nulAt !== -1 && nulAt < end) {
      nul = { line, character: nulAt - pos };
      stop = nulAt;
    }
    const l = parseLineAt(text, pos, line, line === 0 && bom ? 1 : 0, stop - pos, hint);
    if (l) {
      if (seenNul) {
        l.unseen = 'nul';
        if (l.kind === 'entry' || l.kind === 'malformed') afterNul++;
      } else if (line === 0 && bom) l.unseen = 'bom';
      visit(l);
    }
    line++;
    if (next > n) break;
    pos = next;
    if (line % PARSE_SLICE_LINES === 0) yield;
  }
  return { starts, lineCount: line, bom, nul, afterNul };
}

/** Lines parsed between two points where a front door may answer requests (util/slices.ts). */
export const PARSE_SLICE_LINES = 20_000;

export function parseLxc(text: string): LxcDocument {
  return finish(parseLxcSlices(text));
}

/** `parseLxc`, pausing after every PARSE_SLICE_LINES lines. */
export function* parseLxcSlices(text: string): Slices<LxcDocument> {
  const items: LxcLine[] = [];
  let others = 0;
  const r = yield* scanLxc(text, (l) => {
    items.push(l);
    if (l.kind !== 'entry') others++;
  });
  // Nearly every config has only entries (no ignored or malformed lines): one array for both.
  const entries = others === 0 ? items : items.filter((l) => l.kind === 'entry');
  const doc = new LxcDocument(text, items, entries, r.starts, r.lineCount);
  doc.bom = r.bom;
  doc.nul = r.nul;
  doc.afterNul = r.afterNul;
  return doc;
}

/**
 * The entries LXC reads in `text` whose line contains `needle` (those of `parseLxc(text).entries`),
 * without building the other lines: a host check reads the idmaps of every container before
 * it checks any, and parsing whole files there cost 80 ms of a 600 ms run of 2,000 configs.
 */
export function entriesWith(text: string, needle: string): LxcLine[] {
  if (needle === '' || needle.includes('\n') || text.charCodeAt(0) === 0xfeff || text.indexOf('\0') !== -1 || text.indexOf('\r') !== -1) {
    // A BOM, a NUL or \r line ends change what LXC reads: the whole parse decides.
    const doc = parseLxc(text);
    return doc.entries.filter((e) => !e.unseen && doc.lineText(e.line).includes(needle));
  }
  const out: LxcLine[] = [];
  let line = 0;
  let counted = 0;
  for (let at = text.indexOf(needle); at !== -1; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const l = parseLineAt(text, start, line, 0, end - start);
    if (l?.kind === 'entry') out.push(l);
    at = text.indexOf(needle, end);
  }
  return out;
}

function parseLine(full: string, base: number, line: number, begin: number, end: number): LxcLine {
  return parseLineAt(full, base, line, begin, end) ?? blankOrComment(full, base, line, begin, end);
}

function blankOrComment(text: string, base: number, line: number, begin: number, end: number): LxcLine {
  let s = base + begin;
  const stop = base + end;
  while (s < stop && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  const comment = s < stop && text.charCodeAt(s) === 35;
  const start = comment ? s - base : begin;
  return new LxcLine(line, comment ? 'comment' : 'blank', start, end, '', begin, -1, end, end, '', false);
}

/**
 * A '=' found beyond the line it was searched from: none lies in [from, at). Reused for
 * lines visited in increasing order (`{ from: 0, at: -1 }` to start).
 */
interface EqHint {
  from: number;
  at: number;
  /**
   * Key names met so far, so that lines with the same key share one string: most keys of a big
   * config repeat, and a string per line was 40 of its 230 bytes (at most MAX_KEYS names).
   */
  keys: Map<string, string>;
}

const MAX_KEYS = 4096;

/**
 * Parses the line of `text` that starts at offset `base`, from column `begin` to column
 * `end`; undefined for a blank line or a comment. Columns in the result are line-relative.
 */
function parseLineAt(text: string, base: number, line: number, begin: number, end: number, hint?: EqHint): LxcLine | undefined {
  const stop = base + end;
  let s = base + begin;
  while (s < stop && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  if (s === stop) return undefined;
  const first = text.charCodeAt(s);
  if (first === 35) return undefined; // '#'
  if (first === 12 || first === 13 || first === 10 || first === 0) {
    let i = s;
    while (i < stop && isLineBlank(text.charCodeAt(i))) i++;
    if (i === stop) return undefined;
    // Not blank after all: LXC skips only spaces and tabs before the key.
  }
  const col = s - base;
  if (!text.startsWith('lxc.', s) || s + 4 > stop) {
    return new LxcLine(line, 'ignored', col, end, text.slice(s, stop), col, -1, end, end, '', false);
  }
  // The next '=' at or after s, found natively. Lines without one (malformed) would make
  // every search run on into the following lines, so a result past this line is remembered
  // and reused until the scan reaches it: the searches stay linear over the whole file.
  let eq = hint && hint.from <= s && s <= hint.at ? hint.at : text.indexOf('=', s);
  if (eq === -1) eq = text.length;
  if (eq >= stop) {
    if (hint) {
      hint.from = s;
      hint.at = eq;
    }
    eq = stop;
  }
  let ke = eq;
  while (ke > s && isRightGc(text.charCodeAt(ke - 1))) ke--;
  if (eq === stop) return new LxcLine(line, 'malformed', col, end, text.slice(s, ke), col, -1, end, end, '', false);
  let vs = eq + 1;
  while (vs < stop && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
  let ve = stop;
  while (ve > vs && isRightGc(text.charCodeAt(ve - 1))) ve--;
  const q = text.charCodeAt(vs);
  const quoted = (q === 34 || q === 39) && ve - vs > 1 && text.charCodeAt(ve - 1) === q;
  const value = quoted ? text.slice(vs + 1, ve - 1) : text.slice(vs, ve);
  let key = text.slice(s, ke);
  if (hint) {
    const known = hint.keys.get(key);
    if (known !== undefined) key = known;
    else if (hint.keys.size < MAX_KEYS) hint.keys.set(key, key);
  }
  return new LxcLine(line, 'entry', col, end, key, col, eq - base, vs - base, ve - base, value, quoted);
}
