/** Proxmox container configs: grammar, keys and options, raw lxc.* lines, unprivileged idmaps and bind mounts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { detectLanguage } from '../../server/src/languages';
import { parseProxmox } from '../../server/src/proxmox/parse';
import { PVE_KEYS, pveKey } from '../../server/src/proxmox/schema';
import { ROOT } from '../helpers/paths';
import { applyEdits, cursor } from '../helpers/service';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';

const FIX = path.join(ROOT, 'test/fixtures/proxmox/etc/pve');
const read = (p: string) => fs.readFileSync(path.join(FIX, p), 'utf8');
const SHADOW = { '/usr/bin/newuidmap': 'x', '/usr/bin/newgidmap': 'x', '/etc/subuid': 'root:100000:65536\n', '/etc/subgid': 'root:100000:65536\n' };
const svc = (host: Host = memoryHost(SHADOW), others: TextDoc[] = []) => {
  const s = createLanguageService(host, { lxcVersion: '6.0', podmanVersion: '4.3', rules: {} });
  s.setOthers(() => others);
  return s;
};
const doc = (text: string, uri = 'file:///etc/pve/lxc/101.conf'): TextDoc => ({ uri, languageId: 'proxmox-ct', version: 1, text });
const tuples = (s: ReturnType<typeof svc>, d: TextDoc) => s.diagnostics(d).map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`);

test('proxmox: schema facts (30 keys of $confdesc plus numbered keys)', () => {
  const confdesc = ['lock', 'onboot', 'startup', 'template', 'arch', 'ostype', 'console', 'tty', 'cores', 'cpulimit', 'cpuunits', 'memory', 'swap', 'hostname',
    'description', 'searchdomain', 'nameserver', 'timezone', 'rootfs', 'parent', 'snaptime', 'cmode', 'entrypoint', 'protection', 'unprivileged', 'features', 'env', 'hookscript', 'tags', 'debug'];
  assert.equal(confdesc.length, 30);
  for (const k of confdesc) assert.ok(PVE_KEYS[k], k);
  for (const k of ['net0', 'net31', 'mp0', 'mp255', 'unused255', 'dev0', 'dev255']) assert.ok(pveKey(k), k);
  for (const k of ['net32', 'mp256', 'dev256', 'mp01', 'foo0']) assert.equal(pveKey(k), undefined, k);
});

test('proxmox: a clean config with a snapshot section and the idmap recipe', () => {
  const host = memoryHost({ ...SHADOW, '/etc/subuid': 'root:100000:65536\nroot:1000:1\n', '/etc/subgid': 'root:100000:65536\nroot:1000:1\n' });
  assert.deepEqual(tuples(svc(host), doc(read('nodes/pve1/lxc/102.conf'), 'file:///etc/pve/nodes/pve1/lxc/102.conf')), []);
  const p = parseProxmox(read('lxc/101.conf'), '/etc/pve/lxc/101.conf');
  assert.equal(p.vmid, '101');
  assert.deepEqual([...new Set(p.lines.map((l) => l.section))], ['', 'before-upgrade']);
  assert.equal(p.lines.filter((l) => l.kind === 'comment').length, 2);
});

test('proxmox: every rule on the broken fixture, with exact ranges; raw lines through the LXC engine', () => {
  assert.deepEqual(tuples(svc(), doc(read('lxc/103.conf'), 'file:///etc/pve/lxc/103.conf')), [
    '1:7-8 proxmox/invalid-value',
    '3:20-27 proxmox/unknown-option',
    '4:0-7 proxmox/unknown-key',
    '5:8-9 proxmox/invalid-value',
    '6:33-37 proxmox/invalid-value',
    '7:0-5 proxmox/unknown-key',
    '8:5-28 proxmox/invalid-value',
    '9:0-11 proxmox/duplicate-key',
    '10:8-15 proxmox/invalid-value',
    '13:0-15 proxmox/raw-key-refused',
    '14:0-24 proxmox/raw-key-deprecated',
    '15:0-14 lxc/legacy-key',
    '16:14-22 lxc/unknown-capability',
    '17:0-11 proxmox/raw-key-refused',
    '18:0-9 proxmox/malformed-line',
    '19:0-6 proxmox/malformed-line',
  ]);
  // `=` works as the separator of raw keys too, and columns stay exact.
  assert.deepEqual(tuples(svc(), doc('lxc.cap.drop  =  sys_admn\n')), ['0:17-25 lxc/unknown-capability']);
  // The LXC engine sees the raw lines in order (a type line first, then its keys).
  assert.deepEqual(tuples(svc(), doc('lxc.net.1.type: veth\nlxc.net.1.veth.mode: router\n')), []);
  assert.deepEqual(tuples(svc(), doc('lxc.net.1.veth.mode: router\n')).map((s) => s.split(' ')[1]), ['lxc/net-type-required']);
  // Snapshots' raw lines are not part of the current config.
  assert.deepEqual(tuples(svc(), doc('arch: amd64\n[old]\nlxc.cap.drop: sys_admn\n')), []);
});

test('proxmox: the bind mount into an unprivileged container, and the three-range idmap fix', () => {
  const s = svc();
  const text = read('lxc/101.conf');
  const d = doc(text);
  const diags = s.diagnostics(d);
  assert.deepEqual(diags.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`), ['7:5-19 proxmox/bind-mount-unmapped']);
  const fix = s.codeActions(d, diags[0].range, [diags[0]]).find((a) => a.title.includes('three-range'));
  assert.ok(fix);
  const fixed = applyEdits(text, fix.edit!.changes![d.uri]);
  const main = fixed.slice(0, fixed.indexOf('[before-upgrade]'));
  assert.match(main, /unprivileged: 1\n\nlxc\.idmap: u 0 100000 1000\nlxc\.idmap: u 1000 1000 1\nlxc\.idmap: u 1001 101001 64535\nlxc\.idmap: g 0 100000 1000\nlxc\.idmap: g 1000 1000 1\nlxc\.idmap: g 1001 101001 64535\n\[?$/);
  assert.equal(fixed.replace(/lxc\.idmap: [^\n]*\n/g, ''), text, 'nothing else changes');
  // After the fix: root must own host ID 1000; the next fix adds it to /etc/subuid and /etc/subgid.
  const after = s.diagnostics(doc(fixed));
  assert.deepEqual(after.map((x) => x.code), ['unpriv/idmap-root-subid', 'unpriv/idmap-root-subid']);
  const sub = s.codeActions(doc(fixed), after[0].range, [after[0]])[0];
  assert.equal(sub.title, 'Add root:1000:1 to subuid');
  assert.equal(applyEdits('root:100000:65536\n', sub.edit!.changes!['file:///etc/subuid']), 'root:100000:65536\nroot:1000:1\n');
  // The owner of a /home directory is the UID offered.
  const host = memoryHost({ ...SHADOW, '/etc/passwd': 'dev:x:1005:1005::/home/dev:/bin/sh\n' });
  const d2 = svc(host).diagnostics(doc('unprivileged: 1\nmp0: /home/dev/src,mp=/src\n'));
  assert.match(svc(host).codeActions(doc('x'), d2[0].range, [d2[0]])[0].title, /UID 1005/);
  // A privileged container, a storage volume, or a mount point with its own idmap= are fine.
  assert.deepEqual(tuples(svc(), doc('mp0: /srv/x,mp=/x\n')), []);
  assert.deepEqual(tuples(svc(), doc('unprivileged: 1\nmp0: local:vm-1-disk-1,mp=/x\n')), []);
  assert.deepEqual(tuples(svc(), doc('unprivileged: 1\nmp0: /srv/x,mp=/x,idmap=u:1000:1000:1\n')), []);
});

test('proxmox: the subuid requirement is checked against a copied /etc among the documents too', () => {
  const others: TextDoc[] = [{ uri: 'file:///srv/host/etc/subuid', languageId: 'subid', version: 1, text: 'root:100000:65536\n' }];
  const d = doc(read('nodes/pve1/lxc/102.conf'), 'file:///srv/host/etc/pve/nodes/pve1/lxc/102.conf');
  const got = svc(memoryHost(), others).diagnostics(d).filter((x) => x.code === 'unpriv/idmap-root-subid');
  assert.deepEqual(got.map((x) => x.range.start.line), [14]);
});

test('proxmox: unprivileged containers on the default map share host IDs (named in the warning)', () => {
  const others: TextDoc[] = [{ uri: 'file:///etc/pve/lxc/104.conf', languageId: 'proxmox-ct', version: 1, text: 'unprivileged: 1\n' }];
  const got = svc(memoryHost(SHADOW), others).diagnostics(doc('unprivileged: 1\n')).filter((x) => x.code === 'unpriv/idmap-shared');
  assert.equal(got.length, 2);
  assert.match(String(got[0].message), /CT 104/);
});

test('proxmox: hover on keys, options and raw keys; completion of keys, options and values', () => {
  const s = svc();
  const text = read('lxc/101.conf');
  const h = (line: number, ch: number) => JSON.stringify(s.hover(doc(text), { line, character: ch })?.contents ?? null);
  assert.match(h(14, 3), /user namespace/);
  assert.match(h(14, 3), /Proxmox's default/);
  assert.match(h(4, 12), /keyctl/);
  assert.match(h(8, 20), /Host bridge/);
  assert.equal(h(0, 3), 'null');
  assert.match(JSON.stringify(s.hover(doc('lxc.rootfs.path: /x\n'), { line: 0, character: 3 })?.contents), /rootfs/);
  const complete = (marked: string) => {
    const c = cursor(marked);
    return s.completion(doc(c.text), c.pos).map((i) => i.label);
  };
  assert.ok(complete('hostname: a\nhost|').includes('unprivileged'));
  assert.ok(!complete('hostname: a\nh|').includes('hostname'));
  assert.ok(complete('net0: x\nn|').includes('net1'));
  assert.deepEqual(complete('ostype: |').slice(0, 3), ['debian', 'devuan', 'ubuntu']);
  assert.deepEqual(complete('unprivileged: |'), ['1', '0']);
  assert.ok(complete('features: nesting=1,|').includes('keyctl'));
  assert.ok(!complete('features: nesting=1,|').includes('nesting'));
  assert.deepEqual(complete('features: nesting=|'), ['1', '0']);
  assert.deepEqual(complete('# desc|'), []);
});

test('proxmox: configs are detected by their Proxmox paths, before the generic LXC patterns', () => {
  assert.equal(detectLanguage('/etc/pve/lxc/101.conf'), 'proxmox-ct');
  assert.equal(detectLanguage('/etc/pve/nodes/pve1/lxc/101.conf'), 'proxmox-ct');
  assert.equal(detectLanguage('/etc/pve/qemu-server/101.conf'), undefined);
  assert.equal(detectLanguage('/etc/lxc/default.conf'), 'lxc');
});

const oracleMissing = process.env.CI === 'true' ? undefined : lxcOracleMissing();

test('proxmox: raw lxc.* lines the LXC engine accepts load in liblxc, and those it refuses do not', { skip: oracleMissing }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-pve-'));
  try {
    const cases: { file: string; errors: boolean }[] = [];
    for (const f of ['lxc/101.conf', 'lxc/103.conf', 'nodes/pve1/lxc/102.conf']) {
      const p = parseProxmox(read(f));
      for (const l of p.lines.filter((x) => x.kind === 'raw' && x.section === '' && !/^lxc\.(?:rootfs|foo)/.test(x.key))) {
        const file = path.join(dir, `${cases.length}.conf`);
        fs.writeFileSync(file, `${l.key} = ${l.value}\n`);
        const errors = svc(memoryHost()).diagnostics(doc(`${l.key}: ${l.value}\n`)).some((d) => d.severity === 1);
        cases.push({ file, errors });
      }
    }
    assert.ok(cases.length >= 6);
    const verdicts = runLxcOracle(cases.map((c) => c.file));
    for (const c of cases) assert.equal(verdicts.get(c.file)?.verdict, c.errors ? 'reject' : 'accept', fs.readFileSync(c.file, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('proxmox: outline and folding by section', () => {
  const s = svc();
  const d = doc(read('lxc/101.conf'));
  const syms = s.symbols(d);
  const snap = syms.find((x) => x.name === 'snapshot before-upgrade');
  assert.ok(snap);
  assert.equal(snap.children?.length, 9);
  assert.ok(syms.some((x) => x.name === 'unprivileged'));
  assert.deepEqual(s.folding(d).map((f) => [f.startLine, f.endLine]), [[16, 26]]);
});

test('proxmox: an SELinux context on a raw lxc.* line is checked like in an LXC config', () => {
  const text = 'arch: amd64\nhostname: web\nlxc.selinux.context: system_u:system_r:container_t:s0:c1.c1\n';
  const d = svc().diagnostics(doc(text)).filter((x) => String(x.code).startsWith('lxc/selinux'));
  assert.equal(d.length, 1, JSON.stringify(d));
  assert.equal(d[0].range.start.line, 2);
  assert.ok(d[0].range.start.character >= 'lxc.selinux.context: '.length, JSON.stringify(d[0].range));
});

test('proxmox: named formats (MAC, addresses, address lists, volumes) and top-level numbers as pve-container reads them', () => {
  const s = svc();
  const codes = (text: string) => s.diagnostics(doc(text)).map((d) => `${d.range.start.line} ${d.code}`);
  const net = (opts: string) => `net0: name=eth0,bridge=vmbr0,${opts}\n`;
  assert.deepEqual(codes(net('hwaddr=BC:24:11:2A:3B:4C,ip=10.0.0.5/24,gw=10.0.0.1,ip6=auto')), []);
  for (const bad of ['hwaddr=01:24:11:2A:3B:4C', 'hwaddr=00:00:00:00:00:00', 'ip=10.0.0.5', 'ip=10.0.0.5/33', 'gw=10.0.0.1/24', 'ip6=fd00::5', 'gw6=10.0.0.1']) {
    assert.deepEqual(codes(net(bad)), ['0 proxmox/invalid-value'], bad);
  }
  assert.deepEqual(codes('nameserver: 1.1.1.1 2606:4700::1111,9.9.9.9\n'), []);
  assert.deepEqual(codes('nameserver: 1.1.1.1 dns.example\n'), ['0 proxmox/invalid-value']);
  assert.deepEqual(codes('hookscript: local:snippets/hook.sh\n'), []);
  assert.deepEqual(codes('hookscript: /var/lib/vz/snippets/hook.sh\n'), ['0 proxmox/invalid-value']);
  // A top-level integer is digits only; inside a value a sign is fine.
  assert.deepEqual(codes('cores: +2\n'), ['0 proxmox/invalid-value']);
  assert.deepEqual(codes('cpulimit: 1e1\n'), ['0 proxmox/invalid-value']);
  assert.deepEqual(codes('cpulimit: 1.5\n'), []);
});

test('proxmox: the time zone is one of the host\'s zone.tab, UTC or host (not checked in Restricted Mode)', () => {
  const host = memoryHost({ ...SHADOW, '/usr/share/zoneinfo/zone.tab': '# comment\nDE\t+5230+01322\tEurope/Berlin\nUS\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n' });
  const codes = (text: string, s = svc(host)) => s.diagnostics(doc(text)).map((d) => d.code);
  for (const ok of ['Europe/Berlin', 'America/New_York', 'UTC', 'host']) assert.deepEqual(codes(`timezone: ${ok}\n`), [], ok);
  for (const bad of ['Europe/Nowhere', 'Etc/UTC', 'europe/berlin']) assert.deepEqual(codes(`timezone: ${bad}\n`), ['proxmox/invalid-value'], bad);
  assert.deepEqual(codes('timezone: Europe/Nowhere\n', svc(memoryHost(SHADOW))), []);
});
