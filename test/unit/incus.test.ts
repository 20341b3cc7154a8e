/** Incus/LXD YAML: keys and types from the metadata facts, raw.idmap, raw.lxc, isolated idmap sizing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { detectLanguage } from '../../server/src/languages';
import { INCUS_KEYS } from '../../server/src/incus/keys';
import { INCUS_DOCS } from '../../server/src/incus/docs';
import { parseIncus } from '../../server/src/incus/model';
import { valueLines as valueLinesForTest } from '../../server/src/incus/validate';
import { ROOT } from '../helpers/paths';
import { applyEdits, cursor } from '../helpers/service';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';

const FIX = path.join(ROOT, 'test/fixtures/incus');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const svc = (host: Host = memoryHost(), others: TextDoc[] = []) => {
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  s.setOthers(() => others);
  return s;
};
const doc = (text: string, uri = 'file:///srv/incus/web.incus.yaml'): TextDoc => ({ uri, languageId: 'incus-yaml', version: 1, text });
const tuples = (s: ReturnType<typeof svc>, d: TextDoc) => s.diagnostics(d).map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`);

test('incus: the 157 instance keys are facts with types; security.* and raw.* have descriptions of their own', () => {
  assert.equal(INCUS_KEYS.length, 157);
  const own = INCUS_KEYS.filter((k) => k[0].startsWith('security.') || k[0].startsWith('raw.'));
  assert.equal(own.length, 51);
  for (const k of own) assert.ok(INCUS_DOCS[k[0]], k[0]);
  assert.deepEqual(INCUS_KEYS.find((k) => k[0] === 'security.idmap.isolated'), ['security.idmap.isolated', 'bool', '`false`', 'unprivileged container', 'no']);
});

test('incus: realistic profiles are clean', () => {
  assert.deepEqual(tuples(svc(), doc(read('web.incus.yaml'))), []);
  assert.deepEqual(tuples(svc(), doc(read('db.lxd.yaml'), 'file:///srv/incus/db.lxd.yaml')), []);
});

test('incus: every rule on the broken fixture, with exact ranges', () => {
  assert.deepEqual(tuples(svc(), doc(read('broken.incus.yaml'), 'file:///srv/broken.incus.yaml')), [
    '2:2-20 incus/unknown-key',
    '3:20-25 incus/invalid-value',
    '4:23-27 incus/invalid-value',
    '5:2-25 incus/conflicting-keys',
    '9:4-22 incus/raw-idmap',
    '10:4-11 incus/raw-idmap',
    '11:4-12 incus/raw-idmap',
    '13:4-16 incus/raw-lxc-refused',
    '14:4-22 incus/raw-lxc-refused',
    '15:19-27 lxc/unknown-capability',
    '16:4-18 incus/raw-lxc-refused',
  ]);
  assert.ok(tuples(svc(), doc('config:\n  a: [1\n')).some((s) => s.endsWith('incus/yaml-syntax')));
  assert.deepEqual(tuples(svc(), doc('config:\n  security.privileged: "true"\n  raw.idmap: both 1 1\n')), ['2:2-11 incus/no-effect']);
  // A plain one-line raw.lxc keeps its columns.
  assert.deepEqual(tuples(svc(), doc('config:\n  raw.lxc: lxc.cap.drop = sys_admn\n')), ['1:26-34 lxc/unknown-capability']);
  // Interface keys: only an interface's addresses and gateways pass (LXD, Incus before 6.15).
  assert.deepEqual(tuples(svc(), doc('config:\n  raw.lxc: |\n    lxc.net.0.ipv4.address = 10.0.3.2/24\n    lxc.net.0.ipv6.gateway = auto\n    lxc.net.0.link = br0\n')), ['4:4-18 incus/raw-lxc-refused']);
});

const SUBUID = 'root:100000:65536\nann:165536:65536\n';

test('incus: isolated containers need 65,536 × (1 + isolated) IDs of root; the fix raises root\'s count', () => {
  const host = memoryHost({ '/etc/subuid': 'root:1000000:1000000000\nroot:1000:1\nroot:2000:10\n', '/etc/subgid': 'root:1000000:1000000000\nroot:1000:1\n' });
  assert.deepEqual(tuples(svc(host), doc(read('web.incus.yaml'))), []);
  const tight = memoryHost({ '/etc/subuid': 'root:100000:65536\nroot:1000:1\nroot:2000:10\n', '/etc/subgid': 'root:100000:131072\nroot:1000:1\n' });
  const s = svc(tight);
  const d = doc(read('web.incus.yaml'));
  const diags = s.diagnostics(d);
  assert.deepEqual(diags.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`), ['7:2 incus/idmap-subid']);
  assert.match(String(diags[0].message), /131,072/);
  const fix = s.codeActions(d, diags[0].range, [diags[0]])[0];
  assert.equal(fix.title, 'Give root 131072 IDs in subuid');
  assert.equal(applyEdits('root:100000:65536\nroot:1000:1\n', fix.edit!.changes!['file:///etc/subuid']), 'root:100000:131072\nroot:1000:1\n');
  // Counted across the other Incus documents: two isolated (one of size 131072) need 65,536 + 65,536 + 131,072.
  const others: TextDoc[] = [{ uri: 'file:///srv/incus/db.lxd.yaml', languageId: 'incus-yaml', version: 1, text: read('db.lxd.yaml') }];
  const both = svc(memoryHost({ '/etc/subuid': 'root:100000:131072\nroot:1000:1\nroot:2000:10\n', '/etc/subgid': 'root:100000:262144\nroot:1000:1\n' }), others).diagnostics(d);
  assert.deepEqual(both.map((x) => x.code), ['incus/idmap-subid']);
  assert.match(String(both[0].message), /262,144/);
  // Growing root's range would overlap ann's: no fix, the message says why.
  const clash = svc(memoryHost({ '/etc/subuid': SUBUID, '/etc/subgid': 'root:100000:131072\n' })).diagnostics(d).filter((x) => x.code === 'incus/idmap-subid');
  assert.match(String(clash[0].message), /no other line uses/);
  assert.deepEqual(svc(memoryHost({ '/etc/subuid': SUBUID })).codeActions(d, clash[0].range, [clash[0]]), []);
});

test('incus: hover gives type, default and our description; completion offers unused keys under config', () => {
  const s = svc();
  const text = read('web.incus.yaml');
  const h = JSON.stringify(s.hover(doc(text), { line: 7, character: 5 })?.contents);
  assert.match(h, /65,536/);
  assert.match(h, /unprivileged container/);
  const g = JSON.stringify(s.hover(doc(text), { line: 5, character: 4 })?.contents);
  assert.match(g, /Takes a string/);
  const c = cursor('config:\n  limits.cpu: "2"\n  secu|\ndevices: {}\n');
  const items = s.completion(doc(c.text), c.pos);
  assert.ok(items.some((i) => i.label === 'security.idmap.isolated'));
  assert.ok(!items.some((i) => i.label === 'limits.cpu'));
  const n = cursor('devices:\n  ro|\n');
  assert.deepEqual(s.completion(doc(n.text), n.pos), []);
});

test('incus: detection by name and first line, not other YAML', () => {
  assert.equal(detectLanguage('/srv/p/web.incus.yaml'), 'incus-yaml');
  assert.equal(detectLanguage('/srv/p/db.lxd.yml'), 'incus-yaml');
  assert.equal(detectLanguage('/srv/p/profile.yaml', '# ctconf: incus\nconfig: {}\n'), 'incus-yaml');
  assert.equal(detectLanguage('/srv/p/compose.yaml', 'services: {}\n'), undefined);
  assert.equal(detectLanguage('/srv/p/.github/workflows/ci.yml', 'on: push\n'), undefined);
});

const oracleMissing = process.env.CI === 'true' ? undefined : lxcOracleMissing();

test('incus: raw.lxc lines the LXC engine accepts load in liblxc, and those it refuses do not', { skip: oracleMissing }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-incus-'));
  try {
    const cases: { file: string; errors: boolean }[] = [];
    for (const f of ['web.incus.yaml', 'broken.incus.yaml']) {
      const m = parseIncus(read(f));
      const raw = m.config.find((e) => e.key === 'raw.lxc')!;
      for (const l of valueLinesForTest(raw, m)) {
        if (l.text === '' || /^lxc\.(?:log|prlimit)/.test(l.text)) continue;
        const file = path.join(dir, `${cases.length}.conf`);
        fs.writeFileSync(file, `${l.text}\n`);
        const errors = svc().diagnostics(doc(`config:\n  raw.lxc: |\n    ${l.text}\n`)).some((d) => d.severity === 1 && String(d.code).startsWith('lxc/'));
        cases.push({ file, errors });
      }
    }
    assert.ok(cases.length >= 4);
    const verdicts = runLxcOracle(cases.map((c) => c.file));
    for (const c of cases) assert.equal(verdicts.get(c.file)?.verdict, c.errors ? 'reject' : 'accept', fs.readFileSync(c.file, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('incus: raw.idmap host IDs must be given to root in /etc/subuid and /etc/subgid (with the fix)', () => {
  const host = memoryHost({ '/etc/subuid': 'root:1000000:1000000000\n', '/etc/subgid': 'root:1000000:1000000000\nroot:1000:1\n' });
  const s = svc(host);
  const d = doc('config:\n  raw.idmap: |\n    both 1000 1000\n    gid 5-6 5-6\n');
  const diags = s.diagnostics(d);
  assert.deepEqual(diags.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`), ['2:4-18 unpriv/idmap-root-subid', '3:4-15 unpriv/idmap-root-subid']);
  assert.match(String(diags[0].message), /Incus only maps/);
  const fix = s.codeActions(d, diags[0].range, [diags[0]])[0];
  assert.equal(applyEdits('root:1000000:1000000000\n', fix.edit!.changes!['file:///etc/subuid']), 'root:1000000:1000000000\nroot:1000:1\n');
  // Not for privileged containers, and not without a subuid file.
  assert.deepEqual(svc(host).diagnostics(doc('config:\n  security.privileged: "true"\n  raw.idmap: both 1000 1000\n')).map((x) => x.code), ['incus/no-effect']);
  assert.deepEqual(svc().diagnostics(d), []);
});

test('incus: integer, priority, CPU-set and memory values are checked as Incus validates them', () => {
  const t = (key: string, value: string) => tuples(svc(), doc(`config:\n  ${key}: "${value}"\n`));
  const bad = (key: string, value: string) => assert.deepEqual(t(key, value), [`1:${key.length + 4}-${key.length + 6 + value.length} incus/invalid-value`], `${key}: ${value}`);
  const good = (key: string, value: string) => assert.deepEqual(t(key, value), [], `${key}: ${value}`);
  bad('boot.autostart.delay', 'ten');
  good('boot.autostart.delay', '-5');
  bad('boot.stop.priority', '9223372036854775808');
  good('limits.processes', '+100');
  bad('security.idmap.size', '+65536');
  bad('limits.disk.priority', '11');
  good('limits.cpu.priority', '0');
  bad('limits.memory.oom_priority', '-1001');
  good('limits.cpu', '2');
  good('limits.cpu', '0-3,6');
  good('limits.cpu', 'sockets=1,cores=2');
  bad('limits.cpu', 'two');
  bad('limits.cpu', '0');
  bad('limits.cpu', '1-3,3');
  good('limits.memory', '512MiB');
  good('limits.memory', '2147483648');
  good('limits.memory', '50%');
  bad('limits.memory', '2 GiB');
  bad('limits.memory', '2gib');
  bad('limits.memory', '0%');
  bad('limits.memory', '0GB');
  good('limits.memory', '');
});

test('incus: YAML read as yaml.v2 hands it to Incus (plain scalars as written, anchors, merge keys, repeats, one document)', () => {
  const s = svc();
  // Plain scalars reach Incus as written: `1.0` is a CPU count of 1.0 (refused), not the number 1.
  assert.deepEqual(parseIncus('config:\n  limits.cpu: 1.0\n  boot.autostart: yes\n  user.a: ~\n  user.b: 0x10\n').config.map((e) => e.value), ['1.0', 'yes', '', '0x10']);
  assert.deepEqual(tuples(s, doc('config:\n  limits.cpu: 1.0\n')), ['1:14-17 incus/invalid-value']);
  // Anchors, aliases and merge keys are followed; an explicit key replaced by a merge after it is named.
  const merged = 'x-base: &base\n  limits.memory: 2 GiB\n  security.nesting: "true"\nconfig:\n  security.nesting: "false"\n  <<: *base\n  limits.cpu: &two "2"\n  user.cpus: *two\n';
  assert.deepEqual(tuples(s, doc(merged)), ['1:17-22 incus/invalid-value', '4:2-18 incus/duplicate-key']);
  assert.equal(parseIncus(merged).config.find((e) => e.key === 'user.cpus')?.value, '2');
  assert.deepEqual(tuples(s, doc('config:\n  <<: 3\n')), ['1:2-4 incus/yaml-syntax']);
  // A key given twice: the last wins (information on the first); a list is refused wherever it is.
  const twice = s.diagnostics(doc('config:\n  limits.cpu: "2"\n  limits.cpu: "4"\n'));
  assert.deepEqual(twice.map((d) => `${d.range.start.line} ${d.code} ${d.severity}`), ['1 incus/duplicate-key 3']);
  assert.match(String(twice[0].message), /given again on line 3/);
  assert.deepEqual(tuples(s, doc('config:\n  limits.cpu: [2]\n  limits.cpu: "4"\n')), ['1:2-12 incus/duplicate-key', '1:14-17 incus/invalid-value']);
  // Only the first document is read; a trailing `---` alone is not worth a word.
  assert.deepEqual(tuples(s, doc('config:\n  limits.cpu: "2"\n---\nconfig:\n  limits.cpu: two\n')), ['2:0-17 incus/ignored-document']);
  assert.deepEqual(tuples(s, doc('config:\n  limits.cpu: "2"\n---\n# end\n')), []);
  assert.deepEqual(tuples(s, doc('config: ~\n')), []);
});

test('incus: LXD files (*.lxd.yaml, `# ctconf: lxd`) are judged by LXD 5.0\'s options; LXD names in Incus files get Incus\'s name', () => {
  const s = svc();
  const lxd = (text: string) => tuples(s, doc(text, 'file:///srv/lxd/web.lxd.yaml'));
  assert.deepEqual(lxd('config:\n  security.devlxd: "false"\n  limits.network.priority: "3"\n  limits.cpu: "0"\n'), []);
  assert.deepEqual(lxd('config:\n  security.guestapi: "false"\n  smbios11.x: a\n  limits.network.priority: "11"\n'), ['1:2-19 incus/unknown-key', '2:2-12 incus/unknown-key', '3:27-31 incus/invalid-value']);
  assert.deepEqual(tuples(s, doc('# ctconf: lxd\nconfig:\n  security.devlxd: "false"\n', 'file:///srv/lxd/web.yaml')), []);
  // In an Incus file, LXD's name is refused and the fix writes Incus's.
  const d = s.diagnostics(doc('config:\n  security.devlxd: "false"\n  limits.cpu: "0"\n'));
  assert.deepEqual(d.map((x) => `${x.range.start.line} ${x.code}`), ['1 incus/unknown-key', '2 incus/invalid-value']);
  assert.match(String(d[0].message), /Incus calls it `security\.guestapi`/);
  const fix = s.codeActions(doc('config:\n  security.devlxd: "false"\n'), d[0].range, [d[0]]);
  assert.equal(applyEdits('config:\n  security.devlxd: "false"\n', fix[0].edit?.changes?.['file:///srv/incus/web.incus.yaml'] ?? []), 'config:\n  security.guestapi: "false"\n');
});

test('incus: value checks of schedules, expiries, allowances, sizes, enumerations and cloud-init network YAML', () => {
  const s = svc();
  const bad = (key: string, v: string) => tuples(s, doc(`config:\n  ${key}: ${JSON.stringify(v)}\n`)).map((t) => t.split(' ')[1]);
  for (const [k, ok, no] of [
    ['snapshots.schedule', ['0 6 * * *', '@daily', '*/15 * * * mon-fri', '@hourly, @startup'], ['x y', '0 6 * *', '61 * * * *', '@sometimes']],
    ['snapshots.expiry', ['2w', '1d 12H', '3m'], ['2 w', '1d 2d', '1x', '-1d']],
    ['limits.cpu.allowance', ['50%', '25ms/100ms', '25/100'], ['1', '1.5', '25ms', 'x%']],
    ['limits.hugepages.2MB', ['0', '4', '1GiB'], ['-1', '1.5', '50%']],
    ['limits.memory.enforce', ['soft', 'hard'], ['Hard', 'true']],
    ['cluster.evacuate', ['auto', 'live-migrate'], ['evacuate', '']],
    ['cloud-init.network-config', ['version: 2\nethernets: {}\n', ''], ['x y', '- a', '@daily']],
  ] as const) {
    for (const v of ok) assert.deepEqual(bad(k, v), [], `${k} = ${v}`);
    for (const v of no) assert.deepEqual(bad(k, v), v === '' ? [] : ['incus/invalid-value'], `${k} = ${v}`);
  }
  // LXD 5.0 reads limits.memory.swap as a boolean; Incus also takes other values.
  assert.deepEqual(tuples(s, doc('config:\n  limits.memory.swap: 1GiB\n', 'file:///srv/web.lxd.yaml')).map((t) => t.split(' ')[1]), ['incus/invalid-value']);
  assert.deepEqual(tuples(s, doc('config:\n  limits.memory.swap: 1GiB\n')), []);
});

test('incus: merge keys of merge keys (10 levels of 10 aliases) are followed up to a bound, with a note where ctconf stopped', () => {
  let text = 'a0: &a0\n  user.x: "1"\n';
  for (let i = 1; i <= 9; i++) text += `a${i}: &a${i}\n  <<: [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
  text += 'config:\n  <<: *a9\n';
  const m = parseIncus(text);
  assert.deepEqual(m.config.map((e) => e.key), ['user.x']);
  assert.ok(m.mergeLimit, 'the bound is reported');
  assert.deepEqual(svc().diagnostics(doc(text)).map((d) => d.code), ['ctconf/internal-error']);
});
