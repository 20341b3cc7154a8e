/**
 * Incus/LXD YAML against LXD itself (Debian 12's lxd 5.0.2, a private daemon: lxdOracle.ts):
 * the project's Incus fixtures and one-defect variants of the clean profile. ctconf must report
 * an error exactly where LXD refuses the `config:` map (as a profile, or when an instance is
 * created with it). Two kinds of findings are outside the comparison: the LXC engine's
 * findings on raw.lxc lines (LXD hands those to liblxc when the container starts, which this
 * oracle never does; the liblxc oracle checks them in incus.test.ts), and keys or rules where
 * Incus and LXD 5.0 differ (listed in DIFFERS, each with the reason).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { ROOT } from '../helpers/paths';
import { needs } from '../helpers/needs';
import { LxdSandbox, lxdMissing } from '../helpers/lxdOracle';
import { INCUS_ONLY, LXD_ONLY } from '../../server/src/incus/dialect';
import { CHECKED_OPTIONS } from '../../server/src/incus/values';
import { INCUS_KEYS } from '../../server/src/incus/keys';

const missing = lxdMissing();
const FILES = ['test/fixtures/incus/web.incus.yaml', 'test/fixtures/incus/db.lxd.yaml', 'test/fixtures/incus/broken.incus.yaml', 'test/fixtures/unpriv/profiles/isolated.incus.yaml'];
const WEB = fs.readFileSync(path.join(ROOT, 'test/fixtures/incus/web.incus.yaml'), 'utf8');

/** One defect each, applied to the clean web profile (a search and its replacement). */
const DEFECTS: [string, RegExp, string][] = [
  ['not a boolean', /security\.nesting: "false"/, 'security.nesting: "maybe"'],
  ['boolean spelled yes', /security\.nesting: "false"/, 'security.nesting: "yes"'],
  ['unquoted boolean', /boot\.autostart: "true"/, 'boot.autostart: true'],
  ['unknown key', /security\.nesting: "false"/, 'security.nestin: "false"'],
  ['user key', /user\.owner: web-team/, 'user.owner.team: web'],
  ['environment key', /user\.owner: web-team/, 'environment.HTTP_PROXY: http://proxy:3128'],
  ['cpu limit in words', /limits\.cpu: "2"/, 'limits.cpu: "two"'],
  ['cpu set', /limits\.cpu: "2"/, 'limits.cpu: "0-1,3"'],
  ['cpu limit 0', /limits\.cpu: "2"/, 'limits.cpu: "0"'],
  ['cpu listed twice', /limits\.cpu: "2"/, 'limits.cpu: 1-3,3'],
  ['memory with a blank', /limits\.memory: 2GiB/, 'limits.memory: 2 GiB'],
  ['memory unit in lower case', /limits\.memory: 2GiB/, 'limits.memory: 2gib'],
  ['memory in bytes', /limits\.memory: 2GiB/, 'limits.memory: "2147483648"'],
  ['memory 0%', /limits\.memory: 2GiB/, 'limits.memory: 0%'],
  ['memory 0', /limits\.memory: 2GiB/, 'limits.memory: 0MiB'],
  ['negative process limit', /limits\.memory: 2GiB/, 'limits.processes: "-1"'],
  ['disk priority 11', /limits\.memory: 2GiB/, 'limits.disk.priority: "11"'],
  ['cpu priority 10', /limits\.memory: 2GiB/, 'limits.cpu.priority: "10"'],
  ['memory in percent', /limits\.memory: 2GiB/, 'limits.memory: 50%'],
  ['raw.lxc log file', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.log.file = /tmp/web.log'],
  ['raw.lxc syslog', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.log.syslog = daemon'],
  ['raw.lxc ephemeral', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.ephemeral = 1'],
  ['raw.lxc prlimit', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.prlimit.nofile = 1024'],
  ['raw.lxc interface type', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.net.0.type = veth'],
  ['raw.lxc interface address', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.net.0.ipv4.address = 10.0.3.5/24'],
  ['raw.lxc line without =', /(lxc\.mount\.auto = .*)/, '$1\n    lxc.cap.drop sys_module'],
  ['raw.idmap unknown type', /both 1000 1000/, 'all 1000 1000'],
  ['raw.idmap not a number', /both 1000 1000/, 'both 1000 zz'],
  ['raw.idmap three ranges', /both 1000 1000/, 'both 1000 1000 1000'],
  ['raw.idmap ranges of different sizes', /uid 2000-2009 3000-3009/, 'uid 2000-2009 3000-3019'],
  ['negative idmap size', /(security\.idmap\.isolated: "true")/, '$1\n  security.idmap.size: "-5"'],
  ['idmap base in words', /(security\.idmap\.isolated: "true")/, '$1\n  security.idmap.base: "high"'],
  ['syscalls allow with deny_default', /(security\.nesting: "false")/, '$1\n  security.syscalls.allow: mount\n  security.syscalls.deny_default: "true"'],
  ['raw.seccomp with syscalls deny', /(security\.nesting: "false")/, '$1\n  raw.seccomp: "2\\nblacklist\\nreject_force_umount\\n"\n  security.syscalls.deny: mount'],
  ['privileged and isolated', /security\.nesting: "false"/, 'security.privileged: "true"'],
  ['autostart delay in words', /boot\.autostart: "true"/, 'boot.autostart.delay: ten'],
  ['kernel modules', /user\.owner: web-team/, 'linux.kernel_modules: ip_tables,overlay'],
  ['an Incus-only key', /user\.owner: web-team/, 'security.guestapi: "false"'],
];

/**
 * Whole documents sent to LXD as written (not re-serialised), for what YAML itself decides:
 * plain scalars as written, anchors and merge keys, repeated keys, several documents.
 */
const VERBATIM: [string, string][] = [
  ['plain 1.0 as a CPU count', 'config:\n  limits.cpu: 1.0\n'],
  ['plain 2 as a CPU count', 'config:\n  limits.cpu: 2\n'],
  ['plain yes as a boolean', 'config:\n  security.nesting: yes\n'],
  ['plain null value', 'config:\n  limits.memory: ~\n'],
  ['hex plain as a process limit', 'config:\n  limits.processes: 0x10\n'],
  ['anchor and alias', 'config:\n  limits.cpu: &n "2"\n  user.cpus: *n\n'],
  ['merge key with a bad value inside', 'x: &b\n  limits.memory: 2 GiB\nconfig:\n  <<: *b\n'],
  ['merge key with good values', 'x: &b\n  limits.memory: 2GiB\nconfig:\n  <<: *b\n  limits.cpu: "2"\n'],
  ['merge list', 'x: &a\n  limits.cpu: "2"\ny: &b\n  limits.cpu: two\nconfig:\n  <<: [*a, *b]\n'],
  ['merge of a scalar', 'config:\n  <<: 3\n'],
  ['bad value replaced by a later key', 'config:\n  limits.cpu: two\n  limits.cpu: "2"\n'],
  ['good value replaced by a later bad one', 'config:\n  limits.cpu: "2"\n  limits.cpu: two\n'],
  ['list replaced by a later key', 'config:\n  limits.cpu: [2]\n  limits.cpu: "2"\n'],
  ['second document with a bad value', 'config:\n  limits.cpu: "2"\n---\nconfig:\n  limits.cpu: two\n'],
  ['empty config', 'config:\n'],
  ['config as a list', 'config:\n- a\n'],
];

/**
 * The LXD dialect (files named *.lxd.yaml): every Incus option LXD 5.0 lacks is refused, every LXD
 * option Incus renamed or dropped is accepted with a valid value, and `limits.cpu: "0"` passes.
 */
function dialectCases(): { name: string; text: string; file: string }[] {
  const out = [...INCUS_ONLY].map((n) => ({ name: `LXD file, Incus-only ${n}`, text: `config:\n  ${JSON.stringify(n.replace('*', 'x'))}: "1"\n`, file: 'dialect.lxd.yaml' }));
  const VALID = { bool: 'true', string: 'mount', priority: '5' } as const;
  for (const [n, f] of Object.entries(LXD_ONLY)) out.push({ name: `LXD file, LXD-only ${n}`, text: `config:\n  ${n}: "${VALID[f.type]}"\n`, file: 'dialect.lxd.yaml' });
  out.push({ name: 'LXD file, limits.network.priority 11', text: 'config:\n  limits.network.priority: "11"\n', file: 'dialect.lxd.yaml' });
  out.push({ name: 'LXD file, cpu limit 0', text: 'config:\n  limits.cpu: "0"\n', file: 'dialect.lxd.yaml' });
  return out;
}

/** Generated values for every option with a value check and every boolean option LXD 5.0 has (as LXD files). */
const GENERATED_VALUES = ['x y', '-1', '1', 'true', '0', '1.5', '50%', '1GiB', '@daily', '0-3', '5 4 * * sun', '2w 1d', '25ms/100ms', 'hard', 'auto', 'a: 1'];
function generatedCases(): { name: string; text: string; file: string }[] {
  const bools = INCUS_KEYS.filter((k) => k[1] === 'bool' && !INCUS_ONLY.has(k[0]) && !/[*<]/.test(k[0])).map((k) => k[0]).slice(0, 6);
  // volatile.* keys are refused in profiles, which is how the oracle judges (instance configs carry them).
  const keys = [...new Set([...CHECKED_OPTIONS.filter((k) => !INCUS_ONLY.has(k) && !k.startsWith('volatile.')), ...bools])];
  return keys.flatMap((k) => GENERATED_VALUES.map((v) => ({ name: `generated ${k} = ${JSON.stringify(v)}`, text: `config:\n  ${k}: ${JSON.stringify(v)}\n`, file: 'generated.lxd.yaml' })));
}

/** Variants where Incus (ctconf's reference) and LXD 5.0.2 disagree, and why. */
const DIFFERS: Record<string, string> = {
  'an Incus-only key': 'Incus renamed LXD\'s security.devlxd to security.guestapi; LXD 5.0 does not know the new name',
  'cpu limit 0': 'Incus refuses `limits.cpu: "0"` since 6.6 (its CPU-set check asks for at least one CPU); LXD 5.0 still accepts it',
};

/** ctconf's verdict: errors outside the LXC engine's raw.lxc findings (liblxc's part). */
function ours(text: string, uri: string): { refused: boolean; codes: string[] } {
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const d = svc.diagnostics({ uri: `file:///srv/${path.basename(uri)}`, languageId: 'incus-yaml', version: 1, text });
  const errors = d.filter((x) => x.severity === 1 && (!String(x.code).startsWith('lxc/') || x.code === 'lxc/malformed-line'));
  return { refused: errors.length > 0, codes: errors.map((x) => String(x.code)) };
}

/** The `config:` map LXD judges: without the volatile.* and image.* keys LXD writes itself (profiles refuse them). */
function configOnly(text: string): string {
  const config = (parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {};
  return stringify({ config: Object.fromEntries(Object.entries(config).filter(([k]) => !/^(?:volatile|image)\./.test(k))) });
}

test('Incus/LXD YAML: ctconf refuses exactly what LXD 5.0.2 refuses (fixtures and one-defect variants)', { skip: needs('LXD daemon', missing), timeout: 600000 }, () => {
  const cases: { name: string; text: string; file?: string }[] = FILES.map((f) => ({ name: f, text: fs.readFileSync(path.join(ROOT, f), 'utf8') }));
  for (const [name, re, rep] of DEFECTS) {
    const text = WEB.replace(re, rep);
    assert.notEqual(text, WEB, `the variant "${name}" changes nothing`);
    cases.push({ name, text });
  }
  const verbatim = new Set<string>();
  for (const [name, text] of VERBATIM) {
    cases.push({ name, text });
    verbatim.add(name);
  }
  for (const c of [...dialectCases(), ...generatedCases()]) {
    cases.push(c);
    verbatim.add(c.name);
  }
  const lxd = LxdSandbox.start();
  const rows: string[] = [];
  let agree = 0;
  try {
    for (const c of cases) {
      const theirs = lxd.judge(verbatim.has(c.name) ? c.text : configOnly(c.text));
      const mine = ours(c.text, c.file ?? (c.name.endsWith('.yaml') ? c.name : 'variant.incus.yaml'));
      const same = mine.refused === !theirs.ok;
      if (same) agree++;
      rows.push(`${same ? 'agree' : DIFFERS[c.name] ? 'known' : 'DIFFER'}  ${c.name}: LXD ${theirs.ok ? 'accepts' : `refuses (${theirs.message.slice(0, 140)})`}; ctconf ${mine.refused ? `refuses (${mine.codes.join(', ')})` : 'accepts'}`);
    }
  } finally {
    lxd.stop();
  }
  console.log(`LXD 5.0.2 oracle: ${agree}/${cases.length} agree\n${rows.join('\n')}`);
  // Every fixture and variant is judged alike, except the documented differences between Incus and LXD 5.0.
  assert.deepEqual(rows.filter((r) => r.startsWith('DIFFER')), []);
  for (const name of Object.keys(DIFFERS)) assert.ok(rows.some((r) => r.startsWith('known') && r.includes(`  ${name}:`)), `"${name}" is listed as a difference but LXD and ctconf agree on it`);
  // The clean fixtures are accepted by both, the broken one refused by both.
  assert.ok(rows.some((r) => r.startsWith('agree  test/fixtures/incus/web.incus.yaml: LXD accepts')));
  assert.ok(rows.some((r) => r.startsWith('agree  test/fixtures/incus/broken.incus.yaml: LXD refuses')));
});
