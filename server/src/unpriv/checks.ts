/**
 * Checks between an unprivileged container's config and the host files around it (the
 * `unpriv/` rule family). They take the container's NICs and idmaps in a neutral shape, so the
 * LXC, Proxmox and Incus languages share them; the host files come from hostfiles.ts (a
 * document the front door knows first, then the host outside Restricted Mode).
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { DocContext } from '../language';
import { inlineCode } from '../util/markdown';
import { parseUsernet, allowance } from '../usernet/parse';
import { parseSubIds, type SubIdEntry } from '../subid/parse';
import { accounts, hostFile, type HostText } from './hostfiles';
import { hostIdIndex } from './containers';
import { intersection, intersects, ownedRanges, shadowAllows, span, type SubRange } from './text';

export interface PlacedMap {
  type: 'u' | 'g';
  nsid: bigint;
  hostid: bigint;
  count: bigint;
  /** Where a finding about this map is shown. */
  range: Range;
}

export interface Nic {
  type: string;
  link: string | undefined;
  range: Range;
}

export const USERNET_PATH = '/etc/lxc/lxc-usernet';

/** The host's lxc-usernet, or `missing` when the host has none (and may be asked). */
export function usernetSource(ctx: DocContext): HostText | 'missing' | undefined {
  const f = hostFile(ctx, 'lxc-usernet', 'lxc-usernet', USERNET_PATH);
  if (f) return f;
  return !ctx.config.restricted && ctx.host.stat(USERNET_PATH) === undefined ? 'missing' : undefined;
}

/** Where to add a line at the end of a text: its last position, and whether a line break comes first. */
export function endOf(text: string): { line: number; character: number; newline: boolean } {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1];
  return { line: lines.length - 1, character: last.length, newline: last.length > 0 };
}

/** veth NICs of an unprivileged user's container against that user's lxc-usernet allowance. */
export function checkUsernet(nics: Nic[], user: string, ctx: DocContext): Finding[] {
  const veth = nics.filter((n) => n.type === 'veth' && n.link);
  if (veth.length === 0) return [];
  const src = usernetSource(ctx);
  if (!src) return [];
  const doc = parseUsernet(src === 'missing' ? '' : src.text);
  const groups = accounts(ctx).groups.get(user) ?? new Set<string>();
  const byBridge = new Map<string, Nic[]>();
  for (const n of veth) byBridge.set(n.link!, [...(byBridge.get(n.link!) ?? []), n]);
  const out: Finding[] = [];
  for (const [bridge, list] of byBridge) {
    const { total, lines } = allowance(doc, user, groups, 'veth', bridge);
    if (total >= list.length) continue;
    const where = src === 'missing' ? `${USERNET_PATH} does not exist` : `${src.path ?? src.uri} ${lines.length ? `allows ${total} (line${lines.length > 1 ? 's' : ''} ${lines.map((l) => l.line + 1).join(', ')})` : `has no \`${user} veth ${bridge} N\` line`}`;
    const end = src === 'missing' ? undefined : endOf(src.text);
    // The line that brings the sum of the matching lines to the number of interfaces.
    const add = list.length - total;
    for (const n of total <= 0 ? list : list.slice(total)) {
      out.push({
        code: total <= 0 ? 'unpriv/usernet-missing' : 'unpriv/usernet-count',
        message: `${inlineCode(user)} runs this container unprivileged, so lxc-user-nic creates its veth interfaces on ${inlineCode(bridge)} only within the user's allowance, and ${where}. The container will fail to start: add \`${user} veth ${bridge} ${add}\` to ${USERNET_PATH}.`,
        range: n.range,
        data: {
          user, bridge, count: add, file: src === 'missing' ? null : src.uri,
          endLine: end?.line ?? 0, endCharacter: end?.character ?? 0, newline: end?.newline ?? false,
        },
      });
    }
  }
  return out;
}

/** Subordinate ID entries of the host for one map type. */
export function subIds(ctx: DocContext, type: 'u' | 'g'): { entries: SubIdEntry[]; src: HostText } | undefined {
  const name = type === 'u' ? 'subuid' : 'subgid';
  const src = hostFile(ctx, 'subid', name, `/etc/${name}`);
  if (!src) return undefined;
  // Parsed once per text (every container of a host check asks), and answered with the same object.
  const parsed = ctx.shared('unpriv/subids', () => ({ u: new Map<string, { entries: SubIdEntry[]; src: HostText }>(), g: new Map<string, { entries: SubIdEntry[]; src: HostText }>() }))[type];
  const hit = parsed.get(src.uri);
  if (hit && hit.src.text === src.text && hit.src.fromDocument === src.fromDocument) return hit;
  const answer = { entries: parseSubIds(src.text, type === 'u' ? 'uid' : 'gid').entries, src };
  parsed.set(src.uri, answer);
  return answer;
}

/** The subuid and subgid entries once for a list of maps (read only for the types they use). */
function subIdsByType(ctx: DocContext, maps: PlacedMap[]): Record<'u' | 'g', ReturnType<typeof subIds>> {
  return {
    u: maps.some((m) => m.type === 'u') ? subIds(ctx, 'u') : undefined,
    g: maps.some((m) => m.type === 'g') ? subIds(ctx, 'g') : undefined,
  };
}

/** Root, as /etc/subuid and /etc/subgid name it (by name or by UID). */
const isRoot = (owner: string) => owner === 'root' || owner === '0';

/** One owner's subordinate ranges of each type, sorted for shadowAllows (computed once per check). */
function rangesOfOwner(ids: Record<'u' | 'g', ReturnType<typeof subIds>>, owns: (owner: string) => boolean): Record<'u' | 'g', SubRange[]> {
  return { u: ownedRanges(ids.u?.entries ?? [], owns), g: ownedRanges(ids.g?.entries ?? [], owns) };
}

/**
 * Maps of a user's container that lie outside that user's subordinate IDs, checked against
 * the subuid/subgid documents the front door knows (lxc/idmap-subid checks the host's own files
 * for configs under /home).
 */
export function checkUserSubIds(maps: PlacedMap[], user: string, ctx: DocContext, documentsOnly: boolean): Finding[] {
  const out: Finding[] = [];
  const ids = subIdsByType(ctx, maps);
  const a = accounts(ctx);
  const uid = a.uid.get(user);
  const owns = (o: string) => o === user || o === uid || (uid !== undefined && a.uid.get(o) === uid);
  const owned = rangesOfOwner(ids, owns);
  for (const m of maps) {
    const s = ids[m.type];
    if (!s || (documentsOnly && !s.src.fromDocument)) continue;
    if (shadowAllows(owned[m.type], m.hostid, m.count, m.type === 'u' ? uid : a.gid.get(user))) continue;
    const mine = s.entries.filter((e) => owns(e.owner));
    const offer = mine.map((e) => `${span(e.start, e.count)} (line ${e.line + 1})`).join(', ');
    out.push({
      code: 'unpriv/idmap-subid',
      message: `Host IDs ${span(m.hostid, m.count)} are not among the subordinate ${m.type === 'u' ? 'user' : 'group'} IDs of ${inlineCode(user)}: ${s.src.path ?? s.src.uri} ${offer ? `gives ${offer}` : 'has no line for this user'}. newuidmap/newgidmap refuse the map and the container does not start.`,
      range: m.range,
    });
  }
  return out;
}

/**
 * Maps of a root-run container that reuse IDs the host gave to another user in /etc/subuid
 * or /etc/subgid. Root needs no subordinate IDs for LXC (it writes the maps itself), but a user
 * who owns those IDs can map them into their own containers.
 */
export function checkRootSubIds(maps: PlacedMap[], ctx: DocContext): Finding[] {
  const out: Finding[] = [];
  const ids = subIdsByType(ctx, maps);
  const rootRanges = rangesOfOwner(ids, isRoot);
  for (const m of maps) {
    const s = ids[m.type];
    // A range root is given as well (Debian's `_lxd` shares root's) is root's to use: not reported.
    const rootOwns = (e: SubIdEntry) => {
      const [a, n] = intersection(e.start, e.count, m.hostid, m.count);
      return shadowAllows(rootRanges[m.type], a, n);
    };
    const hit = s?.entries.find((e) => !isRoot(e.owner) && intersects(e.start, e.count, m.hostid, m.count) && !rootOwns(e));
    if (!s || !hit) continue;
    const [a, n] = intersection(hit.start, hit.count, m.hostid, m.count);
    out.push({
      code: 'unpriv/idmap-foreign-subid',
      message: `Host IDs ${span(a, n)} of this root-run container are subordinate IDs of ${inlineCode(hit.owner)} (${s.src.path ?? s.src.uri} line ${hit.line + 1}): that user can map them into their own containers and so owns this container's files. Use a range no user is given.`,
      range: m.range,
      related: s.src.fromDocument ? [{ uri: s.src.uri, range: { start: { line: hit.line, character: 0 }, end: { line: hit.line, character: hit.countEnd } }, message: `the range of ${hit.owner}` }] : undefined,
    });
  }
  return out;
}

/** Maps whose host IDs another container of the host also uses. */
export function checkSharedIdmaps(maps: PlacedMap[], owner: string, ctx: DocContext): Finding[] {
  if (maps.length === 0) return [];
  const out: Finding[] = [];
  const index = hostIdIndex(ctx, [owner]);
  for (const m of maps) {
    const hits = index.overlapping(m.type, m.hostid, m.count, ctx.uri);
    if (hits.length === 0) continue;
    const { c, o } = hits[0];
    const [a, n] = intersection(o.hostid, o.count, m.hostid, m.count);
    const more = new Set(hits.map((h) => h.c.uri)).size - 1;
    out.push({
      code: 'unpriv/idmap-shared',
      message: `Host ${m.type === 'u' ? 'user' : 'group'} IDs ${span(a, n)} are also mapped by container ${inlineCode(c.name)}${more > 0 ? ` and ${more} more` : ''}. The two containers are not isolated from each other: root in one owns the files and can signal the processes of the other (a process that escapes one has the other's IDs). Give each container its own range.`,
      range: m.range,
      related: o.line >= 0 ? [{ uri: c.uri, range: { start: { line: o.line, character: 0 }, end: { line: o.line, character: 0 } }, message: `the map of ${c.name}` }] : undefined,
    });
  }
  return out;
}

/** newuidmap and newgidmap are installed on this host (liblxc then uses them, even for root). */
function shadowTools(ctx: DocContext): boolean {
  return !ctx.config.restricted && ctx.host.stat('/usr/bin/newuidmap') !== undefined && ctx.host.stat('/usr/bin/newgidmap') !== undefined;
}

/**
 * Maps of a root-run container against root's own subordinate IDs. When newuidmap and
 * newgidmap are installed, liblxc maps IDs through them even for root (so that shadow never
 * hands root's ranges to a user), and they refuse a range that /etc/subuid or /etc/subgid does
 * not give root; a map of host ID 0 is written directly instead (liblxc 5.0 and later). Checked
 * when the host has those tools, or when a subuid/subgid document is checked with the config
 * (a copied /etc, or a Proxmox host, which has them).
 */
export function checkRootOwnSubIds(maps: PlacedMap[], ctx: DocContext, platform = 'liblxc', incus = false): Finding[] {
  if (!incus && maps.some((m) => m.type === 'u' && m.hostid === 0n && m.count > 0n)) return [];
  // Incus reads root's ranges itself whenever the files exist.
  const tools = incus || shadowTools(ctx);
  const out: Finding[] = [];
  const ids = subIdsByType(ctx, maps);
  const rootRanges = rangesOfOwner(ids, isRoot);
  for (const m of maps) {
    if (m.count === 0n) continue;
    const s = ids[m.type];
    if (!s || (!tools && !s.src.fromDocument)) continue;
    // Incus reads the ranges itself, one whole range per map; newuidmap/newgidmap chain them.
    if (incus ? s.entries.some((e) => isRoot(e.owner) && m.hostid >= e.start && m.hostid + m.count <= e.start + e.count) : shadowAllows(rootRanges[m.type], m.hostid, m.count, '0')) continue;
    const file = m.type === 'u' ? 'subuid' : 'subgid';
    const text = `root:${m.hostid}:${m.count}`;
    const end = endOf(s.src.text);
    out.push({
      code: 'unpriv/idmap-root-subid',
      message: `Host ${m.type === 'u' ? 'user' : 'group'} ${m.count === 1n ? 'ID' : 'IDs'} ${span(m.hostid, m.count)} ${m.count === 1n ? 'is' : 'are'} not given to root in ${s.src.path ?? s.src.uri}. ${incus ? 'Incus only maps host IDs that root is given there' : `${platform} maps IDs through newuidmap/newgidmap, which refuse ranges root does not own`}, so the container does not start: add \`${text}\` to /etc/${file}.`,
      range: m.range,
      data: { file: s.src.uri, text, endLine: end.line, endCharacter: end.character, newline: end.newline },
    });
  }
  return out;
}
