/** Completion tests apply the chosen item and compare the whole resulting text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCompletion, cursor, lxcService } from '../helpers/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { LxcVersion } from '../../server/src/lxc/version';

function complete(marked: string, o: { version?: LxcVersion; host?: Host } = {}) {
  const { text, pos } = cursor(marked);
  const items = lxcService(o).completion({ uri: 'file:///c', languageId: 'lxc', version: 1, text }, pos);
  return { text, items, labels: items.map((i) => i.label) };
}

function pick(marked: string, label: string, o: { version?: LxcVersion; host?: Host } = {}): string {
  const { text, items } = complete(marked, o);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.slice(0, 20).map((i) => i.label).join(', ')}`);
  return applyCompletion(text, item);
}

test('keys after lxc., with " = " added and documentation on each item', () => {
  assert.equal(pick('lxc.ut|', 'lxc.uts.name'), 'lxc.uts.name = ');
  assert.equal(pick('# comment\nlxc.cap.d|\n', 'lxc.cap.drop'), '# comment\nlxc.cap.drop = \n');
  assert.equal(pick('lxc.uts.na| = web\n', 'lxc.uts.name'), 'lxc.uts.name = web\n');
  assert.equal(pick('lxc.n|', 'lxc.net'), 'lxc.net =');
  const { items } = complete('lxc.|');
  assert.ok(items.length > 100);
  const svc = lxcService();
  const resolved = items.map((i) => svc.resolveCompletion(i));
  assert.ok(resolved.every((i) => (i.documentation as { value: string } | undefined)?.value.includes('- Versions: LXC')), 'every key item is documented (after resolve)');
});

test('keys not in the target version are not offered', () => {
  assert.ok(!complete('lxc.|', { version: '6.0' }).labels.includes('lxc.environment.runtime'));
  assert.ok(complete('lxc.|', { version: '7.0' }).labels.includes('lxc.environment.runtime'));
  assert.ok(complete('lxc.|', { version: '5.0' }).labels.includes('lxc.cgroup.devices.allow'));
  assert.ok(!complete('lxc.|', { version: '7.0' }).labels.some((l) => l.startsWith('lxc.cgroup.devices')));
  assert.ok(!complete('lxc.|', { version: '4.0' }).labels.includes('lxc.time.offset.boot'));
});

test('the next free network index, and only the keys of an interface\'s type', () => {
  const text = 'lxc.net.0.type = macvlan\nlxc.net.0.link = eth0\n';
  assert.equal(pick(`${text}lxc.net|`, 'lxc.net.1.type'), `${text}lxc.net.1.type = `);
  const labels = complete(`${text}lxc.net.0.|`).labels;
  assert.ok(labels.includes('lxc.net.0.macvlan.mode'));
  assert.ok(!labels.includes('lxc.net.0.veth.pair'));
  assert.ok(!labels.includes('lxc.net.0.type'), 'type is already set');
  assert.ok(complete('lxc.net.4.|').labels.includes('lxc.net.4.type'));
});

test('families: cgroup2 files, prlimit resources, sysctl, proc, namespace.share', () => {
  assert.equal(pick('lxc.cgroup2.mem|', 'lxc.cgroup2.memory.max'), 'lxc.cgroup2.memory.max = ');
  assert.equal(pick('lxc.prlimit.n|', 'lxc.prlimit.nofile'), 'lxc.prlimit.nofile = ');
  assert.ok(complete('lxc.sysctl.|').labels.includes('lxc.sysctl.net.ipv4.ip_forward'));
  assert.ok(complete('lxc.proc.|').labels.includes('lxc.proc.oom_score_adj'));
  assert.ok(complete('lxc.namespace.share.|').labels.includes('lxc.namespace.share.net'));
  assert.ok(complete('lxc.hook.|').labels.includes('lxc.hook.pre-start'));
});

test('values: enums, flags, signals, architectures, log levels', () => {
  assert.equal(pick('lxc.net.0.type = |', 'veth'), 'lxc.net.0.type = veth');
  assert.equal(pick('lxc.net.0.type = vl|', 'vlan'), 'lxc.net.0.type = vlan');
  assert.equal(pick('lxc.start.auto = |', '1'), 'lxc.start.auto = 1');
  assert.equal(pick('lxc.signal.halt = SIGP|', 'SIGPWR'), 'lxc.signal.halt = SIGPWR');
  assert.equal(pick('lxc.log.level = |', 'debug'), 'lxc.log.level = debug');
  assert.ok(!complete('lxc.arch = |', { version: '5.0' }).labels.includes('x32'));
  assert.ok(complete('lxc.arch = |', { version: '6.0' }).labels.includes('x32'));
  assert.equal(pick('lxc.apparmor.profile = |', 'unconfined'), 'lxc.apparmor.profile = unconfined');
});

test('list values complete the token under the cursor', () => {
  assert.equal(pick('lxc.mount.auto = proc:mixed |', 'sys:ro'), 'lxc.mount.auto = proc:mixed sys:ro');
  assert.ok(!complete('lxc.mount.auto = proc:mixed |').labels.includes('proc:mixed'));
  assert.equal(pick('lxc.namespace.clone = net |', 'pid'), 'lxc.namespace.clone = net pid');
});

test('capability names with docs, skipping those already on the line', () => {
  assert.equal(pick('lxc.cap.drop = sys_module sys_t|', 'sys_time'), 'lxc.cap.drop = sys_module sys_time');
  const { items, labels } = complete('lxc.cap.drop = sys_module |');
  assert.ok(!labels.includes('sys_module'));
  assert.equal(labels.length, 40);
  const t = items.find((i) => i.label === 'sys_time')!;
  assert.match((t.documentation as { value: string }).value, /CAP_SYS_TIME/);
  assert.ok(complete('lxc.cap.keep = |').labels.includes('none'));
  assert.ok(!complete('lxc.cap.drop = |').labels.includes('none'));
});

test('idmap snippet and include paths from the host', () => {
  assert.equal(pick('lxc.idmap = |', 'u 0 100000 65536'), 'lxc.idmap = u 0 100000 65536');
  const host = memoryHost({ '/usr/share/lxc/config/common.conf': '', '/usr/share/lxc/config/userns.conf': '', '/usr/share/lxc/config/common.conf.d/00-lxcfs.conf': '' });
  assert.equal(pick('lxc.include = /usr/share/lxc/config/co|', 'common.conf', { host }), 'lxc.include = /usr/share/lxc/config/common.conf');
  assert.equal(pick('lxc.include = /usr/share/lxc/config/|', 'common.conf.d/', { host }), 'lxc.include = /usr/share/lxc/config/common.conf.d/');
  assert.deepEqual(complete('lxc.include = /nowhere/|', { host }).labels, []);
});

test('nothing inside comments', () => {
  assert.deepEqual(complete('# lxc.|').labels, []);
  assert.deepEqual(complete('  #lxc.cap.drop = |').labels, []);
});

test('a position far past the line end is taken at the line end, at once', () => {
  const text = 'lxc.cap.drop = sys_time sys_\n';
  for (const character of [1e9, Number.MAX_SAFE_INTEGER, 2 ** 31]) {
    const t0 = performance.now();
    const items = lxcService().completion({ uri: 'file:///c', languageId: 'lxc', version: 1, text }, { line: 0, character });
    assert.ok(performance.now() - t0 < 2000, 'answered at once (a walk back of 10⁹ characters took 40 s)');
    assert.ok(items.some((i) => i.label === 'sys_admin'), `capabilities offered at ${character}`);
    for (const i of items) {
      const e = i.textEdit as { range: { end: { character: number } } };
      assert.ok(e.range.end.character <= text.length, `${i.label} edits inside the line`);
    }
  }
});
