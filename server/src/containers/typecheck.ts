/** A TOML value against the type of a containers.conf key, as Podman's decoder sees it. */
import type { TomlValue } from './toml';
import type { CcKey, CcType } from './data';
import type { CheckContext } from './context';
import { versionAtLeast } from './keys';

export const TOML_TYPE: Readonly<Record<TomlValue['type'], string>> = {
  string: 'a string', integer: 'an integer', float: 'a float', boolean: 'a boolean', datetime: 'a date-time',
  array: 'an array', 'inline-table': 'a table', invalid: 'an invalid value',
};

/** What a key of each type takes, in words. */
export const WANT: Readonly<Record<CcType, string>> = {
  string: 'a string', bool: 'true or false', int: 'an integer', uint: 'a non-negative integer', uint16: 'an integer from 0 to 65535',
  uint32: 'an integer from 0 to 4294967295', size: 'a size such as "1m" or an integer', 'string[]': 'an array of strings',
  'map<string>': 'a table of strings', 'map<string[]>': 'a table of string arrays', 'map<table>': 'a table of tables',
  'table[]': 'an array of tables', any: 'a value',
};

const UINT_MAX: Partial<Record<CcType, bigint>> = { uint16: 65535n, uint32: 4294967295n };

/**
 * Reports a type mismatch; false when the value is unusable (no further checks). `path` is
 * the key's dotted path, joined only for a message (this runs on every line of a file).
 */
export function typeCheck(value: TomlValue, type: CcType, path: readonly string[], cx: CheckContext, k?: CcKey): boolean {
  const at = () => cx.range(value.start, value.end);
  const refuse = (message: string): false => {
    cx.report({ code: 'containers/wrong-type', message, range: at() });
    return false;
  };
  const name = (): string => path.join('.');
  const wrong = (): false => refuse(`\`${name()}\` takes ${WANT[type]}, not ${TOML_TYPE[value.type]}; Podman refuses to start with this file.`);
  if (value.type === 'invalid') return false;
  switch (type) {
    case 'string':
      return value.type === 'string' || wrong();
    case 'bool':
      return value.type === 'boolean' || wrong();
    case 'int':
    case 'uint':
    case 'uint16':
    case 'uint32': {
      if (value.type !== 'integer') return wrong();
      const max = UINT_MAX[type];
      if (value.value < 0n && type !== 'int') {
        if (type === 'uint') {
          cx.report({ code: 'containers/negative-unsigned', message: `\`${name()}\` is unsigned: Podman accepts ${value.raw} without a word but reads it as ${(18446744073709551616n + value.value).toString()}. Write a number of 0 or more.`, range: at() });
          return false;
        }
        return refuse(`${value.raw} is out of range for \`${name()}\` (0 to ${max}); Podman refuses to start with this file.`);
      }
      if (max !== undefined && value.value > max) return refuse(`${value.raw} is out of range for \`${name()}\` (0 to ${max}); Podman refuses to start with this file.`);
      return true;
    }
    case 'size':
      if (value.type === 'float' && !(value.value >= 0 && Number.isFinite(value.value))) return refuse(`\`${name()}\` cannot be ${value.raw}: Podman reads the float as the size "${value.raw}", which is not a size, and refuses to start with this file.`);
      if (value.type === 'float') {
        // The decoder formats the float as text and go-units reads that text as bytes.
        const bytes = Number.isFinite(value.value) ? Math.trunc(value.value).toString() : undefined;
        cx.report({ code: 'containers/surprising-value', message: `Podman loads the float ${value.raw} in \`${name()}\`, but reads it as ${bytes === undefined ? 'no usable size' : `${bytes} bytes`}. Write a string with a unit, such as "1m", or an integer number of bytes.`, range: at() });
        return false;
      }
      return value.type === 'string' || value.type === 'integer' || wrong();
    case 'string[]':
      return value.type === 'array' ? stringArray(value, name, cx, k) : wrong();
    case 'map<string>':
    case 'map<string[]>':
    case 'map<table>':
      return value.type === 'inline-table' || wrong();
    case 'table[]':
      if (value.type !== 'array') return wrong();
      for (const item of value.items) {
        if (item.type !== 'inline-table') {
          cx.report({ code: 'containers/wrong-type', message: `\`${name()}\` takes tables such as \`{base = "10.89.0.0/16", size = 24}\`, not ${TOML_TYPE[item.type]}.`, range: cx.range(item.start, item.end) });
          return false;
        }
      }
      return true;
    case 'any':
      return true;
  }
}

/** Strings only, plus at most one `{append = bool}` table where the key takes it (Podman 4.8+). */
function stringArray(value: Extract<TomlValue, { type: 'array' }>, name: () => string, cx: CheckContext, k?: CcKey): boolean {
  let tables = 0;
  for (const item of value.items) {
    if (item.type === 'string') continue;
    const range = () => cx.range(item.start, item.end);
    if (item.type === 'inline-table' && k?.append) {
      tables++;
      if (!versionAtLeast(cx.version, '4.8')) {
        cx.report({ code: 'containers/wrong-type', message: `\`{append = …}\` in arrays needs Podman 4.8 or later; Podman ${cx.version} refuses the file.`, range: range() });
        return false;
      }
      const bad = item.entries.find((kv) => kv.key.parts.map((p) => p.name).join('.') !== 'append' || kv.value.type !== 'boolean');
      if (bad || tables > 1) {
        cx.report({ code: 'containers/wrong-type', message: bad ? 'The only attribute an array takes is `append = true|false`; Podman refuses anything else.' : 'An array takes at most one `{append = …}` table.', range: range() });
        return false;
      }
      continue;
    }
    cx.report({ code: 'containers/wrong-type', message: `\`${name()}\` takes strings only, not ${TOML_TYPE[item.type]}; Podman refuses to start with this file.`, range: range() });
    return false;
  }
  return true;
}
