/** registries.conf through the language service. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { applyAction, applyCompletion, cursor } from '../helpers/service';
import { registriesSchema } from '../../server/src/registries/language';
import { REGISTRIES_SCHEMA } from '../../server/src/registries/keys';
import { parseReference } from '../../server/src/registries/reference';
import { detectLanguage } from '../../server/src/languages';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import Ajv from 'ajv-draft-04';

const URI = 'file:///etc/containers/registries.conf';
const DROPIN = 'file:///etc/containers/registries.conf.d/10-x.conf';
const svc = (podmanVersion = '4.3') => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion, rules: {} });
const doc = (text: string, uri = URI) => ({ uri, languageId: 'containers-registries-conf', version: 1, text });
const codes = (text: string, uri = URI, v = '4.3') => svc(v).diagnostics(doc(text, uri)).map((d) => d.code);
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

const GOOD = `unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
short-name-mode = "enforcing"

[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
insecure = false

[[registry.mirror]]
location = "mirror.example.com"
pull-from-mirror = "digest-only"

[[registry]]
prefix = "*.example.org"
blocked = true

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
`;

test('a v2 file with registries, mirrors and aliases is clean', () => {
  assert.deepEqual(codes(GOOD), []);
});

test('v1 and v2 in one file is an error; v1 alone is information; v1 in a drop-in is an error', () => {
  const v1 = '[registries.search]\nregistries = ["docker.io"]\n';
  assert.deepEqual(codes(v1), ['registries/v1-format']);
  assert.deepEqual(codes(`short-name-mode = "permissive"\n${v1}`), ['registries/mixed-versions']);
  assert.deepEqual(codes(v1, DROPIN), ['registries/mixed-versions']);
  assert.deepEqual(codes('[registries.search]\nregistries = []\nshort-name-mode = "permissive"\n'), ['registries/wrong-table']);
});

test('values, locations, prefixes and mirrors containers/image refuses', () => {
  assert.deepEqual(codes('short-name-mode = "strict"\n'), ['registries/invalid-value']);
  assert.deepEqual(codes('[[registry]]\nlocation = "https://example.com"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\ninsecure = true\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nprefix = "example.com"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nprefix = "*.example.com/x"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\n[[registry.mirror]]\ninsecure = true\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\nmirror-by-digest-only = true\n[[registry.mirror]]\nlocation = "b.com"\npull-from-mirror = "all"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\npull-from-mirror = "all"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\n[[registry]]\nlocation = "a.com"\ninsecure = true\n'), ['registries/invalid']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\n[[registry.mirror]]\nlocation = "b.com"\npull-from-mirror = "tags"\n'), ['registries/invalid-value']);
  assert.deepEqual(codes('[registry]\nlocation = "a.com"\n'), ['registries/wrong-type']);
  assert.deepEqual(codes('[[registry.mirror]]\nlocation = "b.com"\n'), ['registries/wrong-type']);
  assert.deepEqual(codes('[[registry]]\nlocation = "a.com"\n[[registry.mirror]]\nlocation = "b.com"\n[[registry.mirror]]\nlocation = "c.com"\ninsecure = true\n'), []);
  assert.deepEqual(codes('unqualified-search-registries = "docker.io"\n'), ['registries/wrong-type']);
});

test('aliases: short names on the left, fully qualified names without tag on the right', () => {
  assert.deepEqual(codes('[aliases]\n"fedora" = "registry.fedoraproject.org/fedora"\n"x/y" = "localhost/x/y"\n'), []);
  assert.deepEqual(codes('[aliases]\n"fedora" = "fedora"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[aliases]\n"fedora" = "quay.io/fedora:39"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[aliases]\n"quay.io/fedora" = "quay.io/fedora"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[aliases]\n"Fedora" = "quay.io/fedora"\n'), ['registries/invalid']);
  assert.deepEqual(codes('[aliases]\n"fedora" = 1\n'), ['registries/wrong-type']);
});

test('unknown keys warn and the quick fix renames them', () => {
  const text = '[[registry]]\nlocation = "a.com"\ninsecur = true\n';
  const s = svc();
  const d = s.diagnostics(doc(text));
  assert.deepEqual(d.map((x) => x.code), ['registries/unknown-key']);
  assert.equal(applyAction(text, s.codeActions(doc(text), d[0].range, d)[0], URI), text.replace('insecur', 'insecure'));
  const v = 'short-name-mode = "enforcng"\n';
  const dv = s.diagnostics(doc(v));
  assert.equal(applyAction(v, s.codeActions(doc(v), dv[0].range, dv)[0], URI), 'short-name-mode = "enforcing"\n');
});

test('hover explains every key and the short-name modes', () => {
  const s = svc();
  for (const k of REGISTRIES_SCHEMA.keys) {
    const header = k.table === '' ? '' : k.table.startsWith('registry') ? `[[${k.table}]]\n` : `[${k.table}]\n`;
    const text = `${header}${k.key} = 1\n`;
    const line = header ? 1 : 0;
    assert.ok(hoverText(s.hover(doc(text), { line, character: 1 })).includes(k.doc), `${k.table}.${k.key}`);
  }
  assert.match(hoverText(s.hover(doc(GOOD), { line: 1, character: 20 })), /safest/);
  assert.match(hoverText(s.hover(doc(GOOD), { line: 3, character: 4 })), /prefix/);
});

test('completion: keys of [[registry]], modes after short-name-mode', () => {
  const s = svc();
  const { text, pos } = cursor('[[registry]]\nlocation = "a.com"\n|');
  const items = s.completion(doc(text), pos);
  assert.ok(items.some((i) => i.label === 'prefix') && !items.some((i) => i.label === 'location'));
  const m = cursor('short-name-mode = "|"');
  const modes = s.completion(doc(m.text), m.pos);
  assert.deepEqual(modes.map((i) => i.label), ['enforcing', 'permissive', 'disabled']);
  assert.equal(applyCompletion(m.text, modes[1]), 'short-name-mode = "permissive"');
});

test('outline, schema, references and paths', () => {
  const syms = svc().symbols(doc(GOOD)).map((x) => x.name);
  assert.deepEqual(syms, ['unqualified-search-registries', 'short-name-mode', '[[registry]]', '[[registry.mirror]]', '[[registry]]', '[aliases]']);
  const sch = registriesSchema() as { properties: Record<string, { type: string; items?: { properties: Record<string, unknown> } }> };
  assert.equal(sch.properties.registry.type, 'array');
  assert.ok('mirror' in sch.properties.registry.items!.properties);
  const validate = new Ajv({ strict: false }).compile(registriesSchema('4.3'));
  assert.ok(validate({ 'unqualified-search-registries': ['docker.io'], 'short-name-mode': 'enforcing', registry: [{ prefix: 'a.com/x', location: 'b.com', mirror: [{ location: 'm.com', 'pull-from-mirror': 'digest-only' }] }], aliases: { fedora: 'registry.fedoraproject.org/fedora' } }), JSON.stringify(validate.errors));
  assert.ok(!validate({ 'short-name-mode': 'strict' }));
  assert.ok(!validate({ registry: { location: 'a.com' } }));
  assert.deepEqual(parseReference('docker.io/library/alpine:3'), { domain: 'docker.io', path: 'library/alpine', tag: '3', digest: undefined });
  assert.equal(parseReference('library/UPPER'), undefined);
  assert.equal(detectLanguage('/etc/containers/registries.conf'), 'containers-registries-conf');
  assert.equal(detectLanguage('/home/a/.config/containers/registries.conf.d/50-x.conf'), 'containers-registries-conf');
  assert.equal(detectLanguage('/etc/containers/registries.d/default.yaml'), undefined);
});

test('layers: drop-ins read later replace settings, registries by prefix and aliases one by one', () => {
  const host = memoryHost({
    '/etc/containers/registries.conf': GOOD,
    '/etc/containers/registries.conf.d/50-search.conf': 'unqualified-search-registries = ["quay.io"]\n[aliases]\n"fedora" = "quay.io/fedora/fedora"\n',
    '/etc/containers/registries.conf.d/10-early.conf': 'short-name-mode = "permissive"\n',
    '/etc/containers/registries.conf.d/notes.txt': 'short-name-mode = "disabled"\n',
  }, { env: { HOME: '/home/ann' } });
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const d = s.diagnostics(doc(GOOD)).map((x) => `${x.range.start.line} ${x.code}`);
  assert.deepEqual(d, ['0 registries/overridden', '1 registries/overridden', '17 registries/overridden']);
  const early = s.diagnostics(doc('short-name-mode = "permissive"\n', 'file:///etc/containers/registries.conf.d/10-early.conf')).map((x) => x.code);
  assert.deepEqual(early, []);
  const eff = s.effectiveConfiguration(doc(GOOD))!;
  assert.match(eff, /unqualified-search-registries = \["quay.io"\] +# \/etc\/containers\/registries.conf.d\/50-search.conf:1/);
  assert.match(eff, /short-name-mode = "permissive"/);
  assert.doesNotMatch(eff, /disabled/);
  const r = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted: true });
  assert.deepEqual(r.diagnostics(doc(GOOD)), []);
});

test('registries.conf: search registries are host names; empty short-name-mode and aliases load; a string for aliases is skipped', () => {
  assert.deepEqual(codes('unqualified-search-registries = ["docker.io/", "localhost:5000"]\n'), []);
  assert.deepEqual(codes('unqualified-search-registries = ["docker.io/library", "[::1]:5000", ""]\n'), ['registries/invalid', 'registries/invalid', 'registries/invalid']);
  assert.deepEqual(codes('short-name-mode = ""\n'), []);
  assert.deepEqual(codes('[aliases]\n"x" = ""\n'), []);
  assert.deepEqual(codes('aliases = "x"\n'), ['registries/ignored-value']);
  assert.deepEqual(codes('[[registry]]\nprefix = "https://example.com/foo"\nlocation = "example.com/foo"\n'), ['registries/invalid']);
});
