/**
 * Quick fixes: apply the edit, compare the whole text; where a fix claims to repair the
 * file, liblxc (the differential oracle) must load the result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyAction, lxcActions, lxcDiags } from '../helpers/service';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { CORPUS, ROOT } from '../helpers/paths';
import { nodeHost } from '../../server/src/nodeHost';
import { needs } from '../helpers/needs';

const oracleMissing = lxcOracleMissing();

function fix(text: string, title: RegExp | string, host = nodeHost()): string {
  const { actions } = lxcActions(text, { host });
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no action ${title} among: ${actions.map((x) => x.title).join(' | ')}`);
  return applyAction(text, a);
}

function liblxcAccepts(text: string): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-fix-'));
  const f = path.join(dir, 'config');
  fs.writeFileSync(f, text);
  const v = runLxcOracle([f]).get(f)?.verdict;
  fs.rmSync(dir, { recursive: true, force: true });
  return v === 'accept';
}

const commentLines = (t: string) => t.split(/\r?\n/).filter((l) => /^\s*#/.test(l) || l.trim() === '');

test('single legacy key: renamed in place, nothing else changes', () => {
  assert.equal(fix('# keep me\nlxc.utsname = web  \n\nlxc.tty = 4\n', 'Replace lxc.utsname with lxc.uts.name'), '# keep me\nlxc.uts.name = web  \n\nlxc.tty = 4\n');
  assert.equal(fix('lxc.network.0.ipv4 = 10.0.0.2/24\n', /ipv4\.address/), 'lxc.net.0.ipv4.address = 10.0.0.2/24\n');
  assert.equal(fix('lxc.limit.nofile = 10\n', /prlimit/), 'lxc.prlimit.nofile = 10\n');
});

test('fix all legacy keys: networks numbered, .address kept, limit renamed, backend used, comments kept', () => {
  const src = fs.readFileSync(path.join(ROOT, 'test/fixtures/lxc/debian-unprivileged-2x.conf'), 'utf8');
  const out = fix(src, /^Fix all legacy keys in this file/);
  const expected = src
    .replace(/lxc\.id_map/g, 'lxc.idmap')
    .replace('lxc.rootfs = /home', 'lxc.rootfs.path = dir:/home')
    .replace('lxc.rootfs.backend = dir', '# lxc.rootfs.backend = dir  (ctconf: LXC 3.0 removed lxc.rootfs.backend; the storage type is now the prefix of lxc.rootfs.path)')
    .replace('lxc.utsname', 'lxc.uts.name')
    .replace('lxc.network.type = veth', 'lxc.net.0.type = veth')
    .replace('lxc.network.link = lxcbr0', 'lxc.net.0.link = lxcbr0')
    .replace('lxc.network.flags', 'lxc.net.0.flags')
    .replace('lxc.network.hwaddr', 'lxc.net.0.hwaddr')
    .replace('lxc.network.ipv4 = ', 'lxc.net.0.ipv4.address = ')
    .replace('lxc.network.ipv4.gateway', 'lxc.net.0.ipv4.gateway')
    .replace('lxc.network.type = macvlan', 'lxc.net.1.type = macvlan')
    .replace('lxc.network.macvlan.mode', 'lxc.net.1.macvlan.mode')
    .replace('lxc.network.link = eth0', 'lxc.net.1.link = eth0')
    .replace('lxc.limit.nofile', 'lxc.prlimit.nofile')
    .replace('lxc.loglevel', 'lxc.log.level');
  assert.equal(out, expected);
  for (const c of commentLines(src)) assert.ok(out.includes(c), `comment kept: ${c}`);
  assert.deepEqual(lxcDiags(out, { host: nodeHost() }).filter((d) => d.includes('legacy')), []);
});

test('fixed legacy configs load in liblxc', { skip: needs('liblxc oracle', oracleMissing) }, () => {
  const src = fs.readFileSync(path.join(ROOT, 'test/fixtures/lxc/debian-unprivileged-2x.conf'), 'utf8');
  assert.equal(liblxcAccepts(src), false);
  assert.equal(liblxcAccepts(fix(src, /^Fix all legacy keys/)), true);
  const obs = path.join(CORPUS, 'obs-build/usr/lib/obs-build/lxc.conf');
  if (fs.existsSync(obs)) {
    const text = fs.readFileSync(obs, 'utf8');
    assert.equal(liblxcAccepts(text), false);
    const fixed = fix(text, /^Fix all legacy keys/);
    assert.equal(liblxcAccepts(fixed), true);
    for (const c of commentLines(text)) assert.ok(fixed.includes(c));
    assert.equal(fixed.split('\n').length, text.split('\n').length);
  }
});

test('did-you-mean for keys, lines LXC ignores, prlimit resources and capabilities', () => {
  assert.equal(fix('lxc.uts.nmae = web\n', 'Change to lxc.uts.name'), 'lxc.uts.name = web\n');
  assert.equal(fix('LXC.uts.name = web\n', 'Change to lxc.uts.name'), 'lxc.uts.name = web\n');
  assert.equal(fix('lxc.prlimit.nofiles = 5\n', 'Change to lxc.prlimit.nofile'), 'lxc.prlimit.nofile = 5\n');
  assert.equal(fix('lxc.cap.drop = sys_modul mknod\n', 'Change to sys_module'), 'lxc.cap.drop = sys_module mknod\n');
});

test('CAP_SYS_TIME and SYS_TIME become sys_time', () => {
  assert.equal(fix('lxc.cap.drop = CAP_SYS_TIME\n', 'Write sys_time'), 'lxc.cap.drop = sys_time\n');
  assert.equal(fix('lxc.cap.keep = chown SYS_TIME\n', 'Write sys_time'), 'lxc.cap.keep = chown sys_time\n');
});

test('an inline comment moves to its own line above', () => {
  assert.equal(fix('  lxc.cap.drop = net_raw   # breaks dhcp/ping\n', 'Move the comment to its own line above'), '  # breaks dhcp/ping\n  lxc.cap.drop = net_raw\n');
  assert.equal(fix('lxc.uts.name = web # host\r\nlxc.tty.max = 1\r\n', 'Move the comment to its own line above'), '# host\r\nlxc.uts.name = web\r\nlxc.tty.max = 1\r\n');
});

test('remove a duplicate; move the type line up; clear before switching cap mode', () => {
  assert.equal(fix('lxc.uts.name = a\n# c\nlxc.uts.name = b\n', /^Remove this line/), '# c\nlxc.uts.name = b\n');
  assert.equal(fix('lxc.net.0.link = br0\nlxc.net.0.name = eth0\nlxc.net.0.type = veth\n', /^Move lxc\.net\.0\.type/), 'lxc.net.0.type = veth\nlxc.net.0.link = br0\nlxc.net.0.name = eth0\n');
  assert.equal(fix('lxc.cap.drop = sys_time\nlxc.cap.keep = chown\n', /^Clear the capability list/), 'lxc.cap.drop = sys_time\nlxc.cap.drop =\nlxc.cap.keep = chown\n');
  assert.equal(fix('lxc.net.0.veth.pair = p\n', /^Insert lxc\.net\.0\.type = veth/), 'lxc.net.0.type = veth\nlxc.net.0.veth.pair = p\n');
});

test('each claimed repair gives a file liblxc loads', { skip: needs('liblxc oracle', oracleMissing) }, () => {
  const cases: [string, RegExp | string][] = [
    ['lxc.cap.drop = CAP_SYS_TIME\n', 'Write sys_time'],
    ['lxc.cap.drop = net_raw   # breaks dhcp/ping\n', 'Move the comment to its own line above'],
    ['lxc.uts.nmae = web\n', 'Change to lxc.uts.name'],
    ['lxc.cap.drop = sys_time\nlxc.cap.keep = chown\n', /^Clear the capability list/],
    ['lxc.net.0.veth.pair = p\n', /^Insert lxc\.net\.0\.type/],
    ['lxc.start.auto = 1 # boot\n', 'Move the comment to its own line above'],
    ['lxc.utsname = web\n', /^Replace lxc\.utsname/],
  ];
  for (const [src, title] of cases) {
    assert.equal(liblxcAccepts(src), false, `liblxc refuses ${src}`);
    assert.equal(liblxcAccepts(fix(src, title)), true, `fixed: ${src}`);
  }
});
