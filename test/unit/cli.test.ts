/** The real CLI bundle: output formats, exit codes, stdin, settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from '../helpers/paths';

function run(args: string[], input?: string, cwd?: string) {
  const r = spawnSync('node', [CLI, ...args], { input, encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-cli-'));
const lxcDir = path.join(dir, 'var/lib/lxc/c1');
fs.mkdirSync(lxcDir, { recursive: true });
const bad = path.join(lxcDir, 'config');
fs.writeFileSync(bad, 'lxc.uts.name = c1\nlxc.utsname = c1\nlxc.cap.drop = SYS_TIME\n');
const good = path.join(dir, 'good.conf');
fs.writeFileSync(good, 'lxc.uts.name = ok\n');

test('text output is path:line:column: severity code message, exit 1 on errors', () => {
  const r = run(['check', '--lxc-version', '5.0', bad]);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], new RegExp(`^${bad.replace(/[/.]/g, '\\$&')}:2:1: error lxc/legacy-key `));
  assert.match(lines[1], /:3:16: error lxc\/capability-spelling /);
});

test('json output: one object per file with 0-based LSP ranges', () => {
  const r = run(['check', '--format', 'json', '--lxc-version', '5.0', '--language', 'lxc', bad, good]);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  assert.deepEqual(Object.keys(out[0]).sort(), ['diagnostics', 'file', 'language']);
  assert.deepEqual(out[0].diagnostics[0], {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } },
    severity: 'error',
    code: 'lxc/legacy-key',
    message: out[0].diagnostics[0].message,
  });
  assert.deepEqual(out[1], { file: good, language: 'lxc', diagnostics: [] });
});

test('exit 0 without errors; stdin with --language', () => {
  assert.equal(run(['check', '--language', 'lxc', good]).status, 0);
  const r = run(['check', '--language', 'lxc', '-'], 'lxc.bogus = 1\n');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^-:1:1: error lxc\/unknown-key /);
});

test('exit 2 for usage errors and unreadable files, other files still checked', () => {
  assert.equal(run(['check', '-'], '').status, 2);
  assert.equal(run(['check', '--format', 'xml', good]).status, 2);
  assert.equal(run(['check', '--lxc-version', '3.0', good]).status, 2);
  assert.equal(run([]).status, 2);
  const r = run(['check', '--language', 'lxc', path.join(dir, 'missing.conf'), bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read .*missing\.conf: does not exist/);
  assert.match(r.stdout, /lxc\/legacy-key/);
});

test('language detection follows the editor rules; unknown files are refused clearly', () => {
  assert.equal(run(['check', '--lxc-version', '5.0', bad]).status, 1);
  const other = path.join(dir, 'notes.txt');
  fs.writeFileSync(other, 'hello\n');
  const r = run(['check', other]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--language/);
});

test('--rule and .ctconf.json control severities', () => {
  const r = run(['check', '--language', 'lxc', '--rule', 'lxc/legacy-key=warning', '--rule', 'lxc/capability-spelling=off', bad]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /warning lxc\/legacy-key/);
  const proj = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-proj-'));
  fs.writeFileSync(path.join(proj, '.ctconf.json'), JSON.stringify({ lxc: { version: '7.0' }, rules: { 'lxc/legacy-key': 'off', 'lxc/capability-spelling': 'hint' } }));
  fs.copyFileSync(bad, path.join(proj, 'config'));
  const r2 = run(['check', '--language', 'lxc', 'config'], undefined, proj);
  assert.equal(r2.status, 0);
  assert.match(r2.stdout, /hint lxc\/capability-spelling/);
  assert.equal(run(['check', '--rule', 'nope=off', good]).status, 2);
});

test('--lxc-version changes the verdict', () => {
  const f = path.join(dir, 'v1.conf');
  fs.writeFileSync(f, 'lxc.cgroup.devices.allow = a\n');
  assert.equal(run(['check', '--language', 'lxc', '--lxc-version', '5.0', f]).status, 0);
  assert.equal(run(['check', '--language', 'lxc', '--lxc-version', '7.0', f]).status, 1);
});

test('a large report is written in full through a pipe before the CLI exits', () => {
  const text = 'lxc.uts.name\n'.repeat(50_000);
  const r = spawnSync('node', [CLI, 'check', '--language', 'lxc', '-'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 50_000);
  assert.match(lines[49_999], /^-:50000:1: error lxc\/malformed-line /);
  const json = spawnSync('node', [CLI, 'check', '--language', 'lxc', '--format', 'json', '-'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal((JSON.parse(json.stdout) as { diagnostics: unknown[] }[])[0].diagnostics.length, 50_000);
});

test('bin/ctconf (the package command) runs the CLI through a symlink and drops NODE_EXTRA_CA_CERTS', () => {
  // npm links the command into a bin directory: the launcher must find the bundle from there.
  const link = path.join(dir, 'ctconf');
  fs.symlinkSync(path.join(ROOT, 'bin/ctconf'), link);
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, NODE_EXTRA_CA_CERTS: path.join(dir, 'no-such-bundle.pem') };
  const r = spawnSync(link, ['check', '--lxc-version', '5.0', bad], { encoding: 'utf8', env });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /error lxc\/legacy-key/);
  // Node warns about a bundle it cannot load only when the variable reaches it.
  assert.doesNotMatch(r.stderr, /extra certs/);
  assert.match(spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env }).stderr, /extra certs/, 'the check above would see the variable');
});
