/**
 * Hostile inputs to the CLI itself (issue 13): its own inputs that are not regular files, huge
 * settings, control characters in file names and contents, and outputs that cannot be written.
 * Every run has a time guard (spawnSync timeout) and a heap guard (--max-old-space-size), so
 * a regression fails instead of taking the machine down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../helpers/paths';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-hostile-'));
const fifo = path.join(dir, 'fifo');
assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
const good = path.join(dir, 'good.conf');
fs.writeFileSync(good, 'lxc.uts.name = ok\n');

function guarded(args: string[], opts: SpawnSyncOptions = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', CLI, ...args], { encoding: 'utf8', timeout: 30_000, cwd: dir, ...opts });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), ms: Date.now() - t0 };
}

function oneLineExit2(r: ReturnType<typeof guarded>, pattern: RegExp): void {
  assert.equal(r.signal, null, 'finished before the guard');
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.ok(r.ms < 20_000, `${r.ms} ms`); // generous: a loaded 2-core machine; a hang hits the 30 s guard
}

test('a FIFO, /dev/zero or /dev/urandom argument: exit 2 with one line, at once', () => {
  oneLineExit2(guarded(['check', '--language', 'lxc', fifo]), /cannot read .*fifo: is a FIFO, not a regular file/);
  oneLineExit2(guarded(['check', '--language', 'lxc', '/dev/zero']), /cannot read \/dev\/zero: is a character device/);
  oneLineExit2(guarded(['check', '--language', 'lxc', '/dev/urandom']), /is a character device/);
});

test('--config FIFO and --config /dev/zero: exit 2 with one line', () => {
  oneLineExit2(guarded(['check', '--config', fifo, good]), /cannot read settings file .*fifo: is a FIFO/);
  oneLineExit2(guarded(['check', '--config', '/dev/zero', good]), /cannot read settings file \/dev\/zero: is a character device/);
});

test('- < /dev/zero: exit 2 with one line, bounded memory', () => {
  const zero = fs.openSync('/dev/zero', 'r');
  try {
    oneLineExit2(guarded(['check', '--language', 'lxc', '-'], { stdio: [zero, 'pipe', 'pipe'] }), /cannot read -: is a character device/);
  } finally {
    fs.closeSync(zero);
  }
});

test('.ctconf.json symlinked to /dev/zero or to a FIFO: exit 2 with one line', () => {
  for (const target of ['/dev/zero', fifo]) {
    const proj = fs.mkdtempSync(path.join(dir, 'proj-'));
    fs.symlinkSync(target, path.join(proj, '.ctconf.json'));
    fs.copyFileSync(good, path.join(proj, 'c.conf'));
    oneLineExit2(guarded(['check', '--language', 'lxc', 'c.conf'], { cwd: proj }), /cannot read settings file .*\.ctconf\.json: is a/);
  }
});

test('100,000 invalid rules in .ctconf.json: a capped report, quickly', () => {
  const proj = fs.mkdtempSync(path.join(dir, 'rules-'));
  const rules: Record<string, string> = {};
  for (let i = 0; i < 100_000; i++) rules[`lxc/bogus-${i}`] = 'loud';
  fs.writeFileSync(path.join(proj, '.ctconf.json'), JSON.stringify({ rules }));
  fs.copyFileSync(good, path.join(proj, 'c.conf'));
  const r = guarded(['check', '--language', 'lxc', 'c.conf'], { cwd: proj });
  assert.equal(r.status, 2);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 21, 'twenty problems and a count of the rest');
  assert.match(lines[0], /\.ctconf\.json: ctconf\.rules\.lxc\/bogus-0: "loud" is not one of error/);
  assert.match(lines[20], /… and 99,980 more problems in the settings are not shown \(100,000 in all\)$/);
  assert.ok(r.ms < 20_000, `${r.ms} ms`); // measured 3.8 s at load average 16, when a plain run took 0.9 s
});

test('control characters in file names and contents cannot drive the terminal or forge lines', () => {
  const evil = path.join(dir, 'lxc', 'ev\u001b]8;;x\u0007il\nfake.conf:1:1: error forged\r.conf');
  fs.mkdirSync(path.dirname(evil), { recursive: true });
  fs.writeFileSync(evil, 'lxc.bo\u001b[2Jgus = 1\nlxc.uts.name = \u001b]0;title\u0007\n');
  const r = guarded(['check', '--lxc-version', '5.0', path.join(dir, 'lxc')]);
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no control character except newlines');
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.length >= 1);
  for (const l of lines) assert.ok(l.startsWith(`${dir}/lxc/ev\\x1b]8;;x\\x07il\\x0afake.conf:1:1: error forged\\x0d.conf:`), l);
  // JSON carries the same text escaped by construction.
  const json = guarded(['check', '--lxc-version', '5.0', '--format', 'json', path.join(dir, 'lxc')]);
  assert.equal((JSON.parse(json.stdout) as { file: string }[])[0].file, evil);
});

test('output that cannot be written: exit 2, no stack trace (2>/dev/full, >/dev/full)', () => {
  const full = fs.openSync('/dev/full', 'w');
  try {
    const noStderr = guarded(['check', path.join(dir, 'nonexistent')], { stdio: ['ignore', 'pipe', full] });
    assert.equal(noStderr.status, 2);
    assert.equal(noStderr.stdout, '');
    const noStdout = guarded(['check', '--language', 'lxc', '-'], { stdio: ['pipe', full, 'pipe'], input: 'lxc.bogus = 1\n' });
    oneLineExit2(noStdout, /^ctconf: cannot write the output: ENOSPC$/m);
    const neither = spawnSync(process.execPath, [CLI, 'check', '--language', 'lxc', '-'], { input: 'lxc.bogus = 1\n', stdio: ['pipe', full, full], timeout: 10_000 });
    assert.equal(neither.status, 2);
  } finally {
    fs.closeSync(full);
  }
});
