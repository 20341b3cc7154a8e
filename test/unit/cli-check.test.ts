/** `ctconf check` ergonomics: help, version, directories, --exclude, versions, --quiet, --max-warnings, terminals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from '../helpers/paths';
import { NEWEST_PODMAN } from '../../server/src/containers/keys';

const FIXTURE = path.join(ROOT, 'test/fixtures/cli/host');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, cwd: opts.cwd ?? FIXTURE, input: opts.input, env: opts.env ?? process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const located = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 3).join(' '));

test('--help, check --help, help check and --version answer on stdout with exit 0', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = run(args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: ctconf <command>/);
    assert.match(r.stdout, /check PATH\.\.\./);
  }
  for (const args of [['check', '--help'], ['check', '-h', 'x'], ['help', 'check']]) {
    const r = run(args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: ctconf check \[options\] PATH\.\.\./);
    for (const opt of ['--format', '--exclude', '--max-warnings', '--quiet', '--podman-version']) assert.ok(r.stdout.includes(opt), opt);
  }
  assert.deepEqual(run(['--version']), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
  assert.deepEqual(run(['check', '--version']), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
  const none = run([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no command given/);
  assert.equal(run(['frobnicate']).status, 2);
});

test('a directory is walked: files recognised by path or first line are checked, rootfs, other files and non-regular files are skipped', () => {
  const r = run(['check', '--lxc-version', '5.0', '--podman-version', '5.0', '.']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(located(r.stdout), [
    'etc/containers/containers.conf:2:1: warning containers/unknown-key',
    'srv/ct/web02.cfg:2:1: error lxc/unknown-key',
    'var/lib/lxc/web01/config:1:1: error lxc/legacy-key',
  ]);
  assert.equal(r.stderr, '', 'no summary when stdout is not a terminal');
  // From another directory, the paths are shown as given.
  const abs = run(['check', '--lxc-version', '5.0', FIXTURE], { cwd: os.tmpdir() });
  assert.match(abs.stdout, new RegExp(`^${FIXTURE.replace(/[/.]/g, '\\$&')}/etc/containers/containers\\.conf:2:1: `, 'm'));
});

test('directory walks survive symlink loops, FIFOs and sockets, and end', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-walk-'));
  const lxc = path.join(dir, 'lxc');
  fs.mkdirSync(lxc);
  fs.writeFileSync(path.join(lxc, 'a.conf'), 'lxc.bogus = 1\n');
  fs.symlinkSync('..', path.join(lxc, 'up'));
  fs.symlinkSync('.', path.join(lxc, 'self'));
  fs.symlinkSync('missing', path.join(lxc, 'dangling.conf'));
  assert.equal(spawnSync('mkfifo', [path.join(lxc, 'fifo.conf')]).status, 0);
  const t0 = Date.now();
  const r = run(['check', '--lxc-version', '5.0', dir]);
  assert.ok(Date.now() - t0 < 50_000, 'ends (generous bound for a loaded machine)');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(located(r.stdout), [`${lxc}/a.conf:1:1: error lxc/unknown-key`], 'each file once');
  // Depth is bounded: a tree 40 directories deep is walked to depth 32 and reported.
  let deep = path.join(dir, 'deep');
  for (let i = 0; i < 40; i++) deep = path.join(deep, 'd');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(deep, 'x.conf'), 'lxc.bogus = 1\n');
  const d = run(['check', '--lxc-version', '5.0', path.join(dir, 'deep')]);
  assert.equal(d.status, 2);
  assert.equal(d.stdout, '');
  assert.match(d.stderr, /deeper than 32 directories; not entered/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--exclude skips files and directories by relative path, absolute path or name', () => {
  const all = located(run(['check', '--lxc-version', '5.0', '.']).stdout);
  assert.equal(all.length, 3);
  assert.deepEqual(located(run(['check', '--lxc-version', '5.0', '--exclude', 'srv/**', '.']).stdout), all.filter((l) => !l.startsWith('srv/')));
  assert.deepEqual(located(run(['check', '--lxc-version', '5.0', '--exclude', '*.cfg', '--exclude', 'containers', '.']).stdout), all.filter((l) => l.startsWith('var/')));
  assert.deepEqual(located(run(['check', '--lxc-version', '5.0', '--exclude', `${FIXTURE}/var/**`, '.']).stdout), all.filter((l) => !l.startsWith('var/')));
});

test('--language forces the language; a named file nothing recognises is a usage problem, a walked one is skipped', () => {
  const named = run(['check', 'srv/ct/notes.txt']);
  assert.equal(named.status, 2);
  assert.match(named.stderr, /--language/);
  const forced = run(['check', '--language', 'lxc', 'srv/ct/notes.txt']);
  assert.equal(forced.status, 1);
  assert.match(forced.stdout, /^srv\/ct\/notes\.txt:1:1: warning lxc\/ignored-line /m);
});

test('unknown --podman-version and --lxc-version values are usage errors that list what is accepted', () => {
  for (const v of ['banana', '0.9', '9.0', '4', '4.3.1.2', '']) {
    const r = run(['check', '--podman-version', v, 'etc/containers/containers.conf']);
    assert.equal(r.status, 2, v);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes(`use auto or a release from 1.9 to ${NEWEST_PODMAN}`), r.stderr);
  }
  for (const v of ['auto', '4.3', '5.0.2', NEWEST_PODMAN]) assert.equal(run(['check', '--podman-version', v, 'etc/containers/containers.conf']).status, 0, v);
  const lxc = run(['check', '--lxc-version', '3.0', '.']);
  assert.equal(lxc.status, 2);
  assert.match(lxc.stderr, /--lxc-version: "3\.0" is not one of auto, 4\.0, 5\.0, 6\.0, 7\.0/);
  const proj = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-pv-'));
  fs.writeFileSync(path.join(proj, '.ctconf.json'), JSON.stringify({ podman: { version: 'banana' } }));
  fs.writeFileSync(path.join(proj, 'containers.conf'), '[engine]\n');
  const fromFile = run(['check', 'containers.conf'], { cwd: proj });
  assert.equal(fromFile.status, 2);
  assert.match(fromFile.stderr, /\.ctconf\.json: ctconf\.podman\.version: "banana" is not a Podman release/);
});

test('--quiet reports errors only; --max-warnings N fails the run past N warnings', () => {
  const q = run(['check', '--lxc-version', '5.0', '--quiet', '.']);
  assert.equal(q.status, 1);
  assert.deepEqual(located(q.stdout).map((l) => l.split(' ')[1]), ['error', 'error']);
  const conf = 'etc/containers/containers.conf';
  assert.equal(run(['check', conf]).status, 0);
  assert.equal(run(['check', '--max-warnings', '1', conf]).status, 0);
  const over = run(['check', '--max-warnings', '0', conf]);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
  assert.equal(run(['check', '--max-warnings', '-1', conf]).status, 2);
  assert.equal(run(['check', '--quiet', conf]).stdout, '');
});

/** Runs the CLI with stdout on a pseudo-terminal (util-linux script), stderr captured apart. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv) {
  const errFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-tty-')), 'stderr');
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `${cmd} 2>'${errFile}'`, '/dev/null'], { encoding: 'utf8', cwd: FIXTURE, env, timeout: 20_000 });
  return { status: r.status, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: fs.readFileSync(errFile, 'utf8') };
}
const hasScript = spawnSync('script', ['--version']).status === 0;

test('on a terminal: one summary line on stderr, coloured severities unless NO_COLOR', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  const env = { ...process.env };
  delete env.NO_COLOR;
  const r = onTerminal(['check', '--lxc-version', '5.0', '.'], env);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '3 files checked: 2 errors, 1 warning\n');
  assert.match(r.stdout, /\x1b\[1;31merror\x1b\[0m lxc\/legacy-key/);
  const plain = onTerminal(['check', '--lxc-version', '5.0', '.'], { ...env, NO_COLOR: '1' });
  assert.doesNotMatch(plain.stdout, /\x1b/);
  assert.match(plain.stdout, /: error lxc\/legacy-key/);
  assert.equal(plain.stderr, '3 files checked: 2 errors, 1 warning\n');
});
