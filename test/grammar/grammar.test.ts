/**
 * Grammar snapshot tests: vscode-textmate with the real Oniguruma (WASM) tokenizes the
 * sample files; the scopes must equal the reviewed snapshots in test/grammar/snapshots.
 * After a deliberate grammar change: UPDATE_SNAPSHOTS=1 npm test, then review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { ROOT } from '../helpers/paths';

const GRAMMARS: Record<string, string> = {
  'source.lxc': 'syntaxes/lxc.tmLanguage.json',
  'source.containers-conf': 'syntaxes/containers-conf.tmLanguage.json',
};

async function registry(): Promise<vsctm.Registry> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const file = GRAMMARS[scope];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(path.join(ROOT, file), 'utf8'), path.join(ROOT, file));
    },
  });
}

export async function tokenize(scope: string, text: string): Promise<string> {
  const grammar = await (await registry()).loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  let state = vsctm.INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(`> ${line}`);
    for (const t of r.tokens) {
      const scopes = t.scopes.filter((s) => s !== scope);
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim() === '' && scopes.length === 0) continue;
      out.push(`  ${' '.repeat(t.startIndex)}${'^'.repeat(Math.max(1, t.endIndex - t.startIndex))} ${scopes.join(' ') || '(plain)'}`);
    }
    state = r.ruleStack;
  }
  return out.join('\n') + '\n';
}

const cases: [string, string][] = [
  ['source.lxc', 'sample.lxc.conf'],
  ['source.containers-conf', 'sample.containers.conf'],
];

for (const [scope, fixture] of cases) {
  test(`${scope} tokenizes ${fixture} as in the reviewed snapshot`, async () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/grammar/fixtures', fixture), 'utf8');
    const actual = await tokenize(scope, text);
    const snap = path.join(ROOT, 'test/grammar/snapshots', `${fixture}.snap`);
    if (process.env.UPDATE_SNAPSHOTS === '1' || (!fs.existsSync(snap) && process.env.CI !== 'true')) {
      fs.writeFileSync(snap, actual);
    }
    assert.ok(fs.existsSync(snap), `snapshot ${snap} is missing; run UPDATE_SNAPSHOTS=1 npm test and review it`);
    assert.equal(actual, fs.readFileSync(snap, 'utf8'));
  });
}

test('the LXC grammar marks the parts a person needs to see', async () => {
  const t = await tokenize('source.lxc', 'lxc.net.0.type = veth\nlxc.cap.drop = sys_time BOGUS\n#lxc.foo = 1\nlxc.utsname = x\n');
  assert.match(t, /\^ constant\.numeric\.integer\.index\.lxc/);
  assert.match(t, /support\.constant\.capability\.lxc/);
  assert.match(t, /invalid\.illegal\.capability\.lxc/);
  assert.match(t, /comment\.line\.number-sign\.lxc/);
  assert.match(t, /invalid\.deprecated\.legacy-key\.lxc/);
  assert.match(t, /keyword\.operator\.assignment\.lxc/);
});
