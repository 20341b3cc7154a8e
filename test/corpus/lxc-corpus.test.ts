/**
 * Corpus test over the LXC configs Debian ships (liblxc-common, lxc, lxc-templates,
 * lxcfs, obs-build; unpacked by scripts/prepare.sh). The real CLI (--format json)
 * must report no error on every file liblxc accepts and at least one on every file it
 * refuses, and the same for each variant with one commented-out key line uncommented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, CORPUS } from '../helpers/paths';
import { liblxcRelease, lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { branchOf } from '../../server/src/lxc/version';
import { needs } from '../helpers/needs';

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\/lxc\/config\/[^/]+\.conf$|\/common\.conf\.d\/[^/]+\.conf$|\/etc\/lxc\/default\.conf$|\/examples\/lxc-[^/]+\.conf$|\/obs-build\/lxc\.conf$/.test(p)) out.push(p);
    }
  };
  if (fs.existsSync(CORPUS)) walk(CORPUS);
  return out.sort();
}

interface CliFile {
  file: string;
  language: string;
  diagnostics: { severity: string; code: string; range: { start: { line: number } } }[];
}

function runCli(files: string[], version: string): Map<string, CliFile> {
  let stdout: string;
  try {
    stdout = execFileSync('node', [CLI, 'check', '--format', 'json', '--language', 'lxc', '--lxc-version', version, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const err = e as { status: number; stdout: string };
    assert.ok(err.status === 1, `ctconf check exited ${err.status}`);
    stdout = err.stdout;
  }
  const parsed = JSON.parse(stdout) as CliFile[];
  return new Map(parsed.map((f) => [f.file, f]));
}

const files = corpusFiles();
const missing = lxcOracleMissing() ?? (files.length < 40 ? `Debian LXC corpus not found under ${CORPUS} (scripts/prepare.sh downloads it)` : undefined);

test('every Debian-shipped LXC config gets the verdict liblxc gives it', { skip: needs('liblxc oracle and the Debian LXC corpus', missing) }, () => {
  const version = branchOf(liblxcRelease() ?? '') ?? '5.0';
  const oracle = runLxcOracle(files);
  const ours = runCli(files, version);
  const wrong: string[] = [];
  let accepted = 0;
  for (const f of files) {
    const verdict = oracle.get(f)?.verdict;
    const errors = ours.get(f)!.diagnostics.filter((d) => d.severity === 'error');
    if (verdict === 'accept') accepted++;
    if ((verdict === 'accept') !== (errors.length === 0)) wrong.push(`${path.relative(CORPUS, f)}: liblxc ${verdict}, ctconf errors: ${errors.map((e) => e.code).join(', ') || 'none'}`);
  }
  console.log(`# ${files.length} shipped configs, ${accepted} accepted by liblxc`);
  assert.ok(accepted >= 50, 'liblxc accepts the 51 distro configs');
  const obs = files.find((f) => f.endsWith('obs-build/lxc.conf'));
  assert.ok(obs && ours.get(obs)!.diagnostics.some((d) => d.code === 'lxc/legacy-key' && d.severity === 'error'), 'the obs-build config is flagged as legacy');
  assert.deepEqual(wrong, []);
});

test('uncommenting any commented key line gives liblxc\'s verdict', { skip: needs('liblxc oracle and the Debian LXC corpus', missing) }, () => {
  const version = branchOf(liblxcRelease() ?? '') ?? '5.0';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-corpus-'));
  const variants: { file: string; origin: string; line: string }[] = [];
  for (const f of files) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = /^(\s*)#\s*(lxc\..*)$/.exec(l);
      if (!m) return;
      const copy = [...lines];
      copy[i] = m[1] + m[2];
      const out = path.join(dir, `v${variants.length}.conf`);
      fs.writeFileSync(out, copy.join('\n'));
      variants.push({ file: out, origin: `${path.relative(CORPUS, f)}:${i + 1}`, line: m[2] });
    });
  }
  const oracle = runLxcOracle(variants.map((v) => v.file));
  const ours = runCli(variants.map((v) => v.file), version);
  const wrong: string[] = [];
  let rejected = 0;
  for (const v of variants) {
    const verdict = oracle.get(v.file)?.verdict;
    const errors = ours.get(v.file)!.diagnostics.filter((d) => d.severity === 'error');
    if (verdict === 'reject') rejected++;
    if ((verdict === 'accept') !== (errors.length === 0)) wrong.push(`${v.origin} "${v.line}": liblxc ${verdict}, ctconf ${errors.map((e) => e.code).join(', ') || 'no error'}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# ${variants.length} uncommented variants, ${rejected} rejected by liblxc`);
  assert.ok(variants.length > 50 && rejected > 5, 'the corpus has many commented keys, some with inline comments');
  assert.deepEqual(wrong, []);
});
