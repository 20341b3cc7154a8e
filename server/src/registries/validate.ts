/**
 * registries.conf validation. containers/image refuses the file (podman exits 125) on TOML
 * and type errors, on v1 and v2 settings in one file (and v1 in a drop-in), on a registry
 * without location and prefix, a location with a URI scheme, a bad wildcard prefix, a mirror
 * without location, bad pull-from-mirror use, conflicting insecure/blocked settings of one
 * location, a bad short-name mode and bad aliases. Unknown keys are only logged at debug level.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { TomlDocument, TomlValue } from '../containers/toml';
import { inlineCode } from '../util/markdown';
import { checkToml, rangeOf, type CheckCodes, type TomlKeyValue } from '../storage/check';
import { REGISTRIES_SCHEMA, V2_KEYS } from './keys';
import { parseReference } from './reference';

export const REGISTRIES_CODES: CheckCodes = {
  syntax: 'registries/toml-syntax',
  duplicate: 'registries/duplicate',
  unknownTable: 'registries/unknown-key',
  unknownKey: 'registries/unknown-key',
  wrongTable: 'registries/wrong-table',
  wrongType: 'registries/wrong-type',
  removed: 'registries/unknown-key',
  tooNew: 'registries/key-too-new',
  invalidValue: 'registries/invalid-value',
  ignoredValue: 'registries/ignored-value',
};

/** A registry host in an image reference: dot-separated DNS labels and an optional port. */
const LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const SEARCH_REGISTRY = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::[0-9]+)?$`);

export function isDropIn(path: string | undefined): boolean {
  return path !== undefined && /\/registries\.conf\.d\/[^/]+$/.test(path.replace(/\\/g, '/'));
}

interface Reg { prefix?: string; location?: string; insecure: boolean; blocked: boolean; byDigest: boolean; at: Range; mirrors: { location?: string; pull?: string; at: Range }[] }

export function validateRegistriesConf(doc: TomlDocument, opts: { podmanVersion: string; path?: string }): Finding[] {
  const extra: Finding[] = [];
  const err = (message: string, range: Range) => extra.push({ code: 'registries/invalid', message: `${message} Podman refuses this registries.conf.`, range });
  let v1: Range | undefined;
  let v2: Range | undefined;
  const regs: Reg[] = [];
  /** The [[registry]] entry a table or key belongs to, by its header or inline table. */
  const byHeader = new Map<unknown, Reg>();
  let current: Reg | undefined;
  const mirrorOf = new Map<unknown, Reg['mirrors'][number]>();
  const headerOf = new Map<TomlKeyValue, unknown>(doc.entries.map((x) => [x.kv, x.header]));
  for (const h of doc.headers) {
    const names = h.key.parts.map((p) => p.name);
    if (h.array && names.length === 1 && names[0] === 'registry') {
      current = { insecure: false, blocked: false, byDigest: false, at: rangeOf(doc, h.key.start, h.key.end), mirrors: [] };
      regs.push(current);
      byHeader.set(h, current);
      v2 ??= current.at;
    } else if (h.array && names.length === 2 && names[0] === 'registry' && names[1] === 'mirror' && current) {
      const m = { at: rangeOf(doc, h.key.start, h.key.end) };
      current.mirrors.push(m);
      byHeader.set(h, current);
      mirrorOf.set(h, m);
    }
  }
  const findings = checkToml(doc, { schema: REGISTRIES_SCHEMA, codes: REGISTRIES_CODES, podmanVersion: opts.podmanVersion, file: 'registries.conf' }, (e) => {
    const top = e.path[0];
    const value = e.kv.value;
    const nonEmpty = !(value.type === 'array' && value.items.length === 0) && !(value.type === 'string' && value.value === '');
    if (top === 'registries' && e.resolved.kind === 'key' && nonEmpty) v1 ??= rangeOf(doc, e.kv.key.start, e.kv.key.end);
    if (V2_KEYS.has(top) && nonEmpty && top !== 'registry') v2 ??= rangeOf(doc, e.kv.key.start, e.kv.key.end);
    if (e.resolved.kind === 'map-entry' && top === 'aliases') aliasCheck(e.path[e.path.length - 1], e.kv, value);
    if (e.resolved.kind !== 'key') return;
    const header = headerOf.get(e.kv);
    const k = e.resolved.key;
    const reg = top === 'registry' ? byHeader.get(header) : undefined;
    if (!reg) {
      if (k.key === 'unqualified-search-registries' && value.type === 'array') {
        for (const i of value.items) {
          if (i.type !== 'string') continue;
          const at = rangeOf(doc, i.start, i.end);
          if (i.value.includes('://')) err(`${inlineCode(i.value)}: a search registry is a host name, without \`http://\` or \`https://\`.`, at);
          // A registry host as image references spell it: DNS labels, an optional port; no path, no IPv6.
          else if (!SEARCH_REGISTRY.test(i.value.replace(/\/+$/, ''))) err(i.value === '' ? 'An empty search registry is not a host name.' : `${inlineCode(i.value)} is not a registry host name (such as \`docker.io\` or \`localhost:5000\`, with no path).`, at);
        }
      }
      return;
    }
    const inMirror = k.table === 'registry.mirror';
    // Mirrors written inline (`mirror = [{…}]`) are checked by the schema only.
    const mirror = inMirror ? mirrorOf.get(header) : undefined;
    if (inMirror && !mirror) return;
    const at = rangeOf(doc, value.start, value.end);
    if (value.type === 'string') {
      if ((k.key === 'location' || k.key === 'prefix') && /^https?:\/\//.test(value.value.replace(/\/+$/, ''))) err(`${inlineCode(value.value)}: a ${k.key} has no URI scheme; write the host (and namespace) only.`, at);
      if (k.key === 'prefix' && value.value.startsWith('*.') && /[/@:]/.test(value.value)) err(`A wildcard prefix must look like \`*.example.com\`, without a path, tag or port.`, at);
      if (mirror && k.key === 'location') mirror.location = value.value;
      if (mirror && k.key === 'pull-from-mirror') mirror.pull = value.value;
      if (!mirror && k.key === 'location') reg.location = value.value.replace(/\/+$/, '');
      if (!mirror && k.key === 'prefix') reg.prefix = value.value.replace(/\/+$/, '');
      if (!mirror && k.key === 'pull-from-mirror' && value.value !== '') err('`pull-from-mirror` belongs in a `[[registry.mirror]]` entry, not on the registry itself.', at);
    }
    if (value.type === 'boolean' && !mirror) {
      if (k.key === 'insecure') reg.insecure = value.value;
      if (k.key === 'blocked') reg.blocked = value.value;
      if (k.key === 'mirror-by-digest-only') reg.byDigest = value.value;
    }
  });
  for (const r of regs) {
    if (!r.location && !r.prefix) err('This `[[registry]]` has neither `location` nor `prefix`.', r.at);
    else if (!r.location && r.prefix && !r.prefix.startsWith('*.')) err('Without `location`, `prefix` must be a wildcard such as `*.example.com`.', r.at);
    for (const m of r.mirrors) {
      if (!m.location) err('This mirror has no `location`.', m.at);
      if (m.pull && r.byDigest) err('`pull-from-mirror` cannot be combined with `mirror-by-digest-only` on its registry.', m.at);
    }
  }
  const byLoc = new Map<string, Reg>();
  for (const r of regs) {
    const key = r.location || r.prefix;
    if (!key) continue;
    const o = byLoc.get(key);
    if (!o) byLoc.set(key, r);
    else if (o.insecure !== r.insecure || o.blocked !== r.blocked) err(`${inlineCode(key)} is defined again with a different \`${o.insecure !== r.insecure ? 'insecure' : 'blocked'}\` setting.`, r.at);
  }
  if (v1 && (v2 || isDropIn(opts.path))) {
    extra.push({ code: 'registries/mixed-versions', message: isDropIn(opts.path) && !v2 ? 'Drop-in files in registries.conf.d must use the v2 format; Podman refuses the `[registries.*]` tables here.' : 'This file mixes the old v1 tables `[registries.*]` with v2 settings; Podman refuses it ("mixing sysregistry v1/v2 is not supported").', range: v1 });
  } else if (v1) {
    extra.push({ code: 'registries/v1-format', message: 'The v1 format still works but cannot express mirrors, prefixes or aliases; the v2 equivalents are `unqualified-search-registries` and `[[registry]]` entries with `insecure`/`blocked`.', range: v1 });
  }
  return [...findings, ...extra];

  function aliasCheck(name: string, kv: TomlKeyValue, value: TomlValue): void {
    const keyAt = rangeOf(doc, kv.key.start, kv.key.end);
    const short = parseReference(name);
    if (!short) err(`${inlineCode(name)} is not a valid short name.`, keyAt);
    else if (short.tag || short.digest) err(`The short name ${inlineCode(name)} must not carry a tag or digest.`, keyAt);
    else if (short.domain && (/[.:]/.test(short.domain) || short.domain === 'localhost')) err(`The short name ${inlineCode(name)} must not name a registry.`, keyAt);
    // An empty value is no alias (Podman loads it and ignores it).
    if (value.type !== 'string' || value.value === '') return;
    const at = rangeOf(doc, value.start, value.end);
    const full = parseReference(value.value);
    if (!full) err(`${inlineCode(value.value)} is not a valid image name.`, at);
    else if (full.tag || full.digest) err(`The alias ${inlineCode(value.value)} must not carry a tag or digest.`, at);
    else if (!full.domain || !(/[.:]/.test(full.domain) || full.domain === 'localhost')) err(`The alias ${inlineCode(value.value)} must name a registry and a repository (\`registry.example.com/name\`).`, at);
  }
}
