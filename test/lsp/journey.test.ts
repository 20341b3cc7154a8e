/** What the editor gets beyond diagnostics: the status notification, offline rule links, Restricted Mode's notes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLspClient, type LspClient } from '../helpers/lspClient';
import { ROOT } from '../helpers/paths';

interface Status { lxc: { version: string; source: string; reason?: string }; podman: { version: string; source: string }; restricted: boolean }

/** The next `ctconf/status` (a settings change makes the server send it again). */
function nextStatus(c: LspClient, settings: unknown): Promise<Status> {
  const p = new Promise<Status>((resolve) => c.connection.onNotification('ctconf/status', (s: Status) => resolve(s)));
  c.notify('workspace/didChangeConfiguration', { settings: { ctconf: settings } });
  return p;
}

test('ctconf/status says which versions are targeted and whether set, detected or assumed', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' }, podman: { version: '4.3' } } } });
  try {
    const s = await nextStatus(c, { lxc: { version: '5.0' }, podman: { version: '4.3' } });
    assert.deepEqual([s.lxc.version, s.lxc.source, s.podman.version, s.podman.source, s.restricted], ['5.0', 'setting', '4.3', 'setting', false]);
  } finally {
    await c.stop();
  }
  const r = await startLspClient({ initializationOptions: { trusted: false } });
  try {
    const s = await nextStatus(r, {});
    assert.equal(s.lxc.source, 'assumed');
    assert.match(s.lxc.reason ?? '', /Restricted Mode does not run lxc-start/);
    assert.equal(s.restricted, true);
  } finally {
    await r.stop();
  }
});

test('diagnostics link to the RULES.md shipped next to the server, at the rule\'s line', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    const d = await c.open('file:///var/lib/lxc/c1/config', 'lxc', 'lxc.utsname = c1\n');
    const href = d[0].codeDescription?.href ?? '';
    const m = /^file:\/\/(.*RULES\.md)#L([0-9]+)$/.exec(href);
    assert.ok(m, href);
    assert.equal(path.resolve(decodeURIComponent(m[1])), path.join(ROOT, 'RULES.md'));
    assert.equal(fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8').split('\n')[Number(m[2]) - 1], '### lxc-legacy-key');
  } finally {
    await c.stop();
  }
});

test('Restricted Mode: hovers say the LXC version is assumed and why; include lines are marked as not followed', async () => {
  const c = await startLspClient({ initializationOptions: { trusted: false } });
  try {
    const uri = 'file:///var/lib/lxc/r1/config';
    await c.open(uri, 'lxc', 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.uts.name = r1\n');
    const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
    assert.match(h.contents.value, /available in the target LXC [0-9.]+ \(LXC [0-9.]+ assumed: Restricted Mode does not run lxc-start\)/);
    const hints = await c.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } });
    assert.deepEqual(hints.map((x) => [x.position.line, x.label]), [[0, 'not followed (Restricted Mode)']]);
    const inc = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.match(inc.contents.value, /Not followed in Restricted Mode/);
  } finally {
    await c.stop();
  }
});

test('source.fixAll fixes every legacy key and capability spelling at once; definition goes to the included line; the picker gets details', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-journey-'));
  const common = path.join(dir, 'common.conf');
  fs.writeFileSync(common, '# common\nlxc.cap.drop = sys_time mknod\nlxc.tty.max = 4\nlxc.mount.entry = a b none bind 0 0\n');
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    assert.deepEqual((c.initializeResult.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll']);
    const uri = `file://${dir}/config`;
    const text = `lxc.include = ${common}\nlxc.utsname = c1\nlxc.network.type = veth\nlxc.cap.drop = CAP_NET_RAW\n`;
    const diags = await c.open(uri, 'lxc', text);
    const actions = await c.request<{ title: string; kind: string; edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, context: { diagnostics: diags, only: ['source.fixAll'] },
    });
    const all = actions.find((a) => a.kind === 'source.fixAll');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(all.title, 'Fix all legacy keys and capability spellings (2 legacy keys and 1 capability spelling)');
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'lxc', 1, text), all.edit.changes[uri]);
    assert.equal(fixed, `lxc.include = ${common}\nlxc.uts.name = c1\nlxc.net.0.type = veth\nlxc.cap.drop = net_raw\n`);

    const def = (line: number, character: number) => c.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    const c2 = await c.open(`file://${dir}/c2`, 'lxc', `lxc.include = ${common}\nlxc.tty.max = 2\nlxc.mount.entry = x y none bind 0 0\nlxc.cap.drop = sys_time\n`);
    assert.ok(Array.isArray(c2));
    const u2 = `file://${dir}/c2`;
    const def2 = (line: number, character: number) => c.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: u2 }, position: { line, character } });
    // lxc.tty.max is set again here: the included line is not in force, so no definition.
    assert.deepEqual(await def2(1, 3), []);
    assert.deepEqual((await def2(2, 3)).map((l) => [l.uri, l.range.start.line]), [[`file://${common}`, 3]]);
    assert.deepEqual((await def2(3, 17)).map((l) => [l.uri, l.range.start.line]), [[`file://${common}`, 1]]);
    assert.deepEqual((await def(0, 20)).map((l) => [l.uri, l.range.start.line]), [[`file://${common}`, 0]]);

    const details = await c.request<{ name: string; risk?: string; droppedIn: string }[]>('workspace/executeCommand', { command: 'ctconf.droppedCapabilities', arguments: [u2, { details: true }] });
    assert.deepEqual(details.map((d) => [d.name, d.risk, d.droppedIn]), [['sys_time', 'high', `${common}, line 2`], ['mknod', 'medium', `${common}, line 2`]]);
    assert.deepEqual(await c.request('workspace/executeCommand', { command: 'ctconf.droppedCapabilities', arguments: [u2] }), ['sys_time', 'mknod']);
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
