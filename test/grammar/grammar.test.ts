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
import { LEGACY_KEY_NAMES, legacyKey } from '../../server/src/lxc/legacy';
import { CAPABILITY_NAMES, EXACT_KEYS, FAMILY_KEYS, NET_SUBKEYS } from '../../server/src/lxc/keys';

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

/** The scopes of the key part of `KEY = 1` (the tokens before the `=`). */
async function keyScopes(keys: string[]): Promise<Map<string, string>> {
  const t = await tokenize('source.lxc', keys.map((k) => `${k} = 1`).join('\n'));
  const out = new Map<string, string>();
  let key: string | undefined;
  for (const line of t.split('\n')) {
    if (line.startsWith('> ')) {
      key = line.slice(2).split(' = ')[0];
      out.set(key, '');
    } else if (key && line.includes('^')) {
      const col = line.indexOf('^') - 2;
      if (col < key.length) out.set(key, `${out.get(key)} ${line.trim().split(' ').slice(1).join(' ')}`);
    }
  }
  return out;
}

test('the grammar\'s legacy-key pattern and legacy.ts name the same keys', async () => {
  const legacy = [...LEGACY_KEY_NAMES, 'lxc.limit.nofile', 'lxc.network.0.type', 'lxc.network.type', 'lxc.network.ipv4'];
  for (const k of legacy) assert.ok(legacyKey(k), `${k} is a legacy key for legacy.ts`);
  const current = [
    ...EXACT_KEYS.map((k) => k.name),
    ...FAMILY_KEYS.map((f) => `${f.prefix}.x`),
    ...NET_SUBKEYS.map((n) => `lxc.net.0.${n.sub}`),
  ];
  const scopes = await keyScopes([...legacy, ...current]);
  for (const k of legacy) assert.match(scopes.get(k) ?? '', /invalid\.deprecated\.legacy-key\.lxc/, `the grammar marks ${k} as legacy`);
  for (const k of current) {
    assert.equal(legacyKey(k), undefined, `${k} is current for legacy.ts`);
    assert.doesNotMatch(scopes.get(k) ?? '', /legacy-key/, `the grammar does not mark the current key ${k} as legacy`);
  }
});

test('the grammar\'s capability pattern names exactly the capabilities of capabilities/table.ts', async () => {
  const t = await tokenize('source.lxc', `lxc.cap.drop = ${CAPABILITY_NAMES.join(' ')} not_a_cap\n`);
  const known = [...t.matchAll(/\^+ [^\n]*support\.constant\.capability\.lxc/g)].length;
  assert.equal(known, CAPABILITY_NAMES.length, 'every capability is highlighted as one');
  assert.match(t, /invalid\.illegal\.capability\.lxc/, 'an unknown name is not');
});
