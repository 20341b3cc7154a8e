/**
 * storage.conf against podman itself: Debian's shipped file (package containers-storage),
 * each variant with one commented key uncommented, and one-defect files. ctconf must report an
 * error exactly where `podman info` refuses the file, and a warning about ignored keys where
 * podman logs "Failed to decode the keys". Podman runs in a private sandbox (podmanFormats.ts).
 */
import { test } from 'node:test';
import { uncommentedVariants } from '../helpers/ccVariants';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { PodmanSandbox, corpusFile, corpusMissing, podmanMissing } from '../helpers/podmanFormats';
import { STORAGE_SCHEMA } from '../../server/src/storage/keys';
import type { KeySpec } from '../../server/src/storage/schema';
import { atLeast } from '../../server/src/util/version';

const SHIPPED = corpusFile('containers-storage', 'usr/share/containers/storage.conf');
const missing = podmanMissing() ?? corpusMissing(SHIPPED);
const IGNORED = new Set(['storage/unknown-key', 'storage/unknown-table', 'storage/wrong-table', 'storage/key-too-new', 'storage/removed-key']);

function ours(text: string) {
  // The host podman runs on (its subordinate ID files, mount programs, directories); the file
  // itself is given as a document.
  const svc = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const d = svc.diagnostics({ uri: 'file:///etc/containers/storage.conf', languageId: 'containers-storage-conf', version: 1, text });
  return { errors: d.filter((x) => x.severity === 1), ignored: d.some((x) => IGNORED.has(String(x.code))), quota: d.some((x) => x.code === 'storage/quota-needs-xfs') };
}

/** Podman's verdict (`podman info` in a fresh sandbox) and ctconf's findings for each file. */
function judged<C extends { text: string }>(cases: C[]): { c: C; p: ReturnType<PodmanSandbox['storageInfo']>; o: ReturnType<typeof ours> }[] {
  const box = new PodmanSandbox();
  try {
    return cases.map((c) => ({ c, p: box.storageInfo(box.file(c.text, 'storage')), o: ours(c.text) }));
  } finally {
    box.dispose();
  }
}

/** One defect each, applied to the shipped file (a search and its replacement). */
const DEFECTS: [string, RegExp, string][] = [
  ['unknown driver', /driver = "overlay"/, 'driver = "overlayfs"'],
  ['old driver name', /driver = "overlay"/, 'driver = "overlay2"'],
  ['vfs driver', /driver = "overlay"/, 'driver = "vfs"'],
  ['devicemapper', /driver = "overlay"/, 'driver = "devicemapper"'],
  ['driver not a string', /driver = "overlay"/, 'driver = 1'],
  ['misspelled runroot', /runroot = /, 'run_root = '],
  ['no graphroot', /graphroot = "[^"]*"/, ''],
  ['relative graphroot', /graphroot = "\/var\/lib\/containers\/storage"/, 'graphroot = "var/lib/containers/storage"'],
  ['duplicate key', /(runroot = "[^"]*")/, '$1\nrunroot = "/run/x"'],
  ['syntax error', /\[storage\.options\]/, '[storage.options'],
  ['unknown table', /\[storage\.options\.overlay\]/, '[storage.options.overlayfs]'],
  ['wrong table', /mountopt = "nodev"/, 'mountopt = "nodev"\n[storage]\nmountopt = "nodev"'],
  ['mountopt as bool', /mountopt = "nodev"/, 'mountopt = true'],
  ['pull option not a string', /use_hard_links = "false"/, 'use_hard_links = false'],
  ['additionalimagestores as string', /additionalimagestores = \[\n\]/, 'additionalimagestores = "/x"'],
  ['additionalimagestores with a number', /additionalimagestores = \[\n\]/, 'additionalimagestores = [1]'],
  ['negative userns size', /\[storage\.options\]/, '[storage.options]\nauto-userns-max-size = -5'],
  ['userns size as string', /\[storage\.options\]/, '[storage.options]\nauto-userns-min-size = "1024"'],
  ['force_mask string in options', /\[storage\.options\]/, '[storage.options]\nforce_mask = "0755"'],
  ['force_mask integer in overlay', /mountopt = "nodev"/, 'mountopt = "nodev"\nforce_mask = 493'],
  ['disable-volatile as string', /\[storage\.options\]/, '[storage.options]\ndisable-volatile = "true"'],
  ['transient_store in 4.3', /driver = "overlay"/, 'driver = "overlay"\ntransient_store = true'],
  ['key below a scalar', /driver = "overlay"/, 'driver = "overlay"\nrunroot.x = "y"'],
  ['array of tables', /\[storage\.options\.overlay\]/, '[[storage.options.overlay]]'],
  ['thinpool key', /\[storage\.options\.thinpool\]/, '[storage.options.thinpool]\nbasesize = "10G"'],
  ['thinpool key of the man page', /\[storage\.options\.thinpool\]/, '[storage.options.thinpool]\nmetadata_size = "1G"'],
  ['thinpool value not a string', /\[storage\.options\.thinpool\]/, '[storage.options.thinpool]\nbasesize = 10'],
  ['top-level key', /^\[storage\]/m, 'driver = "vfs"\n[storage]'],
  ['comments only', /^[\s\S]*$/, '# nothing set here\n'],
  ['empty runroot', /runroot = "[^"]*"/, 'runroot = ""'],
];

const gate = process.env.CI === 'true' ? false : missing;

test('Debian\'s storage.conf, its uncommented variants and one-defect files agree with podman info', { skip: gate, timeout: 600000 }, () => {
  assert.equal(missing, undefined, missing);
  const text = fs.readFileSync(SHIPPED, 'utf8');
  const cases: { name: string; text: string }[] = [{ name: 'shipped file', text }];
  for (const v of uncommentedVariants(text)) cases.push({ name: `line ${v.line + 1} uncommented`, text: v.text });
  for (const [name, re, rep] of DEFECTS) {
    assert.match(text, re, name);
    cases.push({ name, text: text.replace(re, rep) });
  }
  const wrong: string[] = [];
  let agree = 0;
  let warnAgree = 0;
  let refused = 0;
  for (const { c, p, o } of judged(cases)) {
    if (!p.ok) refused++;
    if (p.ok === (o.errors.length === 0)) agree++;
    else wrong.push(`${c.name}: podman ${p.ok ? 'accepts' : `refuses (${p.message.slice(-140)})`}, ctconf ${o.errors.map((e) => `${e.code}@${e.range.start.line + 1}`).join(', ') || 'no error'}`);
    if (!p.ok || p.undecoded === o.ignored) warnAgree++;
    else wrong.push(`${c.name}: podman ${p.undecoded ? 'warns about undecoded keys' : 'decodes every key'}, ctconf ${o.ignored ? 'says a key is ignored' : 'says nothing'}`);
  }
  const accepted = cases.length - refused;
  console.log(`# storage.conf oracle: ${cases.length} files (${cases.length - DEFECTS.length - 1} uncommented variants, ${DEFECTS.length} one-defect), podman refuses ${refused}; verdicts agree ${agree}/${cases.length} (${((100 * agree) / cases.length).toFixed(1)} %), ignored-key warnings agree ${warnAgree - refused}/${accepted}`);
  assert.deepEqual(ours(text).errors, [], 'no error on the shipped file');
  assert.deepEqual(wrong, []);
});

/** Values to try for a key of a given type: good ones, bad strings, and each wrong TOML type. */
function valuesFor(k: KeySpec): string[] {
  const strings = ['""', '"x y"', '"1"', '"true"', '"-1"'];
  const byName: Record<string, string[]> = {
    force_mask: ['"shared"', '"private"', '"0755"', '"755"', '"0888"', '"abc"', '493'],
    size: ['"10G"', '"10"', '"abc"', '"-1"', '"10 G"'],
    inodes: ['"1000"', '"abc"', '"-1"'],
    mountopt: ['"nodev"', '"nodev,metacopy=on"', '"bogus"'],
    ignore_chown_errors: ['"true"', '"false"', '"1"', '"t"', '"True"', '"yes"', 'true'],
    skip_mount_home: ['"true"', '"1"', '"yes"', 'true'],
    mount_program: ['"/bin/true"', '"bin/true"'],
    'remap-uids': ['"0:100000:65536"', '"0:100000"', '"a:b:c"', '"0:100000:65536,65536:200000:10"'],
    'remap-gids': ['"0:100000:65536"', '"0:100000"'],
    pull_options: ['{enable_partial_images = "false"}', '{use_hard_links = false}', '"x"'],
  };
  const special = byName[k.key] ?? [];
  switch (k.type) {
    case 'bool': return [...special, 'true', '"true"', '1'];
    case 'uint32': return [...special, '1', '0', '-1', '"1"', '4294967296'];
    case 'string[]': return [...special, '[]', '["/"]', '["/nonexistent-ctconf"]', '["/etc/passwd"]', '"x"', '[1]'];
    case 'map<string>': return special.length ? special : ['{a = "b"}', '"x"'];
    default: return [...special, ...(k.values ?? []).map((v) => JSON.stringify(v)), ...strings, '1', 'true', '["x"]'].filter((v, i, a) => a.indexOf(v) === i);
  }
}

/** Every key of the driver option tables with generated values, on the overlay and the vfs driver. */
function generatedFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const tables = ['storage.options', 'storage.options.overlay', 'storage.options.vfs', 'storage.options.btrfs', 'storage.options.zfs', 'storage.options.thinpool'];
  for (const driver of ['overlay', 'vfs']) {
    for (const k of STORAGE_SCHEMA.keys) {
      if (!tables.includes(k.table) || (k.since && !atLeast('4.3', k.since)) || (driver === 'vfs' && k.table !== 'storage.options')) continue;
      for (const v of valuesFor(k)) {
        const others = tables.filter((t) => t !== k.table).map((t) => `[${t}]\n`).join('');
        out.push({ name: `${driver}: [${k.table}] ${k.key} = ${v}`, text: `[storage]\ndriver = "${driver}"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n[${k.table}]\n${k.key} = ${v}\n${others}` });
      }
    }
  }
  return out;
}

test('every driver option of storage.conf, with generated values on overlay and vfs, gets podman\'s verdict', { skip: gate, timeout: 900000 }, () => {
  assert.equal(missing, undefined, missing);
  const cases = generatedFiles();
  const wrong: string[] = [];
  let refused = 0;
  for (const { c, p, o } of judged(cases)) {
    if (!p.ok) refused++;
    // Quotas depend on the file system of this machine's graph root: a warning, checked for presence.
    if (/only supported for backingFS XFS/.test(p.message)) {
      if (!o.quota) wrong.push(`${c.name}: podman needs XFS, ctconf does not say so`);
      continue;
    }
    if (p.ok !== (o.errors.length === 0)) wrong.push(`${c.name}: podman ${p.ok ? 'accepts' : `refuses (${p.message.slice(-120)})`}, ctconf ${o.errors.map((e) => String(e.code)).join(', ') || 'no error'}`);
  }
  console.log(`# storage.conf driver options: ${cases.length} generated files, podman refuses ${refused}, ${wrong.length} disagreements\n${wrong.map((w) => `#   ${w}`).join('\n')}`);
  assert.deepEqual(wrong, []);
});
