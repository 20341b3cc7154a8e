/**
 * npm run bench: speed and memory of the engine, in-process and as whole CLI processes,
 * on generated LXC configs of 10k, 100k and 1M lines. Prints a table of figures.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateLxc } from './generate';
import { createLanguageService } from '../server/src/service';
import { memoryHost } from '../server/src/host';

const SIZES = [10_000, 100_000, 1_000_000];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-bench-'));
const cli = path.join(__dirname, 'cli.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const rows: string[][] = [];
for (const size of SIZES) {
  const text = generateLxc(size);
  const file = path.join(dir, `bench-${size}.conf`);
  fs.writeFileSync(file, text);
  const runs = size >= 1_000_000 ? 3 : 5;
  const times: number[] = [];
  let heap = 0;
  let diagCount = 0;
  for (let i = 0; i < runs; i++) {
    const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const d = svc.diagnostics({ uri: `file://${file}`, languageId: 'lxc', version: i, text });
    times.push(performance.now() - t0);
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    diagCount = d.length;
  }
  const procTimes: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'check', '--language', 'lxc', '--lxc-version', '5.0', '--format', 'json', file], {
      encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CTCONF_REPORT_RSS: '1' },
    });
    procTimes.push(performance.now() - t0);
    const m = /maxRSS=(\d+)/.exec(r.stderr);
    if (m) rss = Math.max(rss, Number(m[1]));
  }
  rows.push([
    size.toLocaleString('en'), `${(text.length / 1024 / 1024).toFixed(1)} MB`, String(diagCount),
    `${median(times).toFixed(1)} ms`, `${(heap / 1024 / 1024).toFixed(1)} MB`,
    `${median(procTimes).toFixed(0)} ms`, `${(rss / 1024).toFixed(0)} MB`,
  ]);
}
fs.rmSync(dir, { recursive: true, force: true });

const header = ['lines', 'size', 'diagnostics', 'parse+validate (in-process, median)', 'heap growth', 'ctconf check (whole process, median)', 'peak RSS'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`ctconf bench on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), node ${process.version}`);
console.log(line(header));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const r of rows) console.log(line(r));
