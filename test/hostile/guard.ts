/**
 * Shared pieces of the hostile-inputs suite. Every case runs the real server (or CLI) in a
 * child process under a memory guard (prlimit --as 1.5 GB and a V8 heap cap, see
 * serverCommand) and every request under a 2 s time guard, so a regression fails its test
 * instead of taking the machine down. After each case a sentinel document must still be served.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startLspClient, GUARD_BYTES, peakRssOf, type LspClient } from '../helpers/lspClient';
import { CLI } from '../helpers/paths';

export const ANSWER_MS = 2000;
export const SENTINEL = 'file:///var/lib/lxc/sentinel/config';
const SENTINEL_TEXT = 'lxc.uts.name = sentinel\nlxc.bogus.key = 1\n';

/** A guarded server with the sentinel document open. */
export async function guardedServer(options: Parameters<typeof startLspClient>[0] = {}): Promise<LspClient> {
  const c = await startLspClient({ ...options, guard: true });
  await c.open(SENTINEL, 'lxc', SENTINEL_TEXT);
  return c;
}

/** A request that must be answered within ANSWER_MS (the time is printed). */
export async function answer<T>(c: LspClient, method: string, params: unknown, label = method): Promise<T> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS);
  });
  try {
    const r = await Promise.race([c.request<T>(method, params), late]);
    console.log(`# ${label}: ${(performance.now() - t0).toFixed(0)} ms`);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

/** The server still answers for another document, and has stayed under the memory guard. */
export async function stillServing(c: LspClient): Promise<void> {
  const h = await answer<{ contents: { value: string } } | null>(c, 'textDocument/hover', { textDocument: { uri: SENTINEL }, position: { line: 0, character: 3 } }, 'sentinel hover');
  assert.match(h?.contents.value ?? '', /lxc\.uts\.name/);
  const peak = c.peakRss();
  if (peak !== undefined) {
    console.log(`# server peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
    assert.ok(peak < GUARD_BYTES, `server peak RSS ${peak} bytes`);
  }
  assert.equal(c.process.exitCode, null, 'the server is still running');
}

/** Every position in a result lies inside the text (lines and line lengths), as whole numbers. */
export function assertInside(result: unknown, text: string, where: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  const visit = (v: unknown, path: string, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 40) return;
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`, depth + 1));
    const o = v as Record<string, unknown>;
    if ('line' in o && 'character' in o) {
      const { line, character } = o as { line: unknown; character: unknown };
      assert.ok(Number.isInteger(line) && (line as number) >= 0 && (line as number) < lines.length, `${where}: ${path}.line = ${String(line)}`);
      assert.ok(Number.isInteger(character) && (character as number) >= 0 && (character as number) <= lines[line as number].length, `${where}: ${path}.character = ${String(character)} (line ${String(line)})`);
      return;
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'data') visit(x, `${path}.${k}`, depth + 1);
  };
  visit(result, 'result', 0);
}

/** Runs the CLI under the same guards; resolves with its exit code, output and peak memory. */
export function guardedCli(args: string[], ms = 10_000): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; took: number; peak?: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const proc = spawn('prlimit', [`--as=${GUARD_BYTES}`, process.execPath, '--max-old-space-size=1024', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | undefined;
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    const sample = setInterval(() => (peak = Math.max(peak ?? 0, peakRssOf(proc.pid) ?? 0)), 50);
    const kill = setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.on('exit', (code, signal) => {
      clearInterval(sample);
      clearTimeout(kill);
      resolve({ code, signal, stdout, stderr, took: performance.now() - t0, peak });
    });
  });
}

/** Markdown a document must not be able to put into a hover (checked after escapes are removed as text). */
export const INJECTIONS = {
  link: '[x](command:ctconf.allowCapability?%5B%22evil%22%5D)',
  image: '![i](https://evil.example/p.png)',
  html: '<img src=https://evil.example/q.png>',
  osc: '\u001b]8;;https://evil.example\u0007',
};

/** Raw (unescaped) document-made markup left in a hover's Markdown, outside code spans. */
export function rawMarkup(md: string): string[] {
  const outside = md.replace(/(`+)[\s\S]*?\1/g, ' ');
  const found: string[] = [];
  const unescaped = (needle: string) => {
    for (let i = outside.indexOf(needle); i !== -1; i = outside.indexOf(needle, i + 1)) if (outside[i - 1] !== '\\') return true;
    return false;
  };
  if (unescaped('](command:ctconf.allowCapability?%5B%22evil')) found.push('command link');
  if (unescaped('![i]') || unescaped('](https://evil')) found.push('image');
  if (unescaped('<img')) found.push('html');
  if (md.includes('\u001b') || md.includes('\u0007')) found.push('control characters');
  if (/(?<!\\)command:ctconf\.allowCapability\?%5B%22evil/.test(outside)) found.push('command: from the document');
  return found;
}
