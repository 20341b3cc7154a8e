/**
 * The containers of one host and the host IDs their idmaps use: LXC and Proxmox configs among
 * the documents the front door knows, and (outside Restricted Mode) the configs in the usual
 * places on this machine, scanned with bounds (a few directories, at most MAX_SCANNED
 * containers each, files up to MAX_HOST_FILE).
 */
import type { DocContext, TextDoc } from '../language';
import { entriesWith, type LxcDocument } from '../lxc/parser';
import { parseIdmap } from '../lxc/idmap';
import { uriToPath, pathToUri } from '../util/uri';
import { languageOf, lxcConfigUser, readHost } from './hostfiles';
import { baseName } from './text';
import { proxmoxIdmaps } from '../proxmox/idmap';

export interface HostMap {
  type: 'u' | 'g';
  nsid: bigint;
  hostid: bigint;
  count: bigint;
  /** Line of the mapping in its file (-1: a default the platform applies). */
  line: number;
}

export interface ContainerMaps {
  /** How a person names the container (directory name, or "CT 101" for Proxmox). */
  name: string;
  uri: string;
  /** The user whose container it is (root for system containers). */
  owner: string;
  maps: HostMap[];
}

/** Most containers read from one host directory. */
export const MAX_SCANNED = 256;

/** The idmaps of an LXC config's own lines (includes are not followed), from its text or its parse. */
export function lxcIdmaps(text: string | LxcDocument): HostMap[] {
  const out: HostMap[] = [];
  for (const e of typeof text === 'string' ? entriesWith(text, 'lxc.idmap') : text.entries) {
    if (e.unseen) continue;
    if (e.key !== 'lxc.idmap') continue;
    const m = parseIdmap(e.value);
    if (m) out.push({ type: m.type, nsid: m.nsid, hostid: m.hostid, count: m.count, line: e.line });
  }
  return out;
}

/** The name of a container from its config path. */
export function containerName(path: string | undefined, uri: string): string {
  const p = path ?? uri;
  const pve = /\/lxc\/(\d+)\.conf$/.exec(p);
  if (pve) return `CT ${pve[1]}`;
  const dir = /\/([^/]+)\/config$/.exec(p);
  return dir ? dir[1] : baseName(p);
}

function fromText(ctx: DocContext, uri: string, path: string | undefined, lang: string | undefined, text: string, parsed?: LxcDocument): ContainerMaps | undefined {
  if (lang === 'proxmox-ct') {
    return { name: containerName(path, uri), uri, owner: 'root', maps: proxmoxIdmaps(text) };
  }
  if (lang === 'lxc') {
    const maps = lxcIdmaps(parsed ?? text);
    return maps.length ? { name: containerName(path, uri), uri, owner: lxcConfigUser(ctx, path) ?? 'root', maps } : undefined;
  }
  return undefined;
}

type ContainerCache = Map<string, { text: string; c: ContainerMaps | undefined }>;
const containerCache = (ctx: DocContext): ContainerCache => ctx.shared('unpriv/containers', () => new Map());

/**
 * The LXC config being checked, as its language parsed it: its idmaps are read from that
 * parse rather than from its text again (a million-line config with 68,000 maps: 120 ms).
 */
export function checkingLxcConfig(ctx: DocContext, doc: LxcDocument): void {
  const cache = containerCache(ctx);
  if (cache.get(ctx.uri)?.text === doc.text) return;
  cache.set(ctx.uri, { text: doc.text, c: fromText(ctx, ctx.uri, ctx.path, 'lxc', doc.text, doc) });
}

/** A cache of parsed containers by URI and text (the CLI checks every input against every other). */
function cached(ctx: DocContext, d: TextDoc): ContainerMaps | undefined {
  const cache = containerCache(ctx);
  const hit = cache.get(d.uri);
  if (hit && hit.text === d.text) return hit.c;
  const c = fromText(ctx, d.uri, uriToPath(d.uri), languageOf(d), d.text);
  cache.set(d.uri, { text: d.text, c });
  return c;
}

/** Containers in one host directory (`<dir>/<name>/config` or `<dir>/<id>.conf`), read once per service. */
function scanDir(ctx: DocContext, dir: string, layout: 'lxc' | 'proxmox'): ContainerMaps[] {
  return ctx.shared(`unpriv/scan:${dir}`, () => {
    const out: ContainerMaps[] = [];
    const names = ctx.config.restricted ? undefined : ctx.host.readDir(dir)?.sort();
    for (const n of (names ?? []).slice(0, MAX_SCANNED)) {
      const path = layout === 'lxc' ? `${dir}/${n}/config` : `${dir}/${n}`;
      if (layout === 'proxmox' && !/^\d+\.conf$/.test(n)) continue;
      const text = readHost(ctx, path);
      if (text === undefined) continue;
      const c = fromText(ctx, pathToUri(path), path, layout === 'lxc' ? 'lxc' : 'proxmox-ct', text);
      if (c) out.push(c);
    }
    return out;
  });
}

/**
 * Every container of the host with an idmap, except the document `self`: the documents the
 * front door knows first, then (outside Restricted Mode) /var/lib/lxc, /etc/pve/lxc and the
 * LXC directories of `users`.
 */
export function hostContainers(ctx: DocContext, users: Iterable<string> = []): ContainerMaps[] {
  return allContainers(ctx, users, ctx.others(), ctx.uri);
}

function allContainers(ctx: DocContext, users: Iterable<string>, docs: readonly TextDoc[], self?: string): ContainerMaps[] {
  const out: ContainerMaps[] = [];
  const seen = new Set<string>(self === undefined ? [] : [self]);
  for (const d of docs) {
    const c = cached(ctx, d);
    if (c && !seen.has(c.uri)) {
      seen.add(c.uri);
      out.push(c);
    }
  }
  const dirs: [string, 'lxc' | 'proxmox'][] = [['/var/lib/lxc', 'lxc'], ['/etc/pve/lxc', 'proxmox']];
  for (const u of users) if (/^[a-z_][a-z0-9_.-]*$/i.test(u) && u !== 'root') dirs.push([`/home/${u}/.local/share/lxc`, 'lxc']);
  for (const [dir, layout] of dirs) {
    for (const c of scanDir(ctx, dir, layout)) {
      if (seen.has(c.uri)) continue;
      seen.add(c.uri);
      out.push(c);
    }
  }
  return out;
}

/** One host range of one container's map, as plain numbers (IDs and counts stay below 2^33). */
interface Span {
  start: number;
  end: number;
  c: ContainerMaps;
  o: HostMap;
}

/**
 * The host ranges of every container the front door knows (and the host's own directories),
 * sorted by start, per map type, with the running maximum of their ends: a query walks back
 * from the last range that starts before the query's end and stops where no earlier range
 * reaches its start. Built once per set of documents (a host check of 2,000 containers asked
 * each container against every other: 3 s of BigInt comparisons; now one sort).
 */
export class HostIdIndex {
  private readonly spans: Record<'u' | 'g', { list: Span[]; maxEnd: Float64Array }>;

  constructor(containers: readonly ContainerMaps[]) {
    const by = { u: [] as Span[], g: [] as Span[] };
    for (const c of containers) {
      for (const o of c.maps) if (o.count > 0n) by[o.type].push({ start: Number(o.hostid), end: Number(o.hostid + o.count), c, o });
    }
    const index = (list: Span[]) => {
      list.sort((a, b) => a.start - b.start);
      const maxEnd = new Float64Array(list.length);
      let max = -Infinity;
      list.forEach((x, i) => (maxEnd[i] = max = Math.max(max, x.end)));
      return { list, maxEnd };
    };
    this.spans = { u: index(by.u), g: index(by.g) };
  }

  /** Maps of other containers (not `self`) that share host IDs with [hostid, hostid + count). */
  overlapping(type: 'u' | 'g', hostid: bigint, count: bigint, self: string): { c: ContainerMaps; o: HostMap }[] {
    const { list, maxEnd } = this.spans[type];
    const start = Number(hostid);
    const end = Number(hostid + count);
    if (count <= 0n) return [];
    // Last range that starts before `end`.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    const out: { c: ContainerMaps; o: HostMap }[] = [];
    for (let i = lo - 1; i >= 0 && maxEnd[i] > start; i--) {
      const x = list[i];
      if (x.end > start && x.c.uri !== self) out.push({ c: x.c, o: x.o });
    }
    return out.reverse();
  }
}

/** The index of the host's containers for this set of documents (rebuilt when the set changes). */
export function hostIdIndex(ctx: DocContext, users: readonly string[]): HostIdIndex {
  const docs = ctx.workspace();
  const byDocs = ctx.shared('unpriv/index', () => new WeakMap<readonly TextDoc[], Map<string, HostIdIndex>>());
  let byUsers = byDocs.get(docs);
  if (!byUsers) byDocs.set(docs, (byUsers = new Map()));
  const key = [...users].sort().join('\0');
  let index = byUsers.get(key);
  if (!index) byUsers.set(key, (index = new HostIdIndex(allContainers(ctx, users, docs))));
  return index;
}
