/**
 * The npm package works when installed: `npm pack` (whose prepack builds the production
 * bundles) in a copy of the sources, then `npm install -g` of the tarball into a temporary
 * prefix, offline (the package has no dependencies), then `ctconf check` on a fixture tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const SOURCES = ['package.json', '.npmignore', '.github', 'bin', 'scripts', 'server', 'client', 'README.md', 'RULES.md', 'LICENSE', 'CHANGELOG.md'];

test('npm pack ships only the bundles, the commands and the docs; the installed ctconf checks a directory tree', { timeout: 240_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-npm-'));
  const src = path.join(tmp, 'src');
  fs.mkdirSync(src);
  // A copy, so prepack's build does not rewrite dist/ under other tests running from ROOT.
  for (const f of SOURCES) fs.cpSync(path.join(ROOT, f), path.join(src, f), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(src, 'node_modules'));
  const env = { ...process.env, npm_config_cache: path.join(tmp, 'cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: src, encoding: 'utf8', env });
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['.github/ctconf-problem-matcher.json', 'LICENSE', 'README.md', 'RULES.md', 'bin/ctconf', 'bin/ctconf-language-server', 'dist/cli.js', 'dist/extension.js', 'dist/schemas/containers.conf.schema.json', 'dist/schemas/registries.conf.schema.json', 'dist/schemas/storage.conf.schema.json', 'dist/server.js', 'package.json']);
  const manifest = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8')) as { dependencies?: object };
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
  // prepack built production bundles: minified, no source map reference.
  assert.doesNotMatch(fs.readFileSync(path.join(src, 'dist/cli.js'), 'utf8').slice(-200), /sourceMappingURL/);

  const prefix = path.join(tmp, 'prefix');
  const inst = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, path.join(tmp, info.filename)], { cwd: tmp, encoding: 'utf8', env });
  assert.equal(inst.status, 0, inst.stderr);
  const ctconf = path.join(prefix, 'bin', 'ctconf');
  assert.ok(fs.existsSync(path.join(prefix, 'bin', 'ctconf-language-server')), 'the language server command is installed');
  const runEnv = { ...env, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` };
  const fixture = path.join(ROOT, 'test/fixtures/cli/host');
  const r = spawnSync(ctconf, ['check', '--lxc-version', '5.0', '--podman-version', '5.0', '.'], { cwd: fixture, encoding: 'utf8', env: runEnv });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.map((l) => l.split(' ').slice(0, 3).join(' ')), [
    'etc/containers/containers.conf:2:1: warning containers/unknown-key',
    'srv/ct/web02.cfg:2:1: error lxc/unknown-key',
    'var/lib/lxc/web01/config:1:1: error lxc/legacy-key',
  ]);
  assert.equal(spawnSync(ctconf, ['--version'], { encoding: 'utf8', env: runEnv }).stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  fs.rmSync(tmp, { recursive: true, force: true });
});
