// npm run fuzz: a long fuzzing run (default 20,000 inputs or 10 minutes); see test/fuzz.
import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
const get = (k, d) => { const i = args.indexOf(k); return i === -1 ? d : args[i + 1]; };
let r = spawnSync(process.execPath, ['scripts/build.mjs', '--tests'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status);
r = spawnSync(process.execPath, ['--test', 'out/test/fuzz/fuzz.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, CTCONF_FUZZ_ITERATIONS: get('--iterations', '20000'), CTCONF_FUZZ_SEED: get('--seed', String(Date.now() % 1e9)), CTCONF_FUZZ_SECONDS: get('--seconds', '600') },
});
process.exit(r.status ?? 1);
