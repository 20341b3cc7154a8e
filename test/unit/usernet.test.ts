/** /etc/lxc/lxc-usernet: lines lxc-user-nic skips, types, counts, groups, hover. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import { scanUsernetLine, parseUsernet, allowance } from '../../server/src/usernet/parse';
import { ROOT } from '../helpers/paths';

const URI = 'file:///etc/lxc/lxc-usernet';
const svc = (host: Host = memoryHost()) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
const doc = (text: string) => ({ uri: URI, languageId: 'lxc-usernet', version: 1, text });
const diags = (text: string, host?: Host) => svc(host).diagnostics(doc(text)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);

test('lxc-usernet: the realistic fixture, every rule with its range', () => {
  const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/usernet/lxc-usernet'), 'utf8');
  assert.deepEqual(diags(text), [
    '3:0-18 usernet/skipped-line',
    '4:0-17 usernet/skipped-line',
    '5:5-12 usernet/unknown-type',
    '6:17-21 usernet/skipped-line',
    '7:18-19 usernet/count',
    '8:18-31 usernet/trailing-text',
    '9:10-37 usernet/bridge-name',
  ]);
});

test('lxc-usernet: the sscanf reading of lxc-user-nic', () => {
  // Text after the count is ignored; a count with trailing letters still counts.
  const e = scanUsernetLine('ann veth br0 7x', 0);
  assert.ok(!('reason' in e) && e.count === 7);
  // Tabs and runs of blanks separate fields.
  const t = scanUsernetLine('ann\tveth \t br0\t\t3', 0);
  assert.ok(!('reason' in t) && t.bridge === 'br0' && t.count === 3);
  // Three fields: skipped.
  assert.equal((scanUsernetLine('ann veth br0', 0) as { reason: string }).reason, 'fields');
  // A leading blank: skipped.
  assert.equal((scanUsernetLine(' ann veth br0 1', 0) as { reason: string }).reason, 'leading-blank');
  // Counts of all matching lines add up, groups included.
  const d = parseUsernet('ann veth br0 2\n@lab veth br0 3\nann veth br1 9\n@other veth br0 50\n');
  assert.equal(allowance(d, 'ann', new Set(['lab']), 'veth', 'br0').total, 5);
  assert.equal(allowance(d, 'bob', new Set(), 'veth', 'br0').total, 0);
});

test('lxc-usernet: users and groups the host does not have (only when it can tell)', () => {
  const host = memoryHost({ '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n', '/etc/group': 'ann:x:1000:\nlab:x:1001:ann\n' });
  assert.deepEqual(diags('ann veth br0 1\n@lab veth br0 1\nzed veth br0 1\n@nogroup veth br0 1\n', host), ['2:0-3 usernet/unknown-owner', '3:0-8 usernet/unknown-owner']);
  assert.deepEqual(diags('zed veth br0 1\n'), []);
});

test('lxc-usernet hover: what the line grants and the totals per member', () => {
  const host = memoryHost({ '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n', '/etc/group': 'ann:x:1000:\nlab:x:1001:ann\n' });
  const h = JSON.stringify(svc(host).hover(doc('ann veth br0 2\n@lab veth br0 3\n'), { line: 1, character: 2 })?.contents);
  assert.match(h, /group `lab`/);
  assert.match(h, /`ann`: 5 in total/);
  assert.equal(svc().hover(doc('# x\n'), { line: 0, character: 1 }), null);
});

test('lxc-usernet completion: users and groups, the type, bridges of the host and of open LXC configs', () => {
  const files = {
    '/etc/passwd': 'root:x:0:0::/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\n',
    '/etc/group': 'ann:x:1000:\nlab:x:1001:ann\n',
    '/sys/class/net/lo/operstate': 'unknown\n',
    '/sys/class/net/eth0/operstate': 'up\n',
    '/sys/class/net/lxcbr0/bridge/bridge_id': '8000.000000000000\n',
  };
  const s = svc(memoryHost(files));
  const other = { uri: 'file:///home/ann/.local/share/lxc/web/config', languageId: 'lxc', version: 1, text: 'lxc.net.0.type = veth\nlxc.net.0.link = br-lab\nlxc.net.1.type = veth\nlxc.net.1.link = lxcbr0\n' };
  s.setOthers(() => [other]);
  const at = (text: string, character: number, line = 0) => s.completion(doc(text), { line, character });
  // Owners: users with their UID, groups as @group; the edit replaces the word typed so far.
  const owners = at('an', 2);
  assert.deepEqual(owners.map((i) => i.label), ['root', 'ann', '@ann', '@lab']);
  assert.deepEqual(owners[1].textEdit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'ann ' });
  // The type: only veth.
  assert.deepEqual(at('ann v', 5).map((i) => [i.label, (i.textEdit as { range: { start: { character: number } } }).range.start.character]), [['veth', 4]]);
  // Bridges: the host's (a `bridge` directory in sysfs, so not lo or eth0), then the links of open LXC configs.
  const bridges = at('# c\nann veth ', 9, 1);
  assert.deepEqual(bridges.map((i) => [i.label, i.detail]), [['lxcbr0', 'bridge on this host'], ['br-lab', 'lxc.net link of web']]);
  // Nothing after the count, in comments, or on a line lxc-user-nic skips (leading blank).
  assert.deepEqual(at('ann veth br0 1 ', 15), []);
  assert.deepEqual(at('# an', 4), []);
  assert.deepEqual(at(' an', 3), []);
  // Restricted Mode: no host users or bridges, but open documents' links still count.
  const r = createLanguageService(memoryHost(files), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted: true });
  r.setOthers(() => [other]);
  assert.deepEqual(r.completion(doc('ann veth '), { line: 0, character: 9 }).map((i) => i.label), ['br-lab', 'lxcbr0']);
  assert.deepEqual(r.completion(doc('a'), { line: 0, character: 1 }), []);
});
