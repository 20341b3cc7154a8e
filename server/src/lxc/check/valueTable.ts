/**
 * The last-wins keys of a run: for each key, its value in force and where it was set, and the
 * document line that last set it (for duplicates within the document).
 *
 * One Map, one entry per key name: a config of 500,000 distinct `lxc.sysctl.*` keys spent 0.55 s
 * of its 1.6 s check inserting every key into two Maps (the values, and the keys set in the
 * document) and allocating a value object per line. A key set by a line of the document is now
 * that line itself. Included files keep their own small map of keys set (CheckState.lastSet),
 * as each file's duplicates are its own.
 */
import { LxcLine } from '../parser';
import type { KeySpot, Origin } from './state';

export interface ValueEntry extends Origin {
  readonly value: string;
}

/** A key whose record is more than "this document line set it and is in force". */
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

/**
 * A record is the document line itself while that line set the key, is in force and is the
 * key's spot (nearly always: no object per key), or a Slot once they differ.
 */
type Rec = LxcLine | Slot;

const slotOf = (l: LxcLine, set: boolean, spot: KeySpot | undefined): Slot => ({ value: l.value, file: undefined, line: l.line, topLine: l.line, set, spot });

export class ValueTable {
  private readonly recs: Map<string, Rec>;

  /** An empty table, or a copy of another (slots copied: neither sees the other's changes). */
  constructor(from?: ValueTable) {
    this.recs = new Map();
    if (from) for (const [k, x] of from.recs) this.recs.set(k, x instanceof LxcLine ? x : { ...x });
  }

  /** The key's value in force, if any; read it before the table changes again. */
  get(name: string): ValueEntry | undefined {
    const x = this.recs.get(name);
    return x === undefined || x instanceof LxcLine || x.set ? x : undefined;
  }

  /** Keys with a value in force, in the order they were first set. */
  *keys(): IterableIterator<string> {
    for (const [k, x] of this.recs) if (x instanceof LxcLine || x.set) yield k;
  }

  *values(): IterableIterator<ValueEntry> {
    for (const x of this.recs.values()) if (x instanceof LxcLine || x.set) yield x;
  }

  *[Symbol.iterator](): IterableIterator<[string, ValueEntry]> {
    for (const [k, x] of this.recs) if (x instanceof LxcLine || x.set) yield [k, x];
  }

  /** Number of keys with a value in force. */
  get size(): number {
    let n = 0;
    for (const x of this.recs.values()) if (x instanceof LxcLine || x.set) n++;
    return n;
  }

  /** A line of the document sets the key; returns the document line that set it before and was not cleared since. */
  setByDocument(name: string, l: LxcLine): KeySpot | undefined {
    const x = this.recs.get(name);
    this.recs.set(name, l);
    return x instanceof LxcLine ? x : x?.spot;
  }

  /** A line of an included file sets the key (the document's spot stays). */
  setByInclude(name: string, value: string, file: string, line: number, topLine: number): void {
    const x = this.recs.get(name);
    const spot = x instanceof LxcLine ? x : x?.spot;
    if (x === undefined || x instanceof LxcLine) {
      this.recs.set(name, { value, file, line, topLine, set: true, spot });
      return;
    }
    x.value = value;
    x.file = file;
    x.line = line;
    x.topLine = topLine;
    x.set = true;
  }

  /** The key no longer has a value (its document spot stays). */
  forget(name: string): void {
    const x = this.recs.get(name);
    if (x instanceof LxcLine) this.recs.set(name, slotOf(x, false, x));
    else if (x) x.set = false;
  }

  /** The document's earlier line for the key no longer counts as a duplicate. */
  dropSpot(name: string): void {
    const x = this.recs.get(name);
    if (x instanceof LxcLine) this.recs.set(name, slotOf(x, true, undefined));
    else if (x) x.spot = undefined;
  }
}
