/**
 * A short, bounded fuzzing run inside npm test (npm run fuzz runs a long one). Seeded, so a
 * failure reproduces; a found crash becomes a regression test in test/fuzz/regressions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, ROOT } from '../helpers/paths';
import * as os from 'node:os';
import { checkInput, fuzz, fuzzServer } from './fuzzer';
import { startLspClient } from '../helpers/lspClient';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { rng } from '../../bench/generate';

test('fuzzing the service: no exception, no hang, ranges inside, fixes apply', { timeout: 120000 }, () => {
  const seed = Number(process.env.CTCONF_FUZZ_SEED ?? 20261122);
  const r = fuzz({ iterations: Number(process.env.CTCONF_FUZZ_ITERATIONS ?? 400), seconds: Number(process.env.CTCONF_FUZZ_SECONDS ?? 45), seed, corpus: CORPUS, root: ROOT });
  console.log(`# fuzz: ${r.runs} inputs, seed ${seed}, ${r.failures.length} failures`);
  assert.ok(r.runs >= 50);
  assert.deepEqual(r.failures.map((f) => `${f.language}: ${f.problem} :: ${JSON.stringify(f.input.slice(0, 200))}`), []);
});

test('fuzzing the nine other formats: no exception, no internal error, no hang, ranges inside, fixes apply', { timeout: 120000 }, () => {
  const seed = Number(process.env.CTCONF_FUZZ_SEED ?? 20261122) + 3;
  const r = fuzz({ iterations: Number(process.env.CTCONF_FUZZ_ITERATIONS ?? 400), seconds: Number(process.env.CTCONF_FUZZ_SECONDS ?? 45), seed, corpus: CORPUS, root: ROOT, formats: 'others' });
  console.log(`# fuzz (other formats): ${r.runs} inputs, seed ${seed}, ${r.failures.length} failures`);
  assert.ok(r.runs >= 50);
  assert.deepEqual(r.failures.map((f) => `${f.language}: ${f.problem} :: ${JSON.stringify(f.input.slice(0, 200))}`), []);
});

test('fuzzing the real server over stdio: every request answers (no hang), ranges inside, fixes apply', { timeout: 180000 }, async () => {
  const seed = Number(process.env.CTCONF_FUZZ_SEED ?? 20261122) + 1;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-fuzz-'));
  // Under the memory guard: the inputs include /proc and device includes.
  const client = await startLspClient({ guard: true });
  try {
    const r = await fuzzServer(client, { iterations: Math.ceil(Number(process.env.CTCONF_FUZZ_ITERATIONS ?? 400) / 4), seconds: Number(process.env.CTCONF_FUZZ_SECONDS ?? 45), seed, corpus: CORPUS, root: ROOT, dir });
    console.log(`# fuzz (server): ${r.runs} inputs, ${r.fixes} quick fixes applied, seed ${seed}, ${r.failures.length} failures`);
    assert.ok(r.runs >= 20);
    assert.deepEqual(r.failures.map((f) => `${f.language}: ${f.problem} :: ${JSON.stringify(f.input.slice(0, 200))}`), []);
    assert.equal(client.process.exitCode, null, client.stderr());
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fuzzing hovers for Markdown and escape bytes from the document', { timeout: 120000 }, () => {
  const seed = Number(process.env.CTCONF_FUZZ_SEED ?? 20261122) + 2;
  const r = fuzz({ iterations: Number(process.env.CTCONF_FUZZ_ITERATIONS ?? 400), seconds: Number(process.env.CTCONF_FUZZ_SECONDS ?? 45), seed, corpus: CORPUS, root: ROOT, markdown: true });
  console.log(`# fuzz (Markdown): ${r.runs} inputs, seed ${seed}, ${r.failures.length} failures`);
  assert.deepEqual(r.failures.map((f) => `${f.language}: ${f.problem} :: ${JSON.stringify(f.input.slice(0, 200))}`), []);
});

test('regression inputs found by fuzzing stay fixed', () => {
  const dir = path.join(ROOT, 'test/fuzz/regressions');
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const f of files) {
    const lang = f.endsWith('.toml') ? 'containers-conf' : 'lxc';
    assert.deepEqual(checkInput(svc, lang, fs.readFileSync(path.join(dir, f), 'utf8'), rng(1)), [], f);
  }
  assert.ok(files.length > 0);
});
