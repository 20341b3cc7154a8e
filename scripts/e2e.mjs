// npm run test:e2e: build and package the extension, install the editor test tools, and run
// the VS Code workbench suite and the neovim smoke test.
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status || 1);
}

run(process.execPath, ['scripts/build.mjs', '--tests']);
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '-o', 'ctconf.vsix']);
run('bash', ['scripts/e2e-setup.sh']);
run(process.execPath, ['--test', '--test-concurrency=1', 'out/test/e2e/vscode.test.js', 'out/test/e2e/neovim.test.js'], { CTCONF_E2E: '1' });
