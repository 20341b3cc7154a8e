/**
 * npm run bench: ctconf side by side with the real parsers, as ratios (absolute times on
 * these machines are noisy), and the language server's latencies. Prints tables of figures.
 *
 *  1. whole-process `ctconf check` vs liblxc (test/oracles/lxccheck.c) on generated LXC configs
 *     of 100k and 1M lines: time, peak memory, growth from 100k to 1M;
 *  2. whole-process check of a ~55,000-line containers.conf vs `podman --version` and
 *     `taplo check`;
 *  3. the server over stdio on 10,000-line files: didOpen → diagnostics, didChange → fresh
 *     diagnostics, hover, completion (median and p95);
 *  4. spawn → initialize, bundle and .vsix sizes; 1,000 edits/s for 10 s; 10,000 open/close.
 *
 * Generated files are checked valid by liblxc and podman before they are timed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateContainersConf, generateLxc } from './generate';
import { startLspClient } from '../test/helpers/lspClient';
import { createLanguageService } from '../server/src/service';
import { memoryHost } from '../server/src/host';

const ROOT = process.cwd();
const LAUNCHER = path.join(ROOT, 'bin/ctconf');
const LXCCHECK = path.join(ROOT, '.cache/bin/lxccheck');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-bench-'));
const RUNS = Number(process.env.CTCONF_BENCH_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;

function table(title: string, header: string[], rows: string[][]): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(w[i])).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`| ${w.map((x) => '-'.repeat(x)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

/** Runs a command RUNS times; median wall time and peak RSS (from GNU-style rusage of the child). */
function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; rssKiB: number; status: number | null } {
  const times: number[] = [];
  let rss = 0;
  let status: number | null = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    status = r.status;
    const m = /maxRSS=(\d+)|@maxrss=(\d+)/.exec(`${r.stderr}${r.stdout}`);
    if (m) rss = Math.max(rss, Number(m[1] ?? m[2]));
  }
  return { ms: median(times), rssKiB: rss, status };
}

/**
 * `ctconf check` as users run it: the bin/ctconf launcher (with this node first on PATH).
 * `extra` adds environment variables (CTCONF_HELPERS=0 for the one-thread figures).
 */
function ctconfCommand(file: string, language: string, version: string[], extra: NodeJS.ProcessEnv = {}): [string, string[], NodeJS.ProcessEnv] {
  const env = { ...process.env, ...extra, CTCONF_REPORT_RSS: '1', PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  return ['sh', [LAUNCHER, 'check', '--language', language, ...version, '--format', 'json', file], env];
}

function ctconf(file: string, language: string, version: string[]): { ms: number; rssKiB: number } {
  return timeCommand(...ctconfCommand(file, language, version));
}

/**
 * Runs commands in turn, RUNS rounds (a, b, c, a, b, c, …), so that the machine's drifting
 * speed touches all of them alike; median wall time and peak RSS of each.
 */
function timeInterleaved(cmds: [string, string[], NodeJS.ProcessEnv][]): { ms: number; rssKiB: number; times: number[] }[] {
  const times: number[][] = cmds.map(() => []);
  const rss = cmds.map(() => 0);
  for (let i = 0; i < RUNS; i++) {
    cmds.forEach(([cmd, args, env], k) => {
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
      times[k].push(performance.now() - t0);
      const m = /maxRSS=(\d+)|@maxrss=(\d+)/.exec(`${r.stderr}${r.stdout}`);
      if (m) rss[k] = Math.max(rss[k], Number(m[1] ?? m[2]));
    });
  }
  return cmds.map((_, k) => ({ ms: median(times[k]), rssKiB: rss[k], times: times[k] }));
}

async function main(): Promise<void> {
  console.log(`ctconf bench on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB), node ${process.version}, median of ${RUNS} runs`);

  // 0. In-process engine figures (issue: parse + validate at 10k, 100k, 1M lines)
  const rows0: string[][] = [];
  for (const lines of [10_000, 100_000, 1_000_000]) {
    const text = generateLxc(lines);
    const file = path.join(dir, `inproc-${lines}.conf`);
    fs.writeFileSync(file, text);
    const times: number[] = [];
    let heap = 0;
    for (let i = 0; i < RUNS; i++) {
      const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
      (global as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      svc.diagnostics({ uri: `file://${file}`, languageId: 'lxc', version: i, text });
      times.push(performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    }
    const whole = ctconf(file, 'lxc', ['--lxc-version', '5.0']);
    rows0.push([lines.toLocaleString('en'), `${(text.length / 2 ** 20).toFixed(1)} MB`, ms(median(times)), `${(heap / 2 ** 20).toFixed(0)} MB`, ms(whole.ms), mb(whole.rssKiB)]);
  }
  table('0. LXC engine: parse + validate in-process, and ctconf check as a whole process', ['lines', 'size', 'in-process', 'heap growth', 'whole process', 'peak RSS'], rows0);

  // 1. LXC vs liblxc
  const rows1: string[][] = [];
  const lxcTimes: Record<number, number> = {};
  const paired: string[] = [];
  for (const lines of [100_000, 1_000_000]) {
    const file = path.join(dir, `lxc-${lines}.conf`);
    fs.writeFileSync(file, generateLxc(lines));
    const cmds = [ctconfCommand(file, 'lxc', ['--lxc-version', '5.0']), ctconfCommand(file, 'lxc', ['--lxc-version', '5.0'], { CTCONF_HELPERS: '0' })];
    const haveLib = fs.existsSync(LXCCHECK);
    if (haveLib) {
      const check = spawnSync(LXCCHECK, ['-t', '600', file], { encoding: 'utf8' });
      if (!check.stdout.includes('\taccept')) throw new Error(`liblxc refuses the generated ${lines}-line config: ${check.stdout}`);
      cmds.push([LXCCHECK, ['-r', '-t', '600', file], process.env]);
    }
    const [ours, alone, lib] = timeInterleaved(cmds);
    lxcTimes[lines] = ours.ms;
    // Runs of one round are side by side in time: the median of their ratios is the steadiest
    // figure on a machine whose speed drifts.
    if (lib) paired.push(`${lines.toLocaleString('en')} lines: ${median(ours.times.map((t, i) => t / lib.times[i])).toFixed(2)} (1 thread ${median(alone.times.map((t, i) => t / lib.times[i])).toFixed(2)})`);
    rows1.push([lines.toLocaleString('en'), `${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB`, ms(ours.ms), ms(alone.ms), lib ? ms(lib.ms) : 'n/a', lib ? (ours.ms / lib.ms).toFixed(2) : 'n/a',
      lib ? (alone.ms / lib.ms).toFixed(2) : 'n/a', mb(ours.rssKiB), lib ? mb(lib.rssKiB) : 'n/a', lib ? (ours.rssKiB / lib.rssKiB).toFixed(2) : 'n/a']);
  }
  table('1. LXC config, whole process: ctconf check vs liblxc load_config, runs interleaved (target: time ratio ≤ 1.0, memory ≤ 2×)',
    ['lines', 'size', 'ctconf', 'ctconf, 1 thread', 'liblxc', 'time ratio', '1-thread ratio', 'ctconf RSS', 'liblxc RSS', 'memory ratio'], rows1);
  if (paired.length) console.log(`time ratio, median of the ratios of each round: ${paired.join('; ')}`);
  console.log(`growth 100k → 1M lines: ${(lxcTimes[1_000_000] / lxcTimes[100_000]).toFixed(1)}× (target ≤ 12×, linear)`);

  // 2. containers.conf vs podman and taplo
  const cc = path.join(dir, 'containers.conf');
  fs.writeFileSync(cc, generateContainersConf(55_000));
  const podmanOk = spawnSync('podman', ['--version'], { env: { ...process.env, CONTAINERS_CONF: cc } }).status === 0;
  const taploBin = path.join(ROOT, 'node_modules/.bin/taplo');
  const peers: [string, string[], NodeJS.ProcessEnv][] = [ctconfCommand(cc, 'containers-conf', ['--podman-version', '4.3'])];
  if (podmanOk) peers.push(['podman', ['--version'], { ...process.env, CONTAINERS_CONF: cc }]);
  // taplo's npm package runs on Node too: it starts without NODE_EXTRA_CA_CERTS as well.
  if (fs.existsSync(taploBin)) peers.push([taploBin, ['check', cc], { ...process.env, NODE_EXTRA_CA_CERTS: undefined }]);
  const timed = timeInterleaved(peers);
  const ours = timed[0];
  const podman = podmanOk ? timed[1] : undefined;
  const taplo = fs.existsSync(taploBin) ? timed[podmanOk ? 2 : 1] : undefined;
  table(`2. containers.conf, ${(fs.statSync(cc).size / 2 ** 20).toFixed(1)} MB, 55,000 lines, whole process (target vs podman: ≤ 0.5)`,
    ['tool', 'time', 'ctconf / tool'], [
      ['ctconf check', ms(ours.ms), '1.00'],
      ['podman --version (CONTAINERS_CONF)', podman ? ms(podman.ms) : 'podman missing or refuses the file', podman ? (ours.ms / podman.ms).toFixed(2) : 'n/a'],
      ['taplo check', taplo ? ms(taplo.ms) : 'n/a', taplo ? (ours.ms / taplo.ms).toFixed(2) : 'n/a'],
    ]);

  // 3. Language server latencies
  const rows3: string[][] = [];
  for (const [language, text, uri, hoverAt, completeAt] of [
    ['lxc', generateLxc(10_000), 'file:///var/lib/lxc/bench/config', { line: 1, character: 6 }, { line: 3, character: 4 }],
    ['containers-conf', generateContainersConf(10_000), 'file:///etc/containers/bench.conf', { line: 2, character: 2 }, { line: 6, character: 4 }],
  ] as const) {
    const c = await startLspClient();
    const open: number[] = [];
    const change: number[] = [];
    const hover: number[] = [];
    const completion: number[] = [];
    for (let i = 0; i < 20; i++) {
      const u = `${uri}.${i}`;
      let t0 = performance.now();
      await c.open(u, language, text);
      open.push(performance.now() - t0);
      for (let v = 2; v < 7; v++) {
        const pending = c.diagnostics(u, v);
        t0 = performance.now();
        c.notify('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: v % 2 ? '#' : '' }] });
        await pending;
        change.push(performance.now() - t0);
        t0 = performance.now();
        await c.request('textDocument/hover', { textDocument: { uri: u }, position: hoverAt });
        hover.push(performance.now() - t0);
        t0 = performance.now();
        await c.request('textDocument/completion', { textDocument: { uri: u }, position: completeAt });
        completion.push(performance.now() - t0);
      }
      c.notify('textDocument/didClose', { textDocument: { uri: u } });
    }
    await c.stop();
    rows3.push([language, ms(median(open)), ms(p95(open)), ms(median(change)), ms(p95(change)), ms(median(hover)), ms(p95(hover)), ms(median(completion)), ms(p95(completion))]);
  }
  table('3. Server over stdio, 10,000-line documents (targets: edit → diagnostics ≤ 30 ms median; hover, completion ≤ 5 ms median)',
    ['language', 'open median', 'open p95', 'edit median', 'edit p95', 'hover median', 'hover p95', 'completion median', 'completion p95'], rows3);

  // 4. Start-up, sizes, load
  // As the VS Code client starts it: without NODE_EXTRA_CA_CERTS (see bin/ctconf); with it
  // too when this environment sets it, for editors that pass it on.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
  const starts: number[] = [];
  const startsWithCerts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const launches: [NodeJS.ProcessEnv, number[]][] = [[{ ...process.env, NODE_EXTRA_CA_CERTS: undefined }, starts]];
    if (extraCerts) launches.push([process.env, startsWithCerts]);
    for (const [env, into] of launches) {
      const t0 = performance.now();
      const c = await startLspClient({ env });
      into.push(performance.now() - t0);
      await c.stop();
    }
  }
  const size = (f: string) => (fs.existsSync(f) ? `${(fs.statSync(f).size / 1024).toFixed(0)} KB` : 'not built');
  const load = await loadTest();
  table('4. Start-up, sizes and load (targets: initialize ≤ 250 ms, server bundle ≤ 500 KB, .vsix ≤ 1.5 MB)', ['figure', 'value'], [
    ['spawn → initialize answer (median)', ms(median(starts))],
    ...(extraCerts ? [[`  … with NODE_EXTRA_CA_CERTS=${extraCerts} passed on`, ms(median(startsWithCerts))]] : []),
    ['dist/server.js', size(path.join(ROOT, 'dist/server.js'))],
    ['dist/cli.js', size(path.join(ROOT, 'dist/cli.js'))],
    ['dist/extension.js', size(path.join(ROOT, 'dist/extension.js'))],
    ['ctconf.vsix', size(path.join(ROOT, 'ctconf.vsix'))],
    ['1,000 edits/s for 10 s: last edit → its diagnostics', ms(load.lastLatency)],
    ['1,000 edits/s for 10 s: server RSS before → after', `${load.rssBefore} → ${load.rssAfter} MB`],
    ['10,000 documents opened and closed: server RSS before → after', `${load.openBefore} → ${load.openAfter} MB`],
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('\n(bundle sizes are from the last build: `npm run package` builds the production bundles and the .vsix)');
}

/** 1,000 edits per second for 10 s on a 10k-line document, then 10,000 open/close. */
async function loadTest() {
  const c = await startLspClient();
  const rss = () => Number((fs.readFileSync(`/proc/${c.process.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) ?? [0, 0])[1]) / 1024;
  const uri = 'file:///var/lib/lxc/load/config';
  await c.open(uri, 'lxc', generateLxc(10_000));
  const rssBefore = rss();
  let v = 1;
  const end = performance.now() + 10_000;
  while (performance.now() < end) {
    const batchEnd = performance.now() + 100;
    for (let k = 0; k < 100; k++) {
      v++;
      c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: v % 2 ? 'x' : '' }] });
    }
    await new Promise((r) => setTimeout(r, Math.max(0, batchEnd - performance.now())));
  }
  const t0 = performance.now();
  v++;
  const last = c.diagnostics(uri, v, 30000);
  c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#' }] });
  await last;
  const lastLatency = performance.now() - t0;
  const rssAfter = rss();
  const openBefore = rss();
  for (let i = 0; i < 10_000; i++) {
    const u = `file:///var/lib/lxc/c${i}/config`;
    c.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'lxc', version: 1, text: 'lxc.uts.name = c\nlxc.cap.drop = sys_time\n' } });
    c.notify('textDocument/didClose', { textDocument: { uri: u } });
  }
  await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  (global as { gc?: () => void }).gc?.();
  const openAfter = rss();
  await c.stop();
  return { lastLatency, rssBefore: rssBefore.toFixed(0), rssAfter: rssAfter.toFixed(0), openBefore: openBefore.toFixed(0), openAfter: openAfter.toFixed(0) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
