/**
 * The character level of the TOML parser: blanks, comments, line ends, dotted keys, and the
 * four kinds of strings with their escapes. Errors are thrown as ParseError and end the statement.
 */
import type { KeyPart, TomlComment, TomlKey } from './tomlTypes';

export class ParseError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly kind: 'syntax' | 'duplicate' = 'syntax') {
    super(message);
  }
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([['b', '\b'], ['t', '\t'], ['n', '\n'], ['f', '\f'], ['r', '\r'], ['"', '"'], ['\\', '\\']]);
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const HEX8 = /^[0-9A-Fa-f]{8}$/;

export const isNewlineCode = (c: number): boolean => c === 10 || c === 13;
/** A bare-key character: A-Z a-z 0-9 _ - (compared as a char code: this runs on every key). */
const isBare = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;

/**
 * A key kept as its offsets: its parts are read again from the text each time they are asked
 * for, so readers that need the parts of many keys read them once. The model keeps every key
 * of a file; keeping their parts too (an array and an object per part) made each of 100,000
 * `[engine.service_destinations.dN]` tables with its `uri` retain 920 bytes instead of 570,
 * and parsing them take 1.2 s of CPU instead of 0.8 s (mostly the garbage collector copying
 * what survives).
 */
export class TextKey implements TomlKey {
  constructor(private readonly reader: Scanner, readonly start: number, readonly end: number) {}

  get parts(): KeyPart[] {
    return this.reader.partsAt(this.start);
  }
}

export class Scanner {
  i = 0;
  readonly n: number;
  readonly comments: TomlComment[] = [];

  constructor(readonly s: string) {
    this.n = s.length;
  }

  /** Error recovery: continue after the end of the line where the error was found. */
  protected skipLine(from: number): void {
    let j = from;
    while (j < this.n && !isNewlineCode(this.s.charCodeAt(j))) j++;
    if (this.s[j] === '\r') j++;
    if (this.s[j] === '\n') j++;
    this.i = j > from ? j : from + 1;
  }

  /** Errors recovered from in place (a missing comma in an array): parsing goes on after them. */
  readonly recovered: ParseError[] = [];

  protected err(message: string, start = this.i, end = start + 1, kind: 'syntax' | 'duplicate' = 'syntax'): never {
    throw new ParseError(message, start, Math.min(end, this.n), kind);
  }

  protected ws(): void {
    let c = this.s.charCodeAt(this.i);
    while (c === 32 || c === 9) c = this.s.charCodeAt(++this.i);
  }

  protected comment(): void {
    if (this.s[this.i] !== '#') return;
    const start = this.i;
    while (this.i < this.n && !isNewlineCode(this.s.charCodeAt(this.i))) {
      const c = this.s.charCodeAt(this.i);
      if ((c < 0x20 && c !== 9) || c === 0x7f) this.err('Control characters are not allowed in comments.', this.i);
      this.i++;
    }
    this.comments.push({ start, end: this.i, text: this.s.slice(start, this.i) });
  }


  /** Expects the end of a line (after optional blanks and a comment). */
  protected eol(): void {
    this.ws();
    this.comment();
    if (this.i >= this.n) return;
    if (this.s[this.i] === '\n') {
      this.i++;
      return;
    }
    if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') {
      this.i += 2;
      return;
    }
    this.err(`Expected the end of the line, found \`${this.s[this.i] === '\r' ? '\\r' : this.s[this.i]}\`.`, this.i, this.lineEnd(this.i));
  }

  protected lineEnd(from: number): number {
    let j = from;
    while (j < this.n && !isNewlineCode(this.s.charCodeAt(j))) j++;
    return j;
  }

  protected blanksAndComments(): void {
    for (;;) {
      this.ws();
      if (this.s[this.i] === '#') this.comment();
      else if (this.s[this.i] === '\n') this.i++;
      else if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i += 2;
      else return;
    }
  }

  /** Reads a dotted key: its parts, each with its range (a new array; the caller keeps it or not). */
  protected keyParts(): KeyPart[] {
    const parts: KeyPart[] = [];
    for (;;) {
      this.ws();
      parts.push(this.keyPart());
      this.ws();
      if (this.s[this.i] !== '.') break;
      this.i++;
    }
    return parts;
  }

  /** Reads the keys of the model again (a scanner of its own: the model must not keep the parser). */
  protected keyReader(): Scanner {
    this.reader ??= new Scanner(this.s);
    return this.reader;
  }

  private reader?: Scanner;

  /** The parts of a key read before from `start` (so without error). */
  partsAt(start: number): KeyPart[] {
    this.i = start;
    return this.keyParts();
  }

  private keyPart(): KeyPart {
    const start = this.i;
    const c = this.s[this.i];
    if (c === '"' || c === "'") {
      if (this.s.startsWith(c.repeat(3), this.i)) this.err('Keys cannot be multi-line strings.', this.i, this.i + 3);
      const v = c === '"' ? this.basicString() : this.literalString();
      return { name: v, start, end: this.i, quoted: true };
    }
    while (this.i < this.n && isBare(this.s.charCodeAt(this.i))) this.i++;
    if (this.i === start) {
      const found = this.s[this.i];
      this.err(found === undefined || isNewlineCode(this.s.charCodeAt(start)) ? 'Expected a key.' : `Expected a key, found \`${found}\`.`, start, Math.max(start + 1, this.lineEnd(start)));
    }
    return { name: this.bareName(start, this.i), start, end: this.i, quoted: false };
  }

  /**
   * The last bare name read for each first letter, handed out again when the same name comes
   * back (`engine`, `uri` in every table): no new string, and its hash for the table tree and
   * the checks is already computed. 100,000 tables: 386 bytes retained per table instead of
   * 466, and parsing and checking them 15 to 25% faster.
   */
  private readonly lastNames: (string | undefined)[] = new Array(128).fill(undefined);

  private bareName(start: number, end: number): string {
    const first = this.s.charCodeAt(start);
    const last = this.lastNames[first];
    if (last !== undefined && last.length === end - start && this.s.startsWith(last, start)) return last;
    const name = this.s.slice(start, end);
    this.lastNames[first] = name;
    return name;
  }

  protected checkChar(c: number, at: number, allowNewline: boolean): void {
    if ((c < 0x20 && c !== 9 && !(allowNewline && (c === 10 || c === 13))) || c === 0x7f) {
      this.err('Control characters must be escaped in strings.', at);
    }
  }

  protected basicString(): string {
    const start = this.i;
    this.i++;
    let out = '';
    let from = this.i;
    // Plain runs are sliced, not appended char by char (a 10 MB string stays fast).
    for (;;) {
      if (this.i >= this.n || isNewlineCode(this.s.charCodeAt(this.i))) this.err('The string is not closed: expected `"`.', start, this.i);
      const code = this.s.charCodeAt(this.i);
      if (code === 34) {
        out += this.s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (code === 92) {
        out += this.s.slice(from, this.i);
        out += this.escape();
        from = this.i;
        continue;
      }
      if ((code < 0x20 && code !== 9) || code === 0x7f) this.checkChar(code, this.i, false);
      this.i++;
    }
  }

  protected escape(): string {
    const at = this.i;
    const e = this.s[this.i + 1];
    // `\e` is TOML 1.1: no released Podman's BurntSushi/toml accepts it (4.3.1 says "invalid escape").
    const simple = e === undefined ? undefined : SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.i += 2;
      return simple;
    }
    if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i + 2, this.i + 2 + len);
      if (!(e === 'u' ? HEX4 : HEX8).test(hex)) this.err(`\`\\${e}\` needs ${len} hex digits.`, at, at + 2 + len);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.err(`\`\\${e}${hex}\` is not a Unicode scalar value.`, at, at + 2 + len);
      this.i += 2 + len;
      return String.fromCodePoint(cp);
    }
    this.err(e === 'e' ? '`\\e` is a TOML 1.1 escape that no released Podman reads: write `\\u001b`.' : `\`\\${e ?? ''}\` is not a valid escape in a basic string.`, at, at + 2);
  }

  protected literalString(): string {
    const start = this.i;
    this.i++;
    const from = this.i;
    for (;;) {
      if (this.i >= this.n || isNewlineCode(this.s.charCodeAt(this.i))) this.err("The string is not closed: expected `'`.", start, this.i);
      const c = this.s[this.i];
      if (c === "'") {
        this.i++;
        return this.s.slice(from, this.i - 1);
      }
      this.checkChar(c.charCodeAt(0), this.i, false);
      this.i++;
    }
  }

  protected skipFirstNewline(): void {
    if (this.s[this.i] === '\n') this.i++;
    else if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i += 2;
  }

  protected multilineBasic(): string {
    const start = this.i;
    this.i += 3;
    this.skipFirstNewline();
    let out = '';
    // Plain runs are sliced, as in basicString.
    let from = this.i;
    for (;;) {
      if (this.i >= this.n) this.err('The multi-line string is not closed: expected `"""`.', start, start + 3);
      const code = this.s.charCodeAt(this.i);
      if (code === 34 && this.s.startsWith('"""', this.i)) {
        let q = 3;
        while (this.s[this.i + q] === '"' && q < 5) q++;
        out += this.s.slice(from, this.i) + '"'.repeat(q - 3);
        this.i += q;
        return out;
      }
      if (code === 92) {
        out += this.s.slice(from, this.i);
        // Line-ending backslash: trims the newline and the whitespace that follows.
        let j = this.i + 1;
        while (this.s[j] === ' ' || this.s[j] === '\t') j++;
        if (isNewlineCode(this.s.charCodeAt(j))) {
          this.i = j;
          for (let c = this.s.charCodeAt(this.i); c === 32 || c === 9 || c === 13 || c === 10; c = this.s.charCodeAt(this.i)) {
            if (c === 13 && this.s[this.i + 1] !== '\n') this.err('A bare carriage return is not allowed.', this.i);
            this.i++;
          }
        } else {
          out += this.escape();
        }
        from = this.i;
        continue;
      }
      if (code === 13 && this.s[this.i + 1] !== '\n') this.err('A bare carriage return is not allowed.', this.i);
      this.checkChar(code, this.i, true);
      this.i++;
    }
  }

  protected multilineLiteral(): string {
    const start = this.i;
    this.i += 3;
    this.skipFirstNewline();
    const from = this.i;
    for (;;) {
      if (this.i >= this.n) this.err("The multi-line string is not closed: expected `'''`.", start, start + 3);
      if (this.s.startsWith("'''", this.i)) {
        let q = 3;
        while (this.s[this.i + q] === "'" && q < 5) q++;
        const v = this.s.slice(from, this.i) + "'".repeat(q - 3);
        this.i += q;
        return v;
      }
      const c = this.s[this.i];
      if (c === '\r' && this.s[this.i + 1] !== '\n') this.err('A bare carriage return is not allowed.', this.i);
      this.checkChar(c.charCodeAt(0), this.i, true);
      this.i++;
    }
  }
}
