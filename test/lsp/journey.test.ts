/** What the editor gets beyond diagnostics: the status notification, offline rule links, Restricted Mode's notes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
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
