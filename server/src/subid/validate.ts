/** Checks across the ranges of /etc/subuid or /etc/subgid. */
import { range, type Finding } from '../diagnostic';
import { MAX_ID, intersection, span } from '../unpriv/text';
import type { SubIdDocument, SubIdEntry } from './parse';

/** Owners as one key: a UID and the matching name are the same user (when the host tells). */
export type OwnerKey = (owner: string) => string;

const end = (e: SubIdEntry) => e.start + e.count;

export function validateSubIds(doc: SubIdDocument, ownerKey: OwnerKey, uri: string): Finding[] {
  const out: Finding[] = [...doc.malformed];
  const what = doc.kind === 'uid' ? 'user' : 'group';
  for (const e of doc.entries) {
    if (e.count === 0n) {
      out.push({ code: 'subid/empty-range', message: 'A count of 0 grants no IDs; the line has no effect.', range: range(e.line, e.countCol, e.countEnd), unnecessary: true });
    } else if (e.start + e.count - 1n > MAX_ID) {
      const past = e.start > MAX_ID ? 'starts' : 'ends';
      out.push({
        code: 'subid/range-overflow',
        message: `The range ${past} past ${MAX_ID}, the highest ${what} ID there is (${MAX_ID + 1n} means "no ID"); the kernel refuses maps that reach beyond it, so a container mapping this whole range cannot start.`,
        range: range(e.line, e.startCol, e.countEnd),
      });
    }
  }
  // Overlaps, by sorting: the furthest-reaching range so far, and the furthest of another owner.
  const sorted = doc.entries.filter((e) => e.count > 0n).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.line - b.line));
  let first: SubIdEntry | undefined;
  let second: SubIdEntry | undefined;
  for (const b of sorted) {
    const key = ownerKey(b.owner);
    const hit = [first, second].find((a) => a && end(a) > b.start && ownerKey(a.owner) !== key) ?? (first && end(first) > b.start ? first : undefined);
    if (hit) {
      const [s, n] = intersection(hit.start, hit.count, b.start, b.count);
      const [early, late] = hit.line < b.line ? [hit, b] : [b, hit];
      const same = ownerKey(hit.owner) === key;
      out.push(same
        ? {
          code: 'subid/duplicate-range',
          message: `${span(s, n)} is already given to ${early.owner} on line ${early.line + 1}; the repeated part adds nothing.`,
          range: range(late.line, late.startCol, late.countEnd),
          related: [{ uri, range: range(early.line, 0, early.countEnd), message: 'the same IDs granted first here' }],
        }
        : {
          code: 'subid/overlap',
          message: `Subordinate ${what} IDs ${span(s, n)} are given both to ${late.owner} and to ${early.owner} (line ${early.line + 1}). Both can map them into their containers, so root in a container of one owns the files of the other's containers: give each owner its own range.`,
          range: range(late.line, 0, late.countEnd),
          related: [{ uri, range: range(early.line, 0, early.countEnd), message: `the range of ${early.owner}` }],
        });
    }
    if (!first || ownerKey(first.owner) === key) {
      if (!first || end(b) > end(first)) first = b;
    } else if (end(b) > end(first)) {
      second = first;
      first = b;
    } else if (!second || end(b) > end(second)) {
      second = b;
    }
  }
  return out;
}
