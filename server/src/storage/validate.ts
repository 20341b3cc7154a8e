/**
 * storage.conf validation, by target Podman version. containers/storage refuses the file on a
 * TOML syntax or type error (podman exits 1); it warns about keys it did not decode and goes
 * on; podman fails later (exit 125) for a driver it does not have, and refuses a relative
 * graph root (its database would live at a relative path). Rootful Podman needs runroot and
 * graphroot from a system file; rootless users get defaults.
 */
import type { Finding } from '../diagnostic';
import type { TomlDocument, TomlKeyValue } from '../containers/toml';
import { atLeast } from '../util/version';
import { inlineCode } from '../util/markdown';
import { closest } from '../util/strings';
import { checkToml, live, rangeOf, type CheckCodes } from './check';
import { driverOptionFindings } from './driverOptions';
import type { KeySpec } from './schema';
import { DRIVERS, PATH_KEYS, STORAGE_SCHEMA } from './keys';
import { STORAGE_DROPINS_SINCE, isStorageDropIn } from './layers';

export const STORAGE_CODES: CheckCodes = {
  syntax: 'storage/toml-syntax',
  duplicate: 'storage/duplicate',
  unknownTable: 'storage/unknown-table',
  unknownKey: 'storage/unknown-key',
  wrongTable: 'storage/wrong-table',
  wrongType: 'storage/wrong-type',
  removed: 'storage/removed-key',
  tooNew: 'storage/key-too-new',
  invalidValue: 'storage/invalid-value',
  ignoredValue: 'storage/invalid-value',
};

export interface StorageValidateOptions {
  podmanVersion: string;
  /** Reads /etc/subuid and /etc/subgid for the `remap-user`/`remap-group` check; none in Restricted Mode. */
  readFile?: (path: string) => string | undefined;
  /** Whether a file exists on the host (undefined in Restricted Mode). */
  exists?: (path: string) => boolean;
  /** What a path is on the host (undefined in Restricted Mode). */
  typeOf?: (path: string) => 'file' | 'directory' | 'other' | undefined;
  /** The user's home directory when they are not root (rootless Podman reads their own file). */
  rootlessHome?: string;
  /** The file's path: a per-user file (~/.config/containers) need not set runroot/graphroot. */
  path?: string;
}

/**
 * Which file containers/storage reads instead of this one, if any: rootful Podman reads
 * /etc/containers/storage.conf when it exists and /usr/share/containers/storage.conf only
 * otherwise (storage reads one file, it does not merge them).
 */
export function storageFileNotRead(path: string | undefined, exists: (p: string) => boolean): string | undefined {
  if (path?.replace(/\\/g, '/') === '/usr/share/containers/storage.conf' && exists('/etc/containers/storage.conf')) return '/etc/containers/storage.conf';
  return undefined;
}

export function isUserStorageConf(path: string | undefined): boolean {
  return path !== undefined && /\/\.config\/containers\/storage\.conf$/.test(path.replace(/\\/g, '/'));
}

export function validateStorageConf(doc: TomlDocument, opts: StorageValidateOptions): Finding[] {
  const v = opts.podmanVersion;
  const set = new Set<string>();
  const extra: Finding[] = [];
  const used: { k: KeySpec; kv: TomlKeyValue }[] = [];
  const findings = checkToml(doc, { schema: STORAGE_SCHEMA, codes: STORAGE_CODES, podmanVersion: v, file: 'storage.conf' }, (e) => {
    if (e.resolved.kind !== 'key') return;
    const k = e.resolved.key;
    if (k.use && live(k, v) === 'ok') used.push({ k, kv: e.kv });
    const name = `${k.table}.${k.key}`;
    const value = e.kv.value;
    if (value.type !== 'string') return;
    if (value.value !== '') set.add(name);
    const at = rangeOf(doc, value.start, value.end);
    if (name === 'storage.driver') {
      if (value.value === '') {
        extra.push({ code: 'storage/empty-driver', message: 'An empty driver makes containers/storage complain on every command and pick a driver itself; name one (overlay or vfs).', range: at });
        return;
      }
      const d = DRIVERS.find((x) => x.name === value.value);
      if (!d || (d.removed && atLeast(v, d.removed))) {
        const s = closest(value.value.toLowerCase(), DRIVERS.filter((x) => !x.removed || !atLeast(v, x.removed)).map((x) => x.name));
        extra.push({ code: 'storage/unknown-driver', message: `${inlineCode(value.value)} is not a storage driver Podman ${v} has${d ? ` (removed in Podman ${d.removed})` : ''}; every podman command fails with "driver not supported".${s ? ` Did you mean \`${s}\`?` : ''}`, range: at, data: { suggestion: s ?? null } });
      } else if (d.name === 'overlay2') {
        extra.push({ code: 'storage/overlay2', message: '`overlay2` is an old name: containers/storage uses `overlay` and warns about it on every command.', range: at, data: { suggestion: 'overlay' } });
      } else if (d.removed) {
        extra.push({ code: 'storage/driver-unavailable', message: `Podman builds such as Debian's lack the ${d.name} driver and fail with "driver not supported"; it was removed altogether in Podman ${d.removed}. Use overlay.`, range: at });
      }
      return;
    }
    if ((name === 'storage.options.remap-user' || name === 'storage.options.remap-group') && value.value !== '' && opts.readFile) {
      const file = name.endsWith('user') ? '/etc/subuid' : '/etc/subgid';
      const text = opts.readFile(file);
      if (text !== undefined && !text.split('\n').some((l) => l.split(':')[0] === value.value)) {
        extra.push({ code: 'storage/remap-no-subids', message: `${file} on this host has no range for ${inlineCode(value.value)}: containers/storage refuses the file when it loads it.`, range: at });
      }
      return;
    }
    // A relative mount program is the driver's error (driverOptions.ts).
    if (PATH_KEYS.has(name) && k.use?.parse !== 'program' && value.value !== '' && !value.value.startsWith('/') && !value.value.startsWith('$')) {
      if (name === 'storage.graphroot') {
        extra.push({ code: 'storage/relative-graphroot', message: 'The graph root must be an absolute path: Podman refuses a relative one (its database would move with the working directory).', range: at });
      } else {
        extra.push({ code: 'storage/relative-path', message: `${inlineCode(value.value)} is relative: it is taken from whatever directory podman runs in. Write an absolute path.`, range: at });
      }
    }
  });
  // From Podman 6.0 the library has built-in roots, and a drop-in need not set them.
  if (!isUserStorageConf(opts.path) && !isStorageDropIn(opts.path) && !atLeast(v, STORAGE_DROPINS_SINCE) && doc.errors.length === 0) {
    const storageHeader = doc.headers.find((h) => h.key.parts.length === 1 && h.key.parts[0].name === 'storage');
    const at = storageHeader ? rangeOf(doc, storageHeader.key.start, storageHeader.key.end) : rangeOf(doc, 0, 0);
    for (const key of ['runroot', 'graphroot']) {
      if (!set.has(`storage.${key}`) && !doc.entries.some((e) => e.path.join('.') === `storage.${key}` && e.kv.value.type !== 'string')) {
        extra.push({ code: 'storage/missing-root', message: `\`${key}\` is not set: rootful Podman refuses to start ("${key} must be set"); only rootless users get a default. Set it, or keep this file in ~/.config/containers.`, range: at });
      }
    }
  }
  const other = opts.exists && storageFileNotRead(opts.path, opts.exists);
  if (isStorageDropIn(opts.path)) {
    if (!atLeast(v, STORAGE_DROPINS_SINCE)) extra.push({ code: 'storage/file-not-read', message: `Podman ${v} reads no storage.conf drop-in directories: containers/storage reads them from Podman ${STORAGE_DROPINS_SINCE} (containers/storage 1.63) on. Until then, put these settings in the storage.conf that is read.`, range: rangeOf(doc, 0, 0) });
  } else if (other) {
    extra.push({ code: 'storage/file-not-read', message: `${other} exists, so rootful Podman reads it instead of this file (containers/storage reads one file, it does not merge them); rootless users read ~/.config/containers/storage.conf when they have one.`, range: rangeOf(doc, 0, 0) });
  } else if (opts.exists && opts.rootlessHome && !isUserStorageConf(opts.path) && /^\/(etc|usr\/share)\/containers\/storage\.conf$/.test(opts.path ?? '')) {
    const own = `${opts.rootlessHome.replace(/\/$/, '')}/.config/containers/storage.conf`;
    if (opts.exists(own)) extra.push({ code: 'storage/file-not-read', message: `You run Podman rootless and have ${own}: containers/storage reads that file instead of this one for you (it does not merge them). Root still reads this one.`, range: rangeOf(doc, 0, 0) });
  }
  return [...findings, ...extra, ...driverOptionFindings(doc, used, { podmanVersion: v, typeOf: opts.typeOf })];
}
