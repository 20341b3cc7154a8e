/**
 * Man pages at run time, tested against the real pages of Debian's manpages, lxc and
 * golang-github-containers-common packages (unpacked by scripts/prepare.sh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../helpers/paths';
import { ManPages, renderRoff } from '../../server/src/manpages';
import { nodeHost } from '../../server/src/nodeHost';
import { memoryHost } from '../../server/src/host';
import { CAPABILITIES } from '../../server/src/capabilities/table';
import { EXACT_KEYS } from '../../server/src/lxc/keys';
import { createLanguageService } from '../../server/src/service';
import { needs } from '../helpers/needs';

const dirs = ['manpages', 'lxc', 'golang-github-containers-common'].map((p) => path.join(CORPUS, p, 'usr/share/man'));
const missing = dirs.every((d) => fs.existsSync(d)) ? undefined : `Debian man pages not unpacked under ${CORPUS} (scripts/prepare.sh downloads them)`;

test('capabilities(7): every capability has its paragraph', { skip: needs('man pages', missing) }, () => {
  const m = new ManPages(nodeHost(), dirs);
  for (const c of CAPABILITIES) {
    const e = m.capability(c.cap);
    assert.ok(e && e.markdown.length > 10, c.cap);
    assert.equal(e.page, 'capabilities(7)');
    assert.match(e.version ?? '', /man-pages/);
    assert.doesNotMatch(e.markdown, /\\f[BIRP]|^\.[A-Z]/m, `${c.cap}: no roff left`);
  }
  assert.match(m.capability('CAP_SYS_TIME')!.markdown, /\*\*settimeofday\*\*\(2\)/);
});

test('lxc.container.conf(5): every literal key is found (the four the 5.0 page does not describe excepted)', { skip: needs('man pages', missing) }, () => {
  const m = new ManPages(nodeHost(), dirs);
  // 7.0-only keys, the clear-only lxc.hook and the undocumented lxc.init.groups have no paragraph.
  const undocumented = ['lxc.environment.runtime', 'lxc.environment.hooks', 'lxc.hook', 'lxc.init.groups'];
  const notFound = EXACT_KEYS.map((k) => k.name).filter((k) => !m.lxcKey(k));
  assert.deepEqual(notFound, undocumented);
  assert.match(m.lxcKey('lxc.net.3.type')!.markdown, /veth/);
  assert.match(m.lxcKey('lxc.cgroup2.memory.max')!.markdown, /unified/);
  assert.match(m.lxcKey('lxc.hook.pre-start')!.markdown, /host/);
});

test('containers.conf(5): keys found', { skip: needs('man pages', missing) }, () => {
  const m = new ManPages(nodeHost(), dirs);
  for (const k of ['default_capabilities', 'cgroup_manager', 'events_logger', 'runtime', 'log_size_max']) assert.ok(m.containersKey(k), k);
  assert.match(m.containersKey('cgroup_manager')!.markdown, /`systemd`/);
});

test('hovers show the host page below ctconf\'s text, and fall back silently', { skip: needs('man pages', missing) }, () => {
  const svc = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, manDirs: dirs });
  const doc = { uri: 'file:///var/lib/lxc/c/config', languageId: 'lxc', version: 1, text: 'lxc.cap.drop = sys_time\n' };
  const h = (svc.hover(doc, { line: 0, character: 17 })!.contents as { value: string }).value;
  assert.match(h, /Set the system clock and the hardware real-time clock\./);
  assert.match(h, /_From capabilities\(7\) on this host \(Linux man-pages 6\.03\):_/);
  const k = (svc.hover(doc, { line: 0, character: 3 })!.contents as { value: string }).value;
  assert.match(k, /_From lxc\.container\.conf\(5\) on this host/);
  const none = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, manDirs: ['/nowhere'] });
  const h2 = (none.hover(doc, { line: 0, character: 17 })!.contents as { value: string }).value;
  assert.doesNotMatch(h2, /on this host/);
  assert.match(h2, /CAP_SYS_TIME/);
});

test('the roff subset renders to Markdown', () => {
  assert.equal(renderRoff(['Set the clock', '.RB ( settimeofday (2)).', '.PP', 'Second \\fIpara\\fP with \\-\\- and \\(em.']), 'Set the clock (**settimeofday**(2)).\n\nSecond _para_ with -- and —.');
  assert.equal(renderRoff(['.RS', '.IP \\[bu] 3', 'one', '.IP \\[bu]', 'two', '.RE']), '- one\n\n- two');
  assert.equal(renderRoff(['.nf', 'a = 1', '  b', '.fi']), '```\na = 1\n  b\n```');
});
