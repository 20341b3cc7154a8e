// npm test: build, type-check, install what the tests need, run every suite.
// The same command runs in CI (.ci/run) and on a developer machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
run(process.execPath, ['--test', '--test-concurrency=1', ...selected]);
