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

test('a key lands in the same group whatever keys come before it (runs of one topic included)', () => {
  const keys = ['lxc.network.type', 'lxc.network.0.type', 'lxc.network.0.link', 'lxc.network', 'lxc.net', 'lxc.net.0.type', 'lxc.net.1.link', 'lxc.net.x',
    'lxc.cap.drop', 'lxc.cap.keep', 'lxc.idmap', 'lxc.id_map', 'lxc.idmapx', 'lxc.include', 'lxc.includex', 'lxc.cgroup2.memory.max', 'lxc.cgroup.devices.allow',
    'lxc.sysctl.net.ipv4.ip_forward', 'lxc.proc.oom_score_adj', 'lxc.group', 'lxc.groupx', 'lxc.start.auto', 'lxc.uts.name', 'lxc.arch', 'lxc.log.level',
    'lxc.mount.entry', 'lxc.rootfs.path', 'lxc.hook.pre-start', 'lxc.prlimit.nofile', 'lxc.apparmor.profile', 'lxc.namespace.keep', 'x.y', 'lxc.'];
  const groupAlone = (key: string) => lxcService().symbols({ ...doc, text: `${key} = 1\n` })[0]?.name;
  const alone = new Map(keys.map((k) => [k, groupAlone(k)]));
  assert.equal(alone.get('lxc.network.0.type'), 'Network interface 0');
  // a fixed shuffle with runs: each key twice in a row, in several orders
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 20; round++) {
    const order = keys.flatMap((k) => [k, k]).sort(() => rand() - 0.5);
    const groups = lxcService().symbols({ ...doc, text: order.map((k) => `${k} = 1`).join('\n') });
    for (const g of groups) for (const c of g.children ?? []) assert.equal(g.name, alone.get(c.name), `${c.name} in round ${round}`);
  }
});
