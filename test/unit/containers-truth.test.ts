/**
 * containers.conf classes where ctconf must read the file as Podman does (issue 14): the
 * TOML of Podman's decoder, struct vs map tables, arrays of tables, value checks, versions.
 * Each case here was checked with Podman 4.3.1 (the differential suite re-checks them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';

const URI = 'file:///etc/containers/containers.conf';
const svc = (podmanVersion: string) => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion, rules: {} });
const diags = (text: string, v = '4.3') => svc(v).diagnostics({ uri: URI, languageId: 'containers-conf', version: 1, text });
const codes = (text: string, v?: string) => diags(text, v).map((d) => String(d.code));
const errors = (text: string, v?: string) => diags(text, v).filter((d) => d.severity === 1).map((d) => String(d.code));

test('TOML as Podman reads it: tables re-opened, inline tables extended, arrays redefined; BOM before 4.6; no \\e', () => {
  for (const t of ['[engine]\nruntimes.crun = ["/a"]\n[engine.runtimes]\nrunc = ["/b"]\n', '[containers]\nx = {y = 1}\nx.z = 2\n', '[containers]\nenv = ["A=1"]\nenv = ["B=2"]\n', '[containers.x]\n[containers]\nlabel = true\n']) {
    assert.deepEqual(errors(t), [], t);
  }
  for (const t of ['[containers]\nlabel = true\nlabel = false\n', '[containers]\n[containers]\n', '[containers]\na.b = 1\na.b = 2\n']) assert.deepEqual(errors(t), ['containers/duplicate'], t);
  assert.deepEqual(errors('\ufeff[containers]\nlabel = true\n', '4.3'), ['containers/toml-syntax']);
  assert.deepEqual(errors('\ufeff[containers]\nlabel = true\n', '4.6'), []);
  assert.deepEqual(errors('[containers]\nenv = ["A=\\e"]\n', '5.8'), ['containers/toml-syntax']);
});

test('a scalar for a struct table is an error; map tables drop it silently', () => {
  assert.deepEqual(errors('containers = 1\n'), ['containers/wrong-type']);
  assert.deepEqual(errors('[[containers]]\nlabel = true\n'), ['containers/wrong-type']);
  assert.deepEqual(codes('[engine]\nruntimes = "crun"\n'), ['containers/not-a-table']);
  assert.deepEqual(codes('[secrets]\nopts = 1\n'), ['containers/not-a-table']);
  assert.deepEqual(codes('[[engine.runtimes]]\ncrun = ["/a"]\n'), ['containers/not-a-table']);
  assert.deepEqual(errors('[engine.runtimes.crun]\nx = 1\n'), ['containers/wrong-type']);
  assert.deepEqual(errors('[engine.volume_plugins.foo]\nx = 1\n'), ['containers/wrong-type']);
  assert.deepEqual(errors('[engine.service_destinations]\nprod = "x"\n'), ['containers/wrong-type']);
});

test('[[network.default_subnet_pools]] items are checked like inline pools', () => {
  assert.deepEqual(codes('[[network.default_subnet_pools]]\nbase = "10.90.0.0/16"\nsize = 24\n'), []);
  assert.deepEqual(errors('[[network.default_subnet_pools]]\nbase = "10.90.0/16"\nsize = 24\n'), ['containers/invalid-value']);
  assert.deepEqual(errors('[[network.default_subnet_pools]]\nbase = "10.90.0.0/16"\nsize = 8\n'), ['containers/invalid-value']);
  assert.deepEqual(codes('[[network.default_subnet_pools]]\nbase = "10.90.0.0/16"\nsize = 24\nfoo = 1\n'), ['containers/unknown-key']);
  assert.deepEqual(codes('[[network.default_subnet_pools]]\nsize = 24\n'), []);
  const six = Array.from({ length: 6 }, () => '{size = 24}').join(', ');
  assert.deepEqual(errors(`[network]\ndefault_subnet_pools = [${six}]\n`), ['containers/invalid-value']);
  assert.deepEqual(codes('[[network.default_subnet_pools]]\nbase = "10.90.0.0/16"\n', '4.0'), ['containers/key-too-new']);
});

test('value checks Podman makes at load, podman info or podman create', () => {
  const e = (key: string, table: string, v: string) => errors(`[${table}]\n${key} = ${v}\n`);
  assert.deepEqual(e('default_ulimits', 'containers', '["nofile=2048:1024"]'), ['containers/invalid-value']);
  assert.deepEqual(e('default_ulimits', 'containers', '["nofile=-1:1024"]'), ['containers/invalid-value']);
  assert.deepEqual(e('default_ulimits', 'containers', '["nofile=1024:-1"]'), []);
  assert.deepEqual(e('devices', 'containers', '["/dev/null:rrw"]'), ['containers/invalid-value']);
  assert.deepEqual(e('shm_size', 'containers', '"64i"'), []);
  assert.deepEqual(e('shm_size', 'containers', '"64 m"'), []);
  for (const bad of ['" 64m"', '"64m "', '"64  m"', '"1.2.3m"']) assert.deepEqual(e('shm_size', 'containers', bad), ['containers/invalid-value'], bad);
  assert.deepEqual(e('num_locks', 'engine', '0'), ['containers/runtime-value']);
  assert.deepEqual(e('image_copy_tmp_dir', 'engine', '"rel"'), ['containers/runtime-value']);
  assert.deepEqual(e('image_copy_tmp_dir', 'engine', '"storage"'), []);
  assert.deepEqual(e('default_subnet', 'network', '"10.88.0/16"'), ['containers/runtime-value']);
  assert.deepEqual(e('default_subnet', 'network', '"fd00::/64"'), []);
  assert.deepEqual(e('static_dir', 'engine', '""'), ['containers/runtime-value']);
  for (const v of ['/a:b', '/tmp:/b:foo', '/tmp:/b:ro,rw', ':/b', '/tmp:/b:z,O']) assert.deepEqual(e('volumes', 'containers', JSON.stringify([v])), ['containers/runtime-value'], v);
  for (const v of ['/tmp:/b:ro,z,nosuid', 'vol:/b', '/b']) assert.deepEqual(e('volumes', 'containers', JSON.stringify([v])), [], v);
  for (const v of ['kernel.hostname=x', 'net/ipv4/ip_forward=1', 'net.ipv4.ip_forward = 1']) assert.deepEqual(e('default_sysctls', 'containers', JSON.stringify([v])), ['containers/runtime-value'], v);
  assert.deepEqual(e('default_sysctls', 'containers', '["kernel.shmmax=100", "net.ipv4.ping_group_range=0 0"]'), []);
  assert.deepEqual(e('env', 'containers', '["=x", ""]'), ['containers/runtime-value', 'containers/runtime-value']);
  assert.deepEqual(e('env', 'containers', '["A"]'), []);
});

test('values and keys judged by the target version; floats in size fields', () => {
  assert.deepEqual(errors('[engine]\npull_policy = "ifmissing"\n', '4.3'), ['containers/invalid-value']);
  assert.deepEqual(errors('[engine]\npull_policy = "ifmissing"\n', '5.1'), []);
  assert.deepEqual(errors('[containers]\nlog_driver = "passthrough-tty"\n', '4.3'), ['containers/runtime-value']);
  assert.deepEqual(errors('[containers]\nlog_driver = "passthrough-tty"\n', '5.8'), []);
  assert.deepEqual(errors('[engine]\nmachine_enabled = "true"\n', '4.3'), ['containers/wrong-type']);
  assert.deepEqual(codes('[engine]\nmachine_enabled = "true"\n', '5.0'), ['containers/removed-key']);
  assert.deepEqual(codes('[engine]\nevents_logfile_max_size = 1.5\n'), ['containers/surprising-value']);
  assert.deepEqual(errors('[engine]\nevents_logfile_max_size = -1.5\n'), ['containers/wrong-type']);
  assert.deepEqual(errors('[containers]\nshm_size = 1.5\n'), ['containers/wrong-type']);
  const msg = String(diags('[containers]\nipcns = "bogus"\n')[0].message);
  assert.match(msg, /every container that takes this default/);
});

test('capability typo fixes and completions follow the list\'s style, not the typo\'s (issue 15 item 6)', async () => {
  const { applyEdits, cursor } = await import('../helpers/service');
  const text = '[containers]\ndefault_capabilities = ["chown", "kill", "CAP_NET_ADMN"]\n';
  const s = svc('4.3');
  const d = s.diagnostics({ uri: URI, languageId: 'containers-conf', version: 1, text }).find((x) => x.code === 'containers/unknown-capability')!;
  assert.match(String(d.message), /Did you mean `net_admin`\?/);
  const fix = s.codeActions({ uri: URI, languageId: 'containers-conf', version: 1, text }, d.range, [d]).find((a) => /net_admin/.test(a.title));
  assert.ok(fix, 'a fix writes net_admin');
  const after = applyEdits(text, fix.edit!.changes![URI]);
  assert.equal(after, '[containers]\ndefault_capabilities = ["chown", "kill", "net_admin"]\n');
  assert.deepEqual(s.diagnostics({ uri: URI, languageId: 'containers-conf', version: 1, text: after }).map((x) => x.code), []);
  const c = cursor('[containers]\ndefault_capabilities = ["chown", "kill", "CAP_SYS_TI|"]\n');
  const items = s.completion({ uri: URI, languageId: 'containers-conf', version: 1, text: c.text }, c.pos);
  assert.ok(items.some((i) => i.label === 'sys_time') && !items.some((i) => i.label === 'CAP_SYS_TIME'));
});

test('default_capabilities hover: the built-in set of the target version, and how the host man page differs (issue 15 item 5)', async () => {
  const { keyMarkdown, manCapabilityNote } = await import('../../server/src/containers/hover');
  const { findKey } = await import('../../server/src/containers/keys');
  const k = findKey('containers', 'default_capabilities')!;
  assert.match(keyMarkdown(k, '4.3', 'x'), /built into Podman 4\.3: 14 capabilities.*`NET_RAW`/);
  assert.match(keyMarkdown(k, '5.8', 'x'), /built into Podman 5\.8: 11 capabilities/);
  // The list in Debian's containers-common 0.50 man page (13 names, no SETFCAP).
  const man = 'The default list is: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, NET_RAW, SETGID, SETPCAP, SETUID, SYS_CHROOT';
  assert.match(manCapabilityNote(man, '4.3'), /lists 13 capabilities, Podman 4\.3 has 14 built in.*leaves out `SETFCAP`/);
  assert.match(manCapabilityNote(man, '5.8'), /lists 13 capabilities, Podman 5\.8 has 11 built in.*adds `NET_RAW`, `MKNOD`, `AUDIT_WRITE` and leaves out `SETFCAP`/);
});

test('host-dependent verdicts say "on this host" and are only made with a host outside Restricted Mode', () => {
  const withCrun = memoryHost({ '/usr/bin/crun': '' });
  const s = createLanguageService(withCrun, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const d = (text: string) => s.diagnostics({ uri: URI, languageId: 'containers-conf', version: 1, text }).filter((x) => x.severity === 1);
  assert.deepEqual(d('[engine]\nruntime = "crun"\n'), []);
  const runc = d('[engine]\nruntime = "runc"\n');
  assert.deepEqual(runc.map((x) => x.code), ['containers/runtime-value']);
  assert.match(String(runc[0].message), /installed on this host.*on a host with the runtime installed they work/);
  assert.deepEqual(d('[engine.runtimes]\nfoo = ["/usr/bin/crun"]\n[engine]\nruntime = "foo"\n'), []);
  assert.match(String(d('[containers]\nlog_driver = "journald"\n')[0]?.message), /No systemd journal is running on this host/);
  assert.match(String(d('[containers]\ndevices = ["/dev/fuse"]\n')[0]?.message), /does not exist on this host/);
  const restricted = createLanguageService(withCrun, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted: true });
  assert.deepEqual(restricted.diagnostics({ uri: URI, languageId: 'containers-conf', version: 1, text: '[engine]\nruntime = "runc"\n[containers]\nlog_driver = "journald"\n' }).map((x) => x.code), []);
});

test('removed keys keep their type in the releases that read them', () => {
  assert.deepEqual(errors('[engine]\nmachine_image = 1\n', '3.4'), ['containers/wrong-type']);
  assert.deepEqual(codes('[engine]\nmachine_image = 1\n', '4.3'), ['containers/removed-key']);
  assert.deepEqual(errors('[containers]\nrootless_networking = true\n', '3.3'), ['containers/wrong-type']);
  assert.deepEqual(codes('[containers]\nrootless_networking = "cni"\n', '4.3'), ['containers/removed-key']);
});
