/**
 * The registries.conf files containers/image reads, in order, and what each setting ends up
 * as: the main file (~/.config/containers/registries.conf when it exists, else
 * /etc/containers/registries.conf), then every `*.conf` of /etc/containers/registries.conf.d and
 * of ~/.config/containers/registries.conf.d in name order. A later file replaces
 * `unqualified-search-registries`, `credential-helpers` and `short-name-mode` when it sets
 * them, replaces a `[[registry]]` with the same prefix, and adds or replaces aliases one by one.
 */
import type { Host } from '../host';
import { parseToml, positionAt, type TomlDocument } from '../containers/toml';

export interface Setting {
  /** `short-name-mode`, `registry:example.com/foo`, `alias:fedora`. */
  name: string;
  text: string;
  file: string;
  line: number;
}

export interface Layers {
  files: string[];
  /** The winning value of each setting. */
  values: Map<string, Setting>;
}

const norm = (p: string) => p.replace(/\\/g, '/');

/** The files in reading order; `self` (path and text) replaces the on-disk copy of that file. */
export function registriesFiles(host: Host, self: string | undefined): string[] {
  const home = host.env('HOME');
  const user = home ? `${home.replace(/\/$/, '')}/.config/containers` : undefined;
  const exists = (p: string) => (p === self ? true : host.stat(p)?.type === 'file');
  const main = user && exists(`${user}/registries.conf`) ? `${user}/registries.conf` : '/etc/containers/registries.conf';
  const out = exists(main) ? [main] : [];
  for (const dir of ['/etc/containers/registries.conf.d', ...(user ? [`${user}/registries.conf.d`] : [])]) {
    const names = new Set((host.readDir(dir) ?? []).filter((n) => n.endsWith('.conf')));
    if (self && norm(self).startsWith(`${dir}/`) && !norm(self).slice(dir.length + 1).includes('/')) names.add(norm(self).slice(dir.length + 1));
    for (const n of [...names].sort()) if (exists(`${dir}/${n}`)) out.push(`${dir}/${n}`);
  }
  return out;
}

/** Top-level settings, registries by prefix and aliases of one file. */
export function settingsOf(doc: TomlDocument, file: string): Setting[] {
  const out: Setting[] = [];
  const line = (o: number) => positionAt(doc, o).line;
  let reg: { prefix?: string; location?: string; line: number } | undefined;
  const flush = () => {
    const key = reg?.prefix ?? reg?.location;
    if (reg && key) out.push({ name: `registry:${key.replace(/\/+$/, '')}`, text: `[[registry]] ${key}`, file, line: reg.line });
    reg = undefined;
  };
  let lastHeader: unknown;
  for (const e of doc.entries) {
    if (e.header !== lastHeader) {
      lastHeader = e.header;
      const h = e.header?.key.parts.map((p) => p.name).join('.');
      if (h === 'registry' && e.header?.array) {
        flush();
        reg = { line: line(e.header.start) };
      }
    }
    const v = e.kv.value;
    const text = doc.text.slice(v.start, v.end);
    if (e.path.length === 1 && ['unqualified-search-registries', 'credential-helpers', 'short-name-mode'].includes(e.path[0])) {
      if (!(e.path[0] === 'short-name-mode' && v.type === 'string' && v.value === '')) out.push({ name: e.path[0], text, file, line: line(e.kv.start) });
    } else if (e.path.length === 2 && e.path[0] === 'aliases') {
      out.push({ name: `alias:${e.path[1]}`, text, file, line: line(e.kv.start) });
    } else if (reg && e.path.length === 2 && e.path[0] === 'registry' && v.type === 'string') {
      if (e.path[1] === 'prefix') reg.prefix = v.value;
      if (e.path[1] === 'location') reg.location = v.value;
    }
  }
  flush();
  return out;
}

export function mergeRegistries(host: Host, self: string | undefined, selfText: string): Layers {
  const files = registriesFiles(host, self);
  const values = new Map<string, Setting>();
  for (const f of files) {
    const text = f === self ? selfText : host.readFile(f);
    if (text === undefined) continue;
    for (const s of settingsOf(parseToml(text), f)) values.set(s.name, s);
  }
  return { files, values };
}

/** A text view of the merged settings, with the file each comes from. */
export function layersText(l: Layers): string {
  const lines = ['# registries.conf as containers/image reads it, files in order:', ...l.files.map((f, i) => `#   ${i + 1}. ${f}`), ''];
  for (const s of [...l.values.values()].sort((a, b) => a.name.localeCompare(b.name))) lines.push(`${s.name} = ${s.text.replace(/\s+/g, ' ')}    # ${s.file}:${s.line + 1}`);
  return `${lines.join('\n')}\n`;
}
