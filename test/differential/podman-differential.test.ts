/**
 * Differential test against Podman: every generated containers.conf is loaded with
 * `CONTAINERS_CONF=FILE podman --version`; Podman refusing it must equal ctconf reporting
 * an error that says Podman refuses the file at load time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { podmanLoads, podmanMissing, podmanRelease } from '../helpers/podmanOracle';
import { podmanCases, podmanValueCases } from './podmanCases';
import { needs } from '../helpers/needs';

/** Errors Podman only raises later (at `podman info`, `create`, `run`), not when loading. */
const LATER = new Set(['containers/runtime-value', 'containers/unknown-capability']);

test('ctconf agrees with podman on every generated containers.conf', { skip: needs('podman', podmanMissing()) }, () => {
  const release = podmanRelease()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-pdiff-'));
  const service = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: release, rules: {} });
  const mismatches: string[] = [];
  let refused = 0;
  const cases = podmanCases();
  cases.forEach((c, i) => {
    const f = path.join(dir, `c${i}.conf`);
    fs.writeFileSync(f, c.text);
    const p = podmanLoads(f);
    if (!p.ok) refused++;
    const diags = service.diagnostics({ uri: `file://${f}`, languageId: 'containers-conf', version: 1, text: c.text });
    const ours = !diags.some((d) => d.severity === DiagnosticSeverity.Error && !LATER.has(String(d.code)));
    if (ours !== p.ok) mismatches.push(`${c.id}: podman ${p.ok ? 'loads' : 'refuses'} ${JSON.stringify(c.text)} (${p.message.slice(0, 160)}); ctconf: ${diags.map((d) => `${d.code}`).join(',') || 'nothing'}`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# podman ${release}: ${cases.length} cases, ${refused} refused by podman, ${mismatches.length} disagreements`);
  assert.ok(refused > 20);
  assert.deepEqual(mismatches, []);
});

test('capability names: ctconf flags exactly the ones `podman create` refuses', { skip: needs('podman', podmanMissing()) }, async () => {
  const { podmanCreates } = await import('../helpers/podmanOracle');
  const names = ['CHOWN', 'chown', 'CAP_CHOWN', 'cap_kill', 'CAP_net_raw', 'Sys_Chroot', 'SYS_TIME', 'CAP_CHECKPOINT_RESTORE', 'bpf', 'perfmon',
    'FOO_BAR', 'ALL', 'all', 'CAP_ALL', 'SYS_TIM', '21', 'NET-RAW', ' CHOWN', 'CAP_', '', 'cap_cap_chown'];
  const release = podmanRelease()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-pcap-'));
  const service = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: release, rules: {} });
  const wrong: string[] = [];
  names.forEach((n, i) => {
    const text = `[containers]\ndefault_capabilities = ["CHOWN", ${JSON.stringify(n)}]\n`;
    const f = path.join(dir, `cap${i}.conf`);
    fs.writeFileSync(f, text);
    const p = podmanCreates(f);
    const flagged = service.diagnostics({ uri: `file://${f}`, languageId: 'containers-conf', version: 1, text }).some((d) => d.code === 'containers/unknown-capability');
    if (p.ok === flagged) wrong.push(`${JSON.stringify(n)}: podman create ${p.ok ? 'accepts' : `refuses (${p.message})`}, ctconf ${flagged ? 'flags it' : 'accepts'}`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(wrong, []);
});

test('value checks: ctconf reports an error exactly where `podman create` (load, runtime setup, create) fails', { skip: needs('podman', podmanMissing()) }, async () => {
  const { podmanCreates } = await import('../helpers/podmanOracle');
  const release = podmanRelease()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-pval-'));
  const service = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: release, rules: {} });
  const cases = podmanValueCases();
  const wrong: string[] = [];
  let refused = 0;
  cases.forEach((c, i) => {
    const f = path.join(dir, `v${i}.conf`);
    fs.writeFileSync(f, c.text);
    const p = podmanCreates(f);
    if (!p.ok) refused++;
    const diags = service.diagnostics({ uri: `file://${f}`, languageId: 'containers-conf', version: 1, text: c.text });
    const ours = !diags.some((d) => d.severity === DiagnosticSeverity.Error);
    if (ours !== p.ok) wrong.push(`${c.id}: podman create ${p.ok ? 'works' : 'fails'} with ${JSON.stringify(c.text)} (${p.message.slice(-160)}); ctconf: ${diags.map((d) => `${d.code}`).join(',') || 'nothing'}`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# podman ${release} create: ${cases.length} value cases, ${refused} refused, ${wrong.length} disagreements`);
  assert.ok(refused > 20);
  assert.deepEqual(wrong, []);
});
