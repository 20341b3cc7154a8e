/**
 * A JSON Schema (Draft 4, the dialect taplo / Even Better TOML read) for containers.conf,
 * generated from the key records of ./data.ts: types, values, defaults, versions and
 * deprecations, with ctconf's own descriptions. scripts/schemas.mjs writes it to
 * dist/schemas/containers.conf.schema.json at build time.
 *
 * The schema reports an error where ctconf reports one (a wrong type, a value Podman refuses
 * when loading the file or when a command uses it, an unknown capability) and nothing where
 * Podman accepts the file: unknown keys, other spellings of a key's case and negative
 * unsigned numbers stay allowed, because Podman loads such files (ctconf warns about them).
 * It is not tied to one Podman release: a value any release accepts is allowed.
 */
import { CC_KEYS, NEWEST_PODMAN, TOP_TABLES, type CcKey } from './data';
import { allValues, keysOf } from './keys';
import { CAPABILITIES } from '../capabilities/table';

export type JsonSchema = { [k: string]: unknown };


/** A regular expression that matches `word` in any case. */
const anyCase = (word: string): string => [...word].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('');
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Capability names as Podman takes them: any case, with or without `CAP_`. */
const CAPABILITY_PATTERN = `^(?:${anyCase('cap_')})?(?:${CAPABILITIES.map((c) => anyCase(c.name)).join('|')})$`;

function describe(k: CcKey): string {
  const parts = [k.doc || 'No longer read by Podman.'];
  if (k.default !== undefined) parts.push(`Default: ${k.default}.`);
  if (k.since) parts.push(`Podman ${k.since} and later.`);
  const versioned = (k.values ?? []).filter((v) => typeof v !== 'string');
  for (const v of versioned) if (typeof v !== 'string') parts.push(`\`${v.value}\`: ${v.since ? `Podman ${v.since} and later` : ''}${v.since && v.until ? ', ' : ''}${v.until ? `before Podman ${v.until}` : ''}.`);
  if (k.deprecated) parts.push(`Deprecated: ${k.deprecated}.`);
  if (k.removed) parts.push(`Removed${k.removed === 'old' ? '' : ` in Podman ${k.removed}`}: ${k.removedNote ?? ''}; Podman ignores it.`.replace(': ;', ';'));
  return parts.join(' ');
}

/** The JSON value of a default written as text, when it is one (not a description such as "NumCPU/2"). */
function defaultValue(k: CcKey): unknown {
  const d = k.default;
  if (d === undefined) return undefined;
  switch (k.type) {
    case 'bool':
      return d === 'true' ? true : d === 'false' ? false : undefined;
    case 'int':
    case 'uint':
    case 'uint16':
    case 'uint32':
      return /^-?\d+$/.test(d) ? Number(d) : undefined;
    case 'string':
      return /^[^\s<>()$]*$/.test(d) ? d : undefined;
    case 'string[]':
      try {
        const v: unknown = JSON.parse(d);
        return Array.isArray(v) && v.every((x) => typeof x === 'string' && !/[<>$]|\.\.\./.test(x)) ? v : undefined;
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}

/** What a string value may be: a strict check only where Podman refuses other values. */
function stringSchema(k: CcKey): JsonSchema {
  if (!k.values || !k.when) return { type: 'string' };
  const values = allValues(k);
  const prefixes = k.prefixes ?? [];
  if (!k.ci && !prefixes.length) return { type: 'string', enum: values };
  const alternatives = [...values.map((v) => (k.ci ? anyCase(v) : escapeRe(v))).map((v) => `${v}$`), ...prefixes.map(escapeRe)];
  return { type: 'string', pattern: `^(?:${alternatives.join('|')})` };
}

function valueSchema(k: CcKey): JsonSchema {
  switch (k.type) {
    case 'string':
      return stringSchema(k);
    case 'bool':
      return { type: 'boolean' };
    case 'int':
    case 'uint':
      return { type: 'integer' };
    case 'uint16':
      return { type: 'integer', minimum: 0, maximum: 65535 };
    case 'uint32':
      return { type: 'integer', minimum: 0, maximum: 4294967295 };
    case 'size':
      return { type: ['string', 'integer'] };
    case 'string[]': {
      const item: JsonSchema = k.check === 'capabilities' ? { type: 'string', pattern: CAPABILITY_PATTERN } : { type: 'string' };
      const attrs = { type: 'object', properties: { append: { type: 'boolean', description: 'true: add to the list of earlier files instead of replacing it (Podman 4.8 and later).' } }, additionalProperties: false };
      return { type: 'array', items: k.append ? { anyOf: [item, attrs] } : item };
    }
    case 'map<string>':
      return { type: 'object', additionalProperties: { type: 'string' } };
    case 'map<string[]>':
      return { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } };
    case 'map<table>':
      return { type: 'object', additionalProperties: tableSchema(`${k.table}.${k.key}.*`, 'One remote Podman service.') };
    case 'table[]':
      return { type: 'array', items: tableSchema(`${k.table}.${k.key}[]`, k.doc) };
    case 'any':
      return {};
  }
}

function keySchema(k: CcKey): JsonSchema {
  const s: JsonSchema = { ...valueSchema(k), description: describe(k) };
  const d = defaultValue(k);
  if (d !== undefined) s.default = d;
  if (k.deprecated || k.removed) s.deprecated = true;
  return s;
}

function tableSchema(table: string, description: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const k of keysOf(table)) properties[k.key] = keySchema(k);
  return { type: 'object', description, properties };
}

/** The schema of a whole containers.conf file. */
export function containersConfSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const t of TOP_TABLES) properties[t.name] = tableSchema(t.name, `${t.doc} Podman ${t.since} and later.`);
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'containers.conf',
    description: `Podman's containers.conf (and its drop-in files), generated by ctconf from its key data (${CC_KEYS.length} keys, up to Podman ${NEWEST_PODMAN}).`,
    type: 'object',
    properties,
  };
}
