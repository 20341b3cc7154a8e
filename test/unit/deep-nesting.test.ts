/**
 * Nesting deeper than any schema: recursive parsers overflow the stack there, and a whole file's
 * check became one internal error. Seccomp JSON is flattened past 1,000 levels (util/jsonDepth.ts)
 * and refused past Go's 10,000; YAML the library cannot follow is a ctconf limit, not a syntax error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { flattenDeep, GO_MAX_JSON_DEPTH } from '../../server/src/util/jsonDepth';

const svc = () => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
const seccomp = (text: string) => svc().diagnostics({ uri: 'file:///etc/containers/seccomp.json', languageId: 'seccomp-json', version: 1, text });
const nest = (n: number, inner = '') => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;

test('flattenDeep keeps every offset and only touches what lies deeper than it keeps', () => {
  const text = `{"a": ${nest(5, '"x]["')}, "b": {"c": [1, 2]}}`;
  assert.equal(flattenDeep(text, 10).text, text, 'shallow text is returned as it is');
  // Levels count from the outer object: with 3 kept, the third `[` and all inside it become `0`.
  const flat = flattenDeep(text, 3);
  assert.equal(flat.text.length, text.length);
  const cut = text.indexOf('[[[') + 2;
  const end = text.indexOf(']]],') + 1;
  assert.equal(flat.text, `${text.slice(0, cut)}0${' '.repeat(end - cut - 1)}${text.slice(end)}`);
  assert.equal(JSON.parse(flat.text).b.c[1], 2);
  assert.equal(flat.text.indexOf('"b"'), text.indexOf('"b"'));
  assert.equal(flat.beyondGoLimit, undefined);
  // Brackets inside strings do not count; an unclosed deep value is cut to the end.
  assert.equal(flattenDeep(`["[[[[", ${nest(2)}]`, 2).text, `["[[[[", [0 ]]`);
  assert.equal(flattenDeep(`[[[[[`, 2).text, `[[0  `);
});

test('a seccomp profile with 9,000 levels under an unknown field: only that warning, no internal error', () => {
  const text = `{"defaultAction": "SCMP_ACT_ERRNO", "foo": ${nest(9_000)}, "syscalls": [{"names": ["chmod"], "action": "SCMP_ACT_BOGUS"}]}`;
  const codes = seccomp(text).map((d) => d.code);
  assert.deepEqual(codes, ['seccomp/unknown-field', 'seccomp/unknown-action']);
});

test('past 10,000 levels podman refuses the profile: an error on the bracket that goes too deep', () => {
  for (const n of [GO_MAX_JSON_DEPTH + 1, 100_000]) {
    const text = `{"defaultAction": "SCMP_ACT_ERRNO",\n"syscalls": ${nest(n)}}`;
    const d = seccomp(text);
    assert.ok(!d.some((x) => x.code === 'ctconf/internal-error'), String(n));
    const deep = d.find((x) => x.code === 'seccomp/json-syntax');
    // The profile's own object is the first level, as in Go's scanner.
    assert.deepEqual(deep?.range.start, { line: 1, character: 12 + GO_MAX_JSON_DEPTH - 1 }, String(n));
    assert.ok(d.some((x) => x.code === 'seccomp/wrong-type'), 'the shallow part is still checked');
  }
  assert.ok(!seccomp(`{"defaultAction": "SCMP_ACT_ERRNO", "foo": ${nest(GO_MAX_JSON_DEPTH - 1)}}`).some((x) => x.code === 'seccomp/json-syntax'), 'exactly 10,000 levels are allowed');
});

test('Incus YAML nested past what the parser follows: a ctconf limit (warning), the rest still checked', () => {
  const text = `config:\n  bogus.option: "1"\n  x: ${nest(100_000)}\n`;
  const d = svc().diagnostics({ uri: 'file:///home/a/web.incus.yaml', languageId: 'incus-yaml', version: 1, text });
  assert.ok(!d.some((x) => x.code === 'incus/yaml-syntax'), d.map((x) => `${x.code}: ${x.message}`).join('\n'));
  assert.equal(d.filter((x) => x.code === 'ctconf/internal-error').length, 1);
  assert.ok(d.some((x) => x.code === 'incus/unknown-key' && x.range.start.line === 1));
});
