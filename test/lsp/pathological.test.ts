/**
 * Pathological inputs through the real server: each must be answered (within HANG_MS, a bound
 * that catches hangs and runaway costs, not speed) with a clear diagnostic (or none), and the
 * server must keep serving afterwards. Their speed is a bench figure, not a test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLspClient, type LspClient } from '../helpers/lspClient';
import { HANG_MS } from '../helpers/timing';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';

async function within(c: LspClient, uri: string, lang: string, text: string, ms = HANG_MS) {
  const t0 = performance.now();
  const d = await c.open(uri, lang, text);
  const took = performance.now() - t0;
  console.log(`# ${uri}: diagnostics in ${took.toFixed(0)} ms`);
  assert.ok(took < ms, `${uri}: diagnostics took ${took.toFixed(0)} ms`);
  const h0 = performance.now();
  await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
  await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 5 } });
  assert.ok(performance.now() - h0 < ms, `${uri}: hover and completion took too long`);
  c.notify('textDocument/didClose', { textDocument: { uri } });
  return d;
}

test('huge, deep, binary and NUL-laden documents are answered, not hung on', { timeout: 600000 }, async () => {
  const c = await startLspClient();
  try {
    const big = 'a'.repeat(10 * 1024 * 1024);
    const d1 = await within(c, 'file:///var/lib/lxc/big/config', 'lxc', `lxc.uts.name = ${big}\n`);
    assert.deepEqual(d1.map((x) => x.code), ['lxc/invalid-value']);
    // Over the one-pass limit (1 MB for every format but LXC): one note, and the editor moves on
    // (the same files checked in full: the in-process test below).
    const d2 = await within(c, 'file:///etc/containers/big.conf', 'containers-conf', `[containers]\nlog_tag = "${big}"\n`);
    assert.deepEqual(d2.map((x) => x.code), ['ctconf/too-large']);
    const arr = `[containers]\nenv = [${Array.from({ length: 1_000_000 }, () => '"A=1"').join(',')}]\n`;
    const d3 = await within(c, 'file:///etc/containers/array.conf', 'containers-conf', arr);
    assert.deepEqual(d3.map((x) => x.code), ['ctconf/too-large']);
    const deep = `[containers]\nx = ${'{a='.repeat(100000)}1${'}'.repeat(100000)}\n`;
    const d4 = await within(c, 'file:///etc/containers/deep.conf', 'containers-conf', deep);
    assert.ok(d4.some((x) => x.code === 'containers/toml-syntax'));
    const deepArr = `[containers]\nenv = ${'['.repeat(100000)}${']'.repeat(100000)}\n`;
    const d5 = await within(c, 'file:///etc/containers/deeparr.conf', 'containers-conf', deepArr);
    assert.ok(d5.some((x) => x.code === 'containers/toml-syntax'));
    const binary = Buffer.from(Array.from({ length: 200000 }, (_, i) => (i * 2654435761) % 256)).toString('utf8');
    await within(c, 'file:///var/lib/lxc/bin/config', 'lxc', binary);
    await within(c, 'file:///etc/containers/bin.conf', 'containers-conf', binary);
    // 200,000 key lines without `=`: each is malformed, and finding that must not rescan the file.
    const noEq = `${'lxc.uts.name\n'.repeat(200_000)}lxc.tty.max = 1\n`;
    const d6 = await within(c, 'file:///var/lib/lxc/noeq/config', 'lxc', noEq);
    // The server sends the first 1,000 and says how many more there are (the CLI lists all).
    assert.equal(d6.length, 1001);
    assert.ok(d6.slice(0, 1000).every((x) => x.code === 'lxc/malformed-line'));
    assert.equal(d6[1000].range.start.line, 1000);
    assert.match(String(d6[1000].message), /199,000 more/);
    const nul = await within(c, 'file:///var/lib/lxc/nul/config', 'lxc', 'lxc.uts.name = a\0\nlxc.bogus = 1\n');
    assert.deepEqual(nul.map((x) => x.code), ['lxc/nul-byte']);
    const ok = await c.open('file:///var/lib/lxc/after/config', 'lxc', 'lxc.uts.name = fine\n');
    assert.deepEqual(ok, []);
  } finally {
    await c.stop();
  }
});

test('without the one-pass limit (the CLI), the huge containers.conf documents are checked in full', () => {
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const big = 'a'.repeat(10 * 1024 * 1024);
  const doc = (uri: string, text: string) => ({ uri, languageId: 'containers-conf', version: 1, text });
  assert.deepEqual(svc.diagnostics(doc('file:///etc/containers/big.conf', `[containers]\nlog_tag = "${big}"\n`)), []);
  const arr = `[containers]\nenv = [${Array.from({ length: 1_000_000 }, () => '"A=1"').join(',')}]\n`;
  assert.deepEqual(svc.diagnostics(doc('file:///etc/containers/array.conf', arr)), []);
  const wrong = `[containers]\nenv = [${Array.from({ length: 1_000_000 }, () => '"A"').join(',')}, 5]\n`;
  assert.ok(svc.diagnostics(doc('file:///etc/containers/wrong.conf', wrong)).length > 0);
});

test('includes of cycles, /dev/zero, a FIFO, a directory of 10,000 files, a symlink loop, an unreadable file', { timeout: 600000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-patho-'));
  const many = path.join(dir, 'many');
  fs.mkdirSync(many);
  for (let i = 0; i < 10000; i++) fs.writeFileSync(path.join(many, `f${i}.conf`), `lxc.sysctl.net.k${i} = 1\n`);
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  fs.symlinkSync(path.join(dir, 'loop-b'), path.join(dir, 'loop-a'));
  fs.symlinkSync(path.join(dir, 'loop-a'), path.join(dir, 'loop-b'));
  fs.writeFileSync(path.join(dir, 'a.conf'), `lxc.include = ${dir}/b.conf\n`);
  fs.writeFileSync(path.join(dir, 'b.conf'), `lxc.include = ${dir}/a.conf\n`);
  const c = await startLspClient();
  try {
    const cases: [string, string][] = [
      [`lxc.include = ${dir}/a.conf\n`, 'lxc/include-invalid'],
      [`lxc.include = ${dir}/self.conf\n`, 'lxc/include-cycle'],
      ['lxc.include = /dev/zero\n', 'lxc/include-missing'],
      [`lxc.include = ${dir}/fifo\n`, 'lxc/include-missing'],
      [`lxc.include = ${many}/\n`, 'lxc/include-skipped'],
      [`lxc.include = ${dir}/loop-a\n`, 'lxc/include-missing'],
      ['lxc.include = /proc/self/mem\n', 'lxc/include-missing'],
    ];
    fs.writeFileSync(path.join(dir, 'self.conf'), cases[1][0]);
    for (const [text, code] of cases) {
      const uri = `file://${text.includes('self.conf') ? path.join(dir, 'self.conf') : path.join(dir, 'c.conf')}`;
      const d = await within(c, uri, 'lxc', text);
      assert.ok(d.some((x) => x.code === code), `${text.trim()}: ${d.map((x) => x.code).join(', ')}`);
    }
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
