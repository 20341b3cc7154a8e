/** Keys that keep their last value: the effective value, and duplicates within a file. */
import { range } from '../../diagnostic';
import type { LxcLine } from '../parser';
import { spotEnd, type CheckState } from './state';

/** Notes a key's entry before it first changes while a directory's file is read. */
function beforeChange(s: CheckState, name: string): void {
  if (s.changed && !s.changed.has(name)) s.changed.set(name, s.effective.values.get(name));
}

/** The key no longer has a value (an empty assignment, or its interface was reset). */
export function forget(s: CheckState, name: string): void {
  beforeChange(s, name);
  s.effective.values.delete(name);
}

/** `key =`: forgets the key, and its earlier line is no longer a duplicate of a later one. */
export function clearLastWins(s: CheckState, name: string): void {
  s.lastSet.delete(name);
  forget(s, name);
}

/** `prefix =`: forgets every key of a family. */
export function forgetFamily(s: CheckState, prefix: string): void {
  for (const key of [...s.effective.values.keys()]) if (key.startsWith(`${prefix}.`)) forget(s, key);
}

/** Records the value of a last-wins key; an earlier line of the same file that set it has no effect. */
export function setLastWins(s: CheckState, l: LxcLine, name: string): void {
  beforeChange(s, name);
  s.effective.values.set(name, { value: l.value, file: s.file, line: l.line, topLine: s.topOf(l) });
  const prev = s.lastSet.get(name);
  if (prev) {
    s.out.push({
      code: 'lxc/duplicate-key',
      message: `\`${name}\` is set again on line ${l.line + 1}, and only the last value counts; this line has no effect.`,
      range: range(prev.line, prev.keyStart, spotEnd(prev)),
      related: [{ range: s.keyRange(l), message: 'the value that counts' }],
      unnecessary: true,
    });
  }
  s.lastSet.set(name, l);
}
