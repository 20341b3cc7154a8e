// npm run package: production bundles, then the .vsix (offline), and its size.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

for (const [cmd, args] of [[process.execPath, ['scripts/build.mjs', '--production']], [process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '-o', 'ctconf.vsix']]]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
const kb = (f) => `${(statSync(f).size / 1024).toFixed(0)} KB`;
console.log(`ctconf.vsix: ${kb('ctconf.vsix')} (server.js ${kb('dist/server.js')}, cli.js ${kb('dist/cli.js')}, extension.js ${kb('dist/extension.js')})`);
