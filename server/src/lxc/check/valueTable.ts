/**
 * The last-wins keys of a run: for each key, its value in force and where it was set, and the
 * document line that last set it (for duplicates within the document).
 *
 * One record per key name, changed in place, in one Map: a config of 500,000 distinct
 * `lxc.sysctl.*` keys spent 0.55 s of its 1.6 s check inserting every key into two Maps (the
 * values, and the keys set in the document) and allocating a value object per line; with one
 * record per key it is about half that. Included files keep their own small map of keys set
 * (CheckState.lastSet), as each file's duplicates are its own.
 */
import type { KeySpot, Origin } from './state';

export interface ValueEntry extends Origin {
  readonly value: string;
}

interface Slot {
  value: string;
  file: string | undefined;
  line: number;
  topLine: number;
  /** False once the key was cleared (the record stays, for its document spot). */
  set: boolean;
  /** The document line that last set the key and was not cleared since (a duplicate's first line). */
  spot: KeySpot | undefined;
}

export class ValueTable {
  private readonly slots: Map<string, Slot>;

  /** An empty table, or a copy of another (records copied: neither sees the other's changes). */
  constructor(from?: ValueTable) {
    this.slots = new Map();
    if (from) for (const [k, x] of from.slots) this.slots.set(k, { ...x });
  }

  /** The key's value in force, if any; read it before the table changes again. */
  get(name: string): ValueEntry | undefined {
    const x = this.slots.get(name);
    return x?.set ? x : undefined;
  }

  /** Keys with a value in force, in the order they were first set. */
  *keys(): IterableIterator<string> {
    for (const [k, x] of this.slots) if (x.set) yield k;
  }

  *values(): IterableIterator<ValueEntry> {
    for (const x of this.slots.values()) if (x.set) yield x;
  }

  *[Symbol.iterator](): IterableIterator<[string, ValueEntry]> {
    for (const [k, x] of this.slots) if (x.set) yield [k, x];
  }

  /** Number of keys with a value in force. */
  get size(): number {
    let n = 0;
    for (const x of this.slots.values()) if (x.set) n++;
    return n;
  }

  /**
   * Sets a key's value. `spot` is the document line (undefined for a line of an included file);
   * returns the document line that set the key before and was not cleared since, if any.
   */
  set(name: string, value: string, file: string | undefined, line: number, topLine: number, spot: KeySpot | undefined): KeySpot | undefined {
    const x = this.slots.get(name);
    if (x === undefined) {
      this.slots.set(name, { value, file, line, topLine, set: true, spot });
      return undefined;
    }
    const before = x.spot;
    x.value = value;
    x.file = file;
    x.line = line;
    x.topLine = topLine;
    x.set = true;
    if (spot) x.spot = spot;
    return spot ? before : undefined;
  }

  /** The key no longer has a value (its document spot stays). */
  forget(name: string): void {
    const x = this.slots.get(name);
    if (x) x.set = false;
  }

  /** The document's earlier line for the key no longer counts as a duplicate. */
  dropSpot(name: string): void {
    const x = this.slots.get(name);
    if (x) x.spot = undefined;
  }
}
