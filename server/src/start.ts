/**
 * dist/ctconf.js, what bin/ctconf runs: loads the CLI bundle (dist/cli.js) with the V8 code
 * cache the build made next to it for this V8 (dist/cli.js.<v8 version>-<arch>.cache), then
 * runs it; without a cache for this V8, it simply requires the bundle.
 *
 * Why by hand: compiling the 270 KB bundle is a tenth of a small check's time (about 9 of
 * 77 ms on the benchmark VM); Node 22 can cache compiled code itself
 * (`module.enableCompileCache`), Node 20 cannot. V8 also checks the cache against the source
 * and rejects a stale one, and the bundle is then compiled as without one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

/** The cache's name for the running V8 (a cache made by another V8 is useless). */
export function cacheFile(bundle: string): string {
  return `${bundle}.${process.versions.v8}-${process.arch}.cache`;
}

/**
 * Compiles and runs a CommonJS bundle as `require` would, with `cachedData` if given; the
 * script is returned too, to tell whether the cache was taken or to make one
 * (scripts/code-cache.mjs).
 */
export function loadBundle(file: string, cachedData?: Buffer): { script: vm.Script; exports: Record<string, unknown> } {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const bundle = new Module(file, module);
  bundle.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, (id: string) => bundle.require(id), bundle, file, path.dirname(file));
  return { script, exports: bundle.exports as Record<string, unknown> };
}

function start(): void {
  const file = path.join(__dirname, 'cli.js');
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile(file));
  } catch {
    cachedData = undefined;
  }
  if (!cachedData) {
    if (process.env.CTCONF_TRACE === '1') process.stderr.write('ctconf: no code cache for this Node\n');
    (require(file) as { runCli(): void }).runCli();
    return;
  }
  const { script, exports } = loadBundle(file, cachedData);
  if (process.env.CTCONF_TRACE === '1') process.stderr.write(`ctconf: code cache ${script.cachedDataRejected ? 'rejected' : 'used'}\n`);
  (exports.runCli as () => void)();
}

if (require.main === module) start();
