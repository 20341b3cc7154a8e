/**
 * Keys and values of the TOML parser: dotted keys, scalars, arrays and inline tables, and
 * the table tree that catches redefinitions.
 */
import type { KeyPart, TomlKey, TomlKeyValue, TomlValue } from './tomlTypes';
import { ParseError, Scanner, TextKey, isNewlineCode } from './tomlScanner';

type NodeKind = 'table' | 'array-tables' | 'value';
/**
 * The table tree as Podman's TOML decoder (BurntSushi/toml 1.2) keeps it, which is more
 * lenient than the TOML spec: a table made implicitly (a parent in a header, or by a dotted
 * key) may be defined once more by a header or a key; dotted keys may add to any table,
 * inline ones included; a key whose value is an array may be defined again.
 */
export interface Node {
  kind: NodeKind;
  /** Created implicitly and not defined since: one header (or key) may still define it. */
  implicit?: boolean;
  /** A value that is (or was parsed as) an array: any later definition replaces it. */
  array?: boolean;
  /**
   * The children, read and written through childOf and setChild: the first one inline, a Map
   * from the second on. Most tables of a big file hold one key (100,000 `[d…]` tables with a
   * `uri` each: a table node with a Map of its one child takes 231 bytes, with the child
   * inline 64, and the tree lives until the end of the parse).
   */
  name?: string;
  only?: Node;
  more?: Map<string, Node>;
  items?: Node[];
}

export const newTable = (implicit = false): Node => ({ kind: 'table', implicit, name: undefined, only: undefined, more: undefined });

export function childOf(node: Node, name: string): Node | undefined {
  return node.more ? node.more.get(name) : node.only !== undefined && node.name === name ? node.only : undefined;
}

/** Adds or replaces a child (never called on a value node: define and openTable refuse to descend into one). */
export function setChild(node: Node, name: string, child: Node): void {
  if (node.more) node.more.set(name, child);
  else if (node.only === undefined || node.name === name) {
    node.name = name;
    node.only = child;
  } else node.more = new Map([[node.name!, node.only], [name, child]]);
}

/** Value nodes carry nothing of their own, so all values share these two (never modified). */
const VALUE_NODE: Node = Object.freeze({ kind: 'value' });
const ARRAY_NODE: Node = Object.freeze({ kind: 'value', array: true });

/** Where a bare value (number, boolean, date) ends: a blank, a line end, `,` `]` `}` or `#`. */
const endsScalar = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10 || c === 44 || c === 93 || c === 125 || c === 35;
/** Deepest nesting of arrays and inline tables read (Podman's files never go past 3). */
export const MAX_NESTING = 256;

/**
 * A key/value with its key kept as offsets (see TextKey): its range runs from the key to the
 * end of the value.
 */
export class KeyValue implements TomlKeyValue {
  constructor(private readonly reader: Scanner, private readonly keyStart: number, private readonly keyEnd: number, readonly eq: number, readonly value: TomlValue) {}

  get key(): TomlKey {
    return new TextKey(this.reader, this.keyStart, this.keyEnd);
  }

  get start(): number {
    return this.keyStart;
  }

  get end(): number {
    return this.value.end;
  }
}

export class ValueParser extends Scanner {
  /** Nesting of arrays and inline tables; bounded so hostile input cannot exhaust the stack. */
  protected depth = 0;

  /** The table node of each inline table value, so that later dotted keys can add to it. */
  protected readonly inlineNodes = new WeakMap<TomlValue, Node>();

  /** Records a key/value in a table node, checking redefinitions as Podman's decoder does. */
  protected define(table: Node, kv: TomlKeyValue, parts: readonly KeyPart[]): void {
    let node = table;
    for (let k = 0; k < parts.length - 1; k++) {
      const part = parts[k];
      let child = childOf(node, part.name);
      if (!child || (child.kind === 'value' && child.array)) {
        child = newTable(!child);
        setChild(node, part.name, child);
      } else if (child.kind === 'array-tables') {
        child = child.items![child.items!.length - 1];
      } else if (child.kind === 'value') {
        this.err(`\`${parts.slice(0, k + 1).map((p) => p.name).join('.')}\` is already defined, and dotted keys cannot add to it.`, kv.key.start, kv.key.end, 'duplicate');
      } else {
        child.implicit = false;
      }
      node = child;
    }
    const last = parts[parts.length - 1];
    const existing = childOf(node, last.name);
    const array = kv.value.type === 'array';
    if (existing && !(array || existing.array)) {
      // A table only made implicitly may be given once: the decoder keeps the table and drops the value.
      if (existing.kind === 'table' && existing.implicit && kv.value.type !== 'inline-table') {
        existing.implicit = false;
        return;
      }
      this.err(`The key \`${parts.map((p) => p.name).join('.')}\` is already defined in this table.`, kv.key.start, kv.key.end, 'duplicate');
    }
    setChild(node, last.name, kv.value.type === 'inline-table' ? (this.inlineNodes.get(kv.value) ?? newTable()) : array ? ARRAY_NODE : VALUE_NODE);
  }

  /** The `=` after a key (`parts`) and the blanks around it; returns its offset. */
  protected equals(parts: readonly KeyPart[], inline: boolean): number {
    this.ws();
    if (this.s[this.i] !== '=') this.err(`Expected \`=\` after the key \`${parts.map((p) => p.name).join('.')}\`.`, this.i, inline ? this.i + 1 : Math.max(this.i + 1, this.lineEnd(this.i)));
    const eq = this.i;
    this.i++;
    this.ws();
    return eq;
  }

  protected value(): TomlValue {
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

  protected scalar(): TomlValue {
    const start = this.i;
    let j = this.i;
    while (j < this.n && !endsScalar(this.s.charCodeAt(j))) j++;
    // A datetime may have a space between date and time.
    if (/^\d{4}-\d{2}-\d{2}$/.test(this.s.slice(start, j)) && this.s[j] === ' ' && /^\d{2}:/.test(this.s.slice(j + 1, j + 4))) {
      j++;
      while (j < this.n && !endsScalar(this.s.charCodeAt(j))) j++;
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

  protected array(): TomlValue {
    this.depth++;
    try {
      return this.arrayBody();
    } finally {
      this.depth--;
    }
  }

  protected arrayBody(): TomlValue {
    const start = this.i;
    this.i++;
    const items: TomlValue[] = [];
    let missingComma = false;
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
      // Another value where a comma belongs: one error, and the array goes on (no cascade on its `]`).
      if (this.i < this.n && /["'0-9a-zA-Z[{+-]/.test(this.s[this.i])) {
        // One error per array: Podman refuses the file either way, and a huge line stays cheap.
        if (!missingComma) this.recovered.push(new ParseError(`Expected \`,\` before \`${this.s[this.i]}\`: the array's values are separated by commas.`, this.i, this.i + 1));
        missingComma = true;
        continue;
      }
      this.err(this.i >= this.n ? 'The array is not closed: expected `]`.' : `Expected \`,\` or \`]\` in the array, found \`${this.s[this.i]}\`.`, this.i >= this.n ? start : this.i, this.i >= this.n ? start + 1 : this.i + 1);
    }
  }

  protected inlineTable(): TomlValue {
    this.depth++;
    try {
      return this.inlineTableBody();
    } finally {
      this.depth--;
    }
  }

  protected inlineTableBody(): TomlValue {
    const start = this.i;
    this.i++;
    const entries: TomlKeyValue[] = [];
    const table = newTable();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      const v: TomlValue = { type: 'inline-table', entries, closed: true, start, end: this.i };
      this.inlineNodes.set(v, table);
      return v;
    }
    for (;;) {
      this.ws();
      if (isNewlineCode(this.s.charCodeAt(this.i))) this.err('Inline tables must stay on one line.', this.i, this.i + 1);
      const keyStart = this.i;
      const parts = this.keyParts();
      const eq = this.equals(parts, true);
      const kv = new KeyValue(this.keyReader(), keyStart, parts[parts.length - 1].end, eq, this.value());
      this.define(table, kv, parts);
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
        const v: TomlValue = { type: 'inline-table', entries, closed: true, start, end: this.i };
        this.inlineNodes.set(v, table);
        return v;
      }
      this.err(`Expected \`,\` or \`}\` in the inline table, found \`${this.s[this.i] ?? 'end of file'}\`.`, this.i, this.i + 1);
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

