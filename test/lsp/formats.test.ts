/**
 * The unprivileged-container formats over LSP, through the bundled server: every rule of
 * subid, lxc-usernet, proxmox-ct, incus-yaml and the unpriv/ checks between files (the list
 * comes from the rule catalogue, so a new rule without a case here fails), each triggered by a
 * small document set and checked for its code and range; hover and completion once per
 * language; and the quick fixes applied as an editor does (edit, didChange, diagnostics again).
 *
 * One server in Restricted Mode (host files are not read, so the result does not depend on this
 * machine: checks between files see the open documents only) takes every case in turn, opening
 * the case's documents and closing them afterwards; `usernet/unknown-owner` needs the host's
 * /etc/passwd, so it runs on a trusted server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/rules';
import { startLspClient, type LspClient } from '../helpers/lspClient';

const FAMILIES = ['subid/', 'usernet/', 'proxmox/', 'incus/', 'unpriv/'];
const CODES = RULES.map((r) => r.code).filter((c) => FAMILIES.some((f) => c.startsWith(f)));

interface Doc {
  path: string;
  lang: 'subid' | 'lxc-usernet' | 'proxmox-ct' | 'incus-yaml' | 'lxc';
  text: string;
}
interface Case {
  /** Documents opened first (the host files and other containers the check needs). */
  with?: Doc[];
  /** The document that gets the diagnostic. */
  doc: Doc;
  /** Line, start and end character of the diagnostic. */
  at: [number, number, number];
  /** Needs the host's own files (a trusted server). */
  trusted?: boolean;
}

const USER = (name: string) => `/home/ann/.local/share/lxc/${name}/config`;
const MAP = 'lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 165536 65536\n';
const NIC = (i: number, bridge = 'lxcbr0') => `lxc.net.${i}.type = veth\nlxc.net.${i}.link = ${bridge}\n`;
const subuid = (dir: string, text: string): Doc => ({ path: `/srv/${dir}/etc/subuid`, lang: 'subid', text });
const usernet = (dir: string, text: string): Doc => ({ path: `/srv/${dir}/etc/lxc/lxc-usernet`, lang: 'lxc-usernet', text });
const incus = (name: string, text: string): Doc => ({ path: `/srv/incus/${name}.incus.yaml`, lang: 'incus-yaml', text });

const CASES: Record<string, Case> = {
  'subid/malformed-line': { doc: subuid('s1', 'ann:100000:65536\nbob:1:x:3\n'), at: [1, 6, 7] },
  'subid/ignored-text': { doc: subuid('s6', 'ann:100000:65536\nbob:1:2:3\n'), at: [1, 7, 9] },
  'subid/range-overflow': { doc: subuid('s2', 'ann:4294901760:65536\n'), at: [0, 4, 20] },
  'subid/overlap': { doc: subuid('s3', 'ann:100000:65536\nbob:150000:65536\n'), at: [1, 0, 16] },
  'subid/duplicate-range': { doc: subuid('s4', 'ann:100000:65536\nann:100010:10\n'), at: [1, 4, 13] },
  'subid/empty-range': { doc: subuid('s5', 'ann:100000:0\n'), at: [0, 11, 12] },
  'usernet/skipped-line': { doc: usernet('u1', 'ann veth lxcbr0\n'), at: [0, 0, 15] },
  'usernet/unknown-type': { doc: usernet('u2', 'ann macvlan lxcbr0 2\n'), at: [0, 4, 11] },
  'usernet/bridge-name': { doc: usernet('u3', 'ann veth bridge-with-a-long-name 2\n'), at: [0, 9, 32] },
  'usernet/count': { doc: usernet('u4', 'ann veth lxcbr0 0\n'), at: [0, 16, 17] },
  'usernet/trailing-text': { doc: usernet('u5', 'ann veth lxcbr0 2 # lab\n'), at: [0, 18, 23] },
  'usernet/unknown-owner': { doc: usernet('u6', 'ctconf-no-such-user veth lxcbr0 2\n'), at: [0, 0, 19], trusted: true },
  'proxmox/malformed-line': { doc: { path: '/etc/pve/lxc/201.conf', lang: 'proxmox-ct', text: 'arch: amd64\nhostname web\n' }, at: [1, 0, 12] },
  'proxmox/unknown-key': { doc: { path: '/etc/pve/lxc/202.conf', lang: 'proxmox-ct', text: 'arch: amd64\nhostnme: web\n' }, at: [1, 0, 7] },
  'proxmox/unknown-option': { doc: { path: '/etc/pve/lxc/203.conf', lang: 'proxmox-ct', text: 'features: nesting=1,keyctll=1\n' }, at: [0, 20, 27] },
  'proxmox/invalid-value': { doc: { path: '/etc/pve/lxc/204.conf', lang: 'proxmox-ct', text: 'cores: many\n' }, at: [0, 7, 11] },
  'proxmox/duplicate-key': { doc: { path: '/etc/pve/lxc/205.conf', lang: 'proxmox-ct', text: 'cores: 1\ncores: 2\n' }, at: [0, 0, 8] },
  'proxmox/raw-key-refused': { doc: { path: '/etc/pve/lxc/206.conf', lang: 'proxmox-ct', text: 'arch: amd64\nlxc.rootfs.path: /srv/web\n' }, at: [1, 0, 15] },
  'proxmox/raw-key-deprecated': { doc: { path: '/etc/pve/lxc/207.conf', lang: 'proxmox-ct', text: 'lxc.cgroup.devices.allow: c 10:200 rwm\n' }, at: [0, 0, 24] },
  'proxmox/bind-mount-unmapped': { doc: { path: '/etc/pve/lxc/208.conf', lang: 'proxmox-ct', text: 'unprivileged: 1\nmp0: /srv/share,mp=/share\n' }, at: [1, 5, 15] },
  'incus/yaml-syntax': { doc: incus('i1', 'config:\n  limits.cpu: [2\n'), at: [2, 0, 0] },
  'incus/unknown-key': { doc: incus('i2', 'config:\n  security.nestin: "true"\n'), at: [1, 2, 17] },
  'incus/invalid-value': { doc: incus('i3', 'config:\n  security.nesting: maybe\n'), at: [1, 20, 25] },
  'incus/conflicting-keys': { doc: incus('i4', 'config:\n  security.syscalls.allow: mount\n  security.syscalls.deny_default: "true"\n'), at: [1, 2, 25] },
  'incus/no-effect': { doc: incus('i5', 'config:\n  security.privileged: "true"\n  raw.idmap: both 1000 1000\n'), at: [2, 2, 11] },
  'incus/raw-idmap': { doc: incus('i6', 'config:\n  raw.idmap: all 1000 1000\n'), at: [1, 13, 26] },
  'incus/raw-lxc-refused': { doc: incus('i7', 'config:\n  raw.lxc: lxc.ephemeral = 1\n'), at: [1, 11, 24] },
  'incus/duplicate-key': { doc: incus('i8', 'config:\n  limits.cpu: "2"\n  limits.cpu: "4"\n'), at: [1, 2, 12] },
  'incus/ignored-document': { doc: incus('i9', 'config:\n  limits.cpu: "2"\n---\nconfig: {}\n'), at: [2, 0, 10] },
  'incus/idmap-subid': {
    with: [subuid('i8', 'root:100000:65536\n'), incus('i8-other', 'config:\n  security.idmap.isolated: "true"\n')],
    doc: incus('i8', 'config:\n  security.idmap.isolated: "true"\n'),
    at: [1, 2, 25],
  },
  'unpriv/usernet-missing': { with: [usernet('x1', 'bob veth lxcbr0 2\n')], doc: { path: USER('x1'), lang: 'lxc', text: MAP + NIC(0) }, at: [3, 0, 23] },
  'unpriv/usernet-count': { with: [usernet('x2', 'ann veth lxcbr0 1\n')], doc: { path: USER('x2'), lang: 'lxc', text: MAP + NIC(0) + NIC(1) }, at: [5, 0, 23] },
  'unpriv/idmap-subid': { with: [subuid('x3', 'ann:300000:65536\n')], doc: { path: USER('x3'), lang: 'lxc', text: MAP }, at: [0, 12, 28] },
  'unpriv/idmap-foreign-subid': { with: [subuid('x4', 'root:100000:65536\nann:165536:65536\n')], doc: { path: '/var/lib/lxc/x4/config', lang: 'lxc', text: MAP }, at: [0, 12, 28] },
  'unpriv/idmap-root-subid': { with: [subuid('x5', 'root:100000:65536\n')], doc: { path: '/var/lib/lxc/x5/config', lang: 'lxc', text: 'lxc.idmap = u 0 300000 65536\n' }, at: [0, 12, 28] },
  'unpriv/idmap-shared': { with: [{ path: '/var/lib/lxc/x6-a/config', lang: 'lxc', text: MAP }], doc: { path: '/var/lib/lxc/x6-b/config', lang: 'lxc', text: 'lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 300000 65536\n' }, at: [0, 12, 28] },
};

const uri = (path: string) => `file://${path}`;
let restricted: LspClient;
let trusted: LspClient;

before(async () => {
  const settings = { lxc: { version: '5.0' }, podman: { version: '4.3' } };
  restricted = await startLspClient({ initializationOptions: { trusted: false, settings } });
  trusted = await startLspClient({ initializationOptions: { settings } });
});

after(async () => {
  await restricted?.stop();
  await trusted?.stop();
});

/** Opens the documents in order; the diagnostics of the last one. */
async function openAll(c: LspClient, docs: Doc[]): Promise<Diagnostic[]> {
  let last: Diagnostic[] = [];
  for (const d of docs) last = await c.open(uri(d.path), d.lang, d.text);
  return last;
}

/** Closes the documents, waiting until the server has cleared each one's diagnostics. */
async function closeAll(c: LspClient, docs: Doc[]): Promise<void> {
  for (const d of docs) {
    const cleared = c.diagnostics(uri(d.path));
    c.notify('textDocument/didClose', { textDocument: { uri: uri(d.path) } });
    assert.deepEqual(await cleared, []);
  }
}

/** A document's new text, sent as an editor does (full text, next version); its diagnostics. */
async function change(c: LspClient, path: string, text: string, version: number): Promise<Diagnostic[]> {
  const next = c.diagnostics(uri(path), version);
  c.notify('textDocument/didChange', { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
  return next;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
}

async function quickFixes(c: LspClient, path: string, d: Diagnostic): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(path) }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
}

const where = (d: Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.character];

test('every rule of the unprivileged-container formats has an LSP case here', () => {
  assert.ok(CODES.length >= 30, `only ${CODES.length} codes found`);
  assert.deepEqual(CODES.filter((c) => !CASES[c]), [], 'rules without a case');
  assert.deepEqual(Object.keys(CASES).filter((c) => !(CODES as string[]).includes(c)), [], 'cases for codes the catalogue does not have');
});

for (const code of CODES) {
  test(`${code}: code and range over LSP`, async () => {
    const c = CASES[code];
    assert.ok(c, `no case for ${code}`);
    const server = c.trusted ? trusted : restricted;
    const docs = [...(c.with ?? []), c.doc];
    try {
      const diags = await openAll(server, docs);
      const mine = diags.filter((d) => d.code === code);
      assert.equal(mine.length, 1, `${code}: ${JSON.stringify(diags.map((d) => [d.code, where(d)]))}`);
      assert.deepEqual(where(mine[0]), c.at);
      assert.equal(mine[0].source, 'ctconf');
      assert.match(String(mine[0].message), /\S/);
    } finally {
      await closeAll(server, docs);
    }
  });
}

test('hover over LSP in each language', async () => {
  const docs: [Doc, number, number, RegExp][] = [
    [subuid('h1', 'root:100000:65536\n'), 0, 2, /may map the subordinate user IDs \*\*100000–165535\*\*/],
    [usernet('h2', 'ann veth lxcbr0 2\n'), 0, 6, /`ann`.*up to \*\*2\*\* `veth` interfaces to bridge `lxcbr0`/],
    [{ path: '/etc/pve/lxc/301.conf', lang: 'proxmox-ct', text: 'unprivileged: 1\n' }, 0, 3, /user namespace/],
    [incus('h4', 'config:\n  security.idmap.isolated: "true"\n'), 1, 8, /security\.idmap\.isolated/],
  ];
  try {
    for (const [d, line, character, expect] of docs) {
      await openAll(restricted, [d]);
      const h = await restricted.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(d.path) }, position: { line, character } });
      assert.ok(h, `no hover in ${d.lang}`);
      assert.match((h.contents as { value: string }).value, expect, d.lang);
    }
  } finally {
    await closeAll(restricted, docs.map((x) => x[0]));
  }
});

test('completion over LSP in each language', async () => {
  const docs: [Doc, number, number, string, string][] = [
    // [document, line, character, a label offered, the line after accepting it]
    [subuid('c1', 'root:100000:65536\nann:'), 1, 4, '165536:65536', 'ann:165536:65536'],
    [usernet('c2', 'ann v'), 0, 5, 'veth', 'ann veth '],
    [{ path: '/etc/pve/lxc/302.conf', lang: 'proxmox-ct', text: 'ostype: ' }, 0, 8, 'debian', 'ostype: debian'],
    [incus('c4', 'config:\n  security.idm'), 1, 14, 'security.idmap.isolated', '  security.idmap.isolated: '],
  ];
  try {
    for (const [d, line, character, label, result] of docs) {
      await openAll(restricted, [d]);
      const r = await restricted.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: uri(d.path) }, position: { line, character } });
      const items = Array.isArray(r) ? r : (r?.items ?? []);
      const item = items.find((i) => i.label === label);
      assert.ok(item, `${d.lang}: ${label} not among ${JSON.stringify(items.map((i) => i.label).slice(0, 20))}`);
      const edit = item.textEdit as TextEdit;
      assert.equal(apply(d.text, [edit]).split('\n')[line], result, d.lang);
    }
  } finally {
    await closeAll(restricted, docs.map((x) => x[0]));
  }
});

test('quick fix: the bind mount gets the three-range idmap, then root gets host ID 1000 in subuid', async () => {
  const sub = subuid('f1', 'root:100000:65536\n');
  const ct: Doc = { path: '/etc/pve/lxc/401.conf', lang: 'proxmox-ct', text: 'arch: amd64\nunprivileged: 1\nmp0: /srv/share,mp=/share\n' };
  try {
    const d = (await openAll(restricted, [sub, ct])).find((x) => x.code === 'proxmox/bind-mount-unmapped')!;
    const fix = (await quickFixes(restricted, ct.path, d)).find((a) => /three-range/.test(a.title));
    assert.ok(fix, 'no three-range fix');
    const fixed = apply(ct.text, fix.edit!.changes![uri(ct.path)]);
    assert.equal(fixed, `${ct.text}lxc.idmap: u 0 100000 1000\nlxc.idmap: u 1000 1000 1\nlxc.idmap: u 1001 101001 64535\nlxc.idmap: g 0 100000 1000\nlxc.idmap: g 1000 1000 1\nlxc.idmap: g 1001 101001 64535\n`);
    // Re-validated: the bind mount is mapped now; host UID 1000 is not root's in the open subuid.
    const after = await change(restricted, ct.path, fixed, 2);
    assert.deepEqual(after.map((x) => [x.code, x.range.start.line]), [['unpriv/idmap-root-subid', 4]]);
    const add = (await quickFixes(restricted, ct.path, after[0]))[0];
    assert.equal(add.title, 'Add root:1000:1 to subuid');
    const subFixed = apply(sub.text, add.edit!.changes![uri(sub.path)]);
    assert.equal(subFixed, 'root:100000:65536\nroot:1000:1\n');
    assert.deepEqual(await change(restricted, sub.path, subFixed, 2), []);
    assert.deepEqual(await change(restricted, ct.path, fixed, 3), []);
  } finally {
    await closeAll(restricted, [sub, ct]);
  }
});

test('quick fix: a missing lxc-usernet allowance is added to the open lxc-usernet, and the warning goes', async () => {
  const net = usernet('f2', '# allowances\nbob veth lxcbr0 2');
  const cfg: Doc = { path: USER('f2'), lang: 'lxc', text: MAP + NIC(0) };
  try {
    const d = (await openAll(restricted, [net, cfg])).find((x) => x.code === 'unpriv/usernet-missing')!;
    const fix = (await quickFixes(restricted, cfg.path, d))[0];
    assert.ok(fix, 'no fix');
    const edits = fix.edit!.changes!;
    assert.deepEqual(Object.keys(edits), [uri(net.path)], 'only lxc-usernet changes');
    const fixed = apply(net.text, edits[uri(net.path)]);
    assert.equal(fixed, `${net.text}\nann veth lxcbr0 1\n`);
    assert.deepEqual(await change(restricted, net.path, fixed, 2), []);
    assert.deepEqual((await change(restricted, cfg.path, cfg.text, 2)).filter((x) => String(x.code).startsWith('unpriv/')), []);
  } finally {
    await closeAll(restricted, [net, cfg]);
  }
});

test('quick fix: root\'s subordinate range grows for one more isolated Incus container', async () => {
  const sub = subuid('f3', 'root:100000:65536\n');
  const other = incus('f3-db', 'config:\n  security.idmap.isolated: "true"\n');
  const web = incus('f3-web', 'description: web\nconfig:\n  security.idmap.isolated: "true"\n');
  try {
    const d = (await openAll(restricted, [sub, other, web])).find((x) => x.code === 'incus/idmap-subid')!;
    assert.ok(d, 'no incus/idmap-subid');
    const fix = (await quickFixes(restricted, web.path, d))[0];
    assert.ok(fix, 'no fix');
    const fixed = apply(sub.text, fix.edit!.changes![uri(sub.path)]);
    assert.equal(fixed, 'root:100000:196608\n');
    assert.deepEqual(await change(restricted, sub.path, fixed, 2), []);
    assert.deepEqual((await change(restricted, web.path, web.text, 2)).filter((x) => x.code === 'incus/idmap-subid'), []);
  } finally {
    await closeAll(restricted, [sub, other, web]);
  }
});

test('quick fix: a misspelled Incus option and Proxmox key are replaced by the suggestion, nothing else', async () => {
  const y = incus('f4', 'config:\n  security.nestin: "true"  # keep\n');
  const p: Doc = { path: '/etc/pve/lxc/402.conf', lang: 'proxmox-ct', text: 'arch: amd64\nhostnme: web\n' };
  try {
    for (const [doc, code, expect] of [[y, 'incus/unknown-key', 'config:\n  security.nesting: "true"  # keep\n'], [p, 'proxmox/unknown-key', 'arch: amd64\nhostname: web\n']] as const) {
      const d = (await openAll(restricted, [doc])).find((x) => x.code === code)!;
      const fix = (await quickFixes(restricted, doc.path, d))[0];
      assert.ok(fix, `no fix for ${code}`);
      const fixed = apply(doc.text, fix.edit!.changes![uri(doc.path)]);
      assert.equal(fixed, expect);
      assert.deepEqual((await change(restricted, doc.path, fixed, 2)).filter((x) => x.code === code), []);
    }
  } finally {
    await closeAll(restricted, [y, p]);
  }
});
