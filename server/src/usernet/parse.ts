/**
 * /etc/lxc/lxc-usernet: which users (or `@groups`) may attach how many network interfaces of a
 * type to a host bridge through lxc-user-nic. Each line is read the way lxc-user-nic reads it:
 * `sscanf(line, "%99[^ \t] %99[^ \t] %99[^ \t] %d")`, and a line that does not yield all four
 * fields is skipped without a word. So a line starting with a blank, a line with three fields
 * and a count that is not a number all grant nothing; text after the count is ignored; every
 * line matching the user (or one of its groups), the type and the bridge adds its count.
 */

export interface UsernetEntry {
  line: number;
  name: string;
  type: string;
  bridge: string;
  count: number;
  /** Columns of the four fields ([start, end)). */
  cols: [number, number][];
  /** Column where ignored text after the count starts (-1: none). */
  rest: number;
  /** Length of the line. */
  end: number;
}

export interface UsernetSkipped {
  line: number;
  /** How far the line was read, and why it stopped. */
  reason: 'leading-blank' | 'fields' | 'count';
  fields: number;
  start: number;
  end: number;
}

export interface UsernetDocument {
  entries: UsernetEntry[];
  skipped: UsernetSkipped[];
}

const MAX_FIELD = 99;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** One line as lxc-user-nic's sscanf sees it. */
export function scanUsernetLine(t: string, line: number): UsernetEntry | UsernetSkipped {
  let i = 0;
  const cols: [number, number][] = [];
  for (let f = 0; f < 3; f++) {
    if (f > 0) while (i < t.length && isSpace(t[i])) i++;
    const s = i;
    while (i < t.length && i - s < MAX_FIELD && t[i] !== ' ' && t[i] !== '\t') i++;
    if (i === s) {
      return { line, reason: f === 0 ? 'leading-blank' : 'fields', fields: f, start: 0, end: t.length };
    }
    cols.push([s, i]);
  }
  while (i < t.length && isSpace(t[i])) i++;
  const m = /^[+-]?\d+/.exec(t.slice(i));
  if (!m) return { line, reason: i >= t.length ? 'fields' : 'count', fields: 3, start: i >= t.length ? 0 : i, end: t.length };
  cols.push([i, i + m[0].length]);
  const after = i + m[0].length;
  const restText = t.slice(after);
  return {
    line,
    name: t.slice(...cols[0]),
    type: t.slice(...cols[1]),
    bridge: t.slice(...cols[2]),
    count: Number(m[0]),
    cols,
    rest: restText.trim() === '' ? -1 : after + (restText.length - restText.trimStart().length),
    end: t.length,
  };
}

export function parseUsernet(text: string): UsernetDocument {
  const doc: UsernetDocument = { entries: [], skipped: [] };
  text.split(/\r\n|\r|\n/).forEach((t, line) => {
    if (t.trim() === '' || /^\s*#/.test(t)) return;
    const r = scanUsernetLine(t, line);
    if ('reason' in r) doc.skipped.push(r);
    else doc.entries.push(r);
  });
  return doc;
}

/** The interfaces of `type` a user may attach to `bridge`: every matching line's count, summed. */
export function allowance(doc: UsernetDocument, user: string, groups: ReadonlySet<string>, type: string, bridge: string): { total: number; lines: UsernetEntry[] } {
  const lines = doc.entries.filter((e) => (e.name === user || (e.name.startsWith('@') && groups.has(e.name.slice(1)))) && e.type === type && e.bridge === bridge);
  return { total: lines.reduce((s, e) => s + e.count, 0), lines };
}
