/**
 * Checks across lxc.idmap lines (liblxc checks none of this while loading; lxc-start then
 * fails or the container cannot use its files): u and g both mapped, root mapped, no
 * overlaps, and ranges inside the user's subordinate IDs from /etc/subuid and /etc/subgid.
 */
import type { Host } from '../host';
import { range, type Finding } from '../diagnostic';
import type { Range } from 'vscode-languageserver-types';
import { safeUlong } from './cnum';
import { splitTokens } from './tokens';
import { parseSubIds } from '../subid/parse';
import { ownedRanges, shadowAllows, type SubRange } from '../unpriv/text';

export interface Idmap {
  type: 'u' | 'g';
  nsid: bigint;
  hostid: bigint;
  count: bigint;
}

/**
 * An lxc.idmap line as validation records it. The exact (BigInt) numbers are parsed when
 * first asked for: checks across lines work on doubles (`idmapFast`), and a big config may
 * hold tens of thousands of maps.
 */
export class PlacedIdmap implements Idmap {
  private exact: Idmap | undefined;
  /** nsid, hostid and count as doubles when `idmapFast` read them (NaN otherwise). */
  readonly ns: number;
  readonly host: number;
  readonly n: number;

  constructor(
    readonly type: 'u' | 'g',
    /** The value as written (quotes removed). */
    readonly value: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly topLine: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    /** What idmapFast read, if it could. */
    fast?: FastIdmap,
  ) {
    this.ns = fast ? fast.ns : NaN;
    this.host = fast ? fast.host : NaN;
    this.n = fast ? fast.n : NaN;
  }

  private get map(): Idmap {
    this.exact ??= parseIdmap(this.value);
    if (!this.exact) throw new Error(`not an idmap: ${this.value}`);
    return this.exact;
  }

  get nsid(): bigint {
    return this.map.nsid;
  }

  get hostid(): bigint {
    return this.map.hostid;
  }

  get count(): bigint {
    return this.map.count;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Separators of idmap fields (liblxc splits on space, tab and \r, as parseIdmap does). */
const isIdmapSep = (c: number): boolean => c === 32 || c === 9 || c === 13;

/** An idmap of plain decimals, as doubles (exact: at most 15 digits). */
export interface FastIdmap {
  type: 'u' | 'g';
  ns: number;
  host: number;
  n: number;
}

/**
 * The usual idmap, read without splitting: four fields, the type `u` or `g`, and plain
 * decimals (at most 15 digits, no leading zero, or a lone 0). Undefined when the value needs
 * the exact parser (`parseIdmap`: octal, hex, signs, huge numbers, or not an idmap at all).
 * (It once wrote into a caller's Float64Array: a typed array per map was most of the memory
 * the idmaps of a 2,000-config host check took.)
 */
export function idmapFast(value: string): FastIdmap | undefined {
  let ns = 0;
  let host = 0;
  let count = 0;
  const n = value.length;
  let i = 0;
  let field = 0;
  let type = 0;
  while (i < n) {
    let c = value.charCodeAt(i);
    while (i < n && isIdmapSep(c)) c = value.charCodeAt(++i);
    if (i === n) break;
    if (field === 0) {
      if ((c !== 117 && c !== 103) || (i + 1 < n && !isIdmapSep(value.charCodeAt(i + 1)))) return undefined;
      type = c;
      i++;
    } else {
      if (field > 3) return undefined;
      const start = i;
      let v = 0;
      while (i < n && isDigit(c)) {
        v = v * 10 + (c - 48);
        c = value.charCodeAt(++i);
      }
      const len = i - start;
      if (len === 0 || len > 15 || (i < n && !isIdmapSep(c)) || (len > 1 && value.charCodeAt(start) === 48)) return undefined;
      if (field === 1) ns = v;
      else if (field === 2) host = v;
      else count = v;
    }
    field++;
  }
  return field === 4 ? { type: type === 117 ? 'u' : 'g', ns, host, n: count } : undefined;
}

/** An idmap value as liblxc reads it: the usual plain decimals directly (idmapFast), the rest by strtoul rules. */
export function parseIdmap(value: string): Idmap | undefined {
  // The usual map first: plain decimals, read without splitting (a host check reads thousands).
  const f = idmapFast(value);
  if (f) return { type: f.type, nsid: BigInt(f.ns), hostid: BigInt(f.host), count: BigInt(f.n) };
  return parseIdmapExact(value);
}

/** liblxc's rules for every map (strtoul for each number); parseIdmap reads the usual ones faster. */
export function parseIdmapExact(value: string): Idmap | undefined {
  const f = splitTokens(value, ' \t\r');
  if (f.length !== 4 || (f[0].text !== 'u' && f[0].text !== 'g')) return undefined;
  const [nsid, hostid, count] = [f[1], f[2], f[3]].map((t) => safeUlong(t.text));
  if (nsid === null || hostid === null || count === null) return undefined;
  return { type: f[0].text, nsid, hostid, count };
}

export interface SubId {
  owner: string;
  start: bigint;
  count: bigint;
  file: string;
  line: number;
}

/** Entries of /etc/subuid or /etc/subgid (`name:start:count`), read as shadow reads them. */
export function readSubIds(host: Host, file: string): SubId[] | undefined {
  const text = host.readFile(file);
  if (text === undefined) return undefined;
  return parseSubIds(text, file.endsWith('subgid') ? 'gid' : 'uid').entries
    .map((e) => ({ owner: e.owner, start: e.start, count: e.count, file, line: e.line }));
}

/** The user an unprivileged config belongs to, from its location under /home. */
export function configOwner(path: string | undefined): string | undefined {
  return path ? /^\/home\/([^/]+)\//.exec(path)?.[1] : undefined;
}

/** A user's UID and primary GID from /etc/passwd. */
function idsOf(host: Host, user: string): { uid?: string; gid?: string } {
  const passwd = host.readFile('/etc/passwd');
  const f = passwd?.split('\n').find((l) => l.startsWith(`${user}:`))?.split(':');
  return { uid: f?.[2], gid: f?.[3] };
}

/**
 * `allowed`: newuidmap/newgidmap accept the map (ranges that continue one another count as one,
 * and a user may always map their own UID or primary GID alone); `covering`: the range holding
 * its first host ID; `candidates`: the user's ranges.
 */
type Covering = { allowed: boolean; covering?: SubId; candidates: SubId[]; file: string } | undefined;

/**
 * A lookup of the subordinate ranges that allow the host side of a mapping: /etc/subuid,
 * /etc/subgid and /etc/passwd are each read once per lookup, however many maps it is asked about.
 */
export function subIdLookup(host: Host, user?: string): (m: Idmap) => Covering {
  const files = new Map<string, { candidates: SubId[]; owned: SubRange[] } | undefined>();
  let ids: { uid?: string; gid?: string } | undefined;
  return (m) => {
    const file = m.type === 'u' ? '/etc/subuid' : '/etc/subgid';
    if (user && !ids) ids = idsOf(host, user);
    if (!files.has(file)) {
      const all = readSubIds(host, file);
      const candidates = all?.filter((s) => !user || s.owner === user || s.owner === ids?.uid);
      files.set(file, candidates && { candidates, owned: ownedRanges(candidates, () => true) });
    }
    const mine = files.get(file);
    if (!mine) return undefined;
    const { candidates, owned } = mine;
    const covering = candidates.find((s) => m.hostid >= s.start && m.hostid < s.start + s.count);
    const own = user ? (m.type === 'u' ? ids?.uid : ids?.gid) : undefined;
    return { allowed: shadowAllows(owned, m.hostid, m.count, own), covering, candidates, file };
  };
}

/** The subordinate range that covers the host side of one mapping, if any. */
export function coveringSubId(host: Host, m: Idmap, user?: string): Covering {
  return subIdLookup(host, user)(m);
}

const span = (a: bigint, n: bigint) => (n === 0n ? `${a}` : `${a}-${a + n - 1n}`);

const SLOTS = 2 ** 20;

/**
 * Calls `found(reach, b)` for each map `b` that starts inside an earlier-starting map along
 * `side` (`reach`: the one reaching furthest so far); equal starts keep LXC's order. IDs are
 * 32-bit in practice, so the usual case works on doubles (exact below 2^53) and sorts packed
 * (value, position) keys in a Float64Array natively — a config may hold tens of thousands of
 * maps; larger values take exact BigInt arithmetic and a stable sort.
 */
function overlaps(list: PlacedIdmap[], side: 'nsid' | 'hostid', found: (reach: PlacedIdmap, b: PlacedIdmap) => void): void {
  const n = list.length;
  const start = new Float64Array(n);
  const count = new Float64Array(n);
  let small = n < SLOTS;
  for (let i = 0; small && i < n; i++) {
    const m = list[i];
    // NaN (not read by idmapFast) fails these comparisons too.
    small = m.ns < 2 ** 32 && m.host < 2 ** 32 && m.n < 2 ** 32;
    start[i] = side === 'nsid' ? m.ns : m.host;
    count[i] = m.n;
  }
  if (small) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = start[i] * SLOTS + i;
    keys.sort();
    let reach = -1;
    let reachEnd = 0;
    for (let k = 0; k < n; k++) {
      const i = keys[k] % SLOTS;
      if (count[i] === 0) continue;
      if (reach >= 0 && start[i] < reachEnd) found(list[reach], list[i]);
      if (reach < 0 || start[i] + count[i] > reachEnd) {
        reach = i;
        reachEnd = start[i] + count[i];
      }
    }
    return;
  }
  const sorted = [...list].sort((a, b) => (a[side] < b[side] ? -1 : a[side] > b[side] ? 1 : 0));
  let reach: PlacedIdmap | undefined;
  for (const b of sorted) {
    if (b.count === 0n) continue;
    if (reach && b[side] < reach[side] + reach.count) found(reach, b);
    if (!reach || b[side] + b.count > reach[side] + reach.count) reach = b;
  }
}

export function checkIdmapSet(maps: PlacedIdmap[], out: Finding[], o: { host: Host; documentPath?: string }, includeRange: (topLine: number) => Range): void {
  if (maps.length === 0) return;
  const where = (m: PlacedIdmap): Range => (m.file ? includeRange(m.topLine) : range(m.line, m.valueStart, m.valueEnd));
  const us = maps.filter((m) => m.type === 'u');
  const gs = maps.filter((m) => m.type === 'g');
  if (us.length === 0 || gs.length === 0) {
    const have = us.length ? 'user' : 'group';
    const missing = us.length ? 'g' : 'u';
    out.push({
      code: 'lxc/idmap-incomplete',
      message: `Only ${have} IDs are mapped. An unprivileged container needs both: add \`lxc.idmap = ${missing} 0 100000 65536\` (with your subordinate range).`,
      range: where(maps[0]),
    });
  }
  for (const [list, t, name] of [[us, 'u', 'user'], [gs, 'g', 'group']] as const) {
    if (list.length > 0 && !list.some((m) => (Number.isNaN(m.ns) ? m.nsid === 0n && m.count > 0n : m.ns === 0 && m.n > 0))) {
      out.push({
        code: 'lxc/idmap-root',
        message: `No \`${t}\` mapping covers ${name} ID 0 of the container, so its root ${name} is unmapped and the container cannot start its init as root. Map container ID 0, as in \`lxc.idmap = ${t} 0 100000 65536\`.`,
        range: where(list[0]),
      });
    }
    // Overlaps, found by sorting (a config may hold thousands of maps); one report per map.
    // Most configs have one map of each type, which cannot overlap anything.
    if (list.length < 2) continue;
    const reported = new Set<PlacedIdmap>();
    for (const side of ['nsid', 'hostid'] as const) {
      overlaps(list, side, (reach, b) => {
        const [first, later] = reach.line <= b.line && !reach.file ? [reach, b] : [b, reach];
        if (reported.has(later)) return;
        reported.add(later);
        const label = side === 'nsid' ? 'container IDs' : 'host IDs';
        out.push({
          code: 'lxc/idmap-overlap',
          message: `This ${name} mapping overlaps the one on line ${first.line + 1} (${label} ${span(later[side], later.count)} and ${span(first[side], first.count)}); the kernel refuses overlapping maps when the container starts.`,
          range: where(later),
        });
      });
    }
  }
  const user = configOwner(o.documentPath);
  if (!user) return;
  const lookup = subIdLookup(o.host, user);
  for (const m of maps) {
    if (m.file) continue;
    const c = lookup(m);
    if (!c || c.allowed) continue;
    const offer = c.candidates.map((s) => `${span(s.start, s.count)} (line ${s.line + 1})`).join(', ');
    out.push({
      code: 'lxc/idmap-subid',
      message: `Host IDs ${span(m.hostid, m.count)} are outside the subordinate ${m.type === 'u' ? 'user' : 'group'} IDs ${user} may use: ${c.file} ${offer ? `gives ${user} ${offer}` : `has no entry for ${user}`}. The container will fail to start.`,
      range: where(m),
    });
  }
}
