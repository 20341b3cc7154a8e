// npm test: build, type-check, install what the tests need, run every suite.
// The same command runs in CI (.ci/run) and on a developer machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`npm test: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

run(process.execPath, ['scripts/build.mjs', '--tests']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
run('bash', ['scripts/prepare.sh']);
// The editor end-to-end suite runs in CI (and with CTCONF_E2E=1): it needs the packaged
// .vsix and the tools scripts/e2e-setup.sh installs (code-server, Chromium, Node 24, neovim).
const e2e = process.env.CI === 'true' || process.env.CTCONF_E2E === '1';
if (e2e) {
  run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '-o', 'ctconf.vsix']);
  run('bash', ['scripts/e2e-setup.sh']);
}

const files = [];
const walk = (d) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.test.js')) files.push(p);
  }
};
walk('out/test');
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
// The editor suites (e2e, electron) drive one browser or editor each and stay serial, after the
// rest. The other suites are independent (own temp dirs, own server processes) and run side by
// side, two at a time on 2 cores (much of their time is spent waiting on podman, liblxc and
// server child processes): on the shared 2-core VM at load average ~13 the unit, lsp, corpus,
// differential, fuzz and grammar suites took 299 s one at a time and 212 s two at a time.
// CTCONF_TEST_CONCURRENCY overrides the number.
// The hostile-input suites assert answers within 2 s under a memory guard: they run alone too,
// so a neighbouring suite cannot take half the machine while they measure.
const editorSuite = (f) => /[\\/](e2e|electron|hostile)[\\/]/.test(f);
const concurrency = Number(process.env.CTCONF_TEST_CONCURRENCY ?? Math.max(2, Math.min(4, availableParallelism())));
const independent = selected.filter((f) => !editorSuite(f));
const editors = selected.filter(editorSuite);
if (independent.length) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...independent], { stdio: 'inherit' });
  console.log(`npm test: ${independent.length} suites (unit, lsp, corpus, differential, fuzz, grammar), ${concurrency} at a time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (r.status !== 0) {
    console.error(`npm test: suites failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
if (editors.length) run(process.execPath, ['--test', '--test-concurrency=1', ...editors]);
