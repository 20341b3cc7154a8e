/**
 * Differential test against liblxc itself: every generated case is loaded by the
 * installed liblxc (test/oracles/lxccheck.c) and checked by ctconf for the same
 * version; "liblxc refuses" must equal "ctconf reports an error".
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
import { lxcCases } from './lxcCases';
import { needs } from '../helpers/needs';

const missing = lxcOracleMissing();

test('ctconf agrees with liblxc on every generated one-defect config', { skip: needs('liblxc oracle', missing) }, () => {
  const release = liblxcRelease();
  const version = release ? branchOf(release) : undefined;
  assert.ok(version, `cannot tell the installed liblxc version (${release})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-diff-'));
  const cases = lxcCases();
  const files = cases.map((c, i) => {
    const f = path.join(dir, `case-${i}.conf`);
    fs.writeFileSync(f, c.text);
    return f;
  });
  const oracle = runLxcOracle(files, [], dir);
  const service = createLanguageService(nodeHost({ cwd: dir }), { lxcVersion: version, podmanVersion: 'latest', rules: {} });
  const mismatches: string[] = [];
  let rejected = 0;
  cases.forEach((c, i) => {
    const o = oracle.get(files[i]);
    assert.ok(o, `no oracle verdict for ${c.id}`);
    const diags = service.diagnostics({ uri: `file://${files[i]}`, languageId: 'lxc', version: 1, text: c.text });
    const ours = diags.some((d) => d.severity === DiagnosticSeverity.Error) ? 'reject' : 'accept';
    if (o.verdict === 'reject') rejected++;
    if (ours !== o.verdict) {
      mismatches.push(`${c.id}: liblxc ${o.verdict}, ctconf ${ours} ${JSON.stringify(c.text)} ${diags.map((d) => d.code).join(',')}`);
    }
  });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# liblxc ${release}: ${cases.length} cases, ${rejected} rejected by liblxc, ${mismatches.length} disagreements`);
  assert.ok(rejected > cases.length / 4, 'the generated set should hold many defects');
  assert.deepEqual(mismatches, []);
});
