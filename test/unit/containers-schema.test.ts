/**
 * The JSON Schema generated from the key data, checked with taplo (the validator behind Even
 * Better TOML): the shipped containers.conf and every uncommented variant ctconf finds no
 * error in validate with zero schema errors; values Podman refuses fail it; and
 * scripts/schemas.mjs writes exactly what the generator returns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { containersConfSchema } from '../../server/src/containers/jsonSchema';
import { CC_KEYS } from '../../server/src/containers/data';
import { CORPUS, ROOT } from '../helpers/paths';
import { uncommentedVariants } from '../helpers/ccVariants';

const SHIPPED = path.join(CORPUS, 'golang-github-containers-common/usr/share/containers/containers.conf');
const TAPLO = path.join(ROOT, 'node_modules/.bin/taplo');
/** A test that needs a prepared file skips without it, but fails under CI=true. */
function needs(missing: string | undefined): string | undefined {
  if (missing && process.env.CI === 'true') throw new Error(`${missing} (required with CI=true)`);
  return missing;
}

/** Runs taplo once over all files; the set of files it found invalid. */
function taploInvalid(schemaFile: string, files: string[]): { invalid: Set<string>; output: string } {
  const r = spawnSync(TAPLO, ['lint', '--no-auto-config', '--colors', 'never', '--schema', `file://${schemaFile}`, ...files], { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 << 20 });
  const output = `${r.stdout}${r.stderr}`;
  assert.ok(r.status === 0 || r.status === 1, `taplo failed to run (${r.status}): ${output.slice(0, 500)}`);
  const invalid = new Set([...output.matchAll(/invalid file error=.*? path="([^"]+)"/g)].map((m) => m[1]));
  assert.equal(r.status === 0, invalid.size === 0, output.slice(0, 2000));
  return { invalid, output };
}

const SERVICE = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
const hasError = (text: string) => SERVICE.diagnostics({ uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', version: 1, text }).some((d) => d.severity === 1);

const GOOD = [
  '[engine]\npull_policy = "Missing"\n',
  '[containers]\nuserns = "auto:size=65536"\nipcns = "container:abc"\n',
  '[containers]\ndefault_capabilities = ["CHOWN", "cap_kill", "CAP_net_raw", "Sys_Chroot"]\n',
  '[containers]\nenv = ["A=1", {append = true}]\n',
  '[containers]\nnot_a_key = 1\n[Engine]\nStop_Timeout = 5\n',
  '[engine]\nstop_timeout = -1\nimage_volume_mode = "bind"\n',
  '[engine.runtimes]\ncrun = ["/usr/bin/crun"]\n[engine.service_destinations.prod]\nuri = "ssh://core@host/run/podman/podman.sock"\nis_machine = false\n',
  '[network]\ndefault_subnet_pools = [{base = "10.89.0.0/16", size = 24}]\n',
];
const BAD = [
  '[containers]\nlabel = "true"\n',
  '[engine]\npull_policy = "sometimes"\n',
  '[containers]\ndefault_capabilities = ["FOO_BAR"]\n',
  '[containers]\nlog_driver = "syslog"\n',
  '[engine]\nnum_locks = -5\n',
  '[engine.runtimes]\ncrun = "/usr/bin/crun"\n',
  '[network]\ndefault_subnet_pools = [{base = "10.89.0.0/16", size = "24"}]\n',
  '[containers]\nenv = ["A=1", {append = "yes"}]\n',
];

test('the schema describes every key of the data, in Draft 4', () => {
  const s = containersConfSchema() as { $schema: string; properties: Record<string, { properties: Record<string, { description: string }> }> };
  assert.equal(s.$schema, 'http://json-schema.org/draft-04/schema#');
  for (const k of CC_KEYS.filter((x) => !x.table.includes('.'))) {
    const p = s.properties[k.table]?.properties[k.key];
    assert.ok(p, `${k.table}.${k.key} missing`);
    assert.ok(p.description.startsWith(k.doc || 'No longer'), `${k.table}.${k.key}: ${p.description}`);
  }
  // Draft 4 has no boolean exclusiveMinimum/const/examples: none are used.
  assert.doesNotMatch(JSON.stringify(s), /"(const|examples|exclusiveMinimum|\$id)"/);
});

test('scripts/schemas.mjs writes the generated schema', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-schema-'));
  const r = spawnSync(process.execPath, ['scripts/schemas.mjs', '--out', dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'containers.conf.schema.json'), 'utf8')), containersConfSchema());
  fs.rmSync(dir, { recursive: true, force: true });
});

test('taplo: zero schema errors on the shipped file and its accepted variants; refused values fail', { skip: needs(fs.existsSync(SHIPPED) ? undefined : `${SHIPPED} not unpacked (scripts/prepare.sh downloads it)`) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-schema-'));
  const schemaFile = path.join(dir, 'schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(containersConfSchema()));
  const shipped = fs.readFileSync(SHIPPED, 'utf8');
  const accepted = [shipped, ...uncommentedVariants(shipped).map((v) => v.text)].filter((t) => !hasError(t));
  const write = (prefix: string, texts: string[]) => texts.map((t, i) => {
    const f = path.join(dir, `${prefix}${i}.toml`);
    fs.writeFileSync(f, t);
    return f;
  });
  const ok = write('ok', [...accepted, ...GOOD]);
  const bad = write('bad', BAD);
  assert.deepEqual(BAD.filter(hasError).length, BAD.length, 'every BAD case is an error for ctconf too');
  const { invalid, output } = taploInvalid(schemaFile, [...ok, ...bad]);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# taplo: ${accepted.length} shipped/variant files and ${GOOD.length} more without schema errors expected; ${BAD.length} refused cases`);
  assert.ok(accepted.length > 80);
  assert.deepEqual(ok.filter((f) => invalid.has(f)).map((f) => `${path.basename(f)}: ${output.split('\n').filter((l) => l.includes(f)).join(' ')}`), []);
  assert.deepEqual(bad.filter((f) => !invalid.has(f)).map((f) => fs.existsSync(f) ? f : BAD[bad.indexOf(f)]), []);
});
