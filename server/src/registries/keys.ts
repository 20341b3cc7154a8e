/**
 * registries.conf as containers/image reads it (pkg/sysregistriesv2: the v2 format with
 * `[[registry]]`, `[[registry.mirror]]` and `[aliases]`, and the old v1 tables
 * `[registries.search|insecure|block]`), one record per key, described in our own words.
 */
import type { KeySpec, Schema, TableSpec } from '../storage/schema';

export const SHORT_NAME_MODES: readonly { name: string; doc: string }[] = [
  { name: 'enforcing', doc: 'A short name that matches no alias makes Podman ask which search registry to use; without a terminal the pull fails. The safest mode.' },
  { name: 'permissive', doc: 'Like enforcing at a terminal; without one, Podman tries the search registries in order (as scripts expect).' },
  { name: 'disabled', doc: 'Never ask: try the search registries in order, the first that has the image wins (an attacker who registers the name on an earlier registry wins too).' },
];

export const PULL_FROM_MIRROR: readonly { name: string; doc: string }[] = [
  { name: 'all', doc: 'Use this mirror for pulls by tag and by digest (the default).' },
  { name: 'digest-only', doc: 'Use this mirror only for pulls by digest, which cannot get a different image than the registry would give.' },
  { name: 'tag-only', doc: 'Use this mirror only for pulls by tag.' },
];

const TABLES: TableSpec[] = [
  { name: '', doc: 'Global settings.' },
  { name: 'registry', array: true, doc: 'One registry or namespace: where images whose names start with `prefix` are pulled from, and how.' },
  { name: 'registry.mirror', array: true, doc: 'A mirror tried, in order, before the registry\'s own location.' },
  { name: 'aliases', map: 'string', doc: 'Short names and the fully qualified images they stand for (`"fedora" = "registry.fedoraproject.org/fedora"`), so that no search registry is asked.' },
  { name: 'registries', doc: 'The old (v1) format. It cannot be mixed with v2 keys in one file.' },
  { name: 'registries.search', doc: 'v1: the registries searched for short names, in order (v2: `unqualified-search-registries`).' },
  { name: 'registries.insecure', doc: 'v1: registries reached without TLS verification (v2: `insecure = true` in `[[registry]]`).' },
  { name: 'registries.block', doc: 'v1: registries nothing may be pulled from (v2: `blocked = true` in `[[registry]]`).' },
];

const KEYS: KeySpec[] = [
  { table: '', key: 'unqualified-search-registries', type: 'string[]', examples: ['docker.io', 'quay.io'], doc: 'Registries (host[:port], no path) tried in order for a short name such as `alpine` when no alias matches.' },
  { table: '', key: 'short-name-mode', type: 'string', values: [...SHORT_NAME_MODES.map((m) => m.name), ''], default: 'enforcing', doc: 'What to do when a short name matches no alias and several search registries could serve it.' },
  { table: '', key: 'credential-helpers', type: 'string[]', examples: ['containers-auth.json', 'pass', 'secretservice'], doc: 'Where credentials are looked up, in order: `containers-auth.json` (the auth files) or the name of a docker-credential helper program.' },
  { table: '', key: 'additional-layer-store-auth-helper', type: 'string', since: '5.2', doc: 'A helper that hands registry credentials to additional layer stores.' },
  { table: 'registry', key: 'prefix', type: 'string', examples: ['example.com/namespace', '*.example.com'], doc: 'Which image names this entry applies to: a host, a host/namespace, or `*.example.com` for every subdomain. The longest matching prefix wins. Defaults to `location`.' },
  { table: 'registry', key: 'location', type: 'string', examples: ['registry.example.com'], doc: 'Where matching images are really pulled from (host[:port][/namespace], no `https://`). The prefix part of the image name is replaced by it.' },
  { table: 'registry', key: 'insecure', type: 'bool', default: 'false', doc: 'Allow plain HTTP and skip TLS certificate checks for this registry. Anyone on the network path can then swap the images.' },
  { table: 'registry', key: 'blocked', type: 'bool', default: 'false', doc: 'Refuse every pull from images matching this prefix.' },
  { table: 'registry', key: 'mirror-by-digest-only', type: 'bool', default: 'false', doc: 'Use the mirrors only for pulls by digest; pulls by tag go to the registry itself.' },
  { table: 'registry', key: 'pull-from-mirror', type: 'string', doc: 'Only valid in `[[registry.mirror]]`: containers/image refuses it on the registry itself.' },
  { table: 'registry.mirror', key: 'location', type: 'string', examples: ['mirror.example.com'], doc: 'Where this mirror is (host[:port][/namespace], no `https://`).' },
  { table: 'registry.mirror', key: 'insecure', type: 'bool', default: 'false', doc: 'Allow plain HTTP and skip TLS certificate checks for this mirror.' },
  { table: 'registry.mirror', key: 'pull-from-mirror', type: 'string', values: [...PULL_FROM_MIRROR.map((m) => m.name), ''], default: 'all', doc: 'Which pulls may use this mirror: all, digest-only or tag-only. Not allowed together with `mirror-by-digest-only` on the registry.' },
  { table: 'registries.search', key: 'registries', type: 'string[]', doc: 'v1: registries searched for short names.' },
  { table: 'registries.insecure', key: 'registries', type: 'string[]', doc: 'v1: registries reached without TLS verification.' },
  { table: 'registries.block', key: 'registries', type: 'string[]', doc: 'v1: registries nothing may be pulled from.' },
];

export const REGISTRIES_SCHEMA: Schema = { tables: TABLES, keys: KEYS };

/** Keys that make a file v2 when non-empty (V2RegistriesConf.Nonempty). */
export const V2_KEYS = new Set(['unqualified-search-registries', 'credential-helpers', 'short-name-mode', 'additional-layer-store-auth-helper', 'registry', 'aliases']);
