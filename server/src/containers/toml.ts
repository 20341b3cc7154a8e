/**
 * A tolerant TOML 1.0 parser with exact ranges, for containers.conf.
 *
 * Why hand-written: the editor needs every key, value and array element with its range,
 * comments kept, and recovery so that one broken line does not take hover, completion and
 * validation away from the rest of the file. The maintained JavaScript TOML parsers either
 * give no ranges (smol-toml, @iarna/toml, @ltd/j-toml) or stop at the first error
 * (toml-eslint-parser). This one is checked against the toml-test suite Debian ships
 * (test/unit/toml.test.ts): every valid file parses, and invalid ones are rejected.
 *
 * Recovery: an error ends the current statement; parsing resumes at the next line (inside
 * an array, at the next element).
 */
import type { KeyPart, TomlDocument, TomlEntry, TomlError, TomlHeader, TomlKey, TomlKeyValue, TomlValue } from './tomlTypes';
import { ParseError, Scanner, TextKey } from './tomlScanner';
import { KeyValue, MAX_NESTING, ValueParser, childOf, newTable, setChild, type Node } from './tomlValues';

export type * from './tomlTypes';
export { MAX_NESTING };

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // The common case, found natively: only \n ends lines.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** At most this many lines with bytes that are not UTF-8 are reported (one is enough to refuse the file). */
const MAX_UTF8_ERRORS = 100;

/**
 * Bytes that are not UTF-8 reach ctconf as U+FFFD (the editor and ctconf's reader decode them so).
 * Go's TOML decoder refuses such a byte anywhere in the file, comments included; one error per
 * line. A U+FFFD written as valid UTF-8 cannot be told apart here and is reported the same way.
 */
function invalidUtf8(text: string, errors: TomlError[]): void {
  let reported = 0;
  let lastLineEnd = -1;
  for (let i = text.indexOf('\ufffd'); i !== -1 && reported < MAX_UTF8_ERRORS; i = text.indexOf('\ufffd', i + 1)) {
    if (i < lastLineEnd) continue;
    const nl = text.indexOf('\n', i);
    lastLineEnd = nl === -1 ? text.length : nl;
    errors.push({ start: i, end: i + 1, kind: 'syntax', message: 'A byte here is not UTF-8 (shown as \ufffd); Podman\'s TOML decoder refuses the whole file.' });
    reported++;
  }
}

/** Parses a containers.conf into headers, entries, comments and errors (never throws on bad input). */
export function parseToml(text: string): TomlDocument {
  const p = new DocumentParser(text);
  p.parse();
  invalidUtf8(text, p.errors);
  let lineStarts: number[] | undefined;
  return {
    text, headers: p.headers, entries: p.entries, errors: p.errors, comments: p.comments, bom: text.charCodeAt(0) === 0xfeff,
    // Computed on first use: a file without findings is checked without it.
    get lineStarts() {
      lineStarts ??= computeLineStarts(text);
      return lineStarts;
    },
  };
}

/**
 * An entry is its own key/value (`kv` is the entry itself): one object per line where there
 * were three (the entry, its key/value and its key). It keeps the path of its table (shared
 * by the entries of a header) and its own name, and builds its full path each time it is
 * asked for. 100,000 tables with a key each retained 570 bytes per table with keys as
 * offsets (TextKey) but an entry, a key/value, a key and a full path per line; 386 as here.
 */
class Entry extends KeyValue implements TomlEntry {
  constructor(reader: Scanner, keyStart: number, keyEnd: number, eq: number, value: TomlValue, readonly header: TomlHeader | undefined, readonly table: string[], private readonly name: string) {
    super(reader, keyStart, keyEnd, eq, value);
  }

  get kv(): TomlKeyValue {
    return this;
  }

  get path(): string[] {
    return [...this.table, this.name];
  }
}

/** A table header with its key kept as offsets (see TextKey). */
class Header implements TomlHeader {
  constructor(private readonly reader: Scanner, private readonly keyStart: number, private readonly keyEnd: number, readonly array: boolean, readonly start: number, readonly end: number, readonly path: string[]) {}

  get key(): TomlKey {
    return new TextKey(this.reader, this.keyStart, this.keyEnd);
  }
}

/** The statement level: table headers, key/value lines, and which table each entry lands in. */
class DocumentParser extends ValueParser {
  readonly headers: TomlHeader[] = [];
  readonly entries: TomlEntry[] = [];
  readonly errors: TomlError[] = [];
  private readonly root = newTable();
  private current: Node = this.root;
  private currentPath: string[] = [];
  private currentHeader: TomlHeader | undefined;

  parse(): void {
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1;
    while (this.i < this.n) {
      const stmtStart = this.i;
      try {
        this.statement();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.errors.push({ message: e.message, start: e.start, end: Math.max(e.end, e.start), kind: e.kind });
        this.skipLine(Math.max(this.i, stmtStart));
      }
    }
    for (const e of this.recovered) this.errors.push({ message: e.message, start: e.start, end: e.end, kind: e.kind });
    this.errors.sort((a, b) => a.start - b.start);
  }

  protected statement(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) return;
    if (c === '#' || c === '\n' || c === '\r') {
      this.eol();
      return;
    }
    if (c === '[') {
      this.header();
      this.eol();
      return;
    }
    const start = this.i;
    const parts = this.keyParts();
    const eq = this.equals(parts, false);
    const value = this.value();
    // A plain key lives in the header's table: share that path (entries never change it).
    const table = parts.length === 1 ? this.currentPath : [...this.currentPath, ...parts.slice(0, -1).map((p) => p.name)];
    const entry = new Entry(this.keyReader(), start, parts[parts.length - 1].end, eq, value, this.currentHeader, table, parts[parts.length - 1].name);
    this.define(this.current, entry, parts);
    this.entries.push(entry);
    this.eol();
  }

  protected header(): void {
    const start = this.i;
    const array = this.s[this.i + 1] === '[';
    this.i += array ? 2 : 1;
    this.ws();
    const keyStart = this.i;
    const parts = this.keyParts();
    this.ws();
    if (array) {
      if (this.s[this.i] !== ']' || this.s[this.i + 1] !== ']') this.err('Expected `]]` to end the array-of-tables header.', this.i, this.lineEnd(this.i));
      this.i += 2;
    } else {
      if (this.s[this.i] !== ']') this.err('Expected `]` to end the table header.', this.i, this.lineEnd(this.i));
      this.i++;
    }
    const h = new Header(this.keyReader(), keyStart, parts[parts.length - 1].end, array, start, this.i, parts.map((p) => p.name));
    this.openTable(h, parts);
    this.headers.push(h);
    this.currentHeader = h;
    this.currentPath = h.path;
  }

  /** Opens the table of a header, with the redefinition rules of Podman's decoder (see Node). */
  protected openTable(h: TomlHeader, parts: readonly KeyPart[]): void {
    let node = this.root;
    for (let k = 0; k < parts.length - 1; k++) {
      const part = parts[k];
      let child = childOf(node, part.name);
      if (!child) {
        child = newTable(true);
        setChild(node, part.name, child);
      }
      if (child.kind === 'array-tables') child = child.items![child.items!.length - 1];
      else if (child.kind !== 'table') this.err(`\`${parts.slice(0, k + 1).map((p) => p.name).join('.')}\` is already a value, so it cannot hold a table.`, h.start, h.end, 'duplicate');
      node = child;
    }
    const last = parts[parts.length - 1].name;
    let child = childOf(node, last);
    if (h.array) {
      if (!child) {
        child = { kind: 'array-tables', items: [] };
        setChild(node, last, child);
      } else if (child.kind !== 'array-tables') {
        this.err(`\`${dotted(parts)}\` is already defined and is not an array of tables.`, h.start, h.end, 'duplicate');
      }
      const item = newTable();
      child.items!.push(item);
      this.current = item;
      return;
    }
    if (!child || (child.kind === 'value' && child.array)) {
      child = newTable();
      setChild(node, last, child);
    } else if (child.kind === 'table' && child.implicit) {
      child.implicit = false;
    } else {
      this.err(`The table \`${dotted(parts)}\` is already defined.`, h.start, h.end, 'duplicate');
    }
    this.current = child;
  }

}

const dotted = (parts: readonly { name: string }[]): string => parts.map((p) => p.name).join('.');

/**
 * Converts an offset to an LSP position (UTF-16 columns). An offset between the CR and the LF
 * of a line break is the end of its line: LSP has no column there.
 */
export function positionAt(doc: { lineStarts: number[]; text: string }, offset: number): { line: number; character: number } {
  const ls = doc.lineStarts;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const character = offset - ls[lo];
  const insideCrLf = character > 0 && doc.text.charCodeAt(offset - 1) === 13 && doc.text.charCodeAt(offset) === 10;
  return { line: lo, character: insideCrLf ? character - 1 : character };
}

/**
 * Converts an LSP position to an offset. Positions come from clients: a line or character
 * that is negative, fractional, not a number or past the end is clamped into the document
 * (a character past the end of its line means the end of that line).
 */
export function offsetAt(doc: { lineStarts: number[]; text: string }, pos: { line: number; character: number }): number {
  const ls = doc.lineStarts;
  const clamp = (n: number, max: number) => (Number.isFinite(n) ? Math.min(Math.max(Math.floor(n), 0), max) : n === Infinity ? max : 0);
  const line = clamp(pos.line, ls.length - 1);
  const start = ls[line] ?? 0;
  let end = line + 1 < ls.length ? ls[line + 1] : doc.text.length;
  if (line + 1 < ls.length) {
    end--;
    if (doc.text[end - 1] === '\r' && doc.text[end] === '\n') end--;
  }
  return start + clamp(pos.character, end - start);
}
