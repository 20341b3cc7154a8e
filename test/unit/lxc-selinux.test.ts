/** SELinux contexts where ctconf meets them outside the contexts file: LXC configs and containers.conf. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { cursor, lxcDiags, lxcService } from '../helpers/service';
import { RULES } from '../../server/src/rules';
import type { MarkupContent } from 'vscode-languageserver-types';
import * as fs from 'node:fs';
import { corpusFile, corpusMissing } from '../helpers/podmanFormats';
import { needs } from '../helpers/needs';

const lxcHover = (marked: string, version: '4.0' | '5.0' | '6.0' | '7.0' = '5.0') => {
  const { text, pos } = cursor(marked);
  const h = lxcService({ version }).hover({ uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text }, pos);
  return h ? { md: (h.contents as MarkupContent).value, range: h.range } : undefined;
};
const severity = (code: string) => RULES.find((r) => r.code === code)?.severity;

test('both LXC SELinux rules are warnings: liblxc loads any string and fails only at start', () => {
  assert.equal(severity('lxc/selinux-invalid-context'), 'warning');
  assert.equal(severity('lxc/selinux-unusual-context'), 'warning');
});

test('well-formed contexts in lxc.selinux.context and .keyring give no finding', () => {
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s0:c100,c200\n'), []);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:spc_t:s0\nlxc.selinux.context.keyring = system_u:system_r:container_t:s0:c0.c1023\n'), []);
  assert.deepEqual(lxcDiags('lxc.selinux.context = "system_u:system_r:container_t:s0-s0:c0.c1023"\n'), []);
  // `unconfined_t` is liblxc's special "leave the label alone" value of the process context.
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\nlxc.keyring.session = 0\n'), []);
  // An empty value clears the key.
  assert.deepEqual(lxcDiags('lxc.selinux.context =\n'), []);
});

test('malformed contexts: a warning on the exact range inside the value', () => {
  //                     0         1         2         3         4         5         6
  //                     0123456789012345678901234567890123456789012345678901234567890123
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s0:c1024\n'), ['0:55-60 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s0:c5.c2\n'), ['0:55-60 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s0:c3.c3\n'), ['0:55-60 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = container_t\n'), ['0:22-33 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u::container_t\n'), ['0:31-31 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:x0\n'), ['0:52-54 lxc/selinux-invalid-context']);
  // Quoted values: ranges are inside the quotes.
  assert.deepEqual(lxcDiags('lxc.selinux.context = "system_u:system_r:container_t:s0:c1,cx"\n'), ['0:59-61 lxc/selinux-invalid-context']);
  // The keyring key too, and `unconfined_t` is not special there.
  assert.deepEqual(lxcDiags('lxc.selinux.context.keyring = system_u:system_r:container_t:s0:c2000\n'), ['0:63-68 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context.keyring = unconfined_t\n'), ['0:30-42 lxc/selinux-invalid-context']);
  const msg = lxcService().diagnostics({ uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text: 'lxc.selinux.context = a:b\n' })[0];
  assert.equal(msg.severity, 2);
  assert.match(msg.message as string, /fails to start on an SELinux host/);
});

test('well formed but unusual: sensitivity, repeated category, file role or file type', () => {
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s1\n'), ['0:52-54 lxc/selinux-unusual-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t:s0:c1,c1\n'), ['0:58-60 lxc/selinux-unusual-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:object_r:container_t:s0\n'), ['0:31-39 lxc/selinux-unusual-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_file_t:s0\n'), ['0:40-56 lxc/selinux-unusual-context']);
});

test('unconfined_t as the process context with a session keyring and no keyring context (LXC 4.0+)', () => {
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\n'), ['0:22-34 lxc/selinux-invalid-context']);
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\nlxc.keyring.session = 1\n'), ['0:22-34 lxc/selinux-invalid-context']);
  // A keyring context of its own, or no session keyring: nothing to report.
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\nlxc.selinux.context.keyring = system_u:system_r:container_t:s0\n'), []);
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\nlxc.keyring.session = 0\n'), []);
  // Only the last value counts.
  assert.deepEqual(lxcDiags('lxc.selinux.context = unconfined_t\nlxc.selinux.context = system_u:system_r:container_t:s0\n'), ['0:0-34 lxc/duplicate-key']);
});

test('lines LXC never reads are not checked', () => {
  assert.ok(!lxcDiags('lxc.uts.name = a\0\nlxc.selinux.context = bad\n').some((d) => d.includes('selinux')));
});

test('hover on an lxc.selinux.context value explains type, level and categories in plain words', () => {
  const h = lxcHover('lxc.selinux.context = system_u:system_r:cont|ainer_t:s0:c1,c2\n')!;
  assert.match(h.md, /\*\*container_t\*\*: the default domain of confined containers/);
  assert.match(h.md, /Categories `c1,c2`/);
  assert.match(h.md, /cannot read or write each other's files/);
  assert.match(h.md, /container's processes run in this SELinux context/);
  assert.match(h.md, /AppArmor hosts/);
  assert.deepEqual(h.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 60 } });
  assert.match(lxcHover('lxc.selinux.context = system_u:system_r:sp|c_t:s0\n')!.md, /effectively not confined/);
  assert.match(lxcHover('lxc.selinux.context = system_u:system_r:container_init_t:s|0\n')!.md, /systemd as their init/);
  assert.match(lxcHover('lxc.selinux.context.keyring = system_u:system_r:container_t:s|0\n')!.md, /session keyring is labelled/);
  assert.match(lxcHover('lxc.selinux.context = unconf|ined_t\n')!.md, /does not change the label/);
  assert.match(lxcHover('lxc.selinux.context.keyring = unconf|ined_t\n')!.md, /kernel refuses it/);
  assert.match(lxcHover('lxc.selinux.context = <b>|x\n')!.md, /not a security context/);
  // The key keeps its own hover.
  assert.match(lxcHover('lxc.selinux.con|text = system_u:system_r:container_t:s0\n')!.md, /^\*\*lxc\.selinux\.context\*\*/);
});

test('hover escapes document text', () => {
  const h = lxcHover('lxc.selinux.context = a:b:c_*x*_|t:s0\n')!;
  assert.ok(!h.md.includes('*x*_t**'), h.md);
  assert.match(h.md, /`c_\*x\*_t`|c\\_\\\*x/);
});

const ccHover = (marked: string) => {
  const { text, pos } = cursor(marked);
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.9', rules: {} });
  const h = svc.hover({ uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', version: 1, text }, pos);
  return h ? (h.contents as MarkupContent).value : '';
};

test('containers.conf label and label_users hovers explain labeling, MCS categories and spc_t', () => {
  const label = ccHover('[containers]\nla|bel = true\n');
  assert.match(label, /container_t/);
  assert.match(label, /MCS categories/);
  assert.match(label, /cannot read or write each other's files/);
  assert.match(label, /spc_t/);
  assert.match(label, /label=disable/);
  assert.match(label, /unconfined/);
  const users = ccHover('[containers]\nlabel_us|ers = true\n');
  assert.match(users, /system_u/);
  assert.match(users, /confined login user/);
  // Other keys do not get the note.
  assert.doesNotMatch(ccHover('[containers]\nin|it = true\n'), /MCS/);
});

const LXC_TE = corpusFile('liblxc-common', 'usr/share/lxc/selinux/lxc.te');

test('the contexts LXC\'s own policy module (lxc.te, Debian liblxc-common) tells users to write are clean and explained', { skip: needs('Debian corpus', corpusMissing(LXC_TE)) }, () => {
  const te = fs.readFileSync(LXC_TE, 'utf8');
  const m = /lxc\.selinux\.context = (\S+)/.exec(te);
  assert.ok(m, 'lxc.te names an lxc.selinux.context example');
  assert.deepEqual(lxcDiags(`lxc.selinux.context = ${m[1]}\n`), []);
  const md = lxcHover(`lxc.selinux.context = ${m[1].replace('lxc_t', 'lx|c_t')}\n`)!.md;
  assert.match(md, /policy module LXC itself ships/);
  // Its file label is a file type: not a process context.
  const file = /(\w+_u:object_r:(lxc_file_t)\S*)/.exec(te)!;
  assert.deepEqual(lxcDiags(`lxc.selinux.context = ${file[1]}\n`).map((d) => d.split(' ')[1]), ['lxc/selinux-unusual-context']);
});

test('the keyring is an object: object_r and file types are not flagged there', () => {
  assert.deepEqual(lxcDiags('lxc.selinux.context.keyring = system_u:object_r:container_file_t:s0\n'), []);
});
