/** The TOML model of a containers.conf: every key, value and array element with its range. */

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
  /** The names of the key's parts (the `table` of the entries under the header: not to be changed). */
  path: string[];
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
  /** The text starts with a UTF-8 byte order mark (skipped; Podman before 4.6 refuses it). */
  bom: boolean;
}
