/**
 * /etc/subuid and /etc/subgid (subuid(5), subgid(5)): one `owner:start:count` range per line,
 * read the way shadow's subordinate_parse does: the line is cut at its first three `:`; the three
 * fields must be non-empty, each number through strtoul(…, 0) with nothing left over (so hex and
 * octal work, and a trailing blank or a \r from a CRLF file makes the line unusable); whatever
 * follows a third `:` is never looked at; lines of 1024 bytes or more are skipped. Lines it cannot
 * read are kept by shadow but never used.
 */
import { range, type Finding } from '../diagnostic';
import { splitLines, strtoulWhole } from '../unpriv/text';

export interface SubIdEntry {
  line: number;
  owner: string;
  start: bigint;
  count: bigint;
  /** Columns: owner [0, ownerEnd), start [startCol, startEnd), count [countCol, countEnd). */
  ownerEnd: number;
  startCol: number;
  startEnd: number;
  countCol: number;
  countEnd: number;
}

export interface SubIdDocument {
  kind: 'uid' | 'gid';
  entries: SubIdEntry[];
  /** Lines shadow cannot read (comments and blank lines excluded), and text it ignores. */
  malformed: Finding[];
}

/** Longest line shadow reads into its buffer (it needs room for the terminating NUL). */
const MAX_LINE = 1023;

export function subIdKind(path: string | undefined): 'uid' | 'gid' {
  return path && /subgid[^/]*$/.test(path) ? 'gid' : 'uid';
}

export function parseSubIds(text: string, kind: 'uid' | 'gid'): SubIdDocument {
  const entries: SubIdEntry[] = [];
  const malformed: Finding[] = [];
  for (const l of splitLines(text)) {
    const t = l.text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    const bad = (why: string, s = 0, e = t.length) => malformed.push({
      code: 'subid/malformed-line',
      message: `${why} The tools that read this file (newuidmap, newgidmap, useradd, LXC, Podman) skip the line, so these IDs are not granted.`,
      range: range(l.line, s, e),
    });
    const full = l.crlf ? `${t}\r` : t;
    if (Buffer.byteLength(full, 'utf8') > MAX_LINE) {
      bad('The line is longer than 1023 bytes.');
      continue;
    }
    const f = full.split(':');
    if (f.length < 3) {
      bad('Expected `owner:start:count` (three fields separated by `:`).');
      continue;
    }
    // Shadow cuts the line at its first three `:`: the count ends at a third one, and the rest is ignored.
    const count = f[2];
    const startCol = f[0].length + 1;
    const countCol = startCol + f[1].length + 1;
    if (f[0] === '' || f[1] === '' || count === '') {
      bad('A field is empty.');
      continue;
    }
    if (/\s/.test(f[0])) {
      bad('The owner contains blank space, so it names no user or UID.', 0, f[0].length);
      continue;
    }
    const start = strtoulWhole(f[1]);
    if (start === undefined) {
      bad(`The start ${JSON.stringify(f[1])} is not a number.`, startCol, startCol + f[1].length);
      continue;
    }
    const n = strtoulWhole(count);
    if (n === undefined) {
      const why = l.crlf && strtoulWhole(count.slice(0, -1)) !== undefined
        ? 'The line ends with a carriage return (the file has Windows line endings), which makes the count unreadable.'
        : /\s$/.test(count) && strtoulWhole(count.trimEnd()) !== undefined
          ? 'Blank space after the count makes it unreadable.'
          : `The count ${JSON.stringify(count)} is not a number.`;
      bad(why, countCol, Math.min(countCol + count.length, t.length));
      continue;
    }
    // The count may end with the \r of a CRLF line, which is not part of the editor's line.
    const countEnd = Math.min(countCol + count.length, t.length);
    if (f.length > 3) {
      malformed.push({
        code: 'subid/ignored-text',
        message: `Everything after the third \`:\` is ignored: the line grants ${n} IDs from ${start}, as if it ended before this text.`,
        range: range(l.line, countEnd, t.length),
      });
    }
    entries.push({
      line: l.line, owner: f[0], start, count: n,
      ownerEnd: f[0].length, startCol, startEnd: startCol + f[1].length, countCol, countEnd,
    });
  }
  return { kind, entries, malformed };
}
