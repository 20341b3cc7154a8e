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

export interface Span {
  start: number;
  end: number;
}

export interface KeyPart extends Span {
  name: string;
  quoted: boolean;
}

export interface TomlKey extends Span {
  parts: KeyPart[];
}

export type TomlValue =
  | (Span & { type: 'string'; value: string; multiline: boolean; literal: boolean })
  | (Span & { type: 'integer'; value: bigint; raw: string })
  | (Span & { type: 'float'; value: number; raw: string })
  | (Span & { type: 'boolean'; value: boolean })
  | (Span & { type: 'datetime'; raw: string })
  | (Span & { type: 'array'; items: TomlValue[]; closed: boolean })
  | (Span & { type: 'inline-table'; entries: TomlKeyValue[]; closed: boolean })
  | (Span & { type: 'invalid' });

export interface TomlKeyValue extends Span {
  key: TomlKey;
  /** Offset of the `=`. */
  eq: number;
  value: TomlValue;
}

export interface TomlHeader extends Span {
  key: TomlKey;
  array: boolean;
}

/** A key/value pair with the table it belongs to and its full dotted path. */
export interface TomlEntry {
  header?: TomlHeader;
  kv: TomlKeyValue;
  /** Table path (from the header) + key parts. */
  path: string[];
  /** Path of the table the key lives in (header path + all key parts but the last). */
  table: string[];
}

export interface TomlError extends Span {
  message: string;
  /** What kind of error Podman reports: a syntax error or a redefinition. */
  kind: 'syntax' | 'duplicate';
}

export interface TomlComment extends Span {
  text: string;
}

export interface TomlDocument {
  text: string;
  headers: TomlHeader[];
  entries: TomlEntry[];
  errors: TomlError[];
  comments: TomlComment[];
  lineStarts: number[];
}

class ParseError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly kind: 'syntax' | 'duplicate' = 'syntax') {
    super(message);
  }
}

type NodeKind = 'table' | 'array-tables' | 'value' | 'inline';
interface Node {
  kind: NodeKind;
  /** Defined by a [header] (tables) — cannot be defined again. */
  header?: boolean;
  /** Created by a dotted key — cannot be opened again with a [header]. */
  dotted?: boolean;
  children: Map<string, Node>;
  items?: Node[];
}

const newTable = (extra: Partial<Node> = {}): Node => ({ kind: 'table', children: new Map(), ...extra });
/**
 * The children of every value node: one shared empty map, never written to (define and
 * openTable refuse to descend into a value), instead of a new Map per key.
 */
const NO_CHILDREN: ReadonlyMap<string, Node> = new Map();
/** Value nodes carry nothing of their own, so all values share these two (never modified). */
const VALUE_NODE: Node = Object.freeze({ kind: 'value', children: NO_CHILDREN as Map<string, Node> });
const INLINE_NODE: Node = Object.freeze({ kind: 'inline', children: NO_CHILDREN as Map<string, Node> });

/** A bare-key character: A-Z a-z 0-9 _ - (compared as a char code: this runs on every key). */
const isBare = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
const isNewlineCode = (c: number): boolean => c === 10 || c === 13;
/** Deepest nesting of arrays and inline tables read (Podman's files never go past 3). */
export const MAX_NESTING = 256;

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

/**
 * Parses a containers.conf. With `onEntry`, each key/value is handed over as soon as it is
 * read and not kept in `entries` (the CLI validates that way, so a big file's entries die
 * young instead of all living until the end).
 */
export function parseToml(text: string, onEntry?: (e: TomlEntry) => void): TomlDocument {
  const p = new Parser(text, onEntry);
  p.parse();
  let lineStarts: number[] | undefined;
  return {
    text, headers: p.headers, entries: p.entries, errors: p.errors, comments: p.comments,
    // Computed on first use: a file without findings is checked without it.
    get lineStarts() {
      lineStarts ??= computeLineStarts(text);
      return lineStarts;
    },
  };
}

class Parser {
  i = 0;
  readonly n: number;
  readonly headers: TomlHeader[] = [];
  readonly entries: TomlEntry[] = [];
  readonly errors: TomlError[] = [];
  readonly comments: TomlComment[] = [];
  private readonly root = newTable();
  /** Nesting of arrays and inline tables; bounded so hostile input cannot exhaust the stack. */
  private depth = 0;
  private current: Node = this.root;
  private currentPath: string[] = [];
  private currentHeader: TomlHeader | undefined;

  constructor(
    readonly s: string,
    private readonly onEntry?: (e: TomlEntry) => void,
  ) {
    this.n = s.length;
  }

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
  }

  /** Error recovery: continue after the end of the line where the error was found. */
  private skipLine(from: number): void {
    let j = from;
    while (j < this.n && !isNewlineCode(this.s.charCodeAt(j))) j++;
    if (this.s[j] === '\r') j++;
    if (this.s[j] === '\n') j++;
    this.i = j > from ? j : from + 1;
  }

  private err(message: string, start = this.i, end = start + 1, kind: 'syntax' | 'duplicate' = 'syntax'): never {
    throw new ParseError(message, start, Math.min(end, this.n), kind);
  }

  private ws(): void {
    let c = this.s.charCodeAt(this.i);
    while (c === 32 || c === 9) c = this.s.charCodeAt(++this.i);
  }

  private comment(): void {
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
  private eol(): void {
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

  private lineEnd(from: number): number {
    let j = from;
    while (j < this.n && !isNewlineCode(this.s.charCodeAt(j))) j++;
    return j;
  }

  private statement(): void {
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
    const kv = this.keyValue(false);
    const parts = kv.key.parts;
    const path = this.currentPath.slice();
    for (const p of parts) path.push(p.name);
    this.define(this.current, kv);
    // A plain key lives in the header's table: share that path (entries never change it).
    const entry: TomlEntry = { header: this.currentHeader, kv, path, table: parts.length === 1 ? this.currentPath : path.slice(0, -1) };
    if (this.onEntry) this.onEntry(entry);
    else this.entries.push(entry);
    this.eol();
  }

  private header(): void {
    const start = this.i;
    const array = this.s[this.i + 1] === '[';
    this.i += array ? 2 : 1;
    this.ws();
    const key = this.key();
    this.ws();
    if (array) {
      if (this.s[this.i] !== ']' || this.s[this.i + 1] !== ']') this.err('Expected `]]` to end the array-of-tables header.', this.i, this.lineEnd(this.i));
      this.i += 2;
    } else {
      if (this.s[this.i] !== ']') this.err('Expected `]` to end the table header.', this.i, this.lineEnd(this.i));
      this.i++;
    }
    const h: TomlHeader = { key, array, start, end: this.i };
    this.openTable(h);
    this.headers.push(h);
    this.currentHeader = h;
    this.currentPath = key.parts.map((p) => p.name);
  }

  private openTable(h: TomlHeader): void {
    let node = this.root;
    const parts = h.key.parts;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      const last = k === parts.length - 1;
      let child = node.children.get(part.name);
      if (!last) {
        if (!child) {
          child = newTable();
          node.children.set(part.name, child);
        }
        if (child.kind === 'array-tables') child = child.items![child.items!.length - 1];
        else if (child.kind !== 'table') this.err(`\`${parts.slice(0, k + 1).map((p) => p.name).join('.')}\` is already a value, so it cannot hold a table.`, h.start, h.end, 'duplicate');
        node = child;
        continue;
      }
      if (h.array) {
        if (!child) {
          child = { kind: 'array-tables', children: new Map(), items: [] };
          node.children.set(part.name, child);
        } else if (child.kind !== 'array-tables') {
          this.err(`\`${h.key.parts.map((p) => p.name).join('.')}\` is already defined and is not an array of tables.`, h.start, h.end, 'duplicate');
        }
        const item = newTable({ header: true });
        child.items!.push(item);
        this.current = item;
        return;
      }
      if (child) {
        if (child.kind !== 'table' || child.header || child.dotted) {
          this.err(`The table \`${h.key.parts.map((p) => p.name).join('.')}\` is already defined.`, h.start, h.end, 'duplicate');
        }
        child.header = true;
      } else {
        child = newTable({ header: true });
        node.children.set(part.name, child);
      }
      this.current = child;
    }
  }

  /** Records a key/value in a table node, checking redefinitions. */
  private define(table: Node, kv: TomlKeyValue): void {
    let node = table;
    const parts = kv.key.parts;
    for (let k = 0; k < parts.length - 1; k++) {
      const part = parts[k];
      let child = node.children.get(part.name);
      if (!child) {
        child = newTable({ dotted: true });
        node.children.set(part.name, child);
      } else if (child.kind !== 'table' || child.header) {
        this.err(`\`${parts.slice(0, k + 1).map((p) => p.name).join('.')}\` is already defined, and dotted keys cannot add to it.`, kv.key.start, kv.key.end, 'duplicate');
      }
      node = child;
    }
    const last = parts[parts.length - 1];
    if (node.children.has(last.name)) {
      this.err(`The key \`${parts.map((p) => p.name).join('.')}\` is already defined in this table.`, kv.key.start, kv.key.end, 'duplicate');
    }
    node.children.set(last.name, kv.value.type === 'inline-table' ? INLINE_NODE : VALUE_NODE);
  }

  private key(): TomlKey {
    const start = this.i;
    const parts: KeyPart[] = [];
    for (;;) {
      this.ws();
      parts.push(this.keyPart());
      this.ws();
      if (this.s[this.i] !== '.') break;
      this.i++;
    }
    return { parts, start, end: parts[parts.length - 1].end };
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
    return { name: this.s.slice(start, this.i), start, end: this.i, quoted: false };
  }

  private keyValue(inline: boolean): TomlKeyValue {
    const start = this.i;
    const key = this.key();
    this.ws();
    if (this.s[this.i] !== '=') this.err(`Expected \`=\` after the key \`${key.parts.map((p) => p.name).join('.')}\`.`, this.i, inline ? this.i + 1 : Math.max(this.i + 1, this.lineEnd(this.i)));
    const eq = this.i;
    this.i++;
    this.ws();
    const value = this.value();
    return { key, eq, value, start, end: this.i };
  }

  private value(): TomlValue {
    const start = this.i;
    const c = this.s[this.i];
    if ((c === '[' || c === '{') && this.depth >= MAX_NESTING) {
      this.err(`Arrays and inline tables are nested more than ${MAX_NESTING} deep here.`, start, start + 1);
    }
    if (c === undefined || isNewlineCode(this.s.charCodeAt(start)) || c === '#') this.err('Expected a value.', start, start + 1);
    if (c === '"') {
      if (this.s.startsWith('"""', this.i)) {
        const v = this.multilineBasic();
        return { type: 'string', value: v, multiline: true, literal: false, start, end: this.i };
      }
      const v = this.basicString();
      return { type: 'string', value: v, multiline: false, literal: false, start, end: this.i };
    }
    if (c === "'") {
      if (this.s.startsWith("'''", this.i)) {
        const v = this.multilineLiteral();
        return { type: 'string', value: v, multiline: true, literal: true, start, end: this.i };
      }
      const v = this.literalString();
      return { type: 'string', value: v, multiline: false, literal: true, start, end: this.i };
    }
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    return this.scalar();
  }

  private scalar(): TomlValue {
    const start = this.i;
    let j = this.i;
    while (j < this.n && !/[ \t\r\n,\]}#]/.test(this.s[j])) j++;
    // A datetime may have a space between date and time.
    if (/^\d{4}-\d{2}-\d{2}$/.test(this.s.slice(start, j)) && this.s[j] === ' ' && /^\d{2}:/.test(this.s.slice(j + 1, j + 4))) {
      j++;
      while (j < this.n && !/[ \t\r\n,\]}#]/.test(this.s[j])) j++;
    }
    const raw = this.s.slice(start, j);
    this.i = j;
    if (raw === 'true' || raw === 'false') return { type: 'boolean', value: raw === 'true', start, end: j };
    if (/^[+-]?(inf|nan)$/.test(raw)) return { type: 'float', value: raw.endsWith('nan') ? NaN : raw.startsWith('-') ? -Infinity : Infinity, raw, start, end: j };
    if (/^[+-]?(0|[1-9](_?[0-9])*)$/.test(raw)) {
      const v = BigInt(raw.replace(/_/g, ''));
      if (v > 9223372036854775807n || v < -9223372036854775808n) this.err(`The integer ${raw} does not fit in 64 bits.`, start, j);
      return { type: 'integer', value: v, raw, start, end: j };
    }
    const radix = /^0x[0-9A-Fa-f](_?[0-9A-Fa-f])*$/.test(raw) ? 16 : /^0o[0-7](_?[0-7])*$/.test(raw) ? 8 : /^0b[01](_?[01])*$/.test(raw) ? 2 : 0;
    if (radix) {
      const digits = raw.slice(2).replace(/_/g, '');
      const v = BigInt(`0${raw[1]}${digits}`);
      if (v > 9223372036854775807n) this.err(`The integer ${raw} does not fit in 64 bits.`, start, j);
      return { type: 'integer', value: v, raw, start, end: j };
    }
    if (/^[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?$/.test(raw) && /[.eE]/.test(raw)) {
      return { type: 'float', value: Number(raw.replace(/_/g, '')), raw, start, end: j };
    }
    if (isDateTime(raw)) return { type: 'datetime', raw, start, end: j };
    if (raw === '') this.err(`Expected a value, found \`${this.s[start]}\`.`, start, start + 1);
    if (/^[A-Za-z_]/.test(raw) && !/^(inf|nan)/.test(raw)) this.err(`\`${raw}\` is not a TOML value; strings need quotes: "${raw}".`, start, j);
    this.err(`\`${raw}\` is not a valid TOML value.`, start, j);
  }

  private array(): TomlValue {
    this.depth++;
    try {
      return this.arrayBody();
    } finally {
      this.depth--;
    }
  }

  private arrayBody(): TomlValue {
    const start = this.i;
    this.i++;
    const items: TomlValue[] = [];
    for (;;) {
      this.blanksAndComments();
      if (this.i >= this.n) this.err('The array is not closed: expected `]`.', start, start + 1);
      if (this.s[this.i] === ']') {
        this.i++;
        return { type: 'array', items, closed: true, start, end: this.i };
      }
      items.push(this.value());
      this.blanksAndComments();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return { type: 'array', items, closed: true, start, end: this.i };
      }
      this.err(this.i >= this.n ? 'The array is not closed: expected `]`.' : `Expected \`,\` or \`]\` in the array, found \`${this.s[this.i]}\`.`, this.i >= this.n ? start : this.i, this.i >= this.n ? start + 1 : this.i + 1);
    }
  }

  private blanksAndComments(): void {
    for (;;) {
      this.ws();
      if (this.s[this.i] === '#') this.comment();
      else if (this.s[this.i] === '\n') this.i++;
      else if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i += 2;
      else return;
    }
  }

  private inlineTable(): TomlValue {
    this.depth++;
    try {
      return this.inlineTableBody();
    } finally {
      this.depth--;
    }
  }

  private inlineTableBody(): TomlValue {
    const start = this.i;
    this.i++;
    const entries: TomlKeyValue[] = [];
    const table = newTable();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { type: 'inline-table', entries, closed: true, start, end: this.i };
    }
    for (;;) {
      this.ws();
      if (isNewlineCode(this.s.charCodeAt(this.i))) this.err('Inline tables must stay on one line.', this.i, this.i + 1);
      const kv = this.keyValue(true);
      this.define(table, kv);
      entries.push(kv);
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        if (this.s[this.i] === '}') this.err('Inline tables cannot end with a comma.', this.i - 1, this.i);
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return { type: 'inline-table', entries, closed: true, start, end: this.i };
      }
      this.err(`Expected \`,\` or \`}\` in the inline table, found \`${this.s[this.i] ?? 'end of file'}\`.`, this.i, this.i + 1);
    }
  }

  private checkChar(c: number, at: number, allowNewline: boolean): void {
    if ((c < 0x20 && c !== 9 && !(allowNewline && (c === 10 || c === 13))) || c === 0x7f) {
      this.err('Control characters must be escaped in strings.', at);
    }
  }

  private basicString(): string {
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

  private escape(): string {
    const at = this.i;
    const e = this.s[this.i + 1];
    // `\e` (escape) is TOML 1.1; BurntSushi/toml, which Podman uses, accepts it.
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
    if (e !== undefined && e in simple) {
      this.i += 2;
      return simple[e];
    }
    if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i + 2, this.i + 2 + len);
      if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.err(`\`\\${e}\` needs ${len} hex digits.`, at, at + 2 + len);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.err(`\`\\${e}${hex}\` is not a Unicode scalar value.`, at, at + 2 + len);
      this.i += 2 + len;
      return String.fromCodePoint(cp);
    }
    this.err(`\`\\${e ?? ''}\` is not a valid escape in a basic string.`, at, at + 2);
  }

  private literalString(): string {
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

  private skipFirstNewline(): void {
    if (this.s[this.i] === '\n') this.i++;
    else if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i += 2;
  }

  private multilineBasic(): string {
    const start = this.i;
    this.i += 3;
    this.skipFirstNewline();
    let out = '';
    for (;;) {
      if (this.i >= this.n) this.err('The multi-line string is not closed: expected `"""`.', start, start + 3);
      if (this.s.startsWith('"""', this.i)) {
        let q = 3;
        while (this.s[this.i + q] === '"' && q < 5) q++;
        out += '"'.repeat(q - 3);
        this.i += q;
        return out;
      }
      const c = this.s[this.i];
      if (c === '\\') {
        // Line-ending backslash: trims the newline and the whitespace that follows.
        let j = this.i + 1;
        while (this.s[j] === ' ' || this.s[j] === '\t') j++;
        if (isNewlineCode(this.s.charCodeAt(j))) {
          this.i = j;
          while (this.i < this.n && /[ \t\r\n]/.test(this.s[this.i])) {
            if (this.s[this.i] === '\r' && this.s[this.i + 1] !== '\n') this.err('A bare carriage return is not allowed.', this.i);
            this.i++;
          }
          continue;
        }
        out += this.escape();
        continue;
      }
      if (c === '\r' && this.s[this.i + 1] !== '\n') this.err('A bare carriage return is not allowed.', this.i);
      this.checkChar(c.charCodeAt(0), this.i, true);
      out += c;
      this.i++;
    }
  }

  private multilineLiteral(): string {
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

function isDateTime(raw: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))?)?$/.exec(raw);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return false;
    if (m[4] !== undefined && !validTime(m[4], m[5], m[6])) return false;
    if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
    return true;
  }
  const t = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(raw);
  return !!t && validTime(t[1], t[2], t[3]);
}

function validTime(h: string, m: string, s: string): boolean {
  return Number(h) <= 23 && Number(m) <= 59 && Number(s) <= 60;
}

/** Converts an offset to an LSP position (UTF-16 columns). */
export function positionAt(doc: { lineStarts: number[] }, offset: number): { line: number; character: number } {
  const ls = doc.lineStarts;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - ls[lo] };
}

export function offsetAt(doc: { lineStarts: number[]; text: string }, pos: { line: number; character: number }): number {
  const start = doc.lineStarts[Math.min(pos.line, doc.lineStarts.length - 1)] ?? 0;
  return Math.min(start + pos.character, doc.text.length);
}
