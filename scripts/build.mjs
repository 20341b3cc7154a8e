// Bundles the three entry points (and the tests, with --tests) with esbuild.
// Every bundle is self-contained: the .vsix and the npm package need no node_modules.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  define: { CTCONF_VERSION: JSON.stringify(pkg.version) },
  // RULES.md is embedded as text (the SARIF output's rule help).
  loader: { '.md': 'text' },
  logLevel: 'warning',
};

const benchOnly = process.argv.includes('--bench-only');
const builds = benchOnly ? [] : [
  { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/main.ts', cli: 'server/src/cli.ts' } },
];
if (process.argv.includes('--bench') || benchOnly) {
  // The bench itself is never minified; it measures the bundles built before it.
  builds.push({ entryPoints: { bench: 'bench/bench.ts', 'bench-variant-server': 'bench/variantServer.ts' }, minify: false, sourcemap: false });
}

await Promise.all(builds.map((b) => esbuild.build({ ...common, outdir: 'dist', ...b })));
if (!benchOnly) {
  // Node reads and compiles the server bundle at every start: an all-ASCII file is decoded and
  // scanned faster (one byte per character; about 4 ms of the start-up on 824 KB). esbuild
  // escapes non-ASCII text in strings but not in regular expression literals: write \uXXXX there.
  const at = readFileSync('dist/server.js', 'latin1').search(/[^\x00-\x7f]/);
  if (at >= 0) {
    console.error(`dist/server.js is not ASCII at offset ${at}: write \\uXXXX escapes in regular expressions`);
    process.exit(1);
  }
}
if (!benchOnly) {
  // JSON Schemas generated from the key data (shipped in the .vsix and the npm package).
  const r = spawnSync(process.execPath, ['scripts/schemas.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status || 1);
}

if (withTests) {
  const tests = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts') || p.endsWith('electron/suite/index.ts')) tests.push(p);
    }
  };
  walk('test');
  await esbuild.build({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: tests,
    outdir: 'out',
    outbase: '.',
    external: ['vscode', 'playwright-core', '@vscode/test-electron'],
  });
}
