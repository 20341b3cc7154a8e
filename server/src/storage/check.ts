/**
 * Schema checks shared by storage.conf and registries.conf: TOML syntax, unknown and
 * misplaced tables and keys, types and versions. The Go TOML decoder refuses the whole file
 * on a syntax error, a redefinition or a value of the wrong type (an error), and ignores
 * unknown keys (a warning: the libraries only log them).
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { RuleCode } from '../rules';
import { positionAt, type TomlDocument, type TomlValue } from '../containers/toml';

export type TomlKeyValue = TomlDocument['entries'][number]['kv'];
import { atLeast } from '../util/version';
import { NEWEST_PODMAN } from '../containers/keys';
import { closest, suggestionBudget } from '../util/strings';
import { inlineCode } from '../util/markdown';
import { resolve, tableOf, type KeySpec, type KeyType, type Resolved, type Schema } from './schema';

/** The rule codes one format uses for the shared checks. */
export interface CheckCodes {
  syntax: RuleCode;
  duplicate: RuleCode;
  unknownTable: RuleCode;
  unknownKey: RuleCode;
  wrongTable: RuleCode;
  wrongType: RuleCode;
  removed: RuleCode;
  tooNew: RuleCode;
  invalidValue: RuleCode;
  /** A value the decoder skips without a word (a non-table for a map): a warning. */
  ignoredValue: RuleCode;
}

export interface CheckOptions {
  schema: Schema;
  codes: CheckCodes;
  podmanVersion: string;
  /** The file's name in messages (`storage.conf`). */
  file: string;
}

/** A key/value met in the document with its resolved meaning (for format-specific checks). */
export interface Visited {
  path: string[];
  kv: TomlKeyValue;
  resolved: Resolved;
}

const TOML_TYPE: Record<TomlValue['type'], string> = {
  string: 'a string', integer: 'an integer', float: 'a float', boolean: 'a boolean', datetime: 'a date-time',
  array: 'an array', 'inline-table': 'a table', invalid: 'an invalid value',
};
export const WANT: Record<KeyType, string> = {
  string: 'a string', bool: 'true or false', uint32: 'an integer from 0 to 4294967295', int: 'an integer',
  'string[]': 'an array of strings', 'map<string>': 'a table of strings',
};

/** Offset of a position (clamped to its line and the text). */
export function offsetAt(doc: { lineStarts: number[]; text: string }, pos: { line: number; character: number }): number {
  if (pos.line >= doc.lineStarts.length) return doc.text.length;
  const start = doc.lineStarts[Math.max(0, pos.line)];
  const next = pos.line + 1 < doc.lineStarts.length ? doc.lineStarts[pos.line + 1] : doc.text.length;
  return Math.min(start + Math.max(0, pos.character), next);
}

export function rangeOf(doc: { lineStarts: number[]; text: string }, start: number, end: number): Range {
  return { start: positionAt(doc, start), end: positionAt(doc, Math.max(start, end)) };
}

/** Whether a value has the type a key wants; the reason when not. */
export function typeProblem(v: TomlValue, t: KeyType): string | undefined {
  switch (t) {
    case 'string': return v.type === 'string' ? undefined : `${TOML_TYPE[v.type]} where a string is wanted`;
    case 'bool': return v.type === 'boolean' ? undefined : `${TOML_TYPE[v.type]} where true or false is wanted`;
    case 'int':
    case 'uint32':
      if (v.type !== 'integer') return `${TOML_TYPE[v.type]} where an integer is wanted`;
      if (t === 'uint32' && (v.value < 0n || v.value > 4294967295n)) return `${v.raw} is out of range for an unsigned 32-bit integer`;
      return undefined;
    case 'string[]': {
      if (v.type !== 'array') return `${TOML_TYPE[v.type]} where an array of strings is wanted`;
      const bad = v.items.find((i) => i.type !== 'string');
      return bad ? `an array holding ${TOML_TYPE[bad.type]} where only strings are allowed` : undefined;
    }
    case 'map<string>': return v.type === 'inline-table' ? undefined : `${TOML_TYPE[v.type]} where a table of strings is wanted`;
  }
}

/** An array without its `{append = true|false}` items (the attribute containers/storage reads from 6.0). */
export function withoutAppend(v: TomlValue): TomlValue {
  if (v.type !== 'array') return v;
  const isAppend = (i: TomlValue) => i.type === 'inline-table' && i.entries.length > 0 && i.entries.every((e) => e.key.parts.length === 1 && e.key.parts[0].name === 'append' && e.value.type === 'boolean');
  return { ...v, items: v.items.filter((i) => !isAppend(i)) };
}

/** `4.3.1` → `4.3`; `latest` or nonsense → the newest release ctconf knows. */
export function podmanBranch(v: string): string {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : NEWEST_PODMAN;
}

export function live(x: { since?: string; removed?: string }, v: string): 'ok' | 'too-new' | 'removed' {
  if (x.removed && atLeast(v, x.removed)) return 'removed';
  if (x.since && !atLeast(v, x.since)) return 'too-new';
  return 'ok';
}

/** Runs the shared checks; `visit` sees every key/value with its resolution. */
export function checkToml(doc: TomlDocument, o: CheckOptions, visit?: (e: Visited) => void): Finding[] {
  const out: Finding[] = [];
  const push = (code: RuleCode, message: string, range: Range, data?: Record<string, unknown>) => out.push({ code, message, range, ...(data ? { data } : {}) } as Finding);
  const refuse = `Podman refuses to start with this ${o.file}.`;
  const suggest = suggestionBudget();
  const resolvePath = (p: string[]) => resolve(o.schema, p, (w, c) => suggest(() => closest(w, c)) ?? undefined);

  for (const e of doc.errors) push(e.kind === 'duplicate' ? o.codes.duplicate : o.codes.syntax, `${e.message} ${refuse}`, rangeOf(doc, e.start, e.end));

  /** Headers that already got a finding: keys under them are not reported again. */
  const badHeaders = new Set<unknown>();
  /** Arrays of tables opened so far: `[[a.b]]` before any `[[a]]` makes `a` a plain table. */
  const opened = new Set<string>();
  for (const h of doc.headers) {
    const path = h.key.parts.map((p) => p.name);
    const r = resolvePath(path);
    const at = rangeOf(doc, h.key.start, h.key.end);
    if (h.array) opened.add(path.join('.'));
    const parentArray = path.slice(0, -1).findIndex((_, i) => tableOf(o.schema, path.slice(0, i + 1).join('.'))?.array && !opened.has(path.slice(0, i + 1).join('.')));
    if (parentArray !== -1) {
      const name = path.slice(0, parentArray + 1).join('.');
      badHeaders.add(h);
      push(o.codes.wrongType, `${inlineCode(`[${h.array ? '[' : ''}${path.join('.')}${h.array ? ']' : ''}]`)} comes before any \`[[${name}]]\`, which makes \`${name}\` a single table instead of an array of tables. ${refuse}`, at);
      continue;
    }
    if (r.kind === 'table') {
      const state = live(r.table, o.podmanVersion);
      if (state !== 'ok') {
        badHeaders.add(h);
        push(state === 'removed' ? o.codes.removed : o.codes.tooNew, `\`[${path.join('.')}]\` ${state === 'removed' ? `is no longer read since Podman ${r.table.removed}` : `needs Podman ${r.table.since} or later`}; Podman ${o.podmanVersion} ignores it and everything in it.`, at, state === 'removed' ? { replacement: null } : undefined);
      } else if (h.array !== Boolean(r.table.array)) {
        badHeaders.add(h);
        push(o.codes.wrongType, h.array ? `\`[[${path.join('.')}]]\` makes an array of tables, but \`${path.join('.')}\` is a single table. ${refuse}` : `\`${path.join('.')}\` is an array of tables: write \`[[${path.join('.')}]]\`. ${refuse}`, at);
      }
    } else if (r.kind === 'map-entry' && r.valueType === 'string') {
      continue;
    } else if (r.kind === 'unknown-table' || r.kind === 'unknown-key') {
      badHeaders.add(h);
      const s = r.suggestion;
      push(r.kind === 'unknown-table' ? o.codes.unknownTable : o.codes.unknownKey, `Podman does not know ${inlineCode(`[${path.join('.')}]`)} in ${o.file} and ignores it.${s ? ` Did you mean \`${s}\`?` : ''}`, at, { suggestion: s ?? null });
    } else if (r.kind === 'key' && r.key.type === 'map<string>') {
      continue;
    } else {
      badHeaders.add(h);
      push(o.codes.wrongType, `\`${path.join('.')}\` is a key, not a table. ${refuse}`, at);
    }
  }

  for (const e of doc.entries) {
    if (e.header && badHeaders.has(e.header)) continue;
    entry(e.path, e.kv, e.kv.key.parts.length);
  }
  return out;

  /** `depth`: how many trailing path parts the key of this line spells (for the range). */
  function entry(path: string[], kv: TomlKeyValue, depth: number): void {
    const r = resolvePath(path);
    const keyPart = kv.key.parts[Math.max(0, kv.key.parts.length - 1)];
    const keyAt = rangeOf(doc, keyPart.start, keyPart.end);
    const valueAt = rangeOf(doc, kv.value.start, kv.value.end);
    visit?.({ path, kv, resolved: r });
    switch (r.kind) {
      case 'unknown-table':
      case 'unknown-key': {
        const where = r.kind === 'unknown-key' && r.table ? ` in \`[${r.table}]\`` : '';
        if (r.kind === 'unknown-key' && r.elsewhere && live(r.elsewhere, o.podmanVersion) === 'ok') {
          const t = r.elsewhere.table;
          push(o.codes.wrongTable, `\`${r.name}\` belongs in ${t ? `\`[${t}]\`` : 'the top level of the file'}, not${where || ' here'}; Podman ignores it here.`, keyAt, { table: t, key: r.name });
          return;
        }
        const code = r.kind === 'unknown-table' ? o.codes.unknownTable : o.codes.unknownKey;
        push(code, `Podman does not know ${inlineCode(r.name)}${where} of ${o.file} and ignores it.${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`, depth > 1 ? rangeOf(doc, kv.key.start, kv.key.end) : keyAt, { suggestion: r.suggestion ?? null });
        return;
      }
      case 'below-scalar':
        push(o.codes.wrongType, `\`${r.key.key}\` takes ${WANT[r.key.type]}; it cannot hold ${inlineCode(path.join('.'))}. ${refuse}`, rangeOf(doc, kv.key.start, kv.key.end));
        return;
      case 'table': {
        const t = r.table;
        const items = kv.value.type === 'array' && t.array ? kv.value.items : [kv.value];
        for (const item of items) {
          if (item.type !== 'inline-table') {
            // Go's TOML decoder skips a non-table value for a map without a word; a struct it refuses.
            if (t.map) push(o.codes.ignoredValue, `\`${t.name}\` is a table; Podman's decoder skips ${TOML_TYPE[item.type]} here without a word, so the value is ignored.`, rangeOf(doc, item.start, item.end), { suggestion: null });
            else push(o.codes.wrongType, `\`${t.name}\` is ${t.array ? 'an array of tables' : 'a table'}; ${TOML_TYPE[item.type]} cannot stand for it. ${refuse}`, rangeOf(doc, item.start, item.end));
            continue;
          }
          for (const sub of item.entries) entry([...path, ...sub.key.parts.map((p) => p.name)], sub, sub.key.parts.length);
        }
        return;
      }
      case 'map-entry': {
        const p = typeProblem(kv.value, r.valueType);
        if (p) push(o.codes.wrongType, `${inlineCode(path[path.length - 1])} is ${p}. ${refuse}`, valueAt);
        return;
      }
      case 'key': {
        const k = r.key;
        const state = live(k, o.podmanVersion);
        if (state === 'removed') {
          push(o.codes.removed, `\`${k.key}\` is no longer read since Podman ${k.removed}; Podman ${o.podmanVersion} ignores it.`, keyAt, { replacement: null });
          return;
        }
        if (state === 'too-new') {
          push(o.codes.tooNew, `\`${k.key}\` needs Podman ${k.since} or later; Podman ${o.podmanVersion} ignores it.`, keyAt);
          return;
        }
        if (k.type === 'map<string>' && kv.value.type === 'inline-table') {
          for (const sub of kv.value.entries) entry([...path, ...sub.key.parts.map((x) => x.name)], sub, sub.key.parts.length);
          return;
        }
        if (k.type === 'map<string>') {
          // Go's TOML decoder (BurntSushi 1.2) leaves a map alone when the value is not a table.
          push(o.codes.ignoredValue, `\`${k.key}\` takes a table of strings; Podman's decoder skips ${TOML_TYPE[kv.value.type]} here without a word, so the value is ignored.`, valueAt, { suggestion: null });
          return;
        }
        const p = typeProblem(k.append && atLeast(o.podmanVersion, k.append) ? withoutAppend(kv.value) : kv.value, k.type);
        if (p) {
          push(o.codes.wrongType, `\`${k.key}\` gets ${p}. ${refuse}`, valueAt);
          return;
        }
        // A value the driver parses is judged by the driver's own rules (driverOptions.ts).
        if (k.values && !k.use?.parse && kv.value.type === 'string' && !k.values.includes(kv.value.value)) {
          const [written, values] = [kv.value.value, k.values];
          const s = suggest(() => closest(written.toLowerCase(), values));
          push(o.codes.invalidValue, `${inlineCode(kv.value.value)} is not a value Podman accepts for \`${k.key}\`: use ${k.values.filter(Boolean).map((x) => `\`${x}\``).join(', ')}.`, valueAt, { suggestion: s });
        }
      }
    }
  }
}

/** Key specs of a table that the target version reads. */
export function liveKeys(s: Schema, table: string, v: string): KeySpec[] {
  return s.keys.filter((k) => k.table === table && live(k, v) === 'ok');
}

export { tableOf };
