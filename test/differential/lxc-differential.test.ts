/**
 * Differential test against liblxc itself: every generated case is loaded by the
 * installed liblxc (test/oracles/lxccheck.c) and checked by ctconf for the same
 * version; "liblxc refuses" must equal "ctconf reports an error". Cases whose liblxc
 * verdict depends on state the file does not control must get a warning, not an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { branchOf } from '../../server/src/lxc/version';
import { liblxcRelease, lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';
import { lxcCases, type LxcCase } from './lxcCases';
import { needs } from '../helpers/needs';

const missing = lxcOracleMissing();

/** Directories some generated log-file cases make liblxc create (removed afterwards). */
const LOG_DIRS = ['/tmp/ctconf-lxcdiff-logs', '/tmp/ctconf-lxcdiff-long'];

/** Writes a case into its own directory; returns the config path and its text. */
function writeCase(root: string, i: number, c: LxcCase): { file: string; text: string } {
  const dir = path.join(root, `c${i}`);
  fs.mkdirSync(dir);
  const sub = (t: string): string => t.split('@DIR@').join(dir);
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(p, sub(content));
    else fs.symlinkSync(content.symlink, p);
  }
  const file = path.join(dir, 'case.conf');
  const text = sub(c.text);
  fs.writeFileSync(file, text);
  return { file, text };
}

test('ctconf agrees with liblxc on every generated one-defect config', { skip: needs('liblxc oracle', missing) }, () => {
  const release = liblxcRelease();
  const version = release ? branchOf(release) : undefined;
  assert.ok(version, `cannot tell the installed liblxc version (${release})`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-diff-'));
  const cases = lxcCases();
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'case ids are unique');
  const written = cases.map((c, i) => writeCase(root, i, c));
  const service = createLanguageService(nodeHost({ cwd: root }), { lxcVersion: version, podmanVersion: 'latest', rules: {} });
  // ctconf first: liblxc creates log files and directories some cases name.
  const ours = written.map((w) => service.diagnostics({ uri: `file://${w.file}`, languageId: 'lxc', version: 1, text: w.text }));
  const oracle = runLxcOracle(written.map((w) => w.file), [], root);
  const mismatches: string[] = [];
  let rejected = 0;
  let dependent = 0;
  try {
    cases.forEach((c, i) => {
      const o = oracle.get(written[i].file);
      assert.ok(o, `no oracle verdict for ${c.id}`);
      const diags = ours[i];
      const verdict = diags.some((d) => d.severity === DiagnosticSeverity.Error) ? 'reject' : 'accept';
      const show = `${JSON.stringify(written[i].text.slice(0, 300))} ${diags.map((d) => d.code).join(',')}`;
      if (c.dependent) {
        dependent++;
        const warned = diags.some((d) => d.severity === DiagnosticSeverity.Warning);
        if (verdict === 'reject' || !warned) mismatches.push(`${c.id}: liblxc's verdict (${o.verdict} here) depends on earlier lines; ctconf must warn, not error: ${show}`);
        return;
      }
      if (o.verdict === 'reject') rejected++;
      if (verdict !== o.verdict) mismatches.push(`${c.id}: liblxc ${o.verdict}, ctconf ${verdict} ${show}`);
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    for (const d of LOG_DIRS) fs.rmSync(d, { recursive: true, force: true });
  }
  const compared = cases.length - dependent;
  console.log(`# liblxc ${release}: ${cases.length} cases (${compared} compared, ${dependent} state-dependent), ${rejected} rejected by liblxc, ${mismatches.length} disagreements, agreement ${((100 * (cases.length - mismatches.length)) / cases.length).toFixed(2)} %`);
  assert.ok(rejected > compared / 4, 'the generated set should hold many defects');
  assert.deepEqual(mismatches, []);
});
