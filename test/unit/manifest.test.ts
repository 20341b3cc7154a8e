/** package.json must say what the code does: languages, settings, entry points. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import picomatch from 'picomatch';
import { rng } from '../../bench/generate';
import { LANGUAGE_PATTERNS, LXC_FIRST_LINE, detectLanguage } from '../../server/src/languages';
import { SETTING_DEFAULTS, normalizeSettings } from '../../server/src/settings';
import { LXC_VERSIONS } from '../../server/src/lxc/version';
import { RULES } from '../../server/src/rules';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('contributed languages match the detection rules the CLI uses', () => {
  const langs = pkg.contributes.languages as { id: string; filenamePatterns: string[]; firstLine?: string }[];
  for (const [id, patterns] of Object.entries(LANGUAGE_PATTERNS)) {
    const l = langs.find((x) => x.id === id);
    assert.ok(l, `language ${id} is contributed`);
    assert.deepEqual(l.filenamePatterns, patterns);
  }
  assert.equal(langs.find((x) => x.id === 'lxc')?.firstLine, LXC_FIRST_LINE);
});

test('language detection by path agrees with picomatch matching each glob in turn', () => {
  // Paths built from every glob's own parts, so each pattern is hit and missed nearby.
  const parts = new Set<string>();
  for (const globs of Object.values(LANGUAGE_PATTERNS)) for (const g of globs) for (const p of g.split('/')) parts.add(p.replace(/\*+/g, 'x'));
  const words = [...parts, '.git', 'etc', '..', '.hidden', 'a.conf', 'config', 'lxc', 'x.conf.d', ''];
  const next = rng(5);
  const paths = Array.from({ length: 20_000 }, () => `/${Array.from({ length: 1 + Math.floor(next() * 6) }, () => words[Math.floor(next() * words.length)]).join('/')}`);
  let hits = 0;
  for (const [id, globs] of Object.entries(LANGUAGE_PATTERNS)) {
    const each = globs.map((g) => picomatch(g, { dot: true }));
    for (const p of paths) {
      const expected = each.some((m) => m(p));
      const got = detectLanguage(p);
      // One language per path: a path matching `id` is detected as `id` or as a language checked before it.
      if (expected) {
        hits++;
        assert.ok(got !== undefined, `${p} matches ${id} but is not detected`);
      } else assert.notEqual(got, id, `${p} is detected as ${id} but matches none of its globs`);
    }
  }
  assert.ok(hits > 500, `${hits} paths matched some glob`);
});

test('contributed settings are exactly the ones the server reads', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; enum?: string[] }>;
  assert.deepEqual(Object.keys(props).sort(), Object.keys(SETTING_DEFAULTS).sort());
  for (const [k, v] of Object.entries(SETTING_DEFAULTS)) assert.deepEqual(props[k].default, v, k);
  assert.deepEqual(props['ctconf.lxc.version'].enum, ['auto', ...LXC_VERSIONS]);
  // Every value the manifest allows is accepted by the server without complaint.
  for (const v of props['ctconf.lxc.version'].enum ?? []) assert.deepEqual(normalizeSettings({ lxc: { version: v } }).problems, []);
  const sev = (pkg.contributes.configuration.properties['ctconf.rules'].additionalProperties.enum as string[]);
  assert.deepEqual(normalizeSettings({ rules: Object.fromEntries(sev.map((s, i) => [RULES[i].code, s])) }).problems, []);
});

test('grammars and language configurations named in the manifest exist', () => {
  for (const g of pkg.contributes.grammars) assert.ok(fs.existsSync(path.join(ROOT, g.path)), g.path);
  for (const l of pkg.contributes.languages) assert.ok(fs.existsSync(path.join(ROOT, l.configuration)), l.configuration);
});

test('real LXC and containers.conf locations are detected; other config files are not', () => {
  const lxc = [
    '/var/lib/lxc/web01/config', '/home/ann/.local/share/lxc/c1/config', '/etc/lxc/default.conf',
    '/home/ann/.config/lxc/default.conf', '/usr/share/lxc/config/common.conf',
    '/usr/share/lxc/config/common.conf.d/00-lxcfs.conf',
  ];
  for (const p of lxc) assert.equal(detectLanguage(p), 'lxc', p);
  const cc = [
    '/etc/containers/containers.conf', '/usr/share/containers/containers.conf', '/home/ann/.config/containers/containers.conf',
    '/etc/containers/containers.conf.d/10-caps.conf', '/etc/containers/containers.rootless.conf',
    '/usr/share/containers/containers.conf.modules/debug/log.conf',
  ];
  for (const p of cc) assert.equal(detectLanguage(p), 'containers-conf', p);
  // lxc-net's dnsmasq configuration lives in /etc/lxc but is read by dnsmasq.
  assert.equal(detectLanguage('/etc/lxc/dnsmasq.conf', 'dhcp-host=web01,10.0.3.10\n'), undefined);
  assert.equal(detectLanguage('/etc/lxc/lxc.conf'), 'lxc');
  assert.equal(detectLanguage('/etc/lxc/extra.conf', 'lxc.cap.drop = sys_module\n'), 'lxc');
  for (const p of ['/home/ann/src/app/.git/config', '/home/ann/.ssh/config', '/srv/app/config', '/etc/nginx/nginx.conf']) {
    assert.equal(detectLanguage(p, '[core]\n\trepositoryformatversion = 0\n'), undefined, p);
  }
  assert.equal(detectLanguage('/srv/containers/web/config', 'lxc.uts.name = web\n'), 'lxc');
  assert.equal(detectLanguage('/srv/x', '# Template used to create this container: /usr/share/lxc/templates/lxc-download\n'), 'lxc');
});

test('RULES.md documents every rule code, with the default severity', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8');
  const missing = RULES.filter((r) => !doc.includes(`\`${r.code}\` (${r.severity})`)).map((r) => r.code);
  assert.deepEqual(missing, []);
  for (const r of RULES) assert.ok(doc.includes(`### ${r.code.replace(/[^a-z0-9]+/g, '-')}`), `anchor for ${r.code}`);
});

test('ctconf.rules offers every rule code with its summary (run `npm run manifest` after adding a rule)', () => {
  const props = pkg.contributes.configuration.properties['ctconf.rules'].properties as Record<string, { enum: string[]; markdownDescription: string }>;
  assert.deepEqual(Object.keys(props), RULES.map((r) => r.code));
  for (const r of RULES) {
    assert.ok(props[r.code].markdownDescription.startsWith(r.summary), r.code);
    assert.deepEqual(props[r.code].enum, ['error', 'warning', 'information', 'hint', 'off']);
  }
});

test('rule links point at the RULES.md shipped beside the bundles, at the rule\'s line', async () => {
  const { localRuleDocs } = await import('../../server/src/ruleDocs');
  const href = localRuleDocs(path.join(ROOT, 'RULES.md'));
  assert.ok(href);
  const lines = fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8').split('\n');
  for (const r of RULES) {
    const link: string | undefined = href!(r.code);
    assert.ok(link?.startsWith('file:///'), r.code);
    const line: number = Number(/#L(\d+)$/.exec(link ?? "")?.[1]);
    assert.equal(lines[line - 1], `### ${r.code.replace(/[^a-z0-9]+/g, '-')}`);
  }
  assert.equal(localRuleDocs(path.join(ROOT, 'no-such-RULES.md')), undefined);
});

test('the extension starts for every language it contributes', () => {
  const ids = (pkg.contributes.languages as { id: string }[]).map((l) => l.id);
  assert.deepEqual(ids.sort(), Object.keys(LANGUAGE_PATTERNS).sort());
  assert.deepEqual(pkg.activationEvents, (pkg.contributes.languages as { id: string }[]).map((l) => `onLanguage:${l.id}`));
});
