/**
 * Corpus test over Debian's containers.conf files: the shipped
 * /usr/share/containers/containers.conf, each variant with one commented key (or
 * commented multi-line array) uncommented, and containers/common's parser test files.
 * ctconf must report a load-time error exactly where podman refuses the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, CORPUS } from '../helpers/paths';
import { podmanLoads, podmanMissing, podmanRelease } from '../helpers/podmanOracle';
import { uncommentedVariants as variants } from '../helpers/ccVariants';
import { needs } from '../helpers/needs';

const SHIPPED = path.join(CORPUS, 'golang-github-containers-common/usr/share/containers/containers.conf');
const TESTDATA = path.join(CORPUS, 'golang-github-containers-common-dev/usr/share/gocode/src/github.com/containers/common/pkg/config/testdata');
const missing = podmanMissing() ?? (fs.existsSync(SHIPPED) ? undefined : `${SHIPPED} not unpacked (scripts/prepare.sh downloads it)`);
const LATER = new Set(['containers/runtime-value', 'containers/unknown-capability']);

interface CliFile { file: string; diagnostics: { severity: string; code: string; message: string; range: { start: { line: number } } }[] }

function check(files: string[], version: string): Map<string, CliFile> {
  let out: string;
  try {
    out = execFileSync('node', [CLI, 'check', '--format', 'json', '--language', 'containers-conf', '--podman-version', version, ...files], { encoding: 'utf8', maxBuffer: 256 << 20 });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  return new Map((JSON.parse(out) as CliFile[]).map((f) => [f.file, f]));
}

const loadErrors = (f: CliFile) => f.diagnostics.filter((d) => d.severity === 'error' && !LATER.has(d.code));

test('the shipped containers.conf and every uncommented variant: errors exactly where podman refuses', { skip: needs('podman and the containers-common corpus', missing) }, () => {
  const release = podmanRelease()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-cc-corpus-'));
  const text = fs.readFileSync(SHIPPED, 'utf8');
  const vs = variants(text);
  const files = [SHIPPED, ...vs.map((v, i) => {
    const f = path.join(dir, `v${i}.conf`);
    fs.writeFileSync(f, v.text);
    return f;
  })];
  const ours = check(files, release);
  const wrong: string[] = [];
  let refused = 0;
  files.forEach((f, i) => {
    const p = podmanLoads(f);
    if (!p.ok) refused++;
    const errs = loadErrors(ours.get(f)!);
    if (p.ok !== (errs.length === 0)) {
      wrong.push(`${i === 0 ? 'shipped file' : `line ${vs[i - 1].line + 1} uncommented`}: podman ${p.ok ? 'loads' : `refuses (${p.message.slice(-120)})`}, ctconf ${errs.map((e) => `${e.code}@${e.range.start.line + 1}`).join(', ') || 'no error'}`);
    }
  });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# shipped containers.conf: ${vs.length} uncommented variants, ${refused} refused by podman ${release}`);
  assert.ok(vs.length > 80, 'the shipped file has about 99 commented keys');
  assert.deepEqual(loadErrors(ours.get(SHIPPED)!), []);
  assert.deepEqual(wrong, []);
});

test('containers/common\'s parser test files: the broken ones are flagged', { skip: needs('podman and the containers-common test data', missing ?? (fs.existsSync(TESTDATA) ? undefined : `${TESTDATA} not unpacked (scripts/prepare.sh downloads it)`)) }, () => {
  const release = podmanRelease()!;
  const files = fs.readdirSync(TESTDATA).filter((f) => f.endsWith('.conf')).map((f) => path.join(TESTDATA, f));
  const ours = check(files, release);
  const wrong: string[] = [];
  for (const f of files) {
    const p = podmanLoads(f);
    const errs = loadErrors(ours.get(f)!);
    if (p.ok !== (errs.length === 0)) wrong.push(`${path.basename(f)}: podman ${p.ok ? 'loads' : 'refuses'}, ctconf ${errs.map((e) => e.code).join(', ') || 'no error'}`);
  }
  assert.ok(files.some((f) => f.endsWith('containers_invalid.conf')));
  assert.ok(loadErrors(ours.get(files.find((f) => f.endsWith('containers_invalid.conf'))!)!).length > 0);
  assert.deepEqual(wrong, []);
});
