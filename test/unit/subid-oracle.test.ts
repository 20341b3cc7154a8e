/**
 * /etc/subuid as shadow reads it, against shadow itself (Debian's uidmap package):
 * - getsubids lists the ranges libsubid reads for an owner: every generated line (numbers in
 *   every base, blanks, carriage returns, extra fields, empty fields, overlong lines) gets the
 *   same ranges from ctconf's parser;
 * - newuidmap and newgidmap accept or refuse a map as ctconf's shadowAllows says (ranges that
 *   continue one another, the caller's own UID/GID alone).
 * The host's /etc/subuid and /etc/subgid are never touched: each run binds a generated file over
 * them in a private mount namespace, which needs root (the CI machine is root: it installs
 * packages with apt-get).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { needs } from '../helpers/needs';
import { parseSubIds } from '../../server/src/subid/parse';
import { ownedRanges, shadowAllows } from '../../server/src/unpriv/text';

function missing(): string | undefined {
  if (process.getuid?.() !== 0) return 'binding a generated file over /etc/subuid needs root';
  for (const tool of ['getsubids', 'newuidmap', 'newgidmap', 'unshare']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (Debian package uidmap)`;
  }
  return undefined;
}
const skip = needs('shadow (getsubids, newuidmap)', missing());

/** Runs a shell script in a private mount namespace with `file` bound over /etc/subuid and /etc/subgid. */
function withSubIds(text: string, script: string, args: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-subid-'));
  try {
    const file = path.join(dir, 'subid');
    fs.writeFileSync(file, text);
    const body = `mount --bind "$1" /etc/subuid && mount --bind "$1" /etc/subgid || exit 90; shift; ${script}`;
    return execFileSync('unshare', ['-m', 'sh', '-c', body, 'sh', file, ...args], { encoding: 'utf8', timeout: 60_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const STARTS = ['100000', '0x186a0', '0X186A0', '0200000', '0', '00', '+7', '-1', ' 5', '\t5', '5 ', '1e5', '0x', '08', '4294967295', '18446744073709551615', '18446744073709551616', 'x', ''];
const COUNTS = ['65536', '65536 ', '65536\r', '65536:extra', '65536:', '65536::', '1:2:3', '0', '0x10', '010', '-0', ' 65536', '65,536', '65536#x', '', ':'];

function lines(): string[] {
  const out: string[] = [];
  let n = 0;
  const owner = () => `o${n++}`;
  for (const s of STARTS) out.push(`${owner()}:${s}:65536`);
  for (const c of COUNTS) out.push(`${owner()}:100000:${c}`);
  out.push(`${owner()}:100000`, `${owner()}`, `${owner()}::65536`, ` ${owner()}:1:2`, `${owner()}:1:2${' '.repeat(0)}`);
  // Around shadow's 1024-byte buffer: 1023 bytes with the count, then 1024.
  for (const len of [1022, 1023, 1024]) {
    const o = owner();
    const head = `${o}:1:`;
    out.push(head + '0'.repeat(len - head.length - 1) + '7');
  }
  return out;
}

test('subuid: getsubids reads the same ranges as ctconf from every generated line', { skip }, () => {
  const all = lines();
  const text = `${all.join('\n')}\n`;
  const owners = all.map((l) => l.trimStart().split(':')[0]).filter((o, i, a) => /^o\d+$/.test(o) && a.indexOf(o) === i);
  const script = 'for o in "$@"; do getsubids "$o" || true; done';
  const got = new Map<string, string[]>();
  for (const l of withSubIds(text, script, owners).split('\n')) {
    const m = /^\d+: (\S+) (\d+) (\d+)$/.exec(l);
    if (m) got.set(m[1], [...(got.get(m[1]) ?? []), `${m[2]}+${m[3]}`]);
  }
  const ours = new Map<string, string[]>();
  for (const e of parseSubIds(text, 'uid').entries) ours.set(e.owner, [...(ours.get(e.owner) ?? []), `${e.start}+${e.count}`]);
  const disagree = owners.flatMap((o) => {
    const a = (ours.get(o) ?? []).join(' ');
    const b = (got.get(o) ?? []).join(' ');
    return a === b ? [] : [`${JSON.stringify(all.find((l) => l.trimStart().startsWith(`${o}:`)) ?? o)}: ctconf [${a}], getsubids [${b}]`];
  });
  assert.deepEqual(disagree, []);
  assert.ok(got.size >= 15 && got.size < owners.length, `both outcomes: ${got.size} of ${owners.length} owners have ranges`);
  console.log(`getsubids oracle: ${owners.length} lines, ${got.size} read as ranges, ${disagree.length} disagreements`);
});

/** Files and maps for newuidmap/newgidmap, called by root for a process in a new user namespace. */
const MAP_CASES: Array<{ file: string; map: [bigint, bigint] }> = [
  { file: 'root:100000:65536', map: [100000n, 65536n] },
  { file: 'root:100000:65536', map: [100000n, 65537n] },
  { file: 'root:100000:65536', map: [99999n, 2n] },
  { file: 'root:100000:10\nroot:100010:10', map: [100000n, 20n] },
  { file: 'root:100000:10\nroot:100011:10', map: [100000n, 20n] },
  { file: 'root:100010:10\nroot:100000:10', map: [100000n, 20n] },
  { file: 'root:100000:10\nroot:100005:10\nroot:100015:5', map: [100000n, 20n] },
  { file: '0:100000:10\nroot:100010:10', map: [100000n, 20n] },
  { file: 'root:100000:10\nann:100010:10', map: [100000n, 20n] },
  { file: 'root:100000:0', map: [100000n, 1n] },
  { file: 'root:100000:65536:extra', map: [100000n, 65536n] },
  { file: 'root:100000:65536 ', map: [100000n, 1n] },
  { file: 'ann:100000:65536', map: [0n, 1n] },
  { file: 'ann:100000:65536', map: [0n, 2n] },
];

test('subuid/subgid: newuidmap and newgidmap accept exactly the maps shadowAllows accepts', { skip }, () => {
  const script = [
    'unshare -U sleep 30 & pid=$!',
    'while [ "$(readlink /proc/$pid/ns/user 2>/dev/null)" = "$(readlink /proc/self/ns/user)" ]; do :; done',
    '"$1" $pid 0 "$2" "$3" 2>/dev/null; echo "rc=$?"; kill $pid',
  ].join('\n');
  const disagree: string[] = [];
  let accepted = 0;
  for (const c of MAP_CASES) {
    for (const tool of ['newuidmap', 'newgidmap']) {
      const out = withSubIds(`${c.file}\n`, script, [tool, `${c.map[0]}`, `${c.map[1]}`]);
      const theirs = /rc=0/.test(out);
      const ours = shadowAllows(ownedRanges(parseSubIds(`${c.file}\n`, 'uid').entries, (o) => o === 'root' || o === '0'), c.map[0], c.map[1], '0');
      if (theirs) accepted++;
      if (theirs !== ours) disagree.push(`${JSON.stringify(c.file)} ${tool} ${c.map.join(' ')}: ${tool} ${theirs ? 'accepts' : 'refuses'}, ctconf ${ours ? 'accepts' : 'refuses'}`);
    }
  }
  assert.deepEqual(disagree, []);
  assert.ok(accepted > 4 && accepted < MAP_CASES.length * 2, `both outcomes: ${accepted} accepted`);
  console.log(`newuidmap oracle: ${MAP_CASES.length * 2} maps, ${accepted} accepted, ${disagree.length} disagreements`);
});
