import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lxcService } from '../helpers/service';
import { memoryHost } from '../../server/src/host';

const text = [
  '# Distribution configuration',
  '# second comment line',
  'lxc.include = /usr/share/lxc/config/common.conf',
  'lxc.include = /usr/share/lxc/config/missing.conf',
  'lxc.uts.name = web',
  'lxc.net.0.type = veth',
  'lxc.net.0.link = lxcbr0',
  'lxc.net.1.type = macvlan',
  'lxc.net.1.link = eth0',
  'lxc.cap.drop = sys_time',
  'lxc.idmap = u 0 100000 65536',
  'lxc.mount.entry = /a a none bind 0 0',
  '',
].join('\n');
const host = memoryHost({ '/usr/share/lxc/config/common.conf': '' });
const doc = { uri: 'file:///var/lib/lxc/web/config', languageId: 'lxc', version: 1, text };

test('symbols are grouped: includes, each network interface, capabilities, idmaps, mounts', () => {
  const s = lxcService({ host }).symbols(doc);
  assert.deepEqual(s.map((x) => [x.name, x.detail ?? '', x.children?.map((c) => c.name).join(',')]), [
    ['Includes', '', 'lxc.include,lxc.include'],
    ['Container', '', 'lxc.uts.name'],
    ['Network interface 0', 'veth', 'lxc.net.0.type,lxc.net.0.link'],
    ['Network interface 1', 'macvlan', 'lxc.net.1.type,lxc.net.1.link'],
    ['Capabilities', '', 'lxc.cap.drop'],
    ['ID maps', '', 'lxc.idmap'],
    ['Mounts', '', 'lxc.mount.entry'],
  ]);
  assert.deepEqual(s[2].range, { start: { line: 5, character: 0 }, end: { line: 6, character: 23 } });
});

test('includes of existing files are links', () => {
  const l = lxcService({ host }).links(doc);
  assert.deepEqual(l.map((x) => [x.range.start.line, x.range.start.character, x.range.end.character, x.target]), [
    [2, 14, 47, 'file:///usr/share/lxc/config/common.conf'],
  ]);
});

test('comment blocks and network interfaces fold', () => {
  const f = lxcService({ host }).folding(doc);
  assert.deepEqual(f.map((x) => [x.startLine, x.endLine, x.kind]), [[0, 1, 'comment'], [5, 6, 'region'], [7, 8, 'region']]);
});
