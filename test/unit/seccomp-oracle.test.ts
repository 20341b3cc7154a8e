/**
 * Seccomp profiles against `podman create --security-opt seccomp=FILE` of an empty image
 * imported offline into a private sandbox: Debian's shipped profile (containers-common) and
 * one-defect variants of it. ctconf's load-time errors must match podman's verdict exactly;
 * the errors ctconf reports for values the runtime refuses at start (actions, architectures,
 * operators, argument indexes) must be files podman create still accepts. Starting containers
 * is not possible in this test environment (crun cannot set rlimits), so those are not run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { PodmanSandbox, corpusFile, corpusMissing, podmanMissing } from '../helpers/podmanFormats';

const SHIPPED = corpusFile('golang-github-containers-common', 'usr/share/containers/seccomp.json');
const missing = podmanMissing() ?? corpusMissing(SHIPPED);
const AT_START = new Set(['seccomp/unknown-action', 'seccomp/unknown-arch', 'seccomp/unknown-operator', 'seccomp/arg-index']);

function findings(text: string) {
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  return svc.diagnostics({ uri: 'file:///etc/containers/seccomp.json', languageId: 'seccomp-json', version: 1, text });
}

type Edit = (p: Record<string, unknown> & { syscalls: Record<string, unknown>[] }) => void;
const DEFECTS: [string, Edit | string][] = [
  ['trailing comma', 'TRAILING'],
  ['comment', 'COMMENT'],
  ['names as a string', (p) => { p.syscalls[2].names = 'read'; }],
  ['negative errnoRet', (p) => { p.syscalls[0].errnoRet = -1; }],
  ['errnoRet as a string', (p) => { p.syscalls[0].errnoRet = '1'; }],
  ['fractional default errno', (p) => { p.defaultErrnoRet = 1.5; }],
  ['unknown errno name', (p) => { p.syscalls[0].errno = 'EBOGUS'; }],
  ['known errno name', (p) => { p.syscalls[0].errno = 'EPERM'; }],
  ['unknown default errno', (p) => { p.defaultErrno = 'ENOTHING'; }],
  ['name and names', (p) => { p.syscalls[2].name = 'read'; }],
  ['architectures and archMap', (p) => { p.architectures = ['SCMP_ARCH_X86_64']; }],
  ['architectures instead of archMap', (p) => { p.architectures = ['SCMP_ARCH_X86_64']; delete p.archMap; }],
  ['syscalls as an object', (p) => { (p as Record<string, unknown>).syscalls = {}; }],
  ['action as a number', (p) => { p.syscalls[1].action = 1; }],
  ['args index as a string', (p) => { p.syscalls[1].args = [{ index: '0', value: 1, op: 'SCMP_CMP_EQ' }]; }],
  ['unknown field', (p) => { p.syscalls[1].bogus = true; }],
  ['unknown top-level field', (p) => { (p as Record<string, unknown>).defaultActoin = 'SCMP_ACT_ALLOW'; }],
  ['unknown syscall name', (p) => { (p.syscalls[1].names as string[]).push('nosuchcall'); }],
  ['duplicate syscall', (p) => { (p.syscalls[1].names as string[]).push('read'); }],
  ['allow by default', (p) => { p.defaultAction = 'SCMP_ACT_ALLOW'; }],
  ['unknown action (fails at start)', (p) => { p.syscalls[1].action = 'SCMP_ACT_PERMIT'; }],
  ['unknown architecture (fails at start)', (p) => { p.architectures = ['SCMP_ARCH_Z80']; delete p.archMap; }],
  ['unknown operator (fails at start)', (p) => { p.syscalls[1].args = [{ index: 0, value: 1, op: 'SCMP_CMP_LIKE' }]; }],
  ['argument index 6 (fails at start)', (p) => { p.syscalls[1].args = [{ index: 6, value: 1, op: 'SCMP_CMP_EQ' }]; }],
  ['unknown capability condition', (p) => { p.syscalls[1].includes = { caps: ['CAP_NOPE'] }; }],
  ['empty profile', 'EMPTY'],
  // JSON shapes Go's decoder judges on its own terms.
  ['errnoRet 1.0', 'RAW:"errnoRet": 1.0'],
  ['errnoRet 1e3', 'RAW:"errnoRet": 1e3'],
  ['errnoRet 4096', (p) => { p.syscalls[0].errnoRet = 4096; }],
  ['errnoRet on an allow rule', (p) => { p.syscalls[1].errnoRet = 1; }],
  ['null among the names', (p) => { (p.syscalls[1].names as unknown[]).push(null); }],
  ['null syscall entry', (p) => { (p.syscalls as unknown[]).push(null); }],
  ['null args', (p) => { p.syscalls[1].args = null; }],
  ['empty action', (p) => { p.syscalls[1].action = ''; }],
  ['argument without op', (p) => { p.syscalls[1].args = [{ index: 0, value: 1 }]; }],
  ['lower-case architecture', (p) => { p.architectures = ['scmp_arch_x86_64']; delete p.archMap; }],
  ['includes.arches', (p) => { p.syscalls[1].includes = { arches: ['amd64'] }; }],
  ['null profile', 'NULL'],
  ['null argument', (p) => { p.syscalls[1].args = [null]; }],
  ['null archMap entry', (p) => { (p.archMap as unknown[]).push(null); }],
  ['errnoRet -0', 'RAW:"errnoRet": -0'],
];

const gate = process.env.CI === 'true' ? false : missing;

test('Debian\'s seccomp.json and one-defect variants agree with podman create', { skip: gate, timeout: 600000 }, () => {
  assert.equal(missing, undefined, missing);
  const text = fs.readFileSync(SHIPPED, 'utf8');
  const cases: { name: string; text: string }[] = [{ name: 'shipped profile', text }];
  for (const [name, edit] of DEFECTS) {
    let t: string;
    if (edit === 'TRAILING') t = text.replace(/\]\s*\}\s*$/, '],\n}\n');
    else if (edit === 'COMMENT') t = `// custom\n${text}`;
    else if (edit === 'NULL') t = 'null\n';
    else if (typeof edit === 'string' && edit.startsWith('RAW:')) t = text.replace(/"errnoRet": \d+/, edit.slice(4));
    else if (typeof edit === 'string') t = '{}';
    else {
      const p = JSON.parse(text);
      edit(p);
      t = JSON.stringify(p, null, '\t');
    }
    cases.push({ name, text: t });
  }
  const box = new PodmanSandbox();
  const wrong: string[] = [];
  let agree = 0;
  let refused = 0;
  try {
    for (const c of cases) {
      const p = box.seccompCreate(box.file(c.text, 'seccomp'));
      const errs = findings(c.text).filter((d) => d.severity === 1);
      const loadErrs = errs.filter((d) => !AT_START.has(String(d.code)));
      if (!p.ok) refused++;
      if (p.ok === (loadErrs.length === 0)) agree++;
      else wrong.push(`${c.name}: podman create ${p.ok ? 'accepts' : `refuses (${p.message.slice(-140)})`}, ctconf ${loadErrs.map((e) => `${e.code}@${e.range.start.line + 1}`).join(', ') || 'no load-time error'}`);
      if (/fails at start/.test(c.name) && !errs.some((d) => AT_START.has(String(d.code)))) wrong.push(`${c.name}: ctconf reports no start-time error`);
    }
  } finally {
    box.dispose();
  }
  console.log(`# seccomp oracle: ${cases.length} profiles (${DEFECTS.length} one-defect), podman create refuses ${refused}; load-time verdicts agree ${agree}/${cases.length} (${((100 * agree) / cases.length).toFixed(1)} %)`);
  assert.deepEqual(findings(text).filter((d) => d.severity === 1), []);
  assert.deepEqual(wrong, []);
});
