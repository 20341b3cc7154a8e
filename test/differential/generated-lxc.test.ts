/**
 * Generated differential suite against liblxc: every case of test/generators/lxc.ts (every key
 * of liblxc's jump table × value shapes × placements) is loaded by the installed liblxc
 * (.cache/bin/lxccheck, many files per process) and checked by ctconf for LXC 5.0.
 * Agreement: ctconf reports an error ⇔ liblxc refuses the file (a crash or a time-out counts
 * as a refusal). The figures and every disagreement are printed; the test fails when the
 * agreement falls below the floor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { LXCCHECK, liblxcRelease, lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { assertFloor, classify, codes, report, writeCase, type Row } from '../helpers/truthCases';
import { lxcCases } from '../generators/lxc';
import { needs } from '../helpers/needs';
import { seedFromEnv, stratifiedSample } from '../generators/common';

/**
 * Floors: what ctconf achieves today (measured on this branch with the default seed and sample),
 * minus nothing. The lead raises them as the fixes for issue 14 land; never lower them.
 */
// Measured 2026-12-01 after the fixes of issue 14: 2089/2100 (99.476 %), 0 false alarms, 11 misses,
// all warned (negative values in the setters whose verdict depends on liblxc's stale errno).
const FLOOR = { agreement: 99.47, falseAlarms: 0, misses: 11 };
/** Cases run per `npm test` (a deterministic stratified sample of the full cross product). */
const SAMPLE = Number(process.env.TRUTH_LXC_CASES) || 2100;

/** liblxc's own error lines for one file (asked again only for disagreements). */
function liblxcSays(file: string, cwd: string): string {
  // liblxc cannot log to a pipe here: its messages go to a file
  const log = `${file}.stderr`;
  const fd = fs.openSync(log, 'w');
  let r;
  try {
    r = spawnSync(LXCCHECK, [file], { cwd, encoding: 'utf8', timeout: 15000, stdio: ['ignore', 'pipe', fd] });
  } finally {
    fs.closeSync(fd);
  }
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('lxccheck:') && !l.includes('Failed to parse config file'));
  const msg = lines.map((l) => l.replace(/^lxccheck: .*?: [a-z0-9_]+: \d+ /, ''));
  return `${(r.stdout ?? '').split('\t')[1]?.trim() ?? '?'}: ${msg.slice(0, 2).join(' | ') || '(no message)'}`;
}

test('generated LXC configs: ctconf agrees with liblxc', { skip: needs('liblxc oracle', lxcOracleMissing()) }, () => {
  const release = liblxcRelease();
  assert.match(release ?? '', /^5\.0\./, `the suite compares with liblxc 5.0 (found ${release})`);
  const all = lxcCases();
  const only = process.env.TRUTH_ONLY ? new RegExp(process.env.TRUTH_ONLY) : undefined; // for a developer narrowing a run
  const cases = stratifiedSample(all, SAMPLE, seedFromEnv(), (c) => `${c.key.replace(/\d+/g, 'N')}|${c.shape}`).filter((c) => !only || only.test(c.id));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-truth-lxc-'));
  try {
    const files = cases.map((c, i) => writeCase(path.join(root, String(i)), c, 'config'));
    const t0 = Date.now();
    const oracle = runLxcOracle(files, [], root);
    const t1 = Date.now();
    const service = createLanguageService(nodeHost({ cwd: root }), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
    const rows: Row[] = cases.map((c, i) => {
      const o = oracle.get(files[i]);
      assert.ok(o, `no liblxc verdict for ${c.id}`);
      const refused = o.verdict !== 'accept';
      const text = fs.readFileSync(files[i], 'utf8');
      const diags = service.diagnostics({ uri: `file://${files[i]}`, languageId: 'lxc', version: 1, text });
      const outcome = classify(refused, diags);
      return { c, outcome, refused, oracle: outcome === 'agree' ? o.verdict : liblxcSays(files[i], root), ours: codes(diags) };
    });
    console.log(`liblxc took ${((t1 - t0) / 1000).toFixed(1)} s, ctconf and the re-asked disagreements ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    const f = report(`liblxc ${release} vs ctconf (lxcVersion 5.0), ${cases.length} of ${all.length} generated cases`, rows);
    // The floors hold for the default run; a narrowed or re-seeded run only reports.
    if (process.env.TRUTH_ONLY || process.env.TRUTH_LXC_CASES || process.env.TRUTH_SEED) return;
    assertFloor(f, cases.length, FLOOR);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
