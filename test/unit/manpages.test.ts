/**
 * Man pages at run time, tested against the real pages of Debian's manpages, lxc and
 * golang-github-containers-common packages (unpacked by scripts/prepare.sh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CORPUS } from '../helpers/paths';
import { ManPages, renderRoff } from '../../server/src/manpages';
import { nodeHost } from '../../server/src/nodeHost';
import { memoryHost } from '../../server/src/host';
import { CAPABILITIES } from '../../server/src/capabilities/table';
import { EXACT_KEYS } from '../../server/src/lxc/keys';
import { createLanguageService } from '../../server/src/service';
import { needs } from '../helpers/needs';

/** What Markdown shows: backslash escapes undone (the pages' text is escaped as Markdown). */
const shown = (md: string) => md.replace(/\\(.)/g, '$1');

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
  assert.match(m.capability('CAP_SYS_TIME')!.markdown, /\*\*settimeofday\*\*\\\(2\\\)/);
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
  assert.match(shown(h), /Set the system clock and the hardware real-time clock\./);
  assert.match(shown(h), /_From capabilities\(7\) on this host \(Linux man-pages 6\.03\):_/);
  const k = (svc.hover(doc, { line: 0, character: 3 })!.contents as { value: string }).value;
  assert.match(k, /_From lxc\.container\.conf\(5\) on this host/);
  const none = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, manDirs: ['/nowhere'] });
  const h2 = (none.hover(doc, { line: 0, character: 17 })!.contents as { value: string }).value;
  assert.doesNotMatch(h2, /on this host/);
  assert.match(h2, /CAP_SYS_TIME/);
});

test('the roff subset renders to Markdown', () => {
  assert.equal(renderRoff(['Set the clock', '.RB ( settimeofday (2)).', '.PP', 'Second \\fIpara\\fP with \\-\\- and \\(em.']), 'Set the clock \\(**settimeofday**\\(2\\)\\)\\.\n\nSecond _para_ with \\-\\- and —\\.');
  assert.equal(renderRoff(['.RS', '.IP \\[bu] 3', 'one', '.IP \\[bu]', 'two', '.RE']), '- one\n\n- two');
  assert.equal(renderRoff(['.nf', 'a = 1', '  b', '.fi']), '```\na = 1\n  b\n```');
});

test('man page text cannot inject links, images, HTML or commands into a hover', () => {
  const page = [
    '.TH CAPABILITIES 7 2024-01-01 "Linux man-pages 6.03](command:x)"',
    '.SH DESCRIPTION',
    '.TP',
    '.B CAP_SYS_TIME',
    'See [here](command:ctconf.allowCapability?%5B%5D) and ![img](https://evil.example/p.png) <img src=x onerror=alert(1)>.',
    '.IP "[tag](https://evil.example)"',
    'www.evil.example and https://evil.example/x',
    '.nf',
    'code ``` closes? [x](y)',
    '.fi',
    'In \\fCcode` [a](b)\\fR text.',
  ].join('\n');
  const svc = createLanguageService(memoryHost({ '/m/man7/capabilities.7': page }), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, manDirs: ['/m'] });
  const doc = { uri: 'file:///var/lib/lxc/c/config', languageId: 'lxc', version: 1, text: 'lxc.cap.drop = sys_time\n' };
  const h = (svc.hover(doc, { line: 0, character: 17 })!.contents as { value: string }).value;
  const man = h.slice(h.indexOf('_From capabilities(7)'));
  assert.ok(man.length > 30, h);
  // Outside code, nothing of the page is markup: no link, image, HTML or autolink survives.
  const outsideCode = man.replace(/(`{3,})\n[\s\S]*?\n\1/g, '').replace(/`[^`]*`/g, '');
  // (An escaped character, `\<`, is shown as text.)
  for (const bad of ['](', '![', '<img', 'command:', 'https://', 'www.evil']) {
    assert.ok(!outsideCode.split(`\\${bad[0]}`).join('').includes(bad), `${bad} in ${outsideCode}`);
  }
  // The code block's fence is longer than any backtick run in it, and the code span holds no backtick.
  assert.match(man, /````\ncode ``` closes\? \[x\]\(y\)\n````/);
  assert.match(man, /`code' \[a\]\(b\)`/);
  // The text itself is still all there, as a reader sees it.
  assert.match(shown(man), /See \[here\]\(command:ctconf\.allowCapability\?%5B%5D\) and !\[img\]/);
});

test('man pages in /proc, on /dev/zero, a FIFO, a gzip bomb or 100,000 directories answer at once with no text', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-man-'));
  try {
    const mk = (name: string) => {
      fs.mkdirSync(path.join(tmp, name, 'man7'), { recursive: true });
      return path.join(tmp, name);
    };
    fs.symlinkSync('/proc/self/pagemap', path.join(mk('proc'), 'man7/capabilities.7'));
    fs.symlinkSync('/proc/self/pagemap', path.join(mk('procgz'), 'man7/capabilities.7.gz'));
    fs.symlinkSync('/dev/zero', path.join(mk('zero'), 'man7/capabilities.7'));
    execFileSync('mkfifo', [path.join(mk('fifo'), 'man7/capabilities.7')]);
    // 1 GB of zeros compresses to about 1 MB: the page is refused at the output cap.
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    fs.writeFileSync(path.join(mk('bomb'), 'man7/capabilities.7.gz'), bomb);
    for (const d of ['proc', 'procgz', 'zero', 'fifo', 'bomb']) {
      const t0 = performance.now();
      const m = new ManPages(nodeHost(), [path.join(tmp, d)]);
      assert.equal(m.capability('CAP_SYS_TIME'), undefined, d);
      const took = performance.now() - t0;
      // The bound of the hostile-input suites (2 s), not a speed target: a hang or an unbounded
      // read would take far longer (a 64 MB gunzip alone takes ~0.5 s on a loaded 2-core VM).
      assert.ok(took < 2000, `${d}: ${took.toFixed(0)} ms`);
    }
    const dirs100k = Array.from({ length: 100_000 }, (_, i) => `${tmp}/none${i}`);
    const t0 = performance.now();
    const many = new ManPages(nodeHost(), dirs100k);
    assert.equal(many.capability('CAP_SYS_TIME'), undefined);
    assert.ok(performance.now() - t0 < 2000, 'only the first directories are searched');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
