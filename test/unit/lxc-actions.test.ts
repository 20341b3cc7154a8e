/**
 * Quick fixes: apply the edit, compare the whole text; where a fix claims to repair the
 * file, liblxc (the differential oracle) must load the result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyAction, lxcActions, lxcDiags, lxcService, LXC_URI } from '../helpers/service';
import { memoryHost } from '../../server/src/host';
import { parseLxc } from '../../server/src/lxc/parser';
import { analyzeLxc } from '../../server/src/lxc/validate';
import { lxcCodeActions } from '../../server/src/lxc/actions';
import { capabilitiesInRange } from '../../server/src/lxc/effective';
import { fuzzInputs, seeds } from '../fuzz/fuzzer';
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
  assert.equal(fix('lxc.cap.drop = sys_time\nlxc.cap.keep = chown\n', /^Switch to keep mode/), 'lxc.cap.drop = sys_time\nlxc.cap.drop =\nlxc.cap.keep = chown\n');
  assert.equal(fix('lxc.net.0.veth.pair = p\n', /^Insert lxc\.net\.0\.type = veth/), 'lxc.net.0.type = veth\nlxc.net.0.veth.pair = p\n');
});

test('each claimed repair gives a file liblxc loads', { skip: needs('liblxc oracle', oracleMissing) }, () => {
  const cases: [string, RegExp | string][] = [
    ['lxc.cap.drop = CAP_SYS_TIME\n', 'Write sys_time'],
    ['lxc.cap.drop = net_raw   # breaks dhcp/ping\n', 'Move the comment to its own line above'],
    ['lxc.uts.nmae = web\n', 'Change to lxc.uts.name'],
    ['lxc.cap.drop = sys_time\nlxc.cap.keep = chown\n', /^Switch to keep mode/],
    ['lxc.net.0.veth.pair = p\n', /^Insert lxc\.net\.0\.type/],
    ['lxc.start.auto = 1 # boot\n', 'Move the comment to its own line above'],
    ['lxc.utsname = web\n', /^Replace lxc\.utsname/],
  ];
  for (const [src, title] of cases) {
    assert.equal(liblxcAccepts(src), false, `liblxc refuses ${src}`);
    assert.equal(liblxcAccepts(fix(src, title)), true, `fixed: ${src}`);
  }
});

test('"Move lxc.net.0.type above…" on lxc-complex.conf: an interface reusing a typed number gets its own number, the warning goes, no duplicate appears', () => {
  const file = path.join(CORPUS, 'liblxc-common/usr/share/doc/lxc/examples/lxc-complex.conf');
  if (!fs.existsSync(file)) {
    assert.notEqual(process.env.CI, 'true', `${file} is missing: run scripts/prepare.sh`);
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const before = lxcActions(text, { host: nodeHost() });
  const resets = before.diagnostics.filter((d) => d.code === 'lxc/net-type-resets');
  assert.equal(resets.length, 2, 'the file reuses lxc.net.0 three times');
  for (const d of resets) {
    const a = before.actions.find((x) => x.diagnostics?.includes(d));
    assert.ok(a, `a fix for the reset on line ${d.range.start.line + 1}`);
    const fixed = applyAction(text, a);
    const after = lxcDiags(fixed, { host: nodeHost() });
    assert.ok(!after.some((x) => x.startsWith(`${d.range.start.line}:`) && x.endsWith('lxc/net-type-resets')), `the reset on line ${d.range.start.line + 1} is gone:\n${after.join('\n')}`);
    assert.equal(after.filter((x) => x.endsWith('lxc/duplicate-key')).length, 0, `no duplicate-key after "${a.title}"`);
    assert.equal(after.filter((x) => x.endsWith('lxc/net-type-resets')).length, resets.length - 1);
  }
  const first = before.actions.find((x) => x.diagnostics?.includes(resets[0]))!;
  assert.equal(first.title, 'Give this interface its own number (lxc.net.1)');
  const fixed = applyAction(text, first);
  assert.deepEqual(fixed.split('\n').slice(10, 16).map((l) => l.split(' ')[0]), [
    'lxc.net.1.type', 'lxc.net.1.flags', 'lxc.net.1.link', 'lxc.net.1.hwaddr', 'lxc.net.1.ipv4.address', 'lxc.net.1.ipv6.address',
  ]);
});

/** Which line breaks a text uses. */
function breaks(text: string): Set<string> {
  return new Set([...text.matchAll(/\r\n|\r|\n/g)].map((m) => m[0]));
}

/** Applies edits after checking them: inside the document; bytes outside them, the final newline and the line-break style kept. */
function applyChecked(td: TextDocument, title: string, edits: TextEdit[], problems: string[]): string {
  const text = td.getText();
  const offsets = edits.map((e) => [td.offsetAt(e.range.start), td.offsetAt(e.range.end)]);
  for (const e of edits) {
    const { start, end } = e.range;
    for (const p of [start, end]) {
      const lineText = td.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
      if (p.line < 0 || p.line >= td.lineCount || p.character < 0 || p.character > lineText.length) problems.push(`"${title}" edits outside the document: ${JSON.stringify(e.range)}`);
    }
  }
  const fixed = TextDocument.applyEdits(td, edits);
  const lo = Math.min(...offsets.map((o) => o[0]));
  const hi = Math.max(...offsets.map((o) => o[1]));
  if (!fixed.startsWith(text.slice(0, lo)) || !fixed.endsWith(text.slice(hi))) problems.push(`"${title}" changes bytes outside its edits`);
  if (text !== '' && /[\r\n]$/.test(text) !== /[\r\n]$/.test(fixed)) problems.push(`"${title}" changes whether the file ends with a newline`);
  const had = breaks(text);
  for (const b of breaks(fixed)) if (had.size > 0 && !had.has(b)) problems.push(`"${title}" adds a ${JSON.stringify(b)} line break to a file without one`);
  return fixed;
}

/**
 * Applies every quick fix offered for every diagnostic of `text` and returns what is wrong:
 * an edit outside the document, bytes changed outside the edits, the final newline or the
 * line-break style changed, the fixed diagnostic still there, or new duplicate keys.
 */
function fixProblems(text: string, svc: ReturnType<typeof lxcService>): string[] {
  const problems: string[] = [];
  const td = TextDocument.create(LXC_URI, 'lxc', 1, text);
  const doc = { uri: LXC_URI, languageId: 'lxc', version: 1, text };
  const diagnostics = svc.diagnostics(doc);
  const count = (list: { code?: string | number }[], code: string | number | undefined) => list.filter((x) => x.code === code).length;
  for (const d of diagnostics.slice(0, 30)) {
    for (const a of svc.codeActions(doc, d.range, [d])) {
      const edits = a.edit?.changes?.[LXC_URI] ?? [];
      if (!a.diagnostics?.length || edits.length === 0) continue;
      const fixed = applyChecked(td, a.title, edits, problems);
      const after = svc.diagnostics({ ...doc, version: 2, text: fixed });
      if (after.some((x) => x.code === 'ctconf/internal-error')) problems.push(`validating the result of "${a.title}" failed`);
      const code = a.title.startsWith('Fix all') ? 'lxc/legacy-key' : d.code;
      if (count(after, code) >= count(diagnostics, code)) problems.push(`"${a.title}" leaves ${code} (line ${d.range.start.line + 1}) in place`);
      // A rename may meet a key already set (a legacy lxc.utsname next to lxc.uts.name): that duplicate is real.
      if (count(after, 'lxc/duplicate-key') > count(diagnostics, 'lxc/duplicate-key') && !/^(Change to|Replace|Fix all) /.test(a.title)) problems.push(`"${a.title}" adds a duplicate key`);
    }
  }
  // The edit behind "Allow X in this container" (hover link and code action).
  for (const cap of svc.droppedCapabilities(doc).slice(0, 3)) {
    const allow = svc.allowCapability(doc, cap);
    const edits = allow?.edit.changes?.[LXC_URI];
    if (!allow || !edits) {
      problems.push(`no edit allows the dropped ${cap}`);
      continue;
    }
    const fixed = applyChecked(td, allow.title, edits, problems);
    const after = { ...doc, version: 2, text: fixed };
    if (svc.droppedCapabilities(after).includes(cap)) problems.push(`"${allow.title}" leaves ${cap} dropped`);
    if (svc.diagnostics(after).some((x) => x.code === 'ctconf/internal-error')) problems.push(`validating the result of "${allow.title}" failed`);
  }
  return problems.map((p) => `${p}\n--- input:\n${text.slice(0, 2000)}`);
}

test('every LXC quick fix on the fixtures, the corpus and fuzzed inputs: inside the document, bytes and line breaks kept, the finding gone, no new duplicates', () => {
  const svc = lxcService({ host: memoryHost({ '/etc/lxc/common.conf': 'lxc.cap.drop = sys_time\n' }) });
  const { lxc } = seeds(CORPUS, ROOT);
  assert.ok(lxc.length >= 4, 'fixtures found');
  const variants = (t: string) => [t, t.replace(/\n/g, '\r\n'), t.replace(/\n+$/, ''), t.replace(/\n/g, '\r')];
  const problems: string[] = [];
  for (const t of lxc) for (const v of variants(t)) problems.push(...fixProblems(v, svc));
  let fuzzed = 0;
  for (const { language, input } of fuzzInputs(7, CORPUS, ROOT)) {
    if (fuzzed >= 300 || problems.length > 5) break;
    if (language !== 'lxc') continue;
    fuzzed++;
    problems.push(...fixProblems(input, svc));
  }
  assert.deepEqual(problems.slice(0, 5), []);
});

test('code actions for a range or diagnostics far past the end look only at the document', () => {
  const text = `lxc.include = /etc/lxc/common.conf\nlxc.cap.drop = sys_admin\nlxc.uts.name = a\nlxc.uts.name = b\n`;
  const host = memoryHost({ '/etc/lxc/common.conf': 'lxc.cap.drop = sys_time\n' });
  const doc = parseLxc(text);
  const a = analyzeLxc(doc, { version: '6.0', host });
  const t0 = performance.now();
  const caps = capabilitiesInRange(doc, a, { start: { line: 0, character: 0 }, end: { line: 1e9, character: 1e9 } });
  assert.deepEqual(caps.sort(), ['sys_admin', 'sys_time']);
  const far = { start: { line: 1e9, character: 0 }, end: { line: 1e9 + 1, character: 0 } };
  const bogus = [
    { source: 'ctconf', code: 'lxc/duplicate-key', message: 'x', range: far },
    { source: 'ctconf', code: 'lxc/net-type-resets', message: 'x', range: { start: { line: -1, character: 0 }, end: { line: -1, character: 3 } }, data: { index: 0, firstLine: -5 } },
    { source: 'ctconf', code: 'lxc/inline-comment', message: 'x', range: { start: { line: 2, character: 1e9 }, end: { line: 2, character: 1e9 } }, data: { inlineComment: true } },
  ];
  assert.deepEqual(lxcCodeActions(doc, LXC_URI, bogus), []);
  assert.ok(performance.now() - t0 < 2000);
});
