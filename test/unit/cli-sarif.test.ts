/**
 * `--format sarif` against the official SARIF 2.1.0 JSON schema (draft-04, fetched into .cache
 * by scripts/prepare.sh from an npm package that ships it), and `--format gitlab`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CACHE, CLI, ROOT } from '../helpers/paths';
import { RULES } from '../../server/src/rules';
import { ruleHelp } from '../../server/src/cli/ruleHelp';

const FIXTURE = path.join(ROOT, 'test/fixtures/cli/host');
const SCHEMA = path.join(CACHE, 'sarif/sarif-schema-2.1.0.json');
const missing = fs.existsSync(SCHEMA) ? false : 'the SARIF schema is not in .cache (run scripts/prepare.sh)';

function sarif(args: string[], cwd = FIXTURE, input?: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', '--lxc-version', '5.0', '--podman-version', '5.0', ...args], { cwd, encoding: 'utf8', input, timeout: 20_000 });
  return { status: r.status, log: JSON.parse(r.stdout) as SarifLog, stderr: r.stderr };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; help?: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } }; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }[];
}

test('--format sarif validates against the SARIF 2.1.0 schema', { skip: process.env.CI === 'true' ? false : missing }, () => {
  assert.ok(fs.existsSync(SCHEMA), 'scripts/prepare.sh puts the SARIF schema into .cache');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema has a pattern that is only valid without the u flag;
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
  const cases = [sarif(['.']), sarif(['--language', 'lxc', '-'], FIXTURE, 'lxc.bogus = 1\n\nlxc.net.0.type = veth\nlxc.net.0.type = veth\n'), sarif(['--quiet', '.'])];
  for (const c of cases) {
    assert.equal(validate(c.log), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(c.log.runs[0].results.length > 0, true);
  }
  // The schema catches a broken log: the check above is not vacuous.
  const broken = structuredClone(cases[0].log) as unknown as { runs: { results: { level: string }[] }[] };
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false);
});

test('SARIF: every rule with help from RULES.md, results with relative URIs, 1-based non-empty regions and fingerprints', () => {
  const { status, log } = sarif(['.']);
  assert.equal(status, 1);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'ctconf');
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(driver.rules.map((r) => r.id), RULES.map((r) => r.code));
  const help = ruleHelp(fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8'));
  const withoutSection: string[] = [];
  for (const r of driver.rules) {
    assert.ok(r.help, `${r.id} has help text`);
    const section = help.get(r.id);
    if (section) {
      assert.equal(r.help.markdown, section.markdown);
      assert.match(r.help.markdown, new RegExp(`^\`${r.id}\` \\(`));
      assert.doesNotMatch(r.help.text, /`/);
    } else {
      withoutSection.push(r.id);
      assert.equal(r.help.text, RULES.find((x) => x.code === r.id)?.summary);
    }
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
  assert.deepEqual(withoutSection, [], 'RULES.md has a section for every rule');
  assert.ok(help.size >= 50, `${help.size} sections read`);
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${FIXTURE}/`);
  assert.deepEqual(run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]), [
    ['containers/unknown-key', 'warning', 'etc/containers/containers.conf', 2],
    ['lxc/unknown-key', 'error', 'srv/ct/web02.cfg', 2],
    ['lxc/legacy-key', 'error', 'var/lib/lxc/web01/config', 1],
  ]);
  for (const r of run.results) {
    assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
    assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    const g = r.locations[0].physicalLocation.region;
    assert.ok(g.startLine >= 1 && g.startColumn >= 1);
    assert.ok(g.endLine > g.startLine || g.endColumn > g.startColumn, 'non-empty');
    assert.match(r.partialFingerprints['ctconfLineHash/v1'], /^[0-9a-f]{32}$/);
  }
});

test('SARIF fingerprints survive lines added above; identical findings get distinct ones; odd names are URI-encoded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-sarif-'));
  const f = path.join(dir, 'lxc', 'config', 'we b#1.conf');
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, 'lxc.bogus = 1\nlxc.bogus = 1\n');
  const before = sarif(['.'], dir).log.runs[0].results;
  fs.writeFileSync(f, '# a comment\nlxc.uts.name = x\nlxc.bogus = 1\nlxc.bogus = 1\n');
  const after = sarif(['.'], dir).log.runs[0].results.filter((r) => r.ruleId === 'lxc/unknown-key');
  assert.equal(before.length, 2);
  assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
  assert.notEqual(before[0].partialFingerprints['ctconfLineHash/v1'], before[1].partialFingerprints['ctconfLineHash/v1']);
  assert.deepEqual(after.map((r) => r.locations[0].physicalLocation.region.startLine), [3, 4]);
  assert.equal(before[0].locations[0].physicalLocation.artifactLocation.uri, 'lxc/config/we%20b%231.conf');
  // A zero-length finding (a missing final key, say) still gets a one-column region.
  const empty = sarif(['--language', 'lxc', '-'], dir, 'lxc.net.0.link = br0\n').log.runs[0].results;
  for (const r of empty) {
    const g = r.locations[0].physicalLocation.region;
    assert.ok(g.endLine > g.startLine || g.endColumn > g.startColumn);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--format gitlab: code quality issues with unique fingerprints, relative paths and lines', () => {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'gitlab', '--lxc-version', '5.0', '.'], { cwd: FIXTURE, encoding: 'utf8' });
  assert.equal(r.status, 1);
  const issues = JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
  assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]), [
    ['containers/unknown-key', 'minor', 'etc/containers/containers.conf', 2],
    ['lxc/unknown-key', 'major', 'srv/ct/web02.cfg', 2],
    ['lxc/legacy-key', 'major', 'var/lib/lxc/web01/config', 1],
  ]);
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  for (const i of issues) assert.ok(i.description.startsWith(`${i.check_name}: `));
});
