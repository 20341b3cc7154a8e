/** containers.conf layers: which files Podman reads, in order, and what wins. In-memory host. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { layerFiles, mergeLayers } from '../../server/src/containers/layers';

const files = {
  '/usr/share/containers/containers.conf': '[containers]\nlog_driver = "k8s-file"\nenv = ["A=1"]\n',
  '/etc/containers/containers.conf': '[containers]\nlog_driver = "journald"\n',
  '/etc/containers/containers.conf.d/20-b.conf': '[containers]\nenv = ["C=3", {append = true}]\n',
  '/etc/containers/containers.conf.d/10-a.conf': '[containers]\nenv = ["B=2"]\n',
  '/etc/containers/containers.conf.d/notes.txt': 'ignored',
  '/home/ann/.config/containers/containers.conf': '[containers]\npids_limit = 100\n',
  '/etc/containers/containers.rootless.conf': '[containers]\npids_limit = 50\n',
};

test('the file order depends on the Podman version and on rootless', () => {
  const host = memoryHost(files, { env: { HOME: '/home/ann' } });
  const names = (v: string, uid: number) => layerFiles(host, v, uid).map((f) => f.path.replace('/etc/containers/', '').replace('/usr/share/containers/', 'usr:'));
  assert.deepEqual(names('4.3', 0), ['usr:containers.conf', 'containers.conf', 'containers.conf.d/10-a.conf', 'containers.conf.d/20-b.conf']);
  assert.deepEqual(names('4.3', 1000).slice(-1), ['/home/ann/.config/containers/containers.conf']);
  assert.deepEqual(names('5.0', 0).slice(-1), ['/home/ann/.config/containers/containers.conf']);
  assert.deepEqual(names('5.8', 1000).slice(4, 6), ['containers.rootless.conf', '/home/ann/.config/containers/containers.conf']);
  const only = memoryHost(files, { env: { CONTAINERS_CONF: '/etc/containers/containers.conf', CONTAINERS_CONF_OVERRIDE: '/etc/containers/containers.conf.d/10-a.conf' } });
  assert.deepEqual(layerFiles(only, '4.5', 0).map((f) => f.path), ['/etc/containers/containers.conf', '/etc/containers/containers.conf.d/10-a.conf']);
});

test('later files win; {append = true} adds to earlier values', () => {
  const host = memoryHost(files, { env: { HOME: '/home/ann' } });
  const view = mergeLayers(host, '4.8', 0, undefined, undefined);
  assert.equal(view.values.get('containers.log_driver')?.text, '"journald"');
  assert.equal(view.values.get('containers.env')?.text, '["B=2", "C=3"]');
  assert.equal(view.values.get('containers.env')?.file, '/etc/containers/containers.conf.d/20-b.conf');
});

test('hover and inlay hints say when a later file overrides a line; the merged view names origins', () => {
  const host = memoryHost(files, { env: { HOME: '/home/ann' } });
  const svc = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.8', rules: {} });
  const doc = { uri: 'file:///usr/share/containers/containers.conf', languageId: 'containers-conf', version: 1, text: files['/usr/share/containers/containers.conf'] };
  const h = (svc.hover(doc, { line: 1, character: 3 })!.contents as { value: string }).value;
  assert.match(h, /Effective value:\*\* `"journald"`, set last by `\/etc\/containers\/containers\.conf` line 2.*this line has no effect/s);
  const hints = svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
  assert.deepEqual(hints.map((x) => [x.position.line, x.label]), [[1, 'overridden by containers.conf:2 → "journald"'], [2, 'overridden by 20-b.conf:2 → ["B=2", "C=3"]']]);
  const view = svc.effectiveConfiguration(doc)!;
  assert.match(view, /# from \/etc\/containers\/containers\.conf:2\nlog_driver = "journald"/);
  assert.match(view, /<- the open file/);
});

test('a user\'s own file opened by root: layers of the file\'s owner, and the view says whose (issue 15 item 4)', () => {
  const userFiles = { ...files, '/home/ann/.config/containers/containers.conf.d/10-x.conf': '[containers]\npids_limit = 200\n', '/root/.config/containers/containers.conf': '[containers]\nlabel = false\n' };
  const host = memoryHost(userFiles, { env: { HOME: '/root' }, uid: 0, owners: { '/home/ann/.config/containers/containers.conf': 1000, '/home/ann/.config/containers/containers.conf.d/10-x.conf': 1000 } });
  const svc = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const doc = { uri: 'file:///home/ann/.config/containers/containers.conf', languageId: 'containers-conf', version: 1, text: userFiles['/home/ann/.config/containers/containers.conf'] };
  const view = svc.effectiveConfiguration(doc)!;
  assert.match(view, /^# Shown for UID 1000, the owner of the open file: .*read by Podman only for the user it belongs to \(UID 1000\), not for the one editing it \(UID 0\)/);
  assert.match(view, /\/home\/ann\/\.config\/containers\/containers\.conf {2}\(user file\) {2}<- the open file/);
  assert.match(view, /# from \/home\/ann\/\.config\/containers\/containers\.conf\.d\/10-x\.conf:2\npids_limit = 200/);
  const h = (svc.hover(doc, { line: 1, character: 3 })!.contents as { value: string }).value;
  assert.match(h, /Effective value:\*\* `200`, set last by .*10-x\.conf.*no effect.*Computed for UID 1000, who owns this file/s);
  const hints = svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
  assert.deepEqual(hints.map((x) => x.label), ['overridden by 10-x.conf:2 → 200']);
  // root's own user file: Podman 4.3 reads user files only for rootless users.
  const rootDoc = { uri: 'file:///root/.config/containers/containers.conf', languageId: 'containers-conf', version: 1, text: userFiles['/root/.config/containers/containers.conf'] };
  assert.match(svc.effectiveConfiguration(rootDoc)!, /^# Shown for UID 0\.\n# The open file \/root\/\.config\/containers\/containers\.conf is not among these files: Podman 4\.3 reads user files .* only for rootless users, so for root \(UID 0\) this file has no effect/);
  assert.match((svc.hover(rootDoc, { line: 1, character: 2 })!.contents as { value: string }).value, /\*\*Not read:\*\* Podman 4\\\.3 reads user files/);
  const v5 = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '5.0', rules: {} });
  assert.match(v5.effectiveConfiguration(rootDoc)!, /<- the open file/);
});
