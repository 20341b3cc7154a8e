/** Checks between an unprivileged container's config and the host files around it (unpriv/). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { applyEdits } from '../helpers/service';

const USER_CFG = 'file:///home/ann/.local/share/lxc/web/config';
const svc = (host: Host, others: TextDoc[] = [], restricted = false) => {
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted });
  s.setOthers(() => others);
  return s;
};
const lxc = (text: string, uri = USER_CFG): TextDoc => ({ uri, languageId: 'lxc', version: 1, text });
const unpriv = (s: ReturnType<typeof svc>, d: TextDoc) => s.diagnostics(d).filter((x) => String(x.code).startsWith('unpriv/'));
const tuples = (s: ReturnType<typeof svc>, d: TextDoc) => unpriv(s, d).map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`);

const NIC = 'lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 165536 65536\nlxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\n';
const HOST = {
  '/etc/subuid': 'ann:165536:65536\n', '/etc/subgid': 'ann:165536:65536\n',
  '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n', '/etc/group': 'ann:x:1000:\nlab:x:1001:ann\n',
};

test('unpriv: a user\'s veth NIC without an lxc-usernet line, and the quick fix that adds one', () => {
  const usernet = 'bob veth lxcbr0 10\n';
  const host = memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': usernet });
  const s = svc(host);
  const d = lxc(NIC);
  assert.deepEqual(tuples(s, d), ['3:0-23 unpriv/usernet-missing']);
  const diag = unpriv(s, d)[0];
  assert.match(String(diag.message), /ann veth lxcbr0 1/);
  const fix = s.codeActions(d, diag.range, [diag]).find((a) => a.title.includes('lxc-usernet'));
  assert.ok(fix, 'a quick fix is offered');
  const edits = fix.edit?.changes?.['file:///etc/lxc/lxc-usernet'];
  assert.ok(edits);
  assert.equal(applyEdits(usernet, edits), 'bob veth lxcbr0 10\nann veth lxcbr0 1\n');
  // A file without a final line break keeps its last line intact.
  const s2 = svc(memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': '# none' }));
  const d2 = unpriv(s2, d)[0];
  const f2 = s2.codeActions(d, d2.range, [d2]).find((a) => a.title.includes('lxc-usernet'))!;
  assert.equal(applyEdits('# none', f2.edit!.changes!['file:///etc/lxc/lxc-usernet']), '# none\nann veth lxcbr0 1\n');
});

test('unpriv: allowances count the user\'s lines and its groups\' lines; too few is its own rule', () => {
  const two = `${NIC}lxc.net.1.type = veth\nlxc.net.1.link = lxcbr0\n`;
  assert.deepEqual(tuples(svc(memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': 'ann veth lxcbr0 1\n@lab veth lxcbr0 1\n' })), lxc(two)), []);
  const short = svc(memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': '@lab veth lxcbr0 1\n' }));
  assert.deepEqual(tuples(short, lxc(two)), ['5:0-23 unpriv/usernet-count']);
  assert.match(String(unpriv(short, lxc(two))[0].message), /`ann veth lxcbr0 1`/);
  // A negative count elsewhere is made up for by the line the fix adds.
  const neg = unpriv(svc(memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': 'ann veth lxcbr0 -2\n' })), lxc(NIC));
  assert.match(String(neg[0].message), /`ann veth lxcbr0 3`/);
  // Another bridge, another type, or a skipped line do not count.
  assert.deepEqual(tuples(svc(memoryHost({ ...HOST, '/etc/lxc/lxc-usernet': 'ann veth br1 5\nann macvlan lxcbr0 5\n ann veth lxcbr0 5\n' })), lxc(NIC)), ['3:0-23 unpriv/usernet-missing']);
  // No lxc-usernet on the host at all.
  const none = unpriv(svc(memoryHost(HOST)), lxc(NIC));
  assert.deepEqual(none.map((x) => x.code), ['unpriv/usernet-missing']);
  assert.match(String(none[0].message), /does not exist/);
  // Root-run containers do not go through lxc-user-nic; Restricted Mode reads no host file.
  assert.deepEqual(tuples(svc(memoryHost(HOST)), lxc(NIC, 'file:///var/lib/lxc/web/config')).filter((x) => x.includes('usernet')), []);
  assert.deepEqual(tuples(svc(memoryHost(HOST), [], true), lxc(NIC)), []);
});

test('unpriv: the lxc-usernet document the front door knows wins over the host file', () => {
  const others: TextDoc[] = [{ uri: 'file:///srv/fixtures/etc/lxc/lxc-usernet', languageId: 'lxc-usernet', version: 1, text: 'ann veth lxcbr0 2\n' }];
  assert.deepEqual(tuples(svc(memoryHost(HOST), others), lxc(NIC)), []);
  // Also for a config in a copied home directory (not under /home), in Restricted Mode too.
  assert.deepEqual(tuples(svc(memoryHost(HOST), [{ ...others[0], text: '' }], true), lxc(NIC, 'file:///srv/fixtures/home/ann/.local/share/lxc/web/config')), ['3:0-23 unpriv/usernet-missing']);
});

test('unpriv: idmaps against the subuid/subgid documents checked with the config', () => {
  const others: TextDoc[] = [
    { uri: 'file:///srv/host/etc/subuid', languageId: 'subid', version: 1, text: 'ann:100000:65536\n' },
    { uri: 'file:///srv/host/etc/lxc/lxc-usernet', languageId: 'lxc-usernet', version: 1, text: 'ann veth lxcbr0 1\n' },
  ];
  const r = svc(memoryHost(), others, true);
  assert.deepEqual(tuples(r, lxc(NIC, 'file:///srv/host/home/ann/.local/share/lxc/web/config')), ['0:12-28 unpriv/idmap-subid']);
  // Ranges that continue one another are one range to newuidmap.
  const split = [{ ...others[0], text: 'ann:165536:100\nann:165636:65436\n' }, others[1]];
  assert.deepEqual(tuples(svc(memoryHost(), split, true), lxc(NIC, 'file:///srv/host/home/ann/.local/share/lxc/web/config')), []);
  const gap = [{ ...others[0], text: 'ann:165536:100\nann:165637:65436\n' }, others[1]];
  assert.deepEqual(tuples(svc(memoryHost(), gap, true), lxc(NIC, 'file:///srv/host/home/ann/.local/share/lxc/web/config')), ['0:12-28 unpriv/idmap-subid']);
});

test('unpriv: a root-run container on a user\'s subordinate IDs', () => {
  const d = lxc('lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 300000 65536\n', 'file:///var/lib/lxc/db/config');
  const got = unpriv(svc(memoryHost(HOST)), d);
  assert.deepEqual(got.map((x) => `${x.range.start.line} ${x.code}`), ['0 unpriv/idmap-foreign-subid']);
  assert.match(String(got[0].message), /`ann`/);
  // Root's own range is fine, also when a system user is given the same range (Debian's lxd
  // package adds `_lxd` with root's range); a part root does not have is still reported.
  assert.deepEqual(tuples(svc(memoryHost({ '/etc/subuid': 'root:100000:65536\n' })), lxc('lxc.idmap = u 0 100000 65536\n', 'file:///var/lib/lxc/db/config')), []);
  const lxd = memoryHost({ '/etc/subuid': '_lxd:100000:65536\nroot:100000:65536\n' });
  assert.deepEqual(tuples(svc(lxd), lxc('lxc.idmap = u 0 100000 65536\n', 'file:///var/lib/lxc/db/config')), []);
  const wider = memoryHost({ '/etc/subuid': '_lxd:100000:131072\nroot:100000:65536\n' });
  assert.deepEqual(tuples(svc(wider), lxc('lxc.idmap = u 0 100000 131072\n', 'file:///var/lib/lxc/db/config')).filter((t) => t.endsWith('foreign-subid')), ['0:12-29 unpriv/idmap-foreign-subid']);
});

test('unpriv: two containers sharing host IDs, naming the other one', () => {
  const other: TextDoc = { uri: 'file:///var/lib/lxc/db/config', languageId: 'lxc', version: 1, text: '# db\nlxc.idmap = u 0 100000 65536\n' };
  const d = lxc('lxc.idmap = u 0 160000 65536\nlxc.idmap = g 0 300000 65536\n', 'file:///var/lib/lxc/web/config');
  const got = unpriv(svc(memoryHost(), [other]), d);
  assert.deepEqual(got.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`), ['0:12 unpriv/idmap-shared']);
  assert.match(String(got[0].message), /`db`/);
  assert.match(String(got[0].message), /160000–165535/);
  assert.equal(got[0].relatedInformation?.[0].location.uri, other.uri);
  assert.equal(got[0].relatedInformation?.[0].location.range.start.line, 1);
  // The same from the host's /var/lib/lxc (outside Restricted Mode only).
  const host = memoryHost({ '/var/lib/lxc/db/config': other.text });
  assert.deepEqual(unpriv(svc(host), d).map((x) => x.code), ['unpriv/idmap-shared']);
  assert.deepEqual(unpriv(svc(host, [], true), d).map((x) => x.code), []);
  // A Proxmox container's default map counts too.
  const pve: TextDoc = { uri: 'file:///etc/pve/lxc/101.conf', languageId: 'proxmox-ct', version: 1, text: 'unprivileged: 1\n' };
  assert.match(String(unpriv(svc(memoryHost(), [pve]), d)[0].message), /CT 101/);
});

test('unpriv: a config outside /home is run by the non-root user who owns the file; system directories stay root\'s', () => {
  const at = '/srv/lxc/web/config';
  const host = (owner: number, cfg = at) => memoryHost({ ...HOST, [cfg]: NIC }, { owners: { [cfg]: owner } });
  // Owned by ann (UID 1000 in /etc/passwd): her veth NIC needs an lxc-usernet line, her maps her ranges.
  const ann = svc(host(1000), [{ uri: 'file:///etc/lxc/lxc-usernet', languageId: 'lxc-usernet', version: 1, text: '' }]);
  assert.deepEqual(tuples(ann, lxc(NIC, `file://${at}`)), ['3:0-23 unpriv/usernet-missing']);
  assert.deepEqual(tuples(svc(memoryHost({ ...HOST, '/etc/subuid': 'ann:300000:65536\n', [at]: NIC }, { owners: { [at]: 1000 } })), lxc(NIC, `file://${at}`)).filter((t) => t.endsWith('idmap-subid')), ['0:12-28 unpriv/idmap-subid']);
  // Owned by root, by a UID /etc/passwd does not name, in a system directory, or in Restricted Mode: root runs it
  // (so ann's ranges are someone else's subordinate IDs, and no lxc-usernet allowance is needed).
  const rootRun = ['0:12-28 unpriv/idmap-foreign-subid', '1:12-28 unpriv/idmap-foreign-subid'];
  assert.deepEqual(tuples(svc(host(0)), lxc(NIC, `file://${at}`)), rootRun);
  assert.deepEqual(tuples(svc(host(4242)), lxc(NIC, `file://${at}`)), rootRun);
  assert.deepEqual(tuples(svc(host(1000, '/var/lib/lxc/web/config')), lxc(NIC, 'file:///var/lib/lxc/web/config')), rootRun);
  assert.deepEqual(tuples(svc(host(1000), [], true), lxc(NIC, `file://${at}`)), []);
  // A document that is not a file on disk (an unsaved editor) has no owner.
  assert.deepEqual(tuples(svc(host(1000)), lxc(NIC, 'file:///srv/lxc/other/config')), rootRun);
});
