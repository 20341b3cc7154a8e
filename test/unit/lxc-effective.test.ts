/** The effective configuration and the quick fix of the mission: allow sys_time again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyAction, lxcService, LXC_URI } from '../helpers/service';
import { memoryHost } from '../../server/src/host';
import { nodeHost } from '../../server/src/nodeHost';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { needs } from '../helpers/needs';

const COMMON = '# common\nlxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio\n';
const host = memoryHost({ '/usr/share/lxc/config/common.conf': COMMON, '/usr/share/lxc/config/debian.common.conf': 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop = sys_rawio sys_nice\n' });
const CONTAINER = 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.uts.name = ntp\nlxc.rootfs.path = dir:/var/lib/lxc/ntp/rootfs\n';
const doc = (text: string) => ({ uri: LXC_URI, languageId: 'lxc', version: 1, text });

test('inlay hints show what an include drops and where it comes from', () => {
  const hints = lxcService({ host }).inlayHints(doc(CONTAINER), { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
  assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[0, 'drops: mac_admin mac_override sys_time sys_module sys_rawio — from common.conf']]);
  const h2 = lxcService({ host }).inlayHints(doc(`${CONTAINER}lxc.cap.drop = mknod\n`), { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } });
  assert.deepEqual(h2.map((h) => h.label), ['→ drops: mac_admin mac_override sys_time sys_module sys_rawio mknod']);
});

test('the effective view lists capabilities and values with their origins', () => {
  const text = lxcService({ host }).effectiveConfiguration(doc(CONTAINER))!;
  assert.match(text, /^lxc\.cap\.drop = mac_admin mac_override sys_time sys_module sys_rawio$/m);
  assert.match(text, /#   sys_time\s+common\.conf:2/);
  assert.match(text, /# from config:2\nlxc\.uts\.name = ntp/);
});

test('"Clear and redefine lxc.cap.drop without sys_time" on the include line', () => {
  const svc = lxcService({ host });
  const actions = svc.codeActions(doc(CONTAINER), { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, []);
  const a = actions.find((x) => x.title === 'Clear and redefine lxc.cap.drop without sys_time');
  assert.ok(a, actions.map((x) => x.title).join(' | '));
  assert.equal(applyAction(CONTAINER, a), [
    'lxc.include = /usr/share/lxc/config/common.conf',
    '# ctconf: LXC cannot give one capability back, so clear the drop list collected so far and drop the others again, without sys_time.',
    'lxc.cap.drop =',
    'lxc.cap.drop = mac_admin mac_override sys_module sys_rawio',
    'lxc.uts.name = ntp',
    'lxc.rootfs.path = dir:/var/lib/lxc/ntp/rootfs',
    '',
  ].join('\n'));
});

test('on a capability name the fix names only that capability; duplicates across includes are merged', () => {
  const text = 'lxc.include = /usr/share/lxc/config/debian.common.conf\nlxc.cap.drop = mknod sys_time\n';
  const svc = lxcService({ host });
  const titles = svc.codeActions(doc(text), { start: { line: 1, character: 17 }, end: { line: 1, character: 17 } }, []).map((x) => x.title);
  assert.deepEqual(titles, ['Clear and redefine lxc.cap.drop without mknod']);
  const fix = svc.allowCapability(doc(text), 'sys_time')!;
  const out = applyAction(text, { title: fix.title, edit: fix.edit });
  assert.equal(out, `${text}# ctconf: LXC cannot give one capability back, so clear the drop list collected so far and drop the others again, without sys_time.\nlxc.cap.drop =\nlxc.cap.drop = mac_admin mac_override sys_module sys_rawio sys_nice mknod\n`);
  assert.deepEqual(svc.droppedCapabilities(doc(text)), ['mac_admin', 'mac_override', 'sys_time', 'sys_module', 'sys_rawio', 'sys_nice', 'mknod']);
});

test('keep mode: add the capability to lxc.cap.keep', () => {
  const text = 'lxc.cap.keep = chown\nlxc.uts.name = a';
  const fix = lxcService({ host }).allowCapability(doc(text), 'sys_time')!;
  assert.equal(fix.title, 'Add sys_time to lxc.cap.keep');
  assert.equal(applyAction(text, { title: fix.title, edit: fix.edit }), 'lxc.cap.keep = chown\nlxc.cap.keep = sys_time\nlxc.uts.name = a');
});

test('the capability hover offers the fix when it is dropped', () => {
  const h = lxcService({ host }).hover(doc('lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop = sys_time\n'), { line: 1, character: 17 });
  assert.match((h!.contents as { value: string }).value, /\[Allow sys_time in this container\]\(command:ctconf\.allowCapability\?/);
});

test('liblxc loads the fixed file, without sys_time and with every other dropped capability', { skip: needs('liblxc oracle and LXC\'s common.conf', lxcOracleMissing() ?? (fs.existsSync('/usr/share/lxc/config/common.conf') ? undefined : 'LXC is not installed (scripts/prepare.sh installs it)')) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-mission-'));
  const svc = lxcService({ host: nodeHost() });
  const fix = svc.allowCapability(doc(CONTAINER), 'sys_time')!;
  const fixed = applyAction(CONTAINER, { title: fix.title, edit: fix.edit });
  const before = path.join(dir, 'before.conf');
  const after = path.join(dir, 'after.conf');
  fs.writeFileSync(before, CONTAINER);
  fs.writeFileSync(after, fixed);
  const r = runLxcOracle([before, after], ['lxc.cap.drop']);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.get(after)?.verdict, 'accept');
  const was = r.get(before)!.items['lxc.cap.drop'].split(/\s+/);
  const now = r.get(after)!.items['lxc.cap.drop'].split(/\s+/);
  assert.ok(was.includes('sys_time'));
  assert.ok(!now.includes('sys_time'));
  assert.deepEqual([...new Set(now)].sort(), [...new Set(was.filter((c) => c !== 'sys_time'))].sort());
});

test('the effective view shows control characters of file names and values as escapes, never as new lines', () => {
  const host = memoryHost({ '/etc/lxc/d/a\nlxc.cap.drop = sys_admin\n.conf': 'lxc.uts.name = x\u001b[2J\n' });
  const svc = lxcService({ host });
  const text = svc.effectiveConfiguration({ uri: LXC_URI, languageId: 'lxc', version: 1, text: 'lxc.include = /etc/lxc/d/\n' });
  assert.ok(text);
  assert.ok(!text.split('\n').some((l) => l.startsWith('lxc.cap.drop')), text);
  assert.ok(!text.includes('\u001b'), 'no escape byte');
  assert.match(text, /a\\x0alxc\.cap\.drop = sys_admin\\x0a\.conf/);
});
