/**
 * registries.conf against podman itself (`CONTAINERS_REGISTRIES_CONF=F podman info`, exit 125
 * when containers/image refuses the file): Debian's shipped registries.conf (package
 * golang-github-containers-image), variants with one commented line uncommented and with the
 * whole example uncommented, the shipped shortnames.conf drop-in (containers-common), and
 * one-defect files. ctconf must report an error exactly where podman refuses the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { PodmanSandbox, corpusFile, corpusMissing, podmanMissing } from '../helpers/podmanFormats';

const SHIPPED = corpusFile('golang-github-containers-image', 'etc/containers/registries.conf');
const SHORTNAMES = corpusFile('golang-github-containers-common', 'etc/containers/registries.conf.d/shortnames.conf');
const missing = podmanMissing() ?? corpusMissing(SHIPPED) ?? corpusMissing(SHORTNAMES);

function errors(text: string) {
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  return svc.diagnostics({ uri: 'file:///etc/containers/registries.conf', languageId: 'containers-registries-conf', version: 1, text }).filter((d) => d.severity === 1);
}

const BASE = `unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
short-name-mode = "enforcing"
credential-helpers = ["containers-auth.json"]

[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
insecure = false
blocked = false

[[registry.mirror]]
location = "mirror.example.com"
pull-from-mirror = "digest-only"

[[registry]]
location = "quay.io"
mirror-by-digest-only = false

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
`;

/** Search registries to try: host names, ports, paths, schemes, IPv6, odd characters. */
const SEARCH_VALUES = ['docker.io', 'docker.io/', 'Docker.io', 'localhost', 'localhost:5000', 'a.b.c:1', 'docker.io/library', 'https://docker.io', 'ftp://x.io', '', ' ', 'a b', 'docker.io.', '.docker.io', 'x_y.com', '-bad.com', 'bad-.com', 'docker.io:abc', 'docker.io:', 'a:b:c', '[::1]:5000', '*.example.com', 'host@x', '1.2.3.4', '1.2.3.4:80'];

const DEFECTS: [string, string, string][] = [
  ['bad short-name mode', 'short-name-mode = "enforcing"', 'short-name-mode = "strict"'],
  ['short-name mode in capitals', 'short-name-mode = "enforcing"', 'short-name-mode = "Enforcing"'],
  ['search list as a string', '["registry.fedoraproject.org", "docker.io"]', '"docker.io"'],
  ['search entry with a scheme', '"docker.io"]', '"https://docker.io"]'],
  ['misspelled key', 'insecure = false', 'insecur = false'],
  ['insecure as a string', 'insecure = false', 'insecure = "false"'],
  ['location with a scheme', 'location = "quay.io"', 'location = "https://quay.io"'],
  ['no location, plain prefix', 'location = "internal.example.com/bar"', ''],
  ['no location, wildcard prefix', 'prefix = "example.com/foo"\nlocation = "internal.example.com/bar"', 'prefix = "*.example.com"'],
  ['wildcard with a path', 'prefix = "example.com/foo"\nlocation = "internal.example.com/bar"', 'prefix = "*.example.com/foo"'],
  ['mirror without location', 'location = "mirror.example.com"\n', ''],
  ['bad pull-from-mirror', '"digest-only"', '"digests"'],
  ['pull-from-mirror on the registry', 'location = "quay.io"', 'location = "quay.io"\npull-from-mirror = "all"'],
  ['pull-from-mirror with mirror-by-digest-only', 'insecure = false\nblocked = false', 'insecure = false\nblocked = false\nmirror-by-digest-only = true'],
  ['same location, different insecure', '[aliases]', '[[registry]]\nlocation = "quay.io"\ninsecure = true\n\n[aliases]'],
  ['same location, same settings', '[aliases]', '[[registry]]\nprefix = "quay.io/x"\nlocation = "quay.io"\n\n[aliases]'],
  ['single table for registry', '[[registry]]\nlocation = "quay.io"', '[registry]\nlocation = "quay.io"'],
  ['v1 table added', '[aliases]', '[registries.search]\nregistries = ["docker.io"]\n\n[aliases]'],
  ['empty v1 table added', '[aliases]', '[registries.search]\nregistries = []\n\n[aliases]'],
  ['alias without registry', '"registry.fedoraproject.org/fedora"', '"fedora"'],
  ['alias with a tag', '"registry.fedoraproject.org/fedora"', '"registry.fedoraproject.org/fedora:39"'],
  ['alias name with registry', '"fedora" =', '"quay.io/fedora" ='],
  ['alias name in capitals', '"fedora" =', '"Fedora" ='],
  ['alias not a string', '"registry.fedoraproject.org/fedora"', 'true'],
  ['unknown table', '[aliases]', '[alias]'],
  ['duplicate key', 'short-name-mode = "enforcing"', 'short-name-mode = "enforcing"\nshort-name-mode = "disabled"'],
  ['syntax error', '[aliases]', '[aliases'],
  ['inline mirror', 'mirror-by-digest-only = false', 'mirror-by-digest-only = false\nmirror = [{ location = "m.example.com" }]'],
];

const uncomment = (l: string) => l.replace(/^#\s?/, '');

const gate = process.env.CI === 'true' ? false : missing;

test('Debian\'s registries.conf, shortnames.conf, variants and one-defect files agree with podman info', { skip: gate, timeout: 600000 }, () => {
  assert.equal(missing, undefined, missing);
  const shipped = fs.readFileSync(SHIPPED, 'utf8');
  const lines = shipped.split('\n');
  const cases: { name: string; text: string }[] = [
    { name: 'shipped registries.conf', text: shipped },
    { name: 'shipped shortnames.conf', text: fs.readFileSync(SHORTNAMES, 'utf8') },
    { name: 'base file', text: BASE },
  ];
  lines.forEach((l, i) => {
    if (/^#\s?(\[\[?[a-z]|[a-z-]+\s*=)/.test(l)) cases.push({ name: `line ${i + 1} uncommented`, text: lines.map((x, j) => (j === i ? uncomment(x) : x)).join('\n') });
  });
  // The whole example: every commented header and key line from the first [[registry]] on.
  const first = lines.findIndex((l) => /^#\s?\[\[registry\]\]/.test(l));
  const example = lines.map((x, j) => (j >= first && /^#\s?(\[\[?[a-z]|[a-z-]+\s*=)/.test(x) ? uncomment(x) : x));
  cases.push({ name: 'whole example uncommented', text: example.join('\n') });
  cases.push({ name: 'whole example uncommented, broken location fixed', text: example.join('\n').replace('location = internal-registry-for-example.com/bar"', 'location = "internal-registry-for-example.com/bar"') });
  for (const [name, from, to] of DEFECTS) {
    assert.ok(BASE.includes(from), name);
    cases.push({ name, text: BASE.replace(from, to) });
  }
  // Generated values for the places that take host names, prefixes and short names.
  for (const v of SEARCH_VALUES) cases.push({ name: `search registry ${JSON.stringify(v)}`, text: BASE.replace('"registry.fedoraproject.org"', JSON.stringify(v)) });
  for (const v of ['https://example.com/foo', 'http://example.com', 'ftp://example.com/foo', 'example.com/foo/', '*.example.com']) {
    cases.push({ name: `prefix ${JSON.stringify(v)}`, text: BASE.replace('prefix = "example.com/foo"', `prefix = ${JSON.stringify(v)}`) });
    cases.push({ name: `location ${JSON.stringify(v)}`, text: BASE.replace('location = "quay.io"', `location = ${JSON.stringify(v)}`) });
  }
  for (const v of ['', 'permissive', 'Permissive']) cases.push({ name: `short-name-mode ${JSON.stringify(v)}`, text: BASE.replace('short-name-mode = "enforcing"', `short-name-mode = ${JSON.stringify(v)}`) });
  for (const [name, value] of [['"x"', '""'], ['"x"', '"docker.io/library/x"'], ['"x"', '"docker.io/library/x:1"'], ['"x"', '"x"'], ['"a/b"', '"quay.io/a/b"'], ['"quay.io/x"', '"quay.io/x"']]) {
    cases.push({ name: `alias ${name} = ${value}`, text: `${BASE}\n[aliases]\n${name} = ${value}\n` });
  }
  cases.push({ name: 'aliases as a string', text: `aliases = "x"\n${BASE}` });
  const box = new PodmanSandbox();
  const wrong: string[] = [];
  let agree = 0;
  let refused = 0;
  try {
    for (const c of cases) {
      const p = box.registriesInfo(box.file(c.text, 'registries'));
      const e = errors(c.text);
      if (!p.ok) refused++;
      if (p.ok === (e.length === 0)) agree++;
      else wrong.push(`${c.name}: podman ${p.ok ? 'accepts' : `refuses (${p.status}: ${p.message.slice(-140)})`}, ctconf ${e.map((x) => `${x.code}@${x.range.start.line + 1}`).join(', ') || 'no error'}`);
    }
  } finally {
    box.dispose();
  }
  console.log(`# registries.conf oracle: ${cases.length} files (${DEFECTS.length} one-defect), podman refuses ${refused}; verdicts agree ${agree}/${cases.length} (${((100 * agree) / cases.length).toFixed(1)} %)`);
  assert.deepEqual(errors(shipped), []);
  assert.deepEqual(wrong, []);
});
