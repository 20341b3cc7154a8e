import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { pathToUri, uriToPath } from '../../server/src/util/uri';
import { rng } from '../../bench/generate';

test('file URIs and paths convert as vscode-uri converts them, plain or not', () => {
  const next = rng(3);
  const chars = ['a', 'Z', '0', '/', '/', '.', '_', '-', '~', ' ', '%', '#', '?', ':', 'é', '\\', '[', '+', '@', '//'];
  let plain = 0;
  for (let i = 0; i < 5_000; i++) {
    const path = `/x${Array.from({ length: Math.floor(next() * 12) }, () => chars[Math.floor(next() * chars.length)]).join('')}`;
    const uri = URI.file(path).toString();
    assert.equal(pathToUri(path), uri, JSON.stringify(path));
    assert.equal(uriToPath(uri), URI.parse(uri).fsPath.replace(/\\/g, '/'), uri);
    if (uri === `file://${path}`) plain++;
  }
  assert.ok(plain > 500, `${plain} plain paths`);
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  // A path that starts with two slashes names a network share: never the plain conversion.
  assert.equal(pathToUri('//srv/share'), URI.file('//srv/share').toString());
  assert.equal(uriToPath('file://srv/share'), URI.parse('file://srv/share').fsPath);
  assert.equal(uriToPath('file:////srv/share'), undefined);
  assert.equal(uriToPath('file:///etc/lxc/default.conf'), '/etc/lxc/default.conf');
});
