/**
 * npm run bench: ctconf side by side with the real parsers and the editor's latencies, in one
 * run, printed as tables of plain figures (bench/README.md says what each one measures).
 *
 *  A. a host's containers: 2,000 generated lxc-create style configs in one `ctconf check`
 *     vs liblxc loading the same files in one C process (test/oracles/lxcload.c);
 *  B. the editor: the server over stdio on 10,000-line files (didChange → diagnostics, hover,
 *     completion), spawn → initialize, 10,000 documents opened and closed;
 *  C. large files: 100k and 1M-line LXC configs of two shapes, `ctconf check` (one thread)
 *     vs liblxc (test/oracles/lxccheck.c), and the growth from 100k to 1M lines;
 *  D. a 55,000-line containers.conf: `ctconf check` vs `podman --version` and `taplo check`;
 *  E. typing (20 edits/s) and a 5,000-line paste on a 10,000-line file: the server's edit
 *     pacing vs a 100/150 ms debounce, all on TextDocument (issue 12 item 7);
 *  F. bundle sizes.
 *
 * Commands are timed interleaved (a, b, a, b, …; CTCONF_BENCH_RUNS rounds, default 5) under
 * /usr/bin/time, so drifting machine speed touches all alike; figures are medians. Ratios are
 * the median of each round's ratio. Generated files are checked valid by liblxc first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateContainersConf, generateHostConfigs, generateLxc, generateLxcMixed, generateLxcRepetitive } from './generate';
import { startLspClient, type LspClient } from '../test/helpers/lspClient';

const ROOT = process.cwd();
const LAUNCHER = path.join(ROOT, 'bin/ctconf');
const LXCCHECK = process.env.CTCONF_LXCCHECK ?? path.join(ROOT, '.cache/bin/lxccheck');
const LXCLOAD = process.env.CTCONF_LXCLOAD ?? path.join(ROOT, '.cache/bin/lxcload');
const VARIANT = path.join(ROOT, 'dist/bench-variant-server.js');
const TIME = '/usr/bin/time';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-bench-'));

/**
 * The host's subordinate IDs, checked with the configs as a copied /etc: the generated
 * containers are root's, and what /etc/subuid says on the machine that runs the bench (empty,
 * or LXD's `_lxd` and root ranges, which `apt-get install lxd` writes) must not turn the
 * figures into a measure of thousands of warnings.
 */
function hostIdFiles(): string[] {
  fs.mkdirSync(path.join(dir, 'etc'), { recursive: true });
  return ['subuid', 'subgid'].map((name) => {
    const f = path.join(dir, 'etc', name);
    fs.writeFileSync(f, 'root:100000:4000000000\n');
    return f;
  });
}
const RUNS = Number(process.env.CTCONF_BENCH_RUNS ?? 5);
const only = (process.env.CTCONF_BENCH_ONLY ?? 'ABCDEF').toUpperCase();

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mb = (kib: number) => (kib ? `${(kib / 1024).toFixed(0)} MB` : 'n/a');
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const n = (x: number) => x.toLocaleString('en');
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

function table(title: string, header: string[], rows: string[][]): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(w[i])).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`| ${w.map((x) => '-'.repeat(x)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

type Command = [string, string[], NodeJS.ProcessEnv?];
interface Timed {
  wall: number[];
  cpu: number[];
  rssKiB: number;
}

/** Runs a command once under /usr/bin/time: wall ms, user+system CPU ms, peak RSS. */
function once([cmd, args, env]: Command): { wall: number; cpu: number; rssKiB: number; status: number | null; stdout: string } {
  const timed = fs.existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', '@time %U %S %M', cmd, ...args], { env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - t0;
  const m = /@time (\S+) (\S+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, rssKiB: m ? Number(m[3]) : 0, status: r.status, stdout: r.stdout ?? '' };
}

/** Runs the commands in turn, RUNS rounds (a, b, c, a, b, c, …). */
function interleaved(cmds: Command[]): Timed[] {
  const out: Timed[] = cmds.map(() => ({ wall: [], cpu: [], rssKiB: 0 }));
  for (let i = 0; i < RUNS; i++) {
    cmds.forEach((c, k) => {
      const r = once(c);
      out[k].wall.push(r.wall);
      out[k].cpu.push(r.cpu);
      out[k].rssKiB = Math.max(out[k].rssKiB, r.rssKiB);
    });
  }
  return out;
}

/** Median over rounds of a's time / b's time in the same round. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((t, i) => t / b[i]));

/** `ctconf check` as users run it: bin/ctconf, with this node first on PATH. */
function ctconf(args: string[]): Command {
  return ['sh', [LAUNCHER, 'check', ...args], { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}` }];
}

/**
 * Number of findings `ctconf check --format json` reports for the files, or why it refused to
 * check them (exit status 2: unreadable or too large; the figures would mean nothing).
 */
function findingsOf(args: string[]): { findings: number; refused?: string } {
  const [cmd, a, env] = ctconf(['--format', 'json', ...args]);
  const r = spawnSync(cmd, a, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === 2) return { findings: 0, refused: (r.stderr.split('\n').find((l) => l.startsWith('ctconf:')) ?? `exit status 2`).slice(0, 120) };
  return { findings: (JSON.parse(r.stdout) as { diagnostics: unknown[] }[]).reduce((s, f) => s + f.diagnostics.length, 0) };
}

// A. A host's containers ----------------------------------------------------------------------

function hostCheck(): void {
  const configs = generateHostConfigs(2000);
  const files = configs.map((c) => {
    const f = path.join(dir, 'lxc', c.name, 'config');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, c.text);
    return f;
  });
  const lines = configs.map((c) => c.text.split('\n').length - 1);
  const args = ['--lxc-version', '5.0', ...files, ...hostIdFiles()];
  const { findings, refused } = findingsOf(args);
  if (refused) throw new Error(`ctconf check refuses the host configs: ${refused}`);
  const haveLib = fs.existsSync(LXCLOAD);
  const cmds: Command[] = [ctconf(args)];
  if (haveLib) {
    const check = once([LXCLOAD, ['-q', ...files]]);
    if (!check.stdout.includes(`accepted ${files.length} `)) throw new Error(`liblxc refuses some generated host configs: ${check.stdout}`);
    cmds.push([LXCLOAD, ['-q', ...files]]);
  }
  const [ours, lib] = interleaved(cmds);
  const missing = `n/a (${LXCLOAD} missing: scripts/prepare.sh builds it)`;
  table(
    `A. A host's containers: ${n(files.length)} lxc-create style configs (${Math.min(...lines)}–${Math.max(...lines)} lines, including common.conf/userns.conf or debian.common.conf) in one process (target: ctconf ≤ 1.0× liblxc wall time)`,
    ['tool', 'wall median', 'CPU median', 'peak RSS', 'findings'],
    [
      ['ctconf check (bin/ctconf, 2,000 file arguments)', ms(median(ours.wall)), ms(median(ours.cpu)), mb(ours.rssKiB), n(findings)],
      ['liblxc: lxc_container_new + load_config in a loop (lxcload)', lib ? ms(median(lib.wall)) : missing, lib ? ms(median(lib.cpu)) : 'n/a', lib ? mb(lib.rssKiB) : 'n/a', lib ? 'all loaded' : 'n/a'],
      ['ctconf / liblxc', lib ? ratio(pairedRatio(ours.wall, lib.wall)) : 'n/a', lib ? ratio(pairedRatio(ours.cpu, lib.cpu)) : 'n/a', lib ? ratio(ours.rssKiB / lib.rssKiB) : 'n/a', ''],
    ],
  );
}

// B. The editor -------------------------------------------------------------------------------

async function editor(): Promise<void> {
  const rows: string[][] = [];
  for (const [language, text, uri, hoverAt, completeAt] of [
    ['lxc', generateLxc(10_000), 'file:///var/lib/lxc/bench/config', { line: 1, character: 6 }, { line: 3, character: 4 }],
    ['containers-conf', generateContainersConf(10_000), 'file:///etc/containers/bench.conf', { line: 2, character: 2 }, { line: 6, character: 4 }],
  ] as const) {
    const c = await startLspClient();
    const open: number[] = [];
    const change: number[] = [];
    const hover: number[] = [];
    const completion: number[] = [];
    for (let i = 0; i < 10; i++) {
      const u = `${uri}.${i}`;
      let t0 = performance.now();
      await c.open(u, language, text);
      open.push(performance.now() - t0);
      for (let v = 2; v < 8; v++) {
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
    rows.push([`${language}, 10,000 lines`, ms(median(open)), ms(median(change)), ms(p95(change)), ms(median(hover)), ms(p95(hover)), ms(median(completion)), ms(p95(completion))]);
  }

  // Start-up as the VS Code client starts the server: without NODE_EXTRA_CA_CERTS.
  const starts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c = await startLspClient({ env: { ...process.env, NODE_EXTRA_CA_CERTS: undefined } });
    starts.push(performance.now() - t0);
    await c.stop();
  }
  const churn = await openCloseChurn();
  rows.push(['spawn → initialize answer', ms(median(starts)), '', '', '', '', '', '']);
  table('B. Editor: the server over stdio (targets: didChange → diagnostics ≤ 30 ms, hover and completion ≤ 5 ms, spawn → initialize ≤ 250 ms, all medians)',
    ['document', 'didOpen → diagnostics', 'didChange → diagnostics', 'p95', 'hover', 'p95', 'completion', 'p95'], rows);
  console.log(`10,000 small documents opened and closed: server RSS ${churn.before} → ${churn.after} MB`);
}

async function openCloseChurn(): Promise<{ before: string; after: string }> {
  const c = await startLspClient();
  const rss = () => (Number((fs.readFileSync(`/proc/${c.process.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) ?? [0, 0])[1]) / 1024).toFixed(0);
  await c.open('file:///var/lib/lxc/warm/config', 'lxc', 'lxc.uts.name = warm\n');
  const before = rss();
  for (let i = 0; i < 10_000; i++) {
    const u = `file:///var/lib/lxc/c${i}/config`;
    c.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'lxc', version: 1, text: 'lxc.uts.name = c\nlxc.cap.drop = sys_time\n' } });
    c.notify('textDocument/didClose', { textDocument: { uri: u } });
  }
  await c.request('textDocument/hover', { textDocument: { uri: 'file:///var/lib/lxc/warm/config' }, position: { line: 0, character: 0 } });
  const after = rss();
  await c.stop();
  return { before, after };
}

// C. Large files ------------------------------------------------------------------------------

function largeFiles(): void {
  const rows: string[][] = [];
  const growth: string[] = [];
  const haveLib = fs.existsSync(LXCCHECK);
  const subIds = hostIdFiles();
  const shapes = [
    ['generateLxc (the bench generator)', generateLxc, [100_000, 1_000_000]],
    ['generateLxcMixed (cap drops, 1,000 NICs, a few duplicate keys)', generateLxcMixed, [100_000, 1_000_000]],
    ['generateLxcRepetitive (mostly findings)', generateLxcRepetitive, [20_000]],
  ] as const;
  for (const [name, gen, sizes] of shapes) {
    const wall: Record<number, number> = {};
    for (const lines of sizes) {
      // A container's config where LXC keeps it (found by its path), with the host's subordinate IDs.
      const file = path.join(dir, 'var/lib/lxc', `large-${lines}-${gen.name}`, 'config');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, gen(lines));
      const args = ['--lxc-version', '5.0', file, ...subIds];
      const cmds: Command[] = [ctconf(args)];
      if (haveLib) {
        const check = spawnSync(LXCCHECK, ['-t', '600', file], { encoding: 'utf8' });
        if (!check.stdout.includes('\taccept')) throw new Error(`liblxc refuses the generated ${lines}-line config: ${check.stdout}`);
        cmds.push([LXCCHECK, ['-t', '600', file]]);
      }
      const { findings, refused } = findingsOf(args);
      if (refused) {
        rows.push([name, n(lines), `${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB`, `ctconf refuses the file: ${refused.replace(/^ctconf: cannot read \S+: /, '')}`, '', '', '', '', '', '']);
        fs.rmSync(file);
        continue;
      }
      const [ours, lib] = interleaved(cmds);
      wall[lines] = median(ours.wall);
      rows.push([name, n(lines), `${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB`, n(findings), ms(median(ours.wall)), lib ? ms(median(lib.wall)) : 'n/a', lib ? ratio(pairedRatio(ours.wall, lib.wall)) : 'n/a',
        lib ? ratio(pairedRatio(ours.cpu, lib.cpu)) : 'n/a', mb(ours.rssKiB), lib ? mb(lib.rssKiB) : 'n/a']);
      fs.rmSync(file);
    }
    if (sizes.length > 1) growth.push(`${name}: ${wall[1_000_000] && wall[100_000] ? `${(wall[1_000_000] / wall[100_000]).toFixed(1)}×` : 'n/a'}`);
  }
  table('C. Large LXC configs, whole process, ctconf in one thread vs liblxc load_config (target: ≤ 3× liblxc wall time when findings are few; text output)',
    ['generator', 'lines', 'size', 'findings', 'ctconf wall', 'liblxc wall', 'wall ratio', 'CPU ratio', 'ctconf RSS', 'liblxc RSS'], rows);
  console.log(`growth of ctconf's wall time from 100k to 1M lines (10× the lines; linear ≈ 10×): ${growth.join('; ')}`);
}

// D. containers.conf --------------------------------------------------------------------------

function containersConf(): void {
  const cc = path.join(dir, 'containers.conf');
  fs.writeFileSync(cc, generateContainersConf(55_000));
  const podmanEnv = { ...process.env, CONTAINERS_CONF: cc };
  const podmanOk = spawnSync('podman', ['--version'], { env: podmanEnv }).status === 0;
  const taploBin = path.join(ROOT, 'node_modules/.bin/taplo');
  const cmds: Command[] = [ctconf(['--podman-version', '4.3', cc])];
  if (podmanOk) cmds.push(['podman', ['--version'], podmanEnv]);
  // taplo's npm package runs on Node too: it starts without NODE_EXTRA_CA_CERTS as well.
  if (fs.existsSync(taploBin)) cmds.push([taploBin, ['check', cc], { ...process.env, NODE_EXTRA_CA_CERTS: undefined }]);
  const [ours, ...peers] = interleaved(cmds);
  const podman = podmanOk ? peers.shift() : undefined;
  const taplo = peers.shift();
  table(`D. containers.conf, ${(fs.statSync(cc).size / 2 ** 20).toFixed(1)} MB, 55,000 lines, whole process (target vs podman: ≤ 0.5×)`, ['tool', 'wall median', 'ctconf / tool'], [
    ['ctconf check', ms(median(ours.wall)), ''],
    ['podman --version (CONTAINERS_CONF=file)', podman ? ms(median(podman.wall)) : 'podman missing or refuses the file', podman ? ratio(pairedRatio(ours.wall, podman.wall)) : 'n/a'],
    ['taplo check', taplo ? ms(median(taplo.wall)) : 'n/a', taplo ? ratio(pairedRatio(ours.wall, taplo.wall)) : 'n/a'],
  ]);
}

// E. Typing and pasting: the server's pacing vs a debounce --------------------------------------------

/** One keystroke: a character typed at the end of the line being written. */
function keystroke(line: number, col: number, ch: string) {
  return [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }];
}

/** In-process cost of applying edits to TextDocument and reading the text back (what the server does per edit). */
function documentCost(base: string, paste: string): string[][] {
  const key: number[] = [];
  const keyText: number[] = [];
  const pasteT: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let d = TextDocument.create('file:///x', 'lxc', 1, base);
    let t0 = performance.now();
    for (let i = 0; i < 1000; i++) d = TextDocument.update(d, keystroke(5000, i, 'x'), i + 2);
    key.push(((performance.now() - t0) / 1000) * 1000);
    t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      d = TextDocument.update(d, keystroke(5000, i, 'y'), i + 2000);
      d.getText();
    }
    keyText.push(((performance.now() - t0) / 1000) * 1000);
    t0 = performance.now();
    d = TextDocument.update(d, [{ range: { start: { line: 2000, character: 0 }, end: { line: 2000, character: 0 } }, text: paste }], 5000);
    d.getText();
    pasteT.push(performance.now() - t0);
  }
  return [['TextDocument', `${median(key).toFixed(1)} µs`, `${median(keyText).toFixed(1)} µs`, ms(median(pasteT))]];
}

interface Variant {
  name: string;
  server?: string;
  env?: NodeJS.ProcessEnv;
}

/** Server CPU time so far (user + system), ms. */
function cpuOf(c: LspClient): number {
  const f = fs.readFileSync(`/proc/${c.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

async function typingAndPaste(): Promise<void> {
  const base = generateLxc(10_000);
  const paste = generateLxc(5_000, 3);
  const variants: Variant[] = [
    { name: 'ctconf server: validate when edits pause (setImmediate pacing)' },
    { name: '150 ms debounce', server: VARIANT, env: { CTCONF_VARIANT_DEBOUNCE: '150' } },
    { name: '100 ms debounce', server: VARIANT, env: { CTCONF_VARIANT_DEBOUNCE: '100' } },
    { name: 'no debounce (next turn)', server: VARIANT, env: { CTCONF_VARIANT_DEBOUNCE: '0' } },
  ];
  const clients = await Promise.all(variants.map((v) => startLspClient({ server: v.server, env: { ...process.env, ...v.env } })));
  const stats = variants.map(() => ({ settle: [] as number[], hover: [] as number[], cpu: [] as number[], published: [] as number[], paste: [] as number[], afterPaste: [] as number[] }));
  const rounds = Math.max(2, Math.ceil(RUNS / 2));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const c = clients[k];
      const s = stats[k];
      // Typing: 100 characters at 20 a second into a comment in the middle of the file, a hover
      // every 10th keystroke; then the time from the last keystroke to its diagnostics.
      const uri = `file:///var/lib/lxc/typing${r}/config`;
      await c.open(uri, 'lxc', base);
      const published0 = c.publishCount(uri);
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 5000, character: 0 }, end: { line: 5000, character: 0 } }, text: '# \n' }] });
      const cpu0 = cpuOf(c);
      let v = 2;
      const text = 'the quick brown fox jumps over the lazy dog while typing a long comment line in a big file';
      for (let i = 0; i < 100; i++) {
        const due = performance.now() + 50;
        v++;
        const last = i === 99;
        const pending = last ? c.diagnostics(uri, v, 30_000) : undefined;
        const t0 = performance.now();
        c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: keystroke(5000, 2 + i, text[i % text.length]) });
        if (pending) {
          await pending;
          s.settle.push(performance.now() - t0);
        } else if (i % 10 === 5) {
          const h0 = performance.now();
          await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
          s.hover.push(performance.now() - h0);
        }
        if (!last) await sleep(Math.max(0, due - performance.now()));
      }
      s.cpu.push(cpuOf(c) - cpu0);
      s.published.push(c.publishCount(uri) - published0 - 1);
      // A 5,000-line paste in one change, then one keystroke after it.
      const pending = c.diagnostics(uri, ++v, 30_000);
      let t0 = performance.now();
      c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 2000, character: 0 }, end: { line: 2000, character: 0 } }, text: paste }] });
      await pending;
      s.paste.push(performance.now() - t0);
      const next = c.diagnostics(uri, ++v, 30_000);
      t0 = performance.now();
      c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: keystroke(1, 0, '#') });
      await next;
      s.afterPaste.push(performance.now() - t0);
      c.notify('textDocument/didClose', { textDocument: { uri } });
    }
  }
  await Promise.all(clients.map((c) => c.stop()));
  table(`E. Typing and pasting into a 10,000-line LXC config, over stdio (issue 12 item 7; ${rounds} rounds, medians)`,
    ['server', 'last keystroke → its diagnostics', 'hover while typing', 'server CPU for 100 keystrokes in 5 s', 'diagnostics published while typing', '5,000-line paste → diagnostics', 'keystroke after the paste → diagnostics'],
    variants.map((v, k) => [v.name, ms(median(stats[k].settle)), ms(median(stats[k].hover)), ms(median(stats[k].cpu)), String(median(stats[k].published)), ms(median(stats[k].paste)), ms(median(stats[k].afterPaste))]));
  table('E2. In-process cost of TextDocument itself on the same file (apply one keystroke; apply it and read the whole text back, as a validation does; a 5,000-line paste and read)',
    ['document', 'one keystroke', 'keystroke + getText()', 'paste + getText()'], documentCost(base, paste));
}

// F. Sizes ------------------------------------------------------------------------------------

function sizes(): void {
  const size = (f: string) => (fs.existsSync(f) ? `${(fs.statSync(f).size / 1024).toFixed(0)} KB` : 'not built');
  table('F. Sizes, from the production build `npm run package` made before this run (targets: server bundle ≤ 500 KB, .vsix ≤ 1.5 MB)', ['file', 'size'],
    ['dist/server.js', 'dist/cli.js', 'dist/extension.js', 'ctconf.vsix'].map((f) => [f, size(path.join(ROOT, f))]));
}

async function main(): Promise<void> {
  const load = os.loadavg()[0].toFixed(1);
  console.log(`ctconf bench on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${load}), node ${process.version}, ${RUNS} rounds`);
  const t0 = performance.now();
  if (only.includes('A')) hostCheck();
  if (only.includes('B')) await editor();
  if (only.includes('C')) largeFiles();
  if (only.includes('D')) containersConf();
  if (only.includes('E')) await typingAndPaste();
  if (only.includes('F')) sizes();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`\nbench took ${((performance.now() - t0) / 1000).toFixed(0)} s (load average at the end ${os.loadavg()[0].toFixed(1)})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
