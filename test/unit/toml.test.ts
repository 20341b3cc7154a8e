/**
 * The tolerant TOML parser against the toml-test suite shipped in Debian
 * (golang-github-burntsushi-toml-dev): every valid file parses without error, and the
 * invalid files are rejected. Plus ranges and recovery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../helpers/paths';
import { offsetAt, parseToml, positionAt } from '../../server/src/containers/toml';
import { decodeText } from '../../server/src/util/read';
import { needs } from '../helpers/needs';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';

const SUITE = path.join(CORPUS, 'golang-github-burntsushi-toml-dev/usr/share/gocode/src/github.com/BurntSushi/toml/internal/toml-test/tests');
const missing = fs.existsSync(SUITE) ? undefined : `toml-test suite not unpacked at ${SUITE} (scripts/prepare.sh downloads it)`;

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.toml')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Valid in this toml-test copy (TOML 1.1 draft), refused by Podman 4.3.1's decoder: `invalid escape in string '\\e'`. */
const PODMAN_REFUSES = /valid\/string\/escape-esc\.toml$/;

test('every valid toml-test file parses without error (but `\\e`, which Podman refuses)', { skip: needs('toml-test suite', missing) }, () => {
  const bad: string[] = [];
  const valid = files(path.join(SUITE, 'valid')).filter((f) => !PODMAN_REFUSES.test(f));
  assert.equal(parseToml(fs.readFileSync(path.join(SUITE, 'valid/string/escape-esc.toml'), 'utf8')).errors.length, 1);
  for (const f of valid) {
    const d = parseToml(fs.readFileSync(f, 'utf8'));
    if (d.errors.length) bad.push(`${path.relative(SUITE, f)}: ${d.errors[0].message}`);
  }
  console.log(`# toml-test valid: ${valid.length - bad.length}/${valid.length} parse`);
  assert.deepEqual(bad, []);
});

/**
 * Invalid by the TOML spec, but Podman's decoder (BurntSushi/toml 1.2, which skips exactly
 * these in its own toml_test.go) loads them: tables re-opened through dotted keys and
 * headers, an inline table extended later. ctconf reads them as Podman does.
 */
const PODMAN_ACCEPTS = ['invalid/inline-table/add.toml', 'invalid/table/append-with-dotted-keys-1.toml', 'invalid/table/append-with-dotted-keys-2.toml', 'invalid/table/duplicate-key-dotted-table.toml', 'invalid/table/duplicate-key-dotted-table2.toml'];

test('invalid toml-test files are rejected, except those Podman\'s decoder loads', { skip: needs('toml-test suite', missing) }, () => {
  // Read as ctconf reads files (bytes that are not UTF-8 become U+FFFD): the encoding cases count too.
  const invalid = files(path.join(SUITE, 'invalid'));
  const accepted = invalid.filter((f) => parseToml(decodeText(fs.readFileSync(f))).errors.length === 0).map((f) => path.relative(SUITE, f));
  console.log(`# toml-test invalid: ${invalid.length - accepted.length}/${invalid.length} rejected`);
  assert.deepEqual(accepted, PODMAN_ACCEPTS);
});

test('entries carry paths and exact ranges', () => {
  const text = '# c\n[containers]\ndefault_capabilities = [\n  "CHOWN", # why\n  "SYS_CHROOT",\n]\n[engine.runtimes]\ncrun = ["/usr/bin/crun"]\n';
  const d = parseToml(text);
  assert.deepEqual(d.errors, []);
  assert.deepEqual(d.entries.map((e) => e.path.join('.')), ['containers.default_capabilities', 'engine.runtimes.crun']);
  const arr = d.entries[0].kv.value;
  assert.equal(arr.type, 'array');
  if (arr.type === 'array') {
    assert.deepEqual(arr.items.map((i) => text.slice(i.start, i.end)), ['"CHOWN"', '"SYS_CHROOT"']);
    assert.deepEqual(positionAt(d, arr.items[1].start), { line: 4, character: 2 });
  }
  assert.deepEqual(d.comments.map((c) => c.text), ['# c', '# why']);
});

test('one broken line does not take the rest of the file away', () => {
  const d = parseToml('[containers]\nlabel = tru\nuserns = "auto"\n[engine]\ncgroup_manager = "systemd\nevents_logger = "file"\n');
  assert.deepEqual(d.errors.map((e) => positionAt(d, e.start).line), [1, 4]);
  assert.deepEqual(d.entries.map((e) => e.path.join('.')), ['containers.userns', 'engine.events_logger']);
});

test('duplicates and redefinitions: errors exactly where Podman\'s decoder (BurntSushi/toml 1.2) refuses', () => {
  for (const t of ['a = 1\na = 2', '[a]\n[a]', 'a = 1\n[a]', '[[a]]\n[a]', 'a = {x = 1}\n[a]', '[a]\n[a.b]\n[a]', '[c]\na.b = 1\na.b = 2', 'a = {x = 1}\na.x = 2', 'a = 1\na.b = 2', 'a.b = 1\na = {c = 1}']) {
    assert.ok(parseToml(t).errors.length > 0, t);
  }
  for (const t of ['[a.b]\n[a]', '[[a]]\n[[a]]\n[a.c]', '[f]\napple.color = 1\napple.taste.sweet = true\n[f.apple.texture]\nsmooth = true',
    '[t]\nx.y = 1\n[t.x]', '[engine]\nruntimes.crun = ["/a"]\n[engine.runtimes]\nrunc = ["/b"]', 'a = {x = 1}\na.y = 2', '[a.b]\nz = 9\n[a]\nb.t = 1',
    '[c]\nenv = ["A=1"]\nenv = ["B=2"]', '[c]\nlabel = true\nlabel = [1]', '[engine]\nruntimes = {crun = ["/a"]}\nruntimes.runc = ["/b"]']) {
    assert.deepEqual(parseToml(t).errors, [], t);
  }
});

test('bytes that are not UTF-8 are refused anywhere, comments included, once per line', () => {
  const d = parseToml(decodeText(Buffer.from([...Buffer.from('# caf'), 0xe9, ...Buffer.from('\n[engine]\nx = "'), 0xff, 0xfe, ...Buffer.from('"\n')])));
  assert.deepEqual(d.errors.map((e) => [e.start, e.kind]), [[5, 'syntax'], [21, 'syntax']]);
  assert.match(d.errors[0].message, /not UTF-8/);
});

test('`\\e` is refused (no released Podman reads it); a BOM is skipped and recorded', () => {
  assert.match(parseToml('[c]\na = "\\e[0m"').errors[0]?.message ?? '', /TOML 1\.1/);
  const d = parseToml('\ufeff[c]\na = 1');
  assert.deepEqual([d.errors, d.bom], [[], true]);
  assert.equal(parseToml('[c]').bom, false);
});

test('positions from a client are clamped into the document, to the end of their line', () => {
  const d = parseToml('[a]\r\nb = 1\nc = 2');
  assert.equal(offsetAt(d, { line: 0, character: 1e9 }), 3);
  assert.equal(offsetAt(d, { line: 1, character: 1e9 }), 10);
  assert.equal(offsetAt(d, { line: 2, character: 1e9 }), 16);
  assert.equal(offsetAt(d, { line: -1, character: -5 }), 0);
  assert.equal(offsetAt(d, { line: NaN, character: NaN }), 0);
  assert.equal(offsetAt(d, { line: 1.5, character: 2.7 }), 7);
  assert.equal(offsetAt(d, { line: 99, character: 0 }), 11);
});

test('a missing comma in an array is one error, not a cascade on the closing bracket (issue 15 item 8)', () => {
  for (const t of ['[c]\nenv = [\n  "A=1"\n  "B=2",\n]\nlabel = true\n', '[c]\nenv = ["A=1" "B=2"]\nlabel = true\n']) {
    const d = parseToml(t);
    assert.equal(d.errors.length, 1, t);
    assert.equal(t.slice(d.errors[0].start, d.errors[0].end), '"');
    assert.match(d.errors[0].message, /Expected `,`/);
    assert.deepEqual(d.entries.map((e) => e.path.join('.')), ['c.env', 'c.label']);
  }
});

test('an array of a million values without commas: one error, and no slower than with commas', () => {
  const t1 = Date.now();
  parseToml(`[c]\nenv = [${'"a", '.repeat(1_000_000)}]\n`);
  const withCommas = Date.now() - t1;
  const t0 = Date.now();
  const d = parseToml(`[c]\nenv = [${'"a" '.repeat(1_000_000)}]\n`);
  assert.equal(d.errors.length, 1);
  assert.ok(Date.now() - t0 < 2 * withCommas + 500, `${Date.now() - t0} ms without commas, ${withCommas} ms with`);
});

test('an offset between the CR and LF of a line break is the end of its line (found by fuzzing registries.conf)', () => {
  const text = 'a = 1\r\nT\r\nb = 2\r\n';
  const doc = parseToml(text);
  assert.deepEqual(positionAt(doc, text.indexOf('T') + 1), { line: 1, character: 1 });
  assert.deepEqual(positionAt(doc, text.indexOf('T') + 2), { line: 1, character: 1 }, 'between \\r and \\n');
  assert.deepEqual(positionAt(doc, text.indexOf('b')), { line: 2, character: 0 });
  // The syntax error after the key `T` ends inside line 1, in every TOML language.
  for (const languageId of ['containers-conf', 'containers-storage-conf', 'containers-registries-conf']) {
    const d = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }).diagnostics({ uri: 'file:///etc/containers/x.conf', languageId, version: 1, text });
    const onT = d.filter((x) => x.range.start.line === 1);
    assert.ok(onT.length > 0, languageId);
    for (const x of onT) assert.ok(x.range.end.line === 1 && x.range.end.character <= 1, `${languageId}: ${JSON.stringify(x.range)}`);
  }
});
