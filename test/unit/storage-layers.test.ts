/** storage.conf layers: one file up to Podman 5.8, a main file plus drop-in directories from 6.0. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { dropInDirs, isStorageDropIn, mergeStorage, storageFiles } from '../../server/src/storage/layers';

const BASE = '[storage]\ndriver = "overlay"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n';

const files = {
  '/usr/share/containers/storage.conf': BASE,
  '/etc/containers/storage.conf': `${BASE}[storage.options]\nadditionalimagestores = ["/srv/a"]\n`,
  '/etc/containers/storage.conf.d/10-driver.conf': '[storage]\ndriver = "vfs"\n',
  '/usr/share/containers/storage.conf.d/10-driver.conf': '[storage]\ndriver = "btrfs"\n',
  '/usr/share/containers/storage.conf.d/05-first.conf': '[storage.options]\nmount_program = "/usr/bin/fuse-overlayfs"\n',
  '/etc/containers/storage.rootful.conf.d/50-root.conf': '[storage]\ngraphroot = "/srv/containers"\n',
  '/etc/containers/storage.rootless.conf.d/50-users.conf': '[storage]\ngraphroot = "$HOME/ctr"\n',
  '/etc/containers/storage.rootless.conf.d/1000/60-ann.conf': '[storage.options]\nadditionalimagestores = ["/srv/b", {append = true}]\n',
  '/etc/containers/storage.conf.d/README': 'not a drop-in\n',
  '/home/ann/.config/containers/storage.conf.d/70-mine.conf': '[storage]\ntransient_store = true\n',
};

const names = (l: { path: string }[]) => l.map((f) => f.path);

test('up to Podman 5.8 containers/storage reads one file and no drop-ins', () => {
  const root = memoryHost(files, { uid: 0, env: { HOME: '/root' } });
  assert.deepEqual(names(storageFiles(root, '5.8')), ['/etc/containers/storage.conf']);
  const ann = memoryHost({ ...files, '/home/ann/.config/containers/storage.conf': BASE }, { uid: 1000, env: { HOME: '/home/ann' } });
  assert.deepEqual(names(storageFiles(ann, '5.8')), ['/home/ann/.config/containers/storage.conf']);
  // Root's own ~/.config file is not read before 6.0.
  const rootOwn = memoryHost({ ...files, '/root/.config/containers/storage.conf': BASE }, { uid: 0, env: { HOME: '/root' } });
  assert.deepEqual(names(storageFiles(rootOwn, '5.8')), ['/etc/containers/storage.conf']);
  const onlyEnv = memoryHost(files, { uid: 0, env: { CONTAINERS_STORAGE_CONF: '/tmp/s.conf', CONTAINERS_STORAGE_CONF_OVERRIDE: '/tmp/o.conf' } });
  assert.deepEqual(names(storageFiles(onlyEnv, '5.8')), ['/tmp/s.conf']);
});

test('from Podman 6.0: the first main file, then drop-ins by name, later directories hiding earlier ones', () => {
  const root = memoryHost(files, { uid: 0, env: { HOME: '/root' } });
  assert.deepEqual(names(storageFiles(root, '6.0')), [
    '/etc/containers/storage.conf',
    '/usr/share/containers/storage.conf.d/05-first.conf',
    '/etc/containers/storage.conf.d/10-driver.conf',
    '/etc/containers/storage.rootful.conf.d/50-root.conf',
  ]);
  const ann = memoryHost(files, { uid: 1000, env: { HOME: '/home/ann' } });
  assert.deepEqual(names(storageFiles(ann, '6.0')), [
    '/etc/containers/storage.conf',
    '/usr/share/containers/storage.conf.d/05-first.conf',
    '/etc/containers/storage.conf.d/10-driver.conf',
    '/etc/containers/storage.rootless.conf.d/50-users.conf',
    '/etc/containers/storage.rootless.conf.d/1000/60-ann.conf',
    '/home/ann/.config/containers/storage.conf.d/70-mine.conf',
  ]);
  // CONTAINERS_STORAGE_CONF replaces the main file and every drop-in; the override comes last.
  const env = memoryHost(files, { uid: 0, env: { CONTAINERS_STORAGE_CONF: '/tmp/s.conf', CONTAINERS_STORAGE_CONF_OVERRIDE: '/tmp/o.conf' } });
  assert.deepEqual(names(storageFiles(env, '6.0')), ['/tmp/s.conf', '/tmp/o.conf']);
  assert.deepEqual(dropInDirs(0, undefined), ['/usr/share/containers/storage.conf.d', '/usr/share/containers/storage.rootful.conf.d', '/etc/containers/storage.conf.d', '/etc/containers/storage.rootful.conf.d']);
});

test('merged values: later files win, {append = true} adds to the array', () => {
  const ann = memoryHost(files, { uid: 1000, env: { HOME: '/home/ann' } });
  const m = mergeStorage(ann, '6.0', undefined, '');
  assert.deepEqual(m.values.get('storage.driver'), { text: '"vfs"', file: '/etc/containers/storage.conf.d/10-driver.conf', line: 1 });
  assert.equal(m.values.get('storage.graphroot')?.text, '"$HOME/ctr"');
  assert.equal(m.values.get('storage.options.additionalimagestores')?.text, '["/srv/a", "/srv/b"]');
  assert.equal(m.values.get('storage.transient_store')?.file, '/home/ann/.config/containers/storage.conf.d/70-mine.conf');
  // The open document's text replaces its copy on disk.
  const edited = mergeStorage(ann, '6.0', '/etc/containers/storage.conf.d/10-driver.conf', '[storage]\ndriver = "zfs"\n');
  assert.equal(edited.values.get('storage.driver')?.text, '"zfs"');
});

test('the effective view through the service, with origins; none in Restricted Mode', () => {
  const host = memoryHost(files, { uid: 1000, env: { HOME: '/home/ann' } });
  const doc = { uri: 'file:///etc/containers/storage.conf', languageId: 'containers-storage-conf', version: 1, text: files['/etc/containers/storage.conf'] };
  const text = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '6.0', rules: {} }).effectiveConfiguration(doc)!;
  assert.match(text, /1\. \/etc\/containers\/storage\.conf {2}\(system file, the one main file read\) {2}<- the open file/);
  assert.match(text, /# from \/etc\/containers\/storage\.conf\.d\/10-driver\.conf:2\ndriver = "vfs"/);
  const old = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '5.8', rules: {} }).effectiveConfiguration(doc)!;
  assert.doesNotMatch(old, /conf\.d/);
  assert.equal(createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '6.0', rules: {}, restricted: true }).effectiveConfiguration(doc), undefined);
});

test('drop-ins: not read before Podman 6.0, and never asked for runroot/graphroot', () => {
  const host = memoryHost(files, { uid: 0 });
  const diag = (path: string, text: string, podmanVersion: string) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion, rules: {} })
    .diagnostics({ uri: `file://${path}`, languageId: 'containers-storage-conf', version: 1, text }).map((d) => d.code);
  const dropIn = '/etc/containers/storage.conf.d/10-driver.conf';
  assert.deepEqual(diag(dropIn, '[storage]\ndriver = "vfs"\n', '5.8'), ['storage/file-not-read']);
  assert.deepEqual(diag(dropIn, '[storage]\ndriver = "vfs"\n', '6.0'), []);
  // A system file without roots: refused before 6.0, built-in defaults from 6.0.
  assert.deepEqual(diag('/etc/containers/storage.conf', '[storage]\ndriver = "overlay"\n', '5.8'), ['storage/missing-root', 'storage/missing-root']);
  assert.deepEqual(diag('/etc/containers/storage.conf', '[storage]\ndriver = "overlay"\n', '6.0'), []);
  for (const p of ['/etc/containers/storage.conf.d/a.conf', '/usr/share/containers/storage.rootless.conf.d/1000/a.conf', '/etc/containers/storage.rootful.conf.d/a.conf']) assert.ok(isStorageDropIn(p), p);
  for (const p of ['/etc/containers/storage.conf', '/etc/containers/containers.conf.d/a.conf', '/etc/containers/storage.conf.d/README']) assert.ok(!isStorageDropIn(p), p);
});

test('from Podman 6.0 the three list keys take {append = true}; before, the inline table is a type error', () => {
  // The extra stores exist (a missing one fails the overlay driver: storage/driver-option).
  const diag = (text: string, podmanVersion: string) => createLanguageService(memoryHost({ '/srv/x/k': '', '/srv/l/k': '' }), { lxcVersion: '5.0', podmanVersion, rules: {} })
    .diagnostics({ uri: 'file:///etc/containers/storage.conf.d/a.conf', languageId: 'containers-storage-conf', version: 1, text }).map((d) => d.code);
  const text = '[storage]\ndriver_priority = ["overlay", {append = true}]\n[storage.options]\nadditionalimagestores = ["/srv/x", {append = true}]\nadditionallayerstores = ["/srv/l", {append = true}]\n';
  assert.deepEqual(diag(text, '6.0'), []);
  assert.ok(diag(text, '5.8').includes('storage/wrong-type'));
});

test('hover on a list key says how to append from Podman 6.0', () => {
  const h = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '6.0', rules: {} })
    .hover({ uri: 'file:///etc/containers/storage.conf', languageId: 'containers-storage-conf', version: 1, text: '[storage]\ndriver_priority = []\n' }, { line: 1, character: 3 });
  assert.match((h!.contents as { value: string }).value, /From Podman 6\.0: end the array with `\{append = true\}`/);
});

test('from Podman 6.0 an appended extra store is still checked on this host', () => {
  const diag = (files: Record<string, string>) => createLanguageService(memoryHost(files), { lxcVersion: '5.0', podmanVersion: '6.0', rules: {} })
    .diagnostics({ uri: 'file:///etc/containers/storage.conf.d/a.conf', languageId: 'containers-storage-conf', version: 1, text: '[storage.options]\nadditionalimagestores = ["/srv/x", {append = true}]\n' }).map((d) => d.code);
  assert.deepEqual(diag({ '/srv/x/k': '' }), []);
  assert.deepEqual(diag({}), ['storage/driver-option']);
});
