/** storage.conf through the language service: diagnostics, hover, completion, outline, fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { applyAction, applyCompletion, cursor } from '../helpers/service';
import { storageSchema } from '../../server/src/storage/language';
import { STORAGE_SCHEMA } from '../../server/src/storage/keys';
import { detectLanguage } from '../../server/src/languages';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import Ajv from 'ajv-draft-04';

const URI = 'file:///etc/containers/storage.conf';
const USER_URI = 'file:///home/ann/.config/containers/storage.conf';
const svc = (podmanVersion = '4.3') => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion, rules: {} });
const doc = (text: string, uri = URI) => ({ uri, languageId: 'containers-storage-conf', version: 1, text });
const diags = (text: string, v = '4.3', uri = URI) => svc(v).diagnostics(doc(text, uri)).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
const codes = (text: string, v = '4.3', uri = URI) => diags(text, v, uri).map((s) => s.split(' ')[1]);
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

const BASE = '[storage]\ndriver = "overlay"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n';

test('a complete system file has no findings', () => {
  assert.deepEqual(diags(`${BASE}[storage.options]\nadditionalimagestores = []\npull_options = {enable_partial_images = "false", use_hard_links = "false", ostree_repos=""}\n[storage.options.overlay]\nmountopt = "nodev"\n[storage.options.thinpool]\n`), []);
});

test('unknown keys warn with a suggestion; the quick fix renames only the key', () => {
  const text = `${BASE}rootless_storage_pth = "/x"\n`;
  assert.deepEqual(diags(text), ['4:0 storage/unknown-key']);
  const s = svc();
  const d = s.diagnostics(doc(text));
  const fix = s.codeActions(doc(text), d[0].range, d);
  assert.equal(applyAction(text, fix[0], URI), `${BASE}rootless_storage_path = "/x"\n`);
});

test('unknown tables, misplaced keys, keys below scalars', () => {
  assert.deepEqual(codes(`${BASE}[storage.option]\nsize = "1G"\n`), ['storage/unknown-key']);
  assert.deepEqual(codes(`${BASE}[other]\nx = 1\n`), ['storage/unknown-table']);
  assert.deepEqual(codes(`${BASE}mountopt = "nodev"\n`), ['storage/wrong-table']);
  assert.deepEqual(codes(`${BASE}[storage.options]\ngraphroot = "/x"\n`), ['storage/wrong-table']);
});

test('type errors are errors, as podman refuses the file', () => {
  assert.deepEqual(codes(`${BASE}[storage.options]\nauto-userns-min-size = -1\n`), ['storage/wrong-type']);
  assert.deepEqual(codes(`${BASE}[storage.options]\nauto-userns-min-size = "1"\n`), ['storage/wrong-type']);
  assert.deepEqual(codes(`${BASE}[storage.options]\nforce_mask = "0755"\n`), ['storage/wrong-type']);
  // A string is right in the overlay table, but the driver wants mount_program with it.
  assert.deepEqual(codes(`${BASE}[storage.options.overlay]\nforce_mask = "0755"\n`), ['storage/driver-option']);
  assert.deepEqual(codes(`${BASE}[storage.options]\nskip_mount_home = true\n`), ['storage/wrong-type']);
  assert.deepEqual(codes(`${BASE}[storage.options]\npull_options = {a = 1}\n`), ['storage/wrong-type']);
  assert.deepEqual(codes(`${BASE}[storage.options]\ndisable-volatile = "true"\n`), ['storage/wrong-type']);
  assert.deepEqual(codes(`${BASE}driver = "vfs"\n`), ['storage/duplicate']);
  assert.deepEqual(codes(`${BASE}[storage\n`), ['storage/toml-syntax']);
});

test('drivers: unknown is an error, overlay2 an old name, empty a warning', () => {
  const t = (d: string, v = '4.3') => codes(BASE.replace('"overlay"', `"${d}"`), v);
  assert.deepEqual(t('bogus'), ['storage/unknown-driver']);
  assert.deepEqual(t('overlay2'), ['storage/overlay2']);
  assert.deepEqual(t(''), ['storage/empty-driver']);
  assert.deepEqual(t('devicemapper'), ['storage/driver-unavailable']);
  assert.deepEqual(t('aufs'), ['storage/driver-unavailable']);
  assert.deepEqual(t('devicemapper', '5.0'), ['storage/driver-unavailable']);
  assert.deepEqual(t('devicemapper', '5.1'), ['storage/unknown-driver']);
  assert.deepEqual(t('aufs', '5.6'), ['storage/driver-unavailable']);
  assert.deepEqual(t('aufs', '5.7'), ['storage/unknown-driver']);
  assert.deepEqual(t('vfs'), []);
  const text = BASE.replace('"overlay"', '"overlya"');
  const s = svc();
  const d = s.diagnostics(doc(text));
  assert.equal(applyAction(text, s.codeActions(doc(text), d[0].range, d)[0], URI), BASE);
});

test('paths: a relative graph root is an error, other relative paths warn', () => {
  assert.deepEqual(codes(BASE.replace('"/var/lib/containers/storage"', '"var/lib"')), ['storage/relative-graphroot']);
  assert.deepEqual(codes(`${BASE}rootless_storage_path = "data/storage"\n`), ['storage/relative-path']);
  assert.deepEqual(codes(`${BASE}rootless_storage_path = "$HOME/.local/share/containers/storage"\n`), []);
});

test('runroot and graphroot are required in system files, not in per-user ones', () => {
  assert.deepEqual(codes('[storage]\ndriver = "vfs"\n'), ['storage/missing-root', 'storage/missing-root']);
  assert.deepEqual(codes('[storage]\ndriver = "vfs"\n', '4.3', USER_URI), []);
  assert.deepEqual(codes('# nothing\n'), ['storage/missing-root', 'storage/missing-root']);
  assert.deepEqual(codes(BASE.replace('"/run/containers/storage"', '""')), ['storage/missing-root']);
});

test('remap-user must have subordinate IDs on this host', () => {
  const host = memoryHost({ '/etc/subuid': 'ann:100000:65536\n', '/etc/subgid': 'ann:100000:65536\n' });
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const c = (t: string) => s.diagnostics(doc(t)).map((d) => d.code);
  assert.deepEqual(c(`${BASE}[storage.options]\nremap-user = "containers"\n`), ['storage/remap-no-subids']);
  assert.deepEqual(c(`${BASE}[storage.options]\nremap-user = "ann"\nremap-group = "ann"\n`), []);
});

test('the vendor file is not read when /etc/containers/storage.conf exists', () => {
  const host = memoryHost({ '/etc/containers/storage.conf': BASE });
  const s = (restricted: boolean) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted });
  const uri = 'file:///usr/share/containers/storage.conf';
  assert.deepEqual(s(false).diagnostics(doc(BASE, uri)).map((d) => d.code), ['storage/file-not-read']);
  assert.deepEqual(s(true).diagnostics(doc(BASE, uri)).map((d) => d.code), []);
  assert.deepEqual(s(false).diagnostics(doc(BASE)).map((d) => d.code), []);
  const user = memoryHost({ '/home/ann/.config/containers/storage.conf': BASE }, { env: { HOME: '/home/ann' }, uid: 1000 });
  const su = createLanguageService(user, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  assert.deepEqual(su.diagnostics(doc(BASE)).map((d) => d.code), ['storage/file-not-read']);
  const root = memoryHost({ '/root/.config/containers/storage.conf': BASE }, { env: { HOME: '/root' }, uid: 0 });
  assert.deepEqual(createLanguageService(root, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }).diagnostics(doc(BASE)).map((d) => d.code), []);
});

test('versions: keys and tables by target Podman', () => {
  assert.deepEqual(codes(`${BASE}transient_store = true\n`, '4.3'), ['storage/key-too-new']);
  assert.deepEqual(codes(`${BASE}transient_store = true\n`, '4.4'), []);
  assert.deepEqual(codes(`${BASE}[storage.options.thinpool]\nbasesize = "10G"\n`, '4.3'), []);
  assert.deepEqual(codes(`${BASE}[storage.options.thinpool]\nbasesize = "10G"\n`, '5.0'), []);
  assert.deepEqual(codes(`${BASE}[storage.options.thinpool]\nbasesize = "10G"\n`, '5.1'), ['storage/removed-key']);
  assert.deepEqual(codes(`${BASE}[storage.options]\nremap-uids = "0:100000:65536"\n`, '4.3'), []);
});

// Each `since`/`removed` below was read from the toml tags of containers/storage at the release
// each Podman pins (README of server/src/storage/keys.ts lists the mapping).
test('versions after 4.3 follow containers/storage history', () => {
  const at = (text: string, v: string) => codes(`${BASE}${text}`, v);
  assert.deepEqual(at('driver_priority = ["overlay"]\n', '4.3'), ['storage/key-too-new']);
  assert.deepEqual(at('driver_priority = ["overlay"]\n', '4.4'), []);
  assert.deepEqual(at('imagestore = "/srv/images"\n', '4.5'), ['storage/key-too-new']);
  assert.deepEqual(at('imagestore = "/srv/images"\n', '4.6'), []);
  assert.deepEqual(at('[storage.options]\nremap-uids = "0:100000:65536"\n', '5.1'), []);
  assert.deepEqual(at('[storage.options]\nremap-uids = "0:100000:65536"\n', '5.2'), ['storage/removed-key']);
  assert.deepEqual(at('[storage.options.aufs]\nmountopt = "x"\n', '5.6'), []);
  assert.notDeepEqual(at('[storage.options.aufs]\nmountopt = "x"\n', '5.7'), []);
  assert.deepEqual(at('[storage.options.overlay]\nsync = "filesystem"\n', '5.8'), ['storage/key-too-new']);
  assert.deepEqual(at('[storage.options.overlay]\nsync = "filesystem"\n', '6.0'), []);
  // containers/storage never had a strip_suid_sgid option.
  assert.deepEqual(at('[storage.options]\nstrip_suid_sgid = true\n', '6.0'), ['storage/unknown-key']);
  // The emptied thinpool table is still decoded until 5.8.
  assert.deepEqual(at('[storage.options.thinpool]\n', '5.8'), []);
});

test('hover explains every key, tables, driver values and pull options', () => {
  const s = svc();
  for (const k of STORAGE_SCHEMA.keys) {
    const header = k.table === 'storage' ? '[storage]\n' : `[${k.table}]\n`;
    const text = `${header}${k.key} = 1\n`;
    const h = s.hover(doc(text), { line: 1, character: 1 });
    assert.ok(hoverText(h).includes(k.doc), `${k.table}.${k.key}`);
  }
  const h1 = s.hover(doc(BASE), { line: 1, character: 12 });
  assert.match(hoverText(h1), /overlay filesystem/);
  const h2 = s.hover(doc(BASE), { line: 0, character: 3 });
  assert.match(hoverText(h2), /Keys: `driver`/);
  const t = `${BASE}[storage.options]\npull_options = {use_hard_links = "true"}\n`;
  assert.match(hoverText(s.hover(doc(t), { line: 5, character: 18 })), /hard-links/);
});

test('completion offers the keys of the table not yet set, and values', () => {
  const s = svc();
  const { text, pos } = cursor(`${BASE}|`);
  const items = s.completion(doc(text), pos);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('rootless_storage_path'));
  assert.ok(!labels.includes('driver'));
  assert.ok(!labels.includes('transient_store'), 'too new for 4.3');
  assert.equal(applyCompletion(text, items.find((i) => i.label === 'rootless_storage_path')!), `${BASE}rootless_storage_path = ""`);
  const v = cursor('[storage]\ndriver = "|"\n');
  const vals = s.completion(doc(v.text), v.pos).map((i) => i.label);
  assert.ok(vals.includes('overlay') && vals.includes('vfs'));
  const h = cursor('[storage.options.|');
  assert.ok(s.completion(doc(h.text), h.pos).some((i) => i.label === 'storage.options.overlay'));
});

test('outline lists the tables with their keys', () => {
  const syms = svc().symbols(doc(`${BASE}[storage.options]\nsize = ""\n`));
  assert.deepEqual(syms.map((x) => [x.name, (x.children ?? []).map((c) => c.name)]), [['[storage]', ['driver', 'runroot', 'graphroot']], ['[storage.options]', ['size']]]);
});

test('the JSON schema follows the data table and the version', () => {
  const s43 = storageSchema('4.3') as { properties: Record<string, { properties: Record<string, unknown> }> };
  assert.ok('runroot' in s43.properties.storage.properties);
  assert.ok(!('transient_store' in s43.properties.storage.properties));
  const s50 = storageSchema('5.0') as typeof s43;
  assert.ok('transient_store' in s50.properties.storage.properties);
  assert.equal((storageSchema() as { $schema: string }).$schema, 'http://json-schema.org/draft-04/schema#');
  const validate = new Ajv({ strict: false }).compile(storageSchema('4.3'));
  assert.ok(validate({ storage: { driver: 'overlay', runroot: '/run/containers/storage', graphroot: '/var/lib/containers/storage', options: { additionalimagestores: [], pull_options: { use_hard_links: 'false' }, overlay: { mountopt: 'nodev' }, thinpool: {} } } }), JSON.stringify(validate.errors));
  assert.ok(!validate({ storage: { driver: 1 } }));
  assert.ok(!validate({ storage: { options: { 'auto-userns-min-size': -1 } } }));
  // `{append = true}` at the end of a list: Podman 6.0 and later.
  const appended = { storage: { driver_priority: ['overlay', { append: true }] } };
  assert.ok(!new Ajv({ strict: false }).compile(storageSchema('5.8'))(appended));
  const v60 = new Ajv({ strict: false }).compile(storageSchema('6.0'));
  assert.ok(v60(appended), JSON.stringify(v60.errors));
  assert.ok(!v60({ storage: { driver_priority: ['overlay', { append: 'yes' }] } }));
});

test('storage.conf paths are detected, other storage.conf files are not', () => {
  for (const p of ['/etc/containers/storage.conf', '/usr/share/containers/storage.conf', '/home/ann/.config/containers/storage.conf', '/etc/containers/storage.conf.d/10-pull.conf', '/usr/share/containers/storage.rootless.conf.d/1000/a.conf', '/etc/containers/storage.rootful.conf.d/b.conf']) assert.equal(detectLanguage(p), 'containers-storage-conf', p);
  for (const p of ['/etc/storage.conf', '/home/ann/.git/config', '/srv/app/storage.conf', '/etc/containers/storage.conf.d/notes.txt']) assert.notEqual(detectLanguage(p), 'containers-storage-conf', p);
});

test('storage.conf: driver options as the driver reads them when it starts (host checks only outside Restricted Mode)', () => {
  const run = (text: string, files: Record<string, string> = {}, restricted = false) => createLanguageService(memoryHost(files), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted })
    .diagnostics(doc(text)).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
  const program = '[storage.options.overlay]\nmount_program = "/usr/bin/fuse-overlayfs"\n';
  assert.deepEqual(run(BASE + program), ['5:16 storage/driver-option']);
  assert.deepEqual(run(BASE + program, { '/usr/bin/fuse-overlayfs': '' }), []);
  assert.deepEqual(run(BASE + program, {}, true), []);
  assert.deepEqual(run(BASE + '[storage.options.overlay]\nmount_program = "bin/fuse"\n'), ['5:16 storage/driver-option']);
  // vfs has none of the overlay options, so it refuses them from [storage.options]; it reads ignore_chown_errors.
  const vfs = BASE.replace('"overlay"', '"vfs"');
  assert.deepEqual(run(`${vfs}[storage.options]\nmountopt = "nodev"\nsize = "10G"\nignore_chown_errors = "1"\n`), ['5:11 storage/driver-option', '6:7 storage/driver-option']);
  assert.deepEqual(run(`${vfs}[storage.options]\nignore_chown_errors = "yes"\n`), ['5:22 storage/driver-option']);
  // Values the overlay driver parses: ParseBool, go-units sizes (with the XFS quota warning), octal masks.
  assert.deepEqual(run(`${BASE}[storage.options.overlay]\nignore_chown_errors = "T"\nsize = "10 G"\ninodes = "x"\n`), ['6:7 storage/quota-needs-xfs', '7:9 storage/driver-option']);
  assert.deepEqual(run(`${BASE}[storage.options.overlay]\nforce_mask = "0888"\n`), ['5:13 storage/driver-option']);
  assert.deepEqual(run(`${BASE}[storage.options.overlay]\nforce_mask = "shared"\nmount_program = "/usr/bin/fuse-overlayfs"\n`, { '/usr/bin/fuse-overlayfs': '' }), []);
  // Podman 4.3 passes an integer force_mask on as permission text the driver cannot read.
  assert.deepEqual(run(`${BASE}[storage.options]\nforce_mask = 493\n`), ['5:13 storage/driver-option']);
  // remap-uids holds exactly one container:host:count mapping.
  assert.deepEqual(run(`${BASE}[storage.options]\nremap-uids = "0:100000:65536,65536:200000:10"\n`), ['5:13 storage/driver-option']);
  // Extra stores: a missing directory fails overlay, a file fails every driver.
  assert.deepEqual(run(`${BASE}[storage.options]\nadditionalimagestores = ["/srv/images"]\n`), ['5:25 storage/driver-option']);
  assert.deepEqual(run(`${vfs}[storage.options]\nadditionalimagestores = ["/srv/images"]\n`), []);
  assert.deepEqual(run(`${vfs}[storage.options]\nadditionalimagestores = ["/srv/images"]\n`, { '/srv/images': '' }), ['5:25 storage/driver-option']);
  // A map key given something other than a table is skipped by Podman's decoder: a warning, not an error.
  assert.deepEqual(run(`${BASE}[storage.options]\npull_options = "x"\n`), ['5:15 storage/invalid-value']);
});
