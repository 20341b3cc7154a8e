/**
 * Checks across lxc.idmap lines (liblxc checks none of this while loading; lxc-start then
 * fails or the container cannot use its files): u and g both mapped, root mapped, no
 * overlaps, and ranges inside the user's subordinate IDs from /etc/subuid and /etc/subgid.
 */
import type { Host } from '../host';
import { range, type Finding } from '../diagnostic';
import type { Range } from 'vscode-languageserver-types';
import { safeUlong } from './cnum';

export interface Idmap {
  type: 'u' | 'g';
  nsid: bigint;
  hostid: bigint;
  count: bigint;
}

export interface PlacedIdmap extends Idmap {
  file?: string;
  line: number;
  topLine: number;
  valueStart: number;
  valueEnd: number;
}

/** The last value parsed: validation checks a line's idmap, then records it (same string). */
let lastValue: string | undefined;
let lastMap: Idmap | undefined;

export function parseIdmap(value: string): Idmap | undefined {
  if (lastValue === value) return lastMap;
  lastMap = parseIdmapUncached(value);
  lastValue = value;
  return lastMap;
}

/** Separators of idmap fields (liblxc splits on space, tab and \r). */
const isIdmapSep = (c: number): boolean => c === 32 || c === 9 || c === 13;

/**
 * Four fields, found by hand rather than with splitTokens: this runs for every lxc.idmap
 * line, and a big config may hold tens of thousands.
 */
function parseIdmapUncached(value: string): Idmap | undefined {
  const n = value.length;
  const fields: string[] = [];
  let i = 0;
  while (i < n) {
    while (i < n && isIdmapSep(value.charCodeAt(i))) i++;
    if (i === n) break;
    const start = i;
    while (i < n && !isIdmapSep(value.charCodeAt(i))) i++;
    if (fields.length === 4) return undefined;
    fields.push(value.slice(start, i));
  }
  if (fields.length !== 4) return undefined;
  const type = fields[0];
  if (type !== 'u' && type !== 'g') return undefined;
  const nsid = safeUlong(fields[1]);
  if (nsid === null) return undefined;
  const hostid = safeUlong(fields[2]);
  if (hostid === null) return undefined;
  const count = safeUlong(fields[3]);
  if (count === null) return undefined;
  return { type, nsid, hostid, count };
}

export interface SubId {
  owner: string;
  start: bigint;
  count: bigint;
  file: string;
  line: number;
}

/** Entries of /etc/subuid or /etc/subgid (`name:start:count`). */
export function readSubIds(host: Host, file: string): SubId[] | undefined {
  const text = host.readFile(file);
  if (text === undefined) return undefined;
  const out: SubId[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^([^:#\s]+):(\d+):(\d+)\s*$/.exec(l);
    if (m) out.push({ owner: m[1], start: BigInt(m[2]), count: BigInt(m[3]), file, line: i });
  });
  return out;
}

/** The user an unprivileged config belongs to, from its location under /home. */
export function configOwner(path: string | undefined): string | undefined {
  return path ? /^\/home\/([^/]+)\//.exec(path)?.[1] : undefined;
}

function uidOf(host: Host, user: string): string | undefined {
  const passwd = host.readFile('/etc/passwd');
  const line = passwd?.split('\n').find((l) => l.startsWith(`${user}:`));
  return line?.split(':')[2];
}

/** The subordinate range that covers the host side of a mapping, if any. */
export function coveringSubId(host: Host, m: Idmap, user?: string): { covering?: SubId; candidates: SubId[]; file: string } | undefined {
  const file = m.type === 'u' ? '/etc/subuid' : '/etc/subgid';
  const all = readSubIds(host, file);
  if (!all) return undefined;
  const uid = user ? uidOf(host, user) : undefined;
  const candidates = user ? all.filter((s) => s.owner === user || s.owner === uid) : all;
  const end = m.hostid + m.count;
  const covering = candidates.find((s) => m.hostid >= s.start && end <= s.start + s.count);
  return { covering, candidates, file };
}

const span = (a: bigint, n: bigint) => (n === 0n ? `${a}` : `${a}-${a + n - 1n}`);

const SLOTS = 2 ** 20;
const U32 = 4294967296n;

/**
 * Calls `found(reach, b)` for each map `b` that starts inside an earlier-starting map along
 * `side` (`reach`: the one reaching furthest so far); equal starts keep LXC's order. IDs are
 * 32-bit in practice, so the usual case works on doubles (exact below 2^53) and sorts packed
 * (value, position) keys in a Float64Array natively — a config may hold tens of thousands of
 * maps; larger values take exact BigInt arithmetic and a stable sort.
 */
function overlaps(list: PlacedIdmap[], side: 'nsid' | 'hostid', found: (reach: PlacedIdmap, b: PlacedIdmap) => void): void {
  if (list.length < SLOTS && list.every((m) => m[side] < U32 && m.count < U32)) {
    const n = list.length;
    const start = new Float64Array(n);
    const count = new Float64Array(n);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      start[i] = Number(list[i][side]);
      count[i] = Number(list[i].count);
      keys[i] = start[i] * SLOTS + i;
    }
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
    if (list.length > 0 && !list.some((m) => m.nsid === 0n && m.count > 0n)) {
      out.push({
        code: 'lxc/idmap-root',
        message: `No \`${t}\` mapping covers ${name} ID 0 of the container, so its root ${name} is unmapped and the container cannot start its init as root. Map container ID 0, as in \`lxc.idmap = ${t} 0 100000 65536\`.`,
        range: where(list[0]),
      });
    }
    // Overlaps, found by sorting (a config may hold thousands of maps); one report per map.
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
  for (const m of maps) {
    if (m.file) continue;
    const c = coveringSubId(o.host, m, user);
    if (!c || c.covering) continue;
    const offer = c.candidates.map((s) => `${span(s.start, s.count)} (line ${s.line + 1})`).join(', ');
    out.push({
      code: 'lxc/idmap-subid',
      message: `Host IDs ${span(m.hostid, m.count)} are outside the subordinate ${m.type === 'u' ? 'user' : 'group'} IDs ${user} may use: ${c.file} ${offer ? `gives ${user} ${offer}` : `has no entry for ${user}`}. The container will fail to start.`,
      range: where(m),
    });
  }
}
