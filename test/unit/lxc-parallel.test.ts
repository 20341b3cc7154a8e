/**
 * The parallel CLI check (helpers vouch for inert lines, the validator replays the rest)
 * must find exactly what a sequential check finds: in process on many split points, piece
 * sizes and failing helpers, and through the real CLI with real helper threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeLxc, type LivePiece, type LxcAssistPart, type LxcValidateOptions } from '../../server/src/lxc/validate';
import { findLivePieces } from '../../server/src/lxc/assist';
import { LxcHelpers, readShared } from '../../server/src/parallel';
import { memoryHost } from '../../server/src/host';
import { generateLxc, rng } from '../../bench/generate';
import { fuzzInputs } from '../fuzz/fuzzer';
import { CLI, CORPUS, ROOT } from '../helpers/paths';

const host = memoryHost(
  { '/etc/lxc/common.conf': 'lxc.cap.drop = sys_time mknod\nlxc.bogus = 1\n', '/etc/lxc/conf.d/a.conf': 'lxc.sysctl.x = 1\n', '/etc/lxc/conf.d/b.conf': 'lxc.sysctl.x = 2\n' },
  { env: { SET_VAR: '1' } },
);
const opts: LxcValidateOptions = { version: '5.0', host, findingsOnly: true };

/** Faults of every kind the validator tracks across lines (all ASCII, as the CLI requires). */
const FAULTS = [
  'lxc.include = /etc/lxc/common.conf', 'lxc.include = /etc/lxc/conf.d/', 'lxc.cap.drop = sys_time', 'lxc.cap.drop = SYS_NICE bogus', 'lxc.cap.keep = sys_admin',
  'lxc.cap.drop =', 'lxc.network.type = veth', 'lxc.net.0.ipv4.gateway = bogus', 'lxc.net.7.link = br0', 'lxc.net.0.type = macvlan', 'lxc.net.0.macvlan.mode = bridge',
  'lxc.net.3 =', 'lxc.idmap = u 5 100000 10', 'lxc.idmap = g 0 100000 65536', 'lxc.idmap =', 'lxc.cgroup2.memory.max = 1', 'lxc.cgroup2 =', 'lxc.x', 'LXC.uts.name = a',
  'lxc.mount.auto = proc:bogus', 'lxc.sysctl.net.bench.k3 = 9', 'lxc.environment = UNSET_VAR', 'lxc.environment = SET_VAR', 'lxc.mount.entry = a b',
  'lxc.environment = A=1 # comment', 'lxc.mount.entry = "/a b none bind 0 0"', 'lxc.prlimit.bogus = 1', 'lxc.prlimit.nofile = 1024', 'lxc.namespace.share.foo = x',
  'lxc.namespace.clone = net', 'lxc.namespace.keep = user', 'lxc.uts.name = again', 'lxc.rootfs.path =', 'lxc.apparmor.profile = unconfined', 'lxc.tty.max = x',
  'lxc.cgroup.devices.allow = a', 'lxc.time.offset.boot = 1x', 'lxc.log.level = 9', 'lxc.cgroup2.bench7.max = 3 # inline',
];

function withFaults(lines: number, seed: number): string {
  const r = rng(seed);
  const out = generateLxc(lines, seed).split('\n');
  for (let i = 0; i < 40; i++) out.splice(Math.floor(r() * out.length), 0, FAULTS[Math.floor(r() * FAULTS.length)]);
  return out.join('\n');
}

/** Parts at line starts near the given fractions, with the helper's pieces made in process. */
function parts(text: string, fractions: number[], pieceChars: number, failAfter: number[] = []): LxcAssistPart[] {
  const cuts: number[] = [];
  for (const f of fractions) {
    const nl = text.indexOf('\n', Math.floor(text.length * f));
    if (nl !== -1 && nl + 1 < text.length && (cuts.length === 0 || nl + 1 > cuts[cuts.length - 1])) cuts.push(nl + 1);
  }
  return cuts.map((from, i) => {
    const to = i + 1 < cuts.length ? cuts[i + 1] : text.length;
    const pieces: LivePiece[] = [];
    findLivePieces(text.slice(from, to), to === text.length, opts, pieceChars, (p) => pieces.push(p));
    let k = 0;
    const limit = failAfter[i] ?? Infinity;
    return { from, next: () => (k < limit && k < pieces.length ? pieces[k++] : undefined) };
  });
}

const bigintSafe = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Map ? [...v] : v);

function same(text: string, assist: LxcAssistPart[], label: string): void {
  const a = analyzeLxc(text, opts);
  const b = analyzeLxc(text, { ...opts, assist });
  assert.deepEqual(b.findings, a.findings, label);
  assert.equal(JSON.stringify(b.effective, bigintSafe), JSON.stringify(a.effective, bigintSafe), `${label}: effective configuration`);
}

test('helpers vouching for inert lines change nothing: generated configs with faults, many splits and piece sizes', () => {
  const r = rng(7);
  let findings = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const text = withFaults(3000, seed);
    findings += analyzeLxc(text, opts).findings.length;
    const k = 1 + Math.floor(r() * 3);
    const fractions = Array.from({ length: k }, (_, i) => (i + r()) / (k + 1)).sort((x, y) => x - y);
    same(text, parts(text, fractions, 1 + Math.floor(r() * 4000)), `seed ${seed}`);
  }
  assert.ok(findings > 12 * 20, `the faults are found (${findings})`);
});

test('a helper that fails or stalls part-way leaves the rest of its part to the validator', () => {
  const text = withFaults(4000, 99);
  same(text, parts(text, [0.2, 0.6], 2000, [0, 3]), 'failing after 0 and 3 pieces');
  same(text, parts(text, [0.5], 500, [1]), 'failing after 1 piece');
  same(text, parts(text, [0.01, 0.02, 0.99], 100), 'tiny parts');
});

test('helpers change nothing on fuzzed configs either', () => {
  let n = 0;
  for (const { language, input, r } of fuzzInputs(4242, CORPUS, ROOT)) {
    if (n >= 300) break;
    if (language !== 'lxc') continue;
    // The CLI only uses helpers on ASCII text without NUL bytes or \r.
    const text = input.replace(/[^\x01-\x0c\x0e-\x7f]/g, 'x');
    n++;
    same(text, parts(text, [r(), r()].sort((x, y) => x - y), 1 + Math.floor(r() * 300)), `fuzz input ${n}`);
  }
});

test('the real CLI with helper threads reports the same as without, on a file with faults', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-parallel-'));
  const file = path.join(dir, 'big.conf');
  fs.writeFileSync(file, withFaults(60_000, 5));
  const run = (env: Record<string, string>) =>
    spawnSync('node', [CLI, 'check', '--lxc-version', '5.0', '--language', 'lxc', '--format', 'json', file], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const alone = run({ CTCONF_HELPERS: '0' });
  const helped = run({ CTCONF_HELPERS: '2', CTCONF_PARALLEL_MIN_BYTES: '0', CTCONF_TRACE: '1' });
  assert.equal(alone.status, 1, alone.stderr);
  // The trace proves the helpers answered: two parts, all their pieces, none finished by the main thread.
  assert.match(helped.stderr, /: 2 helper parts, [1-9][0-9]* pieces, 0 finished by the main thread/);
  assert.equal(helped.status, alone.status);
  assert.equal(helped.stdout, alone.stdout);
  assert.ok(JSON.parse(alone.stdout)[0].diagnostics.length >= 30, `the faults are found (${JSON.parse(alone.stdout)[0].diagnostics.length})`);
  // CRLF line ends are not for helpers: the same verdicts, checked in one thread.
  fs.writeFileSync(file, withFaults(20_000, 6).replace(/\n/g, '\r\n'));
  const crlf = run({ CTCONF_HELPERS: '2', CTCONF_PARALLEL_MIN_BYTES: '0', CTCONF_TRACE: '1' });
  assert.match(crlf.stderr, /: 0 helper parts/);
  assert.equal(crlf.stdout, run({ CTCONF_HELPERS: '0' }).stdout);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a helper thread that fails to load, throws or hangs costs time, never results', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-helpers-'));
  const file = path.join(dir, 'c.conf');
  fs.writeFileSync(file, withFaults(20_000, 8));
  const broken = {
    'a script that does not load': 'this is not javascript',
    'a script that throws on the job': "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });",
    'a script that never answers': "require('node:worker_threads').parentPort.on('message', () => { for (;;); });",
  };
  for (const [label, code] of Object.entries(broken)) {
    const script = path.join(dir, `${label.replace(/ /g, '-')}.js`);
    fs.writeFileSync(script, code);
    const helpers = new LxcHelpers(1, script);
    try {
      const bytes = readShared(file);
      const assist = helpers.assign(bytes, { version: '5.0' });
      assert.ok(assist, label);
      const text = bytes.toString('latin1');
      const t0 = Date.now();
      const helped = analyzeLxc(text, { ...opts, assist });
      assert.ok(Date.now() - t0 < 10_000, `${label}: gave up in time (${Date.now() - t0} ms)`);
      assert.deepEqual(helped.findings, analyzeLxc(text, opts).findings, label);
      assert.equal(helpers.stats.unfinished, 1, `${label}: the main thread finished the part`);
    } finally {
      helpers.close();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
