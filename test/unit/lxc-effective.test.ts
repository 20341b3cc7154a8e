/** The effective configuration and the quick fix of the mission: allow sys_time again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/paths';
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
  assert.match(text, /#   sys_time\s+\/usr\/share\/lxc\/config\/common\.conf:2/);
  assert.match(text, /# from \/var\/lib\/lxc\/c1\/config:2\nlxc\.uts\.name = ntp/);
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

// Keep mode done right: a keep line after inherited drops is meant to allow a capability.
const KEEP_AFTER_INCLUDE = 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.uts.name = ntp\n# chronyd sets the clock\nlxc.cap.keep = sys_time\n';

test('a keep line after the include: "Allow sys_time in this container" is the preferred fix, "switch to keep mode" second and explained', () => {
  const svc = lxcService({ host });
  const d = doc(KEEP_AFTER_INCLUDE);
  const diags = svc.diagnostics(d);
  const conflict = diags.find((x) => x.code === 'lxc/cap-mode-conflict');
  assert.ok(conflict, diags.map((x) => x.code).join(' '));
  const actions = svc.codeActions(d, conflict.range, [conflict]);
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred === true]), [
    ['Allow sys_time in this container', true],
    ['Switch to keep mode (insert "lxc.cap.drop =" above): the container keeps only sys_time and loses every other capability', false],
  ]);
  assert.deepEqual(actions[0].diagnostics, [conflict]);
  const fixed = applyAction(KEEP_AFTER_INCLUDE, actions[0]);
  assert.equal(fixed, [
    'lxc.include = /usr/share/lxc/config/common.conf',
    'lxc.uts.name = ntp',
    '# chronyd sets the clock',
    '# ctconf: LXC cannot give a capability back and keep mode would take every other one away, so the drop list is cleared and set again without sys_time.',
    'lxc.cap.drop =',
    'lxc.cap.drop = mac_admin mac_override sys_module sys_rawio',
    '',
  ].join('\n'));
  assert.deepEqual(svc.diagnostics(doc(fixed)), []);
  assert.deepEqual(svc.droppedCapabilities(doc(fixed)), ['mac_admin', 'mac_override', 'sys_module', 'sys_rawio']);
});

test('the trap of the old fix (clear, then keep only sys_time) gets the keep-too-few warning and the same "Allow" fix', () => {
  const text = 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop =\nlxc.cap.keep = sys_time\n';
  const svc = lxcService({ host });
  const diags = svc.diagnostics(doc(text));
  assert.deepEqual(diags.map((x) => [x.range.start.line, x.code, x.severity]), [[2, 'lxc/cap-keep-too-few', 2]]);
  const message = diags[0].message as string;
  assert.match(message, /keeps only sys_time and loses the other 40 capabilities, among them chown, dac_override, fowner, setuid, setgid, kill, setpcap and net_bind_service, which init systems/);
  const actions = svc.codeActions(doc(text), diags[0].range, diags);
  assert.equal(actions[0].title, 'Allow sys_time in this container');
  // The clear is already there: only the keep line changes.
  assert.equal(applyAction(text, actions[0]), 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop =\n# ctconf: LXC cannot give a capability back and keep mode would take every other one away, so the drop list is cleared and set again without sys_time.\nlxc.cap.drop = mac_admin mac_override sys_module sys_rawio\n');
});

test('keep lists: too few warned, a full list or an explicit none not, and a keep line naming nothing dropped gets no "Allow"', () => {
  const codes = (t: string) => lxcService({ host }).diagnostics(doc(t)).map((x) => x.code);
  assert.deepEqual(codes('lxc.cap.keep = sys_time\n'), ['lxc/cap-keep-too-few']);
  assert.match(lxcService({ host }).diagnostics(doc('lxc.cap.keep = chown dac_override fowner setuid setgid kill setpcap\n'))[0].message as string, /loses the other 34 capabilities, among them net_bind_service, which/);
  assert.deepEqual(codes('lxc.cap.keep = chown dac_override fowner setuid setgid kill setpcap net_bind_service sys_time\n'), []);
  assert.deepEqual(codes('lxc.cap.keep = none\n'), []);
  assert.deepEqual(codes('lxc.cap.keep = chown\nlxc.cap.keep = dac_override fowner setuid setgid kill setpcap net_bind_service\n'), []);
  const text = 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.keep = chown\n';
  const titles = lxcService({ host }).codeActions(doc(text), { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, []).map((a) => a.title);
  assert.ok(!titles.some((t) => t.startsWith('Allow')), titles.join(' | '));
});

test('the hover on a capability in a keep line after inherited drops offers "Allow"; the command with the line rewrites that line', () => {
  const svc = lxcService({ host });
  const h = svc.hover(doc(KEEP_AFTER_INCLUDE), { line: 3, character: 17 });
  const md = (h!.contents as { value: string }).value;
  const m = /\[Allow sys_time in this container\]\(command:ctconf\.allowCapability\?([^ )]+)/.exec(md);
  assert.ok(m, md);
  const args = JSON.parse(decodeURIComponent(m[1])) as [string, string, number];
  assert.deepEqual(args, [LXC_URI, 'sys_time', 3]);
  const fix = svc.allowCapability(doc(KEEP_AFTER_INCLUDE), args[1], args[2])!;
  assert.equal(fix.title, 'Allow sys_time in this container');
  assert.ok(!applyAction(KEEP_AFTER_INCLUDE, { title: fix.title, edit: fix.edit }).includes('lxc.cap.keep'));
  // A keep line in keep mode from the start drops nothing: no link.
  const plain = svc.hover(doc('lxc.cap.keep = sys_time\n'), { line: 0, character: 17 });
  assert.ok(!(plain!.contents as { value: string }).value.includes('[Allow'));
});

test('liblxc loads the file the preferred keep-line fix gives: common.conf\'s drops without sys_time, nothing kept', { skip: needs('liblxc oracle and LXC\'s common.conf', lxcOracleMissing() ?? (fs.existsSync('/usr/share/lxc/config/common.conf') ? undefined : 'LXC is not installed (scripts/prepare.sh installs it)')) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-keep-'));
  const svc = lxcService({ host: nodeHost() });
  const d = doc(KEEP_AFTER_INCLUDE);
  const diags = svc.diagnostics(d);
  const conflict = diags.find((x) => x.code === 'lxc/cap-mode-conflict')!;
  const preferred = svc.codeActions(d, conflict.range, [conflict]).find((a) => a.isPreferred)!;
  const fixed = applyAction(KEEP_AFTER_INCLUDE, preferred);
  const files = {
    common: 'lxc.include = /usr/share/lxc/config/common.conf\n',
    before: KEEP_AFTER_INCLUDE,
    after: fixed,
    // liblxc reports one list for both keys, whatever the mode; a further drop line tells the
    // modes apart (LXC refuses a drop after keep). The trap's keep-only file shows the probe works.
    afterProbe: `${fixed}lxc.cap.drop = kill\n`,
    trapProbe: 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.cap.drop =\nlxc.cap.keep = sys_time\nlxc.cap.drop = kill\n',
  };
  const p = (k: string) => path.join(dir, `${k}.conf`);
  for (const [k, t] of Object.entries(files)) fs.writeFileSync(p(k), t);
  const r = runLxcOracle(Object.keys(files).map(p), ['lxc.cap.drop']);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.get(p('before'))?.verdict, 'reject');
  assert.equal(r.get(p('after'))?.verdict, 'accept');
  const inherited = r.get(p('common'))!.items['lxc.cap.drop'].split(/\s+/);
  const now = r.get(p('after'))!.items['lxc.cap.drop'].split(/\s+/);
  assert.ok(inherited.includes('sys_time'));
  assert.deepEqual([...new Set(now)].sort(), [...new Set(inherited.filter((c) => c !== 'sys_time'))].sort());
  assert.equal(r.get(p('afterProbe'))?.verdict, 'accept', 'drop mode: nothing is kept');
  assert.equal(r.get(p('trapProbe'))?.verdict, 'reject', 'the probe tells keep mode apart');
});

test('`ctconf check` warns about a config that keeps only sys_time', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-keep-cli-'));
  const f = path.join(dir, 'config');
  fs.writeFileSync(f, 'lxc.uts.name = ntp\nlxc.cap.keep = sys_time\n');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', f], { encoding: 'utf8', timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.match(r.stdout, /config:2:1: warning lxc\/cap-keep-too-few In keep mode the container keeps only sys_time/);
});

test('effective view (real common.conf): network types, list-valued keys incl. lxcfs hooks, nested files, full-path origins', { skip: needs('LXC\'s common.conf', fs.existsSync('/usr/share/lxc/config/common.conf') ? undefined : 'LXC is not installed (scripts/prepare.sh installs it)') }, () => {
  const text = 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\nlxc.mount.entry = /srv srv none bind 0 0\n';
  const view = lxcService({ host: nodeHost() }).effectiveConfiguration(doc(text))!;
  assert.match(view, /# from \/var\/lib\/lxc\/c1\/config:2\nlxc\.net\.0\.type = veth\n# from \/var\/lib\/lxc\/c1\/config:3\nlxc\.net\.0\.link = lxcbr0/);
  assert.match(view, /# from \/usr\/share\/lxc\/config\/common\.conf:\d+\nlxc\.mount\.auto = cgroup:mixed proc:mixed sys:mixed/);
  assert.match(view, /lxc\.mount\.entry = \/sys\/fs\/fuse\/connections[^\n]*\n# from \/var\/lib\/lxc\/c1\/config:4\nlxc\.mount\.entry = \/srv srv none bind 0 0/);
  assert.match(view, /^lxc\.cgroup2\.devices\.allow = c 1:3 rwm$/m);
  assert.match(view, /#   sys_time\s+\/usr\/share\/lxc\/config\/common\.conf:\d+/);
  if (fs.existsSync('/usr/share/lxc/config/common.conf.d/00-lxcfs.conf')) {
    assert.match(view, /#     through it: \/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf/);
    assert.match(view, /# from \/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf:\d+\nlxc\.hook\.mount = \/usr\/share\/lxcfs\/lxc\.mount\.hook/);
  }
});

test('effective view: a clear empties a list key and the keys under it; a new type replaces the old', () => {
  const text = 'lxc.hook.start = /a\nlxc.hook.stop = /b\nlxc.hook =\nlxc.hook.start = /c\nlxc.net.0.type = veth\nlxc.net.0.type = empty\nlxc.mount.entry = x\nlxc.mount.entry =\n';
  const view = lxcService({ host }).effectiveConfiguration(doc(text))!;
  assert.ok(!view.includes('= /a') && !view.includes('= /b') && !view.includes('lxc.mount.entry'), view);
  assert.match(view, /^lxc\.hook\.start = \/c$/m);
  assert.match(view, /^lxc\.net\.0\.type = empty$/m);
  assert.ok(!view.includes('= veth'));
});

test('effective view: hooks of a directory included by an included file (lxcfs in common.conf.d/) with their file', () => {
  const h = memoryHost({
    '/usr/share/lxc/config/common.conf': 'lxc.cap.drop = sys_time\nlxc.include = /usr/share/lxc/config/common.conf.d/\n',
    '/usr/share/lxc/config/common.conf.d/00-lxcfs.conf': 'lxc.mount.auto = cgroup:mixed\nlxc.hook.mount = /usr/share/lxcfs/lxc.mount.hook\nlxc.hook.post-stop = /usr/share/lxcfs/lxc.reboot.hook\n',
  });
  const view = lxcService({ host: h }).effectiveConfiguration(doc('lxc.include = /usr/share/lxc/config/common.conf\n'))!;
  assert.match(view, /#   line 1: \/usr\/share\/lxc\/config\/common\.conf\n#     through it: \/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf\n/);
  assert.match(view, /# from \/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf:2\nlxc\.hook\.mount = \/usr\/share\/lxcfs\/lxc\.mount\.hook\n/);
  assert.match(view, /# from \/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf:3\nlxc\.hook\.post-stop = /);
  assert.match(view, /^lxc\.mount\.auto = cgroup:mixed$/m);
});
