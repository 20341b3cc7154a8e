/**
 * Issue 4 through the real server: the mission fix on a config that only includes
 * common.conf, inlay hints, commands, and pathological includes answered quickly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLspClient } from '../helpers/lspClient';
import { applyEdits } from '../helpers/service';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { needs } from '../helpers/needs';
import { HANG_MS } from '../helpers/timing';

const common = '/usr/share/lxc/config/common.conf';
const haveCommon = fs.existsSync(common);

test('a config that includes common.conf gets "… without sys_time", and liblxc agrees with the result', { skip: needs('LXC\'s common.conf and the liblxc oracle', haveCommon ? lxcOracleMissing() : `${common} is not installed (scripts/prepare.sh installs lxc)`) }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-lsp-caps-'));
  const file = path.join(dir, 'config');
  const text = `lxc.include = ${common}\nlxc.uts.name = ntp\nlxc.rootfs.path = dir:${dir}/rootfs\n`;
  fs.writeFileSync(file, text);
  const uri = `file://${file}`;
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    assert.deepEqual(await c.open(uri, 'lxc', text), []);
    const actions = await c.request<{ title: string; edit: { changes: Record<string, { range: never; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] },
    });
    const a = actions.find((x) => /sys_time/.test(x.title));
    assert.ok(a, actions.map((x) => x.title).join(' | '));
    assert.equal(a.title, 'Clear and redefine lxc.cap.drop without sys_time');
    const fixed = applyEdits(text, a.edit.changes[uri]);
    const hints = await c.request<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
    assert.match(hints[0].label, /^drops: .*sys_time.* — from common\.conf$/);
    const view = await c.request<string>('workspace/executeCommand', { command: 'ctconf.effectiveConfiguration', arguments: [uri] });
    assert.match(view, /lxc\.cap\.drop = .*sys_time/);
    const dropped = await c.request<string[]>('workspace/executeCommand', { command: 'ctconf.droppedCapabilities', arguments: [uri] });
    assert.ok(dropped.includes('sys_time'));
    if (!lxcOracleMissing()) {
      fs.writeFileSync(file, fixed);
      const r = runLxcOracle([file], ['lxc.cap.drop']).get(file)!;
      assert.equal(r.verdict, 'accept');
      assert.ok(!r.items['lxc.cap.drop'].split(' ').includes('sys_time'));
      const common5 = fs.readFileSync(common, 'utf8').match(/^lxc\.cap\.drop\s*=\s*(.*)$/gm)!.flatMap((l) => l.split('=')[1].trim().split(/\s+/));
      for (const cap of common5.filter((x) => x !== 'sys_time')) assert.ok(r.items['lxc.cap.drop'].split(' ').includes(cap), cap);
    }
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('hovers on all 41 capability names through the server', async () => {
  const c = await startLspClient();
  try {
    const { CAPABILITIES } = await import('../../server/src/capabilities/table');
    const uri = 'file:///var/lib/lxc/h/config';
    const text = CAPABILITIES.map((x) => `lxc.cap.drop = ${x.name}`).join('\n');
    await c.open(uri, 'lxc', text);
    for (let i = 0; i < CAPABILITIES.length; i++) {
      const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: i, character: 16 } });
      assert.ok(h?.contents.value.includes(CAPABILITIES[i].cap) && h.contents.value.length > 100, CAPABILITIES[i].name);
    }
  } finally {
    await c.stop();
  }
});

test('a self-including config and an include of a FIFO get a diagnostic, not a hang', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-lsp-patho-'));
  const self = path.join(dir, 'self.conf');
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  fs.writeFileSync(self, `lxc.include = ${self}\n`);
  const c = await startLspClient();
  try {
    let t0 = Date.now();
    const d1 = await c.open(`file://${self}`, 'lxc', `lxc.include = ${self}\n`);
    assert.ok(Date.now() - t0 < HANG_MS);
    assert.deepEqual(d1.map((d) => d.code), ['lxc/include-cycle']);
    t0 = Date.now();
    const d2 = await c.open(`file://${dir}/c.conf`, 'lxc', `lxc.include = ${fifo}\nlxc.include = /dev/zero\n`);
    assert.ok(Date.now() - t0 < HANG_MS);
    assert.deepEqual(d2.map((d) => d.code), ['lxc/include-missing', 'lxc/include-missing']);
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Restricted Mode: no includes or host files are read, the rest still works', async () => {
  const c = await startLspClient({ initializationOptions: { trusted: false } });
  try {
    const d = await c.open('file:///var/lib/lxc/r/config', 'lxc', 'lxc.include = /nonexistent/x.conf\nlxc.environment = SURELY_UNSET_VAR\nlxc.utsname = r\n');
    assert.deepEqual(d.map((x) => x.code), ['lxc/legacy-key']);
  } finally {
    await c.stop();
  }
});
