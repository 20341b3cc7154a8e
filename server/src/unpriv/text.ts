/** Small helpers shared by the line-oriented host files (subuid/subgid, lxc-usernet, group). */

export interface RawLine {
  /** Editor line number (0-based). */
  line: number;
  /** The line without its break. */
  text: string;
  /** The line ended with \r\n (tools that read with fgets keep the \r in the line). */
  crlf: boolean;
}

/** Splits a text into editor lines (\r\n, \r or \n end a line, as in LSP). */
export function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let line = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ line: line++, text: text.slice(start, m.index), crlf: m[0] === '\r\n' });
    start = m.index + m[0].length;
  }
  out.push({ line, text: text.slice(start), crlf: false });
  return out;
}

const ULONG_MAX = (1n << 64n) - 1n;

/**
 * C's strtoul(s, &end, 0) with the whole string consumed (what shadow's getulong accepts):
 * leading white space, an optional sign, decimal, 0x hex or 0 octal; a minus wraps modulo
 * 2^64; undefined when something is left over or the value overflows.
 */
export function strtoulWhole(s: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const v = BigInt(m[2].startsWith('0') && !/^0[xX]/.test(m[2]) && m[2].length > 1 ? `0o${m[2].slice(1)}` : m[2]);
  if (v > ULONG_MAX) return undefined;
  return m[1] === '-' ? (ULONG_MAX + 1n - v) & ULONG_MAX : v;
}

/** The highest user or group ID that exists: (uid_t)-1 = 4294967295 means "no ID". */
export const MAX_ID = 4294967294n;

/** `a-b` for the IDs a .. a+n-1 (or `a` for one ID). */
export function span(a: bigint, n: bigint): string {
  return n <= 1n ? `${a}` : `${a}–${a + n - 1n}`;
}

export function plural(n: bigint | number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 || n === 1n ? '' : 's'}`;
}

/** Do [a, a+n) and [b, b+m) share an ID? */
export function intersects(a: bigint, n: bigint, b: bigint, m: bigint): boolean {
  return n > 0n && m > 0n && a < b + m && b < a + n;
}

/** The shared part of two ranges, as [start, count]. */
export function intersection(a: bigint, n: bigint, b: bigint, m: bigint): [bigint, bigint] {
  const s = a > b ? a : b;
  const e = a + n < b + m ? a + n : b + m;
  return [s, e > s ? e - s : 0n];
}

/** Base name of a path or URI. */
export function baseName(p: string): string {
  return p.replace(/\/+$/, '').split('/').pop() ?? p;
}

/** A subordinate range as shadow stores it. */
export interface SubRange {
  owner: string;
  start: bigint;
  count: bigint;
}

/** The ranges of one owner (those `owns` accepts), sorted by start, as shadowAllows takes them. */
export function ownedRanges(ranges: readonly SubRange[], owns: (owner: string) => boolean): SubRange[] {
  return ranges.filter((r) => r.count > 0n && owns(r.owner)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * Does shadow let a user map host IDs [start, start+count)? As newuidmap/newgidmap decide
 * (have_range): the range may be covered by several of the user's ranges that continue one
 * another (`owned`, from ownedRanges: found by owner name or by UID); else a single ID equal to
 * the user's own UID (newuidmap) or primary GID (newgidmap), passed as `own`, may always be
 * mapped. shadow follows the chain range by range; one sweep over the sorted ranges gives the
 * same answer in linear time.
 */
export function shadowAllows(owned: readonly SubRange[], start: bigint, count: bigint, own?: string): boolean {
  if (count === 0n) return false;
  if (count === 1n && own !== undefined && `${start}` === own) return true;
  const end = start + count - 1n;
  let next = start;
  for (const r of owned) {
    if (r.start > next) return false;
    const last = r.start + r.count - 1n;
    if (last >= next) next = last + 1n;
    if (next > end) return true;
  }
  return false;
}
