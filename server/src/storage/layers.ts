/**
 * The storage.conf files containers/storage reads, by target Podman, and what each key ends
 * up as.
 *
 * Up to Podman 5.8 (containers/storage ≤ 1.62, types/utils.go `DefaultConfigFile`) it reads ONE
 * file: `CONTAINERS_STORAGE_CONF` when set; else, rootless, the user's own
 * `$XDG_CONFIG_HOME/containers/storage.conf` (or `~/.config/…`) when it exists; else
 * /etc/containers/storage.conf when it exists, else /usr/share/containers/storage.conf.
 *
 * From Podman 6.0 (containers/storage 1.63, container-libs main: storage/pkg/configfile,
 * used by types.LoadStoreOptions since 2026-02) it reads one main file, the first that exists
 * of the user's, /etc's and /usr/share's, for root too; then the drop-ins: every regular
 * `*.conf` of `<dir>/storage.conf.d`, `<dir>/storage.rootful.conf.d` (root) or
 * `<dir>/storage.rootless.conf.d` and its `<UID>` subdirectory (rootless), for /usr/share and
 * /etc, then the user's `storage.conf.d`. A name in a later directory hides the same name in
 * an earlier one; the drop-ins are read in name order, each changing only the keys it sets
 * (arrays with `{append = true}` add to the value so far). `CONTAINERS_STORAGE_CONF` replaces
 * the main file and every drop-in; `CONTAINERS_STORAGE_CONF_OVERRIDE` is read last.
 */
import type { Host } from '../host';
import { parseToml, positionAt, type TomlValue } from '../containers/toml';
import { atLeast } from '../util/version';

/** The first Podman whose containers/storage reads drop-in directories. */
export const STORAGE_DROPINS_SINCE = '6.0';

export interface StorageLayer {
  path: string;
  /** Why containers/storage reads it, in a few words. */
  role: string;
}

export interface StorageValue {
  text: string;
  file: string;
  line: number;
}

export interface StorageLayers {
  files: StorageLayer[];
  values: Map<string, StorageValue>;
  uid: number;
}

const norm = (p: string) => p.replace(/\\/g, '/');

/** The user's containers configuration directory, as the library finds it. */
function userDir(host: Host): string | undefined {
  const xdg = host.env('XDG_CONFIG_HOME');
  if (xdg) return `${xdg.replace(/\/+$/, '')}/containers`;
  const home = host.env('HOME');
  return home ? `${home.replace(/\/+$/, '')}/.config/containers` : undefined;
}

/** The directories whose `*.conf` files are drop-ins, in reading order (Podman 6.0+). */
export function dropInDirs(uid: number, user: string | undefined): string[] {
  const out: string[] = [];
  for (const base of ['/usr/share/containers', '/etc/containers']) {
    out.push(`${base}/storage.conf.d`);
    if (uid === 0) out.push(`${base}/storage.rootful.conf.d`);
    else out.push(`${base}/storage.rootless.conf.d`, `${base}/storage.rootless.conf.d/${uid}`);
  }
  if (user) out.push(`${user}/storage.conf.d`);
  return out;
}

/** Whether a path is a storage.conf drop-in (of any directory the library knows). */
export function isStorageDropIn(path: string | undefined): boolean {
  return path !== undefined && /\/containers\/storage\.(?:conf|rootful\.conf|rootless\.conf)\.d\/(?:\d+\/)?[^/]+\.conf$/.test(norm(path));
}

/** The files containers/storage reads, in order; `self` (the open document) counts as existing. */
export function storageFiles(host: Host, podman: string, self?: string): StorageLayer[] {
  const uid = host.uid?.() ?? 0;
  const me = self ? norm(self) : undefined;
  const exists = (p: string) => p === me || host.stat(p)?.type === 'file';
  const user = userDir(host);
  const only = host.env('CONTAINERS_STORAGE_CONF');
  const dropIns = atLeast(podman, STORAGE_DROPINS_SINCE);
  const out: StorageLayer[] = [];
  if (only) out.push({ path: only, role: 'CONTAINERS_STORAGE_CONF (replaces the other files)' });
  else {
    const mains: [string | undefined, string][] = [
      [dropIns || uid !== 0 ? user && `${user}/storage.conf` : undefined, 'user file'],
      ['/etc/containers/storage.conf', 'system file'],
      ['/usr/share/containers/storage.conf', 'distribution defaults'],
    ];
    const main = mains.find(([p]) => p !== undefined && exists(p));
    if (main) out.push({ path: main[0]!, role: `${main[1]}, the one main file read` });
    if (dropIns) {
      const byName = new Map<string, string>();
      for (const dir of dropInDirs(uid, user)) {
        const names = new Set((host.readDir(dir) ?? []).filter((n) => n.endsWith('.conf')));
        if (me?.startsWith(`${dir}/`) && !me.slice(dir.length + 1).includes('/')) names.add(me.slice(dir.length + 1));
        for (const n of names) if (exists(`${dir}/${n}`)) byName.set(n, `${dir}/${n}`);
      }
      for (const n of [...byName.keys()].sort()) out.push({ path: byName.get(n)!, role: 'drop-in' });
    }
  }
  const override = host.env('CONTAINERS_STORAGE_CONF_OVERRIDE');
  if (override && dropIns) out.push({ path: override, role: 'CONTAINERS_STORAGE_CONF_OVERRIDE (read last)' });
  return out;
}

const appendFlag = (v: TomlValue): boolean => v.type === 'array' && v.items.some((i) => i.type === 'inline-table' && i.entries.some((kv) => kv.key.parts[0]?.name === 'append' && kv.value.type === 'boolean' && kv.value.value));

/** Merges the files; the open document's text replaces its copy on disk. */
export function mergeStorage(host: Host, podman: string, self: string | undefined, selfText: string): StorageLayers {
  const files = storageFiles(host, podman, self);
  const values = new Map<string, StorageValue>();
  for (const f of files) {
    const text = self && norm(self) === norm(f.path) ? selfText : host.readFile(f.path);
    if (text === undefined) continue;
    const doc = parseToml(text);
    if (doc.errors.length) continue;
    for (const e of doc.entries) {
      const v = e.kv.value;
      const name = e.path.join('.');
      const items = v.type === 'array' ? v.items.filter((i) => i.type !== 'inline-table').map((i) => doc.text.slice(i.start, i.end)) : [];
      const prev = values.get(name);
      const line = positionAt(doc, e.kv.start).line;
      if (v.type === 'array' && appendFlag(v) && prev?.text.startsWith('[')) {
        const before = prev.text === '[]' ? [] : prev.text.slice(1, -1).split(', ');
        values.set(name, { text: `[${[...before, ...items].join(', ')}]`, file: f.path, line });
      } else {
        const text = v.type === 'array' ? `[${items.join(', ')}]` : doc.text.slice(v.start, v.end).replace(/\s*\n\s*/g, ' ');
        values.set(name, { text, file: f.path, line });
      }
    }
  }
  return { files, values, uid: host.uid?.() ?? 0 };
}

/** The read-only "effective storage.conf" view, with each value's origin. */
export function storageLayersText(l: StorageLayers, podman: string, self?: string): string {
  const lines = [
    `# storage.conf as containers/storage of Podman ${podman} reads it for UID ${l.uid}, files in order (later ones win):`,
    ...l.files.map((f, i) => `#   ${i + 1}. ${f.path}  (${f.role})${self && norm(self) === norm(f.path) ? '  <- the open file' : ''}`),
  ];
  if (!l.files.length) lines.push('#   (none: the built-in defaults apply)');
  if (self && !l.files.some((f) => norm(f.path) === norm(self))) {
    lines.push(`# The open file is not among them${isStorageDropIn(self) && !atLeast(podman, STORAGE_DROPINS_SINCE) ? `: Podman ${podman} reads no drop-in directories (they came with Podman ${STORAGE_DROPINS_SINCE})` : ''}.`);
  }
  lines.push('# Generated by ctconf; not a file containers/storage reads.', '');
  const byTable = new Map<string, [string, StorageValue][]>();
  for (const [name, v] of [...l.values].sort(([a], [b]) => a.localeCompare(b))) {
    const dot = name.lastIndexOf('.');
    const table = dot === -1 ? '' : name.slice(0, dot);
    byTable.set(table, [...(byTable.get(table) ?? []), [name.slice(dot + 1), v]]);
  }
  for (const [table, entries] of byTable) {
    if (table) lines.push(`[${table}]`);
    for (const [key, v] of entries) lines.push(`# from ${v.file}:${v.line + 1}`, `${/^[\w-]+$/.test(key) ? key : JSON.stringify(key)} = ${v.text}`);
    lines.push('');
  }
  return lines.join('\n');
}
