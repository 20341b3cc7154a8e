/** Seccomp profiles through the language service. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { applyAction, cursor } from '../helpers/service';
import { corpusFile } from '../helpers/podmanFormats';
import { detectLanguage } from '../../server/src/languages';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';

const URI = 'file:///etc/containers/seccomp.json';
const svc = () => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
const doc = (text: string) => ({ uri: URI, languageId: 'seccomp-json', version: 1, text });
const codes = (text: string) => svc().diagnostics(doc(text)).map((d) => d.code);
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
const P = (rules: string, extra = '') => `{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "defaultErrnoRet": 38,${extra}\n  "syscalls": [${rules}]\n}\n`;
const R = (names: string[], more = '') => `{"names": ${JSON.stringify(names)}, "action": "SCMP_ACT_ALLOW"${more}}`;

test('a small restrictive profile is clean', () => {
  assert.deepEqual(codes(P(R(['read', 'write', 'clock_gettime64', 'getuid32']))), []);
});

test('JSON and type errors podman refuses', () => {
  assert.deepEqual(codes(P(`${R(['read'])},`)), ['seccomp/json-syntax']);
  assert.deepEqual(codes(`// c\n${P(R(['read']))}`), ['seccomp/json-syntax']);
  assert.deepEqual(codes(P('{"names": "read", "action": "SCMP_ACT_ALLOW"}')), ['seccomp/wrong-type']);
  assert.deepEqual(codes(P(R(['read'], ', "errnoRet": -1'))), ['seccomp/wrong-type']);
  assert.deepEqual(codes('[]'), ['seccomp/wrong-type']);
  assert.deepEqual(codes(P(R(['read'], ', "name": "write"'))), ['seccomp/conflict']);
  assert.deepEqual(codes(P(R(['read']), '\n  "architectures": ["SCMP_ARCH_X86_64"],\n  "archMap": [{"architecture": "SCMP_ARCH_X86_64"}],')), ['seccomp/conflict']);
  assert.deepEqual(codes(P('{"names": ["read"], "action": "SCMP_ACT_ERRNO", "errno": "EBOGUS"}')), ['seccomp/invalid-errno']);
  assert.deepEqual(codes(P('{"names": ["read"], "action": "SCMP_ACT_ERRNO", "errno": "EPERM"}')), []);
});

test('values the runtime refuses at start', () => {
  assert.deepEqual(codes(P('{"names": ["read"], "action": "SCMP_ACT_NOPE"}')), ['seccomp/unknown-action']);
  assert.deepEqual(codes(P(R(['read']), '\n  "architectures": ["SCMP_ARCH_BOGUS"],')), ['seccomp/unknown-arch']);
  assert.deepEqual(codes(P(R(['read'], ', "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_BAD"}]'))), ['seccomp/unknown-operator']);
  assert.deepEqual(codes(P(R(['read'], ', "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]'))), ['seccomp/arg-index']);
});

test('warnings: unknown names, duplicates, allow-all defaults, unknown fields and capabilities', () => {
  assert.deepEqual(codes(P(R(['raed']))), ['seccomp/unknown-syscall']);
  assert.deepEqual(codes(P(R(['read', 'read']))), ['seccomp/duplicate-syscall']);
  assert.deepEqual(codes(P(`${R(['read'])}, ${R(['read'])}`)), ['seccomp/duplicate-syscall']);
  assert.deepEqual(codes(P(`${R(['read'])}, ${R(['read'], ', "includes": {"caps": ["CAP_SYS_ADMIN"]}')}`)), []);
  assert.deepEqual(codes(P(R(['read'], ', "includes": {"caps": ["CAP_SYS_ADMN"]}'))), ['seccomp/unknown-capability']);
  assert.deepEqual(codes('{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": []}'), ['seccomp/allow-default']);
  assert.deepEqual(codes('{}'), ['seccomp/disabled']);
  assert.deepEqual(codes(P(R(['read'], ', "bogus": 1'))), ['seccomp/unknown-field']);
  assert.deepEqual(codes(P(R(['read'], ', "includes": {"minKernel": "4.8"}'))), []);
  assert.deepEqual(codes(P(R(['read'], ', "errno": "EPERM"'))), ['seccomp/no-effect']);
});

test('quick fixes respell names, keeping the quotes and everything else', () => {
  const text = P(R(['raed']));
  const s = svc();
  const d = s.diagnostics(doc(text));
  assert.equal(applyAction(text, s.codeActions(doc(text), d[0].range, d)[0], URI), P(R(['read'])));
  const t2 = P('{"names": ["read"], "action": "SCMP_ACT_ALOW"}');
  const d2 = s.diagnostics(doc(t2));
  assert.equal(applyAction(t2, s.codeActions(doc(t2), d2[0].range, d2)[0], URI), P('{"names": ["read"], "action": "SCMP_ACT_ALLOW"}'));
});

test('hover on syscalls names the gating capability; on actions and fields', () => {
  const s = svc();
  const text = P(R(['settimeofday', 'read']));
  const line = text.split('\n').findIndex((l) => l.includes('settimeofday'));
  const ch = text.split('\n')[line].indexOf('settimeofday') + 2;
  const h = hoverText(s.hover(doc(text), { line, character: ch }));
  assert.match(h, /system clock/);
  assert.match(h, /CAP_SYS_TIME/);
  const a = text.split('\n')[line].indexOf('SCMP_ACT_ALLOW') + 3;
  assert.match(hoverText(s.hover(doc(text), { line, character: a })), /runs normally/);
  assert.match(hoverText(s.hover(doc(text), { line: 1, character: 5 })), /no rule matches/);
});

test('completion of syscall names (documented) and actions', () => {
  const s = svc();
  const { text, pos } = cursor('{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["|"], "action": ""}]}');
  const items = s.completion(doc(text), pos);
  const item = items.find((i) => i.label === 'clock_settime')!;
  assert.ok(item);
  assert.match(JSON.stringify(item.documentation), /CAP_SYS_TIME/);
  const a = cursor('{"defaultAction": "|"}');
  assert.ok(s.completion(doc(a.text), a.pos).some((i) => i.label === 'SCMP_ACT_ERRNO'));
});

test('the default profile Debian ships: no errors, and a hover for every syscall it names', () => {
  const shipped = corpusFile('golang-github-containers-common', 'usr/share/containers/seccomp.json');
  const text = fs.readFileSync(fs.existsSync(shipped) ? shipped : '/usr/share/containers/seccomp.json', 'utf8');
  const s = svc();
  const d = s.diagnostics(doc(text));
  assert.deepEqual(d.filter((x) => x.severity === 1).map((x) => `${x.code}@${x.range.start.line + 1}`), []);
  const names = new Set<string>();
  for (const r of JSON.parse(text).syscalls) for (const n of r.names ?? []) names.add(n);
  const lines = text.split('\n');
  let hovered = 0;
  for (const n of names) {
    const line = lines.findIndex((l) => l.includes(`"${n}"`));
    const h = hoverText(s.hover(doc(text), { line, character: lines[line].indexOf(`"${n}"`) + 1 }));
    assert.ok(h.includes(`**${n}**`) && !/not a system call/.test(h), n);
    hovered++;
  }
  assert.ok(hovered > 400, `${hovered} names`);
  assert.deepEqual(s.symbols(doc(text)).map((x) => x.name), ['defaultAction', 'defaultErrnoRet', 'defaultErrno', 'archMap', 'syscalls']);
});

test('seccomp profile paths', () => {
  assert.equal(detectLanguage('/usr/share/containers/seccomp.json'), 'seccomp-json');
  assert.equal(detectLanguage('/home/a/profiles/web.seccomp.json'), 'seccomp-json');
  assert.equal(detectLanguage('/home/a/package.json'), undefined);
});

test('did-you-mean for the first 1,000 findings of a profile only; the findings themselves all stay', () => {
  // 1,500 misspellings of `read`: every one is reported, the first 1,000 carry the suggestion
  const names = Array.from({ length: 1500 }, (_, i) => (i % 2 ? 'raed' : 'reaad'));
  const diags = svc().diagnostics(doc(P(R(names)))).filter((d) => d.code === 'seccomp/unknown-syscall');
  assert.equal(diags.length, 1500);
  const data = diags.map((d) => (d.data as { suggestion: string | null }).suggestion);
  assert.deepEqual(new Set(data.slice(0, 1000)), new Set(['read']));
  assert.deepEqual(new Set(data.slice(1000)), new Set([null]));
});

test('seccomp: integers as Go reads them, null entries podman crashes on, a null profile', () => {
  const errno = (n: string) => P(`{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": ${n}}`);
  for (const n of ['1.0', '1e3', '-0']) assert.deepEqual(codes(errno(n)), ['seccomp/wrong-type'], n);
  assert.deepEqual(codes(errno('1')), []);
  assert.deepEqual(codes(P(`${R(['read'])}, null`)), ['seccomp/wrong-type']);
  assert.deepEqual(codes(P(R(['read'], ', "args": [null]'))), ['seccomp/wrong-type']);
  assert.deepEqual(codes('null\n'), []);
});
