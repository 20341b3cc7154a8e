/** Keys that keep their last value: the effective value, and duplicates within a file. */
import { range } from '../../diagnostic';
import type { LxcLine } from '../parser';
import { spotEnd, type CheckState, type KeySpot } from './state';

/** Notes a key's value before it first changes while a directory's file is read. */
function beforeChange(s: CheckState, name: string): void {
  if (s.changed && !s.changed.has(name)) {
    const v = s.effective.values.get(name);
    s.changed.set(name, v && { value: v.value });
  }
}

/** The key no longer has a value (an empty assignment, or its interface was reset). */
export function forget(s: CheckState, name: string): void {
  beforeChange(s, name);
  s.effective.values.forget(name);
}

/** An earlier line of the current file that set the key is no longer a duplicate of a later one. */
export function dropDuplicateSpot(s: CheckState, name: string): void {
  if (s.lastSet) s.lastSet.delete(name);
  else s.effective.values.dropSpot(name);
}

/** `key =`: forgets the key, and its earlier line is no longer a duplicate of a later one. */
export function clearLastWins(s: CheckState, name: string): void {
  dropDuplicateSpot(s, name);
  forget(s, name);
}

/** `prefix =`: forgets every key of a family. */
export function forgetFamily(s: CheckState, prefix: string): void {
  for (const key of [...s.effective.values.keys()]) if (key.startsWith(`${prefix}.`)) forget(s, key);
}

/** Records the value of a last-wins key; an earlier line of the same file that set it has no effect. */
export function setLastWins(s: CheckState, l: LxcLine, name: string): void {
  beforeChange(s, name);
  const inFile = s.lastSet;
  let prev: KeySpot | undefined;
  if (inFile) {
    s.effective.values.setByInclude(name, l.value, s.file ?? '', l.line, s.topLine);
    prev = inFile.get(name);
    inFile.set(name, l);
  } else prev = s.effective.values.setByDocument(name, l);
  if (prev) {
    s.out.push({
      code: 'lxc/duplicate-key',
      message: `\`${name}\` is set again on line ${l.line + 1}, and only the last value counts; this line has no effect.`,
      range: range(prev.line, prev.keyStart, spotEnd(prev)),
      related: [{ range: s.keyRange(l), message: 'the value that counts' }],
      unnecessary: true,
    });
  }
}
