/** The .vsix is built offline and holds only what the extension needs at run time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

test('vsce packages the extension without sources, tests or node_modules', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-vsix-')), 'ctconf.vsix');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
  assert.equal(list.status, 0, 'unzip lists the archive');
  const files = list.stdout.trim().split('\n');
  for (const need of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/syntaxes/lxc.tmLanguage.json', 'extension/language-configuration.json']) {
    assert.ok(files.includes(need), `${need} is packaged`);
  }
  const unwanted = files.filter((f) => /node_modules|\.ts$|\.map$|^extension\/(test|server\/src|client\/src|scripts|bench|\.cache)\//.test(f));
  assert.deepEqual(unwanted, []);
  console.log(`# .vsix: ${files.length} files, ${(fs.statSync(out).size / 1024).toFixed(0)} KB`);
});
