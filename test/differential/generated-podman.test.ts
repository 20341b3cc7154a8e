/**
 * Generated differential suite against Podman: cases of test/generators/containers.ts (every
 * containers.conf key × every TOML type × table placements, TOML structure quirks, value
 * validator boundaries) are loaded by the installed Podman (`podman --version`), and the
 * validator cases also go through `podman create` (which sets the engine up like `podman info`
 * and checks container-level values), each in a private mount namespace with vfs storage in a
 * temporary directory (test/helpers/truthPodman.ts). ctconf checks the same file for Podman 4.3.
 * Agreement: ctconf reports an error ⇔ Podman refuses the file at the step the case targets
 * (or at `create` when ctconf reports an error: ctconf's errors include later refusals).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { podmanRelease } from '../helpers/podmanOracle';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { IsolatedPodman, pool, truthPodmanMissing, type PodmanStep } from '../helpers/truthPodman';
import { assertFloor, classify, codes, report, writeCase, type Row } from '../helpers/truthCases';
import { containersCases, type ContainersCase } from '../generators/containers';
import { needs } from '../helpers/needs';
import { seedFromEnv, stratifiedSample } from '../generators/common';

/**
 * Floors: what ctconf achieves today (measured on this branch with the default seed and sample),
 * minus nothing. The lead raises them as the fixes for issue 14 land; never lower them.
 */
// Measured 2026-12-01: 274/275 (99.636 %), 1 false alarm (a relative image_copy_tmp_dir, which
// Podman only refuses when it copies an image), 0 misses (a single [network.default_subnet_pools]
// table is now an error, as Podman refuses it).
const FLOOR = { agreement: 99.63, falseAlarms: 1, misses: 0 };
/** Cases run per `npm test` (3/4 validators and structure, 1/4 types × placements; deterministic samples). */
const SAMPLE = Number(process.env.TRUTH_PODMAN_CASES) || 260;
/** Podman processes at a time (the machine has 2 cores). */
const WIDTH = 2;

test('generated containers.conf files: ctconf agrees with Podman (load, create)', { skip: needs('podman', truthPodmanMissing()) }, async () => {
  const release = podmanRelease();
  assert.match(release ?? '', /^4\.3\./, `the suite compares with Podman 4.3 (found ${release})`);
  const all = containersCases();
  const fixed = all.filter((c) => !c.shape.startsWith('toml:'));
  const typed = all.filter((c) => c.shape.startsWith('toml:'));
  const only = process.env.TRUTH_ONLY ? new RegExp(process.env.TRUTH_ONLY) : undefined; // for a developer narrowing a run
  // every structure case and every validated key at least once, then at random; the same for types × placements
  const seed = seedFromEnv();
  const cases: ContainersCase[] = [
    ...stratifiedSample(fixed, Math.round(SAMPLE * 0.75), seed, (c) => (c.key === 'structure' ? c.shape : c.key)),
    ...stratifiedSample(typed, Math.round(SAMPLE * 0.25), seed, (c) => `${c.shape}|${c.placement}`),
  ].filter((c) => !only || only.test(c.id));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-truth-podman-'));
  try {
    const podman = new IsolatedPodman(root);
    podman.prepareImage();
    const files = cases.map((c, i) => writeCase(path.join(root, 'cases', String(i)), c, 'containers.conf'));
    const service = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
    const diagnostics = cases.map((_, i) =>
      service.diagnostics({ uri: `file://${files[i]}`, languageId: 'containers-conf', version: 1, text: fs.readFileSync(files[i], 'utf8') }));
    const t0 = Date.now();
    // A load-level case goes through `create` too when ctconf calls it an error: ctconf may mean a
    // later refusal, and only `create` can say whether that is a false alarm.
    const steps = (c: ContainersCase, i: number): PodmanStep[] =>
      c.depth === 'create' || diagnostics[i].some((d) => d.severity === DiagnosticSeverity.Error) ? ['load', 'create'] : ['load'];
    const verdicts = await pool(cases, WIDTH, (c, i) => podman.verdict(files[i], steps(c, i)));
    const t1 = Date.now();
    const rows: Row[] = cases.map((c, i) => {
      const v = verdicts[i];
      const diags = diagnostics[i];
      const outcome = classify(!v.ok, diags);
      return { c, outcome, refused: !v.ok, oracle: v.ok ? 'accepts' : `${v.step}: ${v.message}`, ours: codes(diags) };
    });
    console.log(`podman took ${((t1 - t0) / 1000).toFixed(1)} s (${verdicts.filter((v) => v.created).length} cases went on to create)`);
    const f = report(`Podman ${release} vs ctconf (podmanVersion 4.3), ${cases.length} of ${all.length} generated cases`, rows);
    // The floors hold for the default run; a narrowed or re-seeded run only reports.
    if (process.env.TRUTH_ONLY || process.env.TRUTH_PODMAN_CASES || process.env.TRUTH_SEED) return;
    assertFloor(f, cases.length, FLOOR);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
