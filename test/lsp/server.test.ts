/** End-to-end through the bundled server over stdio, as any LSP editor would use it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLspClient } from '../helpers/lspClient';

test('initialize answers with server info and incremental sync', async () => {
  const c = await startLspClient();
  try {
    assert.equal(c.initializeResult.serverInfo?.name, 'ctconf');
    assert.deepEqual(c.initializeResult.capabilities.textDocumentSync, { openClose: true, change: 2 });
  } finally {
    await c.stop();
  }
});

test('initialize does not wait for version detection, and the first diagnostics use the detected LXC release', async () => {
  // Fake lxc-start and podman on PATH that do not answer until the test lets them (file `go`,
  // or after 20 s): initialize must not wait for them, and nothing may be validated against a
  // guessed version meanwhile. No wall-clock race: the fakes mark when they have answered.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-detect-'));
  const fake = (answer: string, mark: string) =>
    `#!/bin/sh\ni=0\nwhile [ ! -e '${bin}/go' ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done\ntouch '${bin}/${mark}'\necho ${answer}\n`;
  fs.writeFileSync(path.join(bin, 'lxc-start'), fake('4.0.12', 'lxc-answered'), { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'podman'), fake('podman version 4.3.1', 'podman-answered'), { mode: 0o755 });
  const c = await startLspClient({ env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  try {
    assert.ok(!fs.existsSync(path.join(bin, 'lxc-answered')) && !fs.existsSync(path.join(bin, 'podman-answered')), 'initialize answered while version detection was still waiting');
    fs.writeFileSync(path.join(bin, 'go'), '');
    const uri = 'file:///var/lib/lxc/detect/config';
    const d = await c.open(uri, 'lxc', 'lxc.uts.name = detect\nlxc.time.offset.boot = 5s\n');
    assert.deepEqual(d.map((x) => [x.range.start.line, x.code]), [[1, 'lxc/key-too-new']]);
    assert.match(String(d[0].message), /LXC 4\.0/);
  } finally {
    await c.stop();
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test('didOpen publishes diagnostics with codes and ranges; didChange refreshes them', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    const uri = 'file:///var/lib/lxc/c1/config';
    const d1 = await c.open(uri, 'lxc', 'lxc.uts.name = c1\nlxc.utsname = c1\n');
    assert.deepEqual(d1.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.severity, d.source]), [
      [1, 0, 11, 'lxc/legacy-key', 1, 'ctconf'],
    ]);
    const next = c.diagnostics(uri, 2);
    c.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } }, text: 'uts.name' }],
    });
    assert.deepEqual((await next).map((d) => d.code), ['lxc/duplicate-key']);
    const closed = c.diagnostics(uri);
    c.notify('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(await closed, []);
  } finally {
    await c.stop();
  }
});

test('settings from the client change the target version and rule severities', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '7.0' }, rules: { 'lxc/key-removed': 'warning' } } } });
  try {
    const d = await c.open('file:///etc/lxc/default.conf', 'lxc', 'lxc.cgroup.devices.allow = a\n');
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['lxc/key-removed', 2]]);
  } finally {
    await c.stop();
  }
});

test('a document opened as plaintext at an LXC path is still checked', async () => {
  const c = await startLspClient();
  try {
    const d = await c.open('file:///var/lib/lxc/x/config', 'plaintext', 'lxc.bogus = 1\n');
    assert.deepEqual(d.map((x) => x.code), ['lxc/unknown-key']);
  } finally {
    await c.stop();
  }
});

test('binary garbage does not crash the server', async () => {
  const c = await startLspClient();
  try {
    const junk = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const d = await c.open('file:///var/lib/lxc/junk/config', 'lxc', junk);
    assert.ok(Array.isArray(d));
    const ok = await c.open('file:///var/lib/lxc/ok/config', 'lxc', 'lxc.uts.name = fine\n');
    assert.deepEqual(ok, []);
    assert.doesNotMatch(c.stderr(), /Error/);
  } finally {
    await c.stop();
  }
});

test('hover, completion, code actions, symbols, links and folding over stdio', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    const uri = 'file:///var/lib/lxc/lsp/config';
    const text = '# c1\n# c2\nlxc.cap.drop = sys_time\nlxc.utsname = x\nlxc.net.0.type = veth\nlxc.net.0.link = br0\n';
    const diags = await c.open(uri, 'lxc', text);
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 17 } });
    assert.match(hover.contents.value, /CAP_SYS_TIME/);
    const completion = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 15 } });
    assert.ok(completion.some((i) => i.label === 'sys_module'));
    const actions = await c.request<{ title: string; edit: unknown }[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Replace lxc.utsname with lxc.uts.name']);
    assert.ok(actions[0].edit);
    const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Capabilities', 'Container', 'Network interface 0']);
    const folding = await c.request<{ startLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folding.some((f) => f.startLine === 0));
    const links = await c.request<unknown[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links, []);
  } finally {
    await c.stop();
  }
});

test('containers.conf over stdio: diagnostics, capability hover, completion, the SYS_CHROOT fix', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { podman: { version: '4.3' } } } });
  try {
    const uri = 'file:///home/ann/.config/containers/containers.conf';
    const text = '[containers]\ndefault_capabilities = [\n  "CHOWN",\n  "SYS_CHROOT",\n  "FOO",\n]\ncgroup_manager = "systemd"\n';
    const d = await c.open(uri, 'containers-conf', text);
    assert.deepEqual(d.map((x) => [x.range.start.line, x.code]), [[4, 'containers/unknown-capability'], [6, 'containers/wrong-table']]);
    const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
    assert.match(h.contents.value, /CAP_SYS_CHROOT/);
    const items = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.ok(items.some((i) => i.label === 'SYS_TIME') && !items.some((i) => i.label === 'SYS_CHROOT'));
    const actions = await c.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 5 }, end: { line: 3, character: 5 } }, context: { diagnostics: [] } });
    assert.ok(actions.some((a) => a.title === 'Remove SYS_CHROOT from default_capabilities'));
  } finally {
    await c.stop();
  }
});

test('a container config is checked again when an open file it is checked against changes', async () => {
  const c = await startLspClient({ initializationOptions: { settings: { lxc: { version: '5.0' } } } });
  try {
    const usernet = 'file:///etc/lxc/lxc-usernet';
    const config = 'file:///home/ann/.local/share/lxc/web/config';
    await c.open(usernet, 'lxc-usernet', '# no allowance yet\n');
    const codes = (d: { code?: unknown }[]) => d.map((x) => x.code).filter((x) => String(x).startsWith('unpriv/usernet'));
    const first = await c.open(config, 'lxc', 'lxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\n');
    assert.deepEqual(codes(first), ['unpriv/usernet-missing']);
    // The config is not edited: the change of lxc-usernet alone brings its new diagnostics.
    const again = c.diagnostics(config, 1);
    c.notify('textDocument/didChange', { textDocument: { uri: usernet, version: 2 }, contentChanges: [{ text: 'ann veth lxcbr0 1\n' }] });
    assert.deepEqual(codes(await again), []);
  } finally {
    await c.stop();
  }
});
