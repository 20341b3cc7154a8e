/**
 * containers.conf is read in layers, each file changing only the keys it mentions. This
 * computes the files Podman reads (by version: ../shared/reference/containers-conf-facts.md
 * §6.1–6.2, Podman ≤ 5.8; modules given on the command line are not known here), merges
 * them with `{append = true}` semantics, and says which file sets each key last.
 */
import type { Host } from '../host';
import { parseToml, positionAt, type TomlDocument, type TomlValue } from './toml';
import { resolvePath } from './resolve';
import { versionAtLeast } from './keys';

export interface LayerFile {
  path: string;
  /** Why Podman reads it, in a few words. */
  role: string;
}

export interface EffectiveValue {
  /** TOML text of the effective value. */
  text: string;
  file: string;
  line: number;
  /** Index of the layer that set it last. */
  layer: number;
}

/** Whose files the view is computed for, and why (a user's own file opened by someone else). */
export interface Viewer {
  uid: number;
  /** The user's configuration directory (`~/.config`), when known. */
  configHome?: string;
  /** Why this user rather than the one editing, in a sentence; absent when it is the editing user. */
  reason?: string;
}

export interface LayeredView {
  files: LayerFile[];
  /** Index of the open document among the files, or -1. */
  self: number;
  values: Map<string, EffectiveValue>;
  viewer: Viewer;
  /** The open document's path, when it has one. */
  docPath?: string;
}

/** `~/.config/containers/containers.conf` and its drop-ins: a user's own files, and that user's config directory. */
export function userConfigHome(path: string, host: Host): string | undefined {
  const xdg = host.env('XDG_CONFIG_HOME');
  const m = /^(.*)\/containers\/containers\.conf(?:\.d\/[^/]+\.conf)?$/.exec(path);
  if (!m) return undefined;
  if (xdg && m[1] === xdg.replace(/\/+$/, '')) return m[1];
  return m[1].endsWith('/.config') ? m[1] : undefined;
}

/**
 * Whose layers to show for a document: a user's own file is read by Podman for that user
 * (its owner), not for whoever opened it (root editing /home/alice/.config/…).
 */
export function viewerFor(host: Host, docPath: string | undefined): Viewer {
  const current = host.uid?.() ?? 0;
  const configHome = docPath ? userConfigHome(docPath, host) : undefined;
  if (!docPath || !configHome) return { uid: current };
  const owner = host.fileOwner?.(docPath) ?? host.fileOwner?.(configHome);
  if (owner === undefined || owner === current) return { uid: current, configHome };
  return {
    uid: owner,
    configHome,
    reason: `${docPath} is a user file, read by Podman only for the user it belongs to (UID ${owner}), not for the one editing it (UID ${current}).`,
  };
}

function confD(host: Host, dir: string): string[] {
  return (host.readDir(dir) ?? []).filter((n) => n.endsWith('.conf')).sort().map((n) => `${dir}/${n}`).filter((p) => host.stat(p)?.type === 'file');
}

/** The files Podman reads, in order, for this host, user and Podman version. */
export function layerFiles(host: Host, podman: string, uid: number, configHome?: string): LayerFile[] {
  const out: LayerFile[] = [];
  const add = (path: string, role: string) => {
    if (host.stat(path)?.type === 'file') out.push({ path, role });
  };
  const override = host.env('CONTAINERS_CONF_OVERRIDE');
  const only = host.env('CONTAINERS_CONF');
  if (only) {
    out.push({ path: only, role: 'CONTAINERS_CONF (the only file read)' });
  } else {
    add('/usr/share/containers/containers.conf', 'distribution defaults');
    add('/etc/containers/containers.conf', 'system file');
    for (const f of confD(host, '/etc/containers/containers.conf.d')) out.push({ path: f, role: 'system drop-in' });
    const rootless = uid !== 0;
    if (rootless && versionAtLeast(podman, '5.7')) {
      add('/etc/containers/containers.rootless.conf', 'rootless system file');
      for (const f of confD(host, '/etc/containers/containers.rootless.conf.d')) out.push({ path: f, role: 'rootless drop-in' });
      for (const f of confD(host, `/etc/containers/containers.rootless.conf.d/${uid}`)) out.push({ path: f, role: `drop-in for UID ${uid}` });
    }
    if (rootless || versionAtLeast(podman, '5.0')) {
      const home = host.env('HOME');
      const xdg = configHome ?? host.env('XDG_CONFIG_HOME') ?? (home ? `${home}/.config` : undefined);
      if (xdg) {
        add(`${xdg}/containers/containers.conf`, 'user file');
        for (const f of confD(host, `${xdg}/containers/containers.conf.d`)) out.push({ path: f, role: 'user drop-in' });
      }
    }
  }
  if (override && versionAtLeast(podman, '4.5')) out.push({ path: override, role: 'CONTAINERS_CONF_OVERRIDE (read last)' });
  return out;
}

function appendFlag(v: TomlValue): boolean | undefined {
  if (v.type !== 'array') return undefined;
  for (const i of v.items) {
    if (i.type !== 'inline-table') continue;
    const a = i.entries.find((kv) => kv.key.parts[0]?.name === 'append');
    if (a && a.value.type === 'boolean') return a.value.value;
  }
  return undefined;
}

const stringItems = (doc: TomlDocument, v: TomlValue): string[] =>
  v.type === 'array' ? v.items.filter((i) => i.type === 'string').map((i) => doc.text.slice(i.start, i.end)) : [];

/**
 * Merges the layers. `docPath`/`docText` replace the file on disk with the editor's text.
 * Paths are canonical (`containers.default_capabilities`).
 */
export function mergeLayers(host: Host, podman: string, uid: number, docPath: string | undefined, docText: string | undefined, viewer: Viewer = { uid }): LayeredView {
  const files = layerFiles(host, podman, viewer.uid, viewer.configHome);
  const self = docPath ? files.findIndex((f) => f.path === docPath) : -1;
  const values = new Map<string, EffectiveValue>();
  const sticky = new Map<string, boolean>();
  files.forEach((f, layer) => {
    const text = layer === self && docText !== undefined ? docText : host.readFile(f.path);
    if (text === undefined) return;
    const doc = parseToml(text);
    for (const e of doc.entries) {
      const r = resolvePath(e.path);
      if (r.type !== 'key' && r.type !== 'map-entry') continue;
      const path = r.canonical.join('.');
      const v = e.kv.value;
      const line = positionAt(doc, e.kv.start).line;
      const flag = appendFlag(v);
      if (flag !== undefined) sticky.set(path, flag);
      const prev = values.get(path);
      if (v.type === 'array' && sticky.get(path) && prev && prev.text.startsWith('[')) {
        const merged = [...(prev.text === '[]' ? [] : prev.text.slice(1, -1).split(', ')), ...stringItems(doc, v)];
        values.set(path, { text: `[${merged.join(', ')}]`, file: f.path, line, layer });
      } else {
        const text = v.type === 'array' ? `[${stringItems(doc, v).join(', ')}]` : doc.text.slice(v.start, v.end).replace(/\s*\n\s*/g, ' ');
        values.set(path, { text, file: f.path, line, layer });
      }
    }
  });
  return { files, self, values, viewer, docPath };
}

/** Why the open file is not among the layers, for the view's user, in a sentence. */
export function notReadReason(view: LayeredView, podman: string): string | undefined {
  if (view.self >= 0 || !view.docPath) return undefined;
  const who = view.viewer.uid === 0 ? 'root (UID 0)' : `UID ${view.viewer.uid}`;
  if (view.viewer.configHome && view.viewer.uid === 0 && !versionAtLeast(podman, '5.0')) {
    return `Podman ${podman} reads user files (~/.config/containers) only for rootless users, so for ${who} this file has no effect.`;
  }
  if (view.files.some((f) => f.role.startsWith('CONTAINERS_CONF '))) return `CONTAINERS_CONF is set, so Podman reads only that file and not this one.`;
  return `Podman ${podman} does not read this file for ${who}.`;
}

/** A read-only merged view with origins, for the "Show effective containers.conf" command. */
export function layeredText(view: LayeredView, podman: string): string {
  const viewer = view.viewer.reason ? [`# Shown for UID ${view.viewer.uid}, the owner of the open file: ${view.viewer.reason}`] : [`# Shown for UID ${view.viewer.uid}.`];
  const notRead = notReadReason(view, podman);
  const out = [
    ...viewer,
    ...(notRead ? [`# The open file ${view.docPath} is not among these files: ${notRead}`] : []),
    `# Effective containers.conf for Podman ${podman}, merged from these files (later ones win):`,
    ...view.files.map((f, i) => `#   ${i + 1}. ${f.path}  (${f.role})${i === view.self ? '  <- the open file' : ''}`),
    '# Modules (podman --module) are not included. Generated by ctconf; not a file Podman reads.',
    '',
  ];
  const byTable = new Map<string, [string, EffectiveValue][]>();
  for (const [path, v] of [...view.values].sort(([a], [b]) => a.localeCompare(b))) {
    const dot = path.lastIndexOf('.');
    const table = path.slice(0, dot);
    byTable.set(table, [...(byTable.get(table) ?? []), [path.slice(dot + 1), v]]);
  }
  for (const [table, entries] of byTable) {
    out.push(`[${table}]`);
    for (const [key, v] of entries) {
      out.push(`# from ${v.file}:${v.line + 1}`);
      out.push(`${/^[\w-]+$/.test(key) ? key : JSON.stringify(key)} = ${v.text}`);
    }
    out.push('');
  }
  return out.join('\n');
}
