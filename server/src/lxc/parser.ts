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

export type LineKind = 'blank' | 'comment' | 'entry' | 'malformed' | 'ignored';

export interface LxcLine {
  /** Editor line number (0-based). */
  line: number;
  kind: LineKind;
  /** Column where the content starts (after leading blanks, and after a BOM). */
  start: number;
  /** Column where LXC's view of the line ends (at a NUL, or the line end). */
  end: number;
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Column of the `=`; -1 when there is none. */
  eq: number;
  /** Raw trimmed value, quotes included. */
  rawValue: string;
  rawStart: number;
  rawEnd: number;
  /** Value as LXC sees it (outer quotes removed). */
  value: string;
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
  /** LXC never reads this line: it follows a NUL byte, or a BOM hides it. */
  unseen?: 'nul' | 'bom';
}

export interface LxcDocument {
  text: string;
  lines: LxcLine[];
  /** Lines that are key = value entries, in order. */
  entries: LxcLine[];
  /** Number of editor lines. */
  lineCount: number;
  /** Editor line texts (without line breaks). */
  lineTexts: string[];
  bom: boolean;
  /** Position of the first NUL byte, if any. */
  nul?: { line: number; character: number };
}

const isBlankChar = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\0';
const isRightGc = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\0';

/** Splits text into editor lines exactly as LSP does (\r\n, \r, \n). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function parseLxc(text: string): LxcDocument {
  const lineTexts = splitLines(text);
  const lines: LxcLine[] = [];
  const entries: LxcLine[] = [];
  const bom = text.charCodeAt(0) === 0xfeff;
  let nul: LxcDocument['nul'];

  for (let ln = 0; ln < lineTexts.length; ln++) {
    const full = lineTexts[ln];
    let unseen: LxcLine['unseen'] = nul ? 'nul' : undefined;
    let end = full.length;
    if (!nul) {
      const z = full.indexOf('\0');
      if (z !== -1) {
        nul = { line: ln, character: z };
        end = z;
      }
    }
    let begin = 0;
    if (ln === 0 && bom) {
      begin = 1;
      unseen = 'bom';
    }
    const parsed = parseLine(full, ln, begin, end);
    if (unseen && parsed.kind !== 'blank' && parsed.kind !== 'comment') parsed.unseen = unseen;
    else if (unseen === 'nul') parsed.unseen = 'nul';
    lines.push(parsed);
    if (parsed.kind === 'entry') entries.push(parsed);
  }
  return { text, lines, entries, lineCount: lineTexts.length, lineTexts, bom, nul };
}

function parseLine(full: string, line: number, begin: number, end: number): LxcLine {
  const base: LxcLine = {
    line, kind: 'blank', start: begin, end, key: '', keyStart: begin, keyEnd: begin, eq: -1,
    rawValue: '', rawStart: end, rawEnd: end, value: '', valueStart: end, valueEnd: end, quoted: false,
  };
  let allBlank = true;
  for (let i = begin; i < end; i++) {
    if (!isBlankChar(full[i])) {
      allBlank = false;
      break;
    }
  }
  if (allBlank) return base;
  let s = begin;
  while (s < end && (full[s] === ' ' || full[s] === '\t')) s++;
  base.start = s;
  if (full[s] === '#') {
    base.kind = 'comment';
    return base;
  }
  if (!full.startsWith('lxc.', s) || s + 4 > end) {
    base.kind = 'ignored';
    base.keyStart = s;
    base.keyEnd = end;
    base.key = full.slice(s, end);
    return base;
  }
  const eq = full.indexOf('=', s);
  if (eq === -1 || eq >= end) {
    let ke = end;
    while (ke > s && isRightGc(full[ke - 1])) ke--;
    base.kind = 'malformed';
    base.key = full.slice(s, ke);
    base.keyStart = s;
    base.keyEnd = ke;
    return base;
  }
  let ke = eq;
  while (ke > s && isRightGc(full[ke - 1])) ke--;
  let vs = eq + 1;
  while (vs < end && (full[vs] === ' ' || full[vs] === '\t')) vs++;
  let ve = end;
  while (ve > vs && isRightGc(full[ve - 1])) ve--;
  const raw = full.slice(vs, ve);
  let value = raw;
  let valueStart = vs;
  let valueEnd = ve;
  let quoted = false;
  if ((raw[0] === '"' || raw[0] === "'") && raw.length > 1 && raw[raw.length - 1] === raw[0]) {
    value = raw.slice(1, -1);
    valueStart = vs + 1;
    valueEnd = ve - 1;
    quoted = true;
  }
  base.kind = 'entry';
  base.key = full.slice(s, ke);
  base.keyStart = s;
  base.keyEnd = ke;
  base.eq = eq;
  base.rawValue = raw;
  base.rawStart = vs;
  base.rawEnd = ve;
  base.value = value;
  base.valueStart = valueStart;
  base.valueEnd = valueEnd;
  base.quoted = quoted;
  return base;
}
