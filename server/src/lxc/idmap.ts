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
let lastParsed: { value: string; map: Idmap | undefined } | undefined;

export function parseIdmap(value: string): Idmap | undefined {
  if (lastParsed?.value === value) return lastParsed.map;
  const map = parseIdmapUncached(value);
  lastParsed = { value, map };
  return map;
}

function parseIdmapUncached(value: string): Idmap | undefined {
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

/**
 * Maps ordered by `side`; equal values keep the order LXC applies them in. IDs are 32-bit in
 * practice, so the usual case packs value and position into one float and sorts a
 * Float64Array natively (a config may hold tens of thousands of maps); larger values take
 * the exact BigInt comparison (a stable sort, so ties keep their order there too).
 */
function sortMaps(list: PlacedIdmap[], side: 'nsid' | 'hostid'): PlacedIdmap[] {
  const SLOTS = 2 ** 20;
  if (list.length < SLOTS && list.every((m) => m[side] < 4294967296n)) {
    const keys = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) keys[i] = Number(list[i][side]) * SLOTS + i;
    keys.sort();
    const out = new Array<PlacedIdmap>(list.length);
    for (let i = 0; i < keys.length; i++) out[i] = list[keys[i] % SLOTS];
    return out;
  }
  return [...list].sort((a, b) => (a[side] < b[side] ? -1 : a[side] > b[side] ? 1 : 0));
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
      const sorted = sortMaps(list, side);
      let reach: PlacedIdmap | undefined;
      for (const b of sorted) {
        if (b.count === 0n) continue;
        if (reach && b[side] < reach[side] + reach.count) {
          const [first, later] = reach.line <= b.line && !reach.file ? [reach, b] : [b, reach];
          if (!reported.has(later)) {
            reported.add(later);
            const label = side === 'nsid' ? 'container IDs' : 'host IDs';
            out.push({
              code: 'lxc/idmap-overlap',
              message: `This ${name} mapping overlaps the one on line ${first.line + 1} (${label} ${span(later[side], later.count)} and ${span(first[side], first.count)}); the kernel refuses overlapping maps when the container starts.`,
              range: where(later),
            });
          }
        }
        if (!reach || b[side] + b.count > reach[side] + reach.count) reach = b;
      }
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
