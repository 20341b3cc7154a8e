/** /etc/subuid and /etc/subgid: syntax, overlaps, overflow, and the containers a hover names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { detectLanguage } from '../../server/src/languages';
import { ROOT } from '../helpers/paths';
import { LOGIN_DEFS_DEFAULT } from '../../server/src/subid/language';

const FIX = path.join(ROOT, 'test/fixtures/subid');
const svc = (host: Host = memoryHost(), others: TextDoc[] = [], restricted = false) => {
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted });
  s.setOthers(() => others);
  return s;
};
const doc = (text: string, uri = 'file:///etc/subuid'): TextDoc => ({ uri, languageId: 'subid', version: 1, text });
const diags = (text: string, uri?: string) => svc().diagnostics(doc(text, uri)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);

test('subuid: the Debian defaults and plain entries are clean', () => {
  assert.deepEqual(diags(fs.readFileSync(path.join(FIX, 'debian-default.subuid'), 'utf8')), []);
  assert.deepEqual(diags(fs.readFileSync(path.join(FIX, 'subgid'), 'utf8'), 'file:///etc/subgid'), []);
  assert.deepEqual(diags('# comment\n\nann:0x186a0:0200000\n'), [], 'hex and octal are numbers to shadow');
});

test('subuid: every rule on the realistic fixture, with exact ranges', () => {
  const text = fs.readFileSync(path.join(FIX, 'subuid'), 'utf8');
  assert.deepEqual(diags(text), [
    '4:4-15 subid/duplicate-range',
    '5:5-22 subid/range-overflow',
    '6:12-13 subid/empty-range',
    '7:13-19 subid/malformed-line',
    '8:0-13 subid/malformed-line',
    '9:0-10 subid/malformed-line',
  ]);
});

test('subuid: two owners sharing IDs is a warning naming both; a UID and its name are one owner', () => {
  const text = 'ann:100000:65536\nbob:150000:65536\n';
  const d = svc().diagnostics(doc(text));
  assert.deepEqual(d.map((x) => [x.range.start.line, x.code]), [[1, 'subid/overlap']]);
  assert.match(String(d[0].message), /150000–165535/);
  assert.match(String(d[0].message), /ann/);
  assert.equal(d[0].relatedInformation?.[0].location.range.start.line, 0);
  const host = memoryHost({ '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n' });
  assert.deepEqual(svc(host).diagnostics(doc('ann:100000:65536\n1000:120000:10\n')).map((x) => x.code), ['subid/duplicate-range']);
  // The overlap is found even when the furthest-reaching range so far is the same owner's.
  assert.deepEqual(svc().diagnostics(doc('ann:0:1000000\nann:10:5\nbob:500:10\n')).map((x) => `${x.range.start.line} ${x.code}`), ['1 subid/duplicate-range', '2 subid/overlap']);
});

test('subuid: CRLF line endings and trailing blanks make shadow skip the line', () => {
  const d = svc().diagnostics(doc(fs.readFileSync(path.join(FIX, 'crlf.subuid'), 'utf8')));
  assert.deepEqual(d.map((x) => `${x.range.start.line} ${x.code}`), ['0 subid/malformed-line', '1 subid/malformed-line']);
  assert.match(String(d[0].message), /carriage return/);
  assert.match(String(svc().diagnostics(doc('ann:100000:65536 \n'))[0].message), /Blank space/);
  assert.deepEqual(diags(`ann:1:${'9'.repeat(1100)}\n`).map((s) => s.split(' ')[1]), ['subid/malformed-line']);
  // Shadow never reads past a third `:`: the range counts, and the ignored text is marked.
  assert.deepEqual(diags('ann:1:2:3\n'), ['0:7-9 subid/ignored-text']);
  assert.match(String(svc().diagnostics(doc('ann:100000:65536:x\n'))[0].message), /grants 65536 IDs from 100000/);
  assert.deepEqual(diags('ann:1:2 :3\n'), ['0:6-8 subid/malformed-line']);
  assert.deepEqual(diags('  ann:1:2\n'), ['0:0-5 subid/malformed-line']);
});

test('subuid: the range overflow rule sits exactly at 4294967294', () => {
  assert.deepEqual(diags('ann:4294901759:65536\n'), []);
  assert.deepEqual(diags('ann:4294901760:65536\n'), ['0:4-20 subid/range-overflow']);
});

test('subuid hover: the range, and the containers that map into it (documents and host dirs)', () => {
  const others: TextDoc[] = [
    { uri: 'file:///home/ann/.local/share/lxc/web/config', languageId: 'lxc', version: 1, text: 'lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 165536 65536\n' },
    { uri: 'file:///etc/pve/lxc/101.conf', languageId: 'proxmox-ct', version: 1, text: 'arch: amd64\nunprivileged: 1\n' },
  ];
  const host = memoryHost({ '/var/lib/lxc/db/config': 'lxc.idmap = u 0 170000 1000\n' });
  const s = svc(host, others);
  const text = 'root:100000:65536\nann:165536:65536\n';
  const h0 = s.hover(doc(text), { line: 0, character: 2 });
  assert.match(JSON.stringify(h0?.contents), /CT 101/);
  assert.match(JSON.stringify(h0?.contents), /platform/);
  const h1 = JSON.stringify(s.hover(doc(text), { line: 1, character: 2 })?.contents);
  assert.match(h1, /web/);
  assert.match(h1, /db/);
  assert.match(h1, /owned by `root`/);
  // Restricted Mode: only open documents, and the hover says so.
  const r = JSON.stringify(svc(host, others, true).hover(doc(text), { line: 1, character: 2 })?.contents);
  assert.match(r, /web/);
  assert.doesNotMatch(r, /\bdb\b/);
  // subgid ranges only list g maps.
  const g = JSON.stringify(s.hover(doc('ann:165536:65536\n', 'file:///etc/subgid'), { line: 0, character: 1 })?.contents);
  assert.match(g, /web/);
  assert.doesNotMatch(g, /\bdb\b/);
});

test('subuid hover: a config outside /home is its file owner\'s container', () => {
  const others: TextDoc[] = [{ uri: 'file:///srv/lxc/build/config', languageId: 'lxc', version: 1, text: 'lxc.idmap = u 0 165536 65536\n' }];
  const host = memoryHost({ '/srv/lxc/build/config': others[0].text, '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n' }, { owners: { '/srv/lxc/build/config': 1000 } });
  const h = JSON.stringify(svc(host, others).hover(doc('ann:165536:65536\n'), { line: 0, character: 1 })?.contents);
  assert.match(h, /build/);
  assert.doesNotMatch(h, /owned by/, 'the container is ann\'s own');
});

test('subuid hover: host scans are bounded and text from files is escaped', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`/var/lib/lxc/c${i}/config`] = 'lxc.idmap = u 0 100000 65536\n';
  const h = JSON.stringify(svc(memoryHost(files)).hover(doc('a*b:100000:65536\n'), { line: 0, character: 0 })?.contents);
  assert.match(h, /and 236 more/);
  assert.match(h, /`a\*b`/);
});

test('subuid/subgid files are detected by name, not other files', () => {
  assert.equal(detectLanguage('/etc/subuid'), 'subid');
  assert.equal(detectLanguage('/etc/subgid'), 'subid');
  assert.equal(detectLanguage('/etc/subuid-'), undefined);
  assert.equal(detectLanguage('/etc/lxc/lxc-usernet'), 'lxc-usernet');
  assert.equal(detectLanguage('/etc/lxc/default.conf'), 'lxc');
});

const LOGIN_DEFS = '/etc/login.defs';

test('the first range of Debian\'s login.defs is the one the hover names', { skip: fs.existsSync(LOGIN_DEFS) ? false : `${LOGIN_DEFS} is not on this machine` }, () => {
  const defs = fs.readFileSync(LOGIN_DEFS, 'utf8');
  const value = (name: string) => /^\s*(\d+)/.exec(defs.split('\n').find((l) => l.startsWith(`${name}\t`) || l.startsWith(`${name} `))?.slice(name.length) ?? '')?.[1];
  for (const t of ['UID', 'GID']) {
    assert.equal(value(`SUB_${t}_MIN`), String(LOGIN_DEFS_DEFAULT.start), `SUB_${t}_MIN`);
    assert.equal(value(`SUB_${t}_COUNT`), String(LOGIN_DEFS_DEFAULT.count), `SUB_${t}_COUNT`);
  }
  const h = JSON.stringify(svc().hover(doc('ann:100000:65536\n'), { line: 0, character: 1 })?.contents);
  assert.match(h, /login\.defs/);
});

test('subuid completion: host users without a line, then the next free range with the login.defs defaults', () => {
  const host = memoryHost({ '/etc/passwd': 'root:x:0:0::/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n' });
  const s = svc(host);
  const text = 'ann:100000:65536\nbob:300000:10\n';
  const owners = s.completion(doc(`${text}b`), { line: 2, character: 1 });
  assert.deepEqual(owners.map((i) => [i.label, i.detail]), [['root', 'user (UID 0)']]);
  assert.deepEqual(owners[0].textEdit, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, newText: 'root:' });
  // After `owner:`, the first ID past every range (never below 100000), 65,536 of them.
  const next = s.completion(doc(`${text}root:3`), { line: 2, character: 6 });
  assert.deepEqual(next.map((i) => [i.label, i.textEdit]), [['300010:65536', { range: { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } }, newText: '300010:65536' }]]);
  assert.deepEqual(svc().completion(doc('root:'), { line: 0, character: 5 }).map((i) => i.label), ['100000:65536']);
  // Nowhere else: after the start, in comments; and no range that would pass the highest ID.
  assert.deepEqual(s.completion(doc('root:100000:'), { line: 0, character: 12 }), []);
  assert.deepEqual(s.completion(doc('# r'), { line: 0, character: 3 }), []);
  assert.deepEqual(s.completion(doc('ann:4294901760:1\nroot:'), { line: 1, character: 5 }), []);
  // Restricted Mode: no host users.
  assert.deepEqual(svc(host, [], true).completion(doc('r'), { line: 0, character: 1 }), []);
});
