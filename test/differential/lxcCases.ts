/**
 * Generated one-defect (or no-defect) LXC configs covering every key family and every
 * rule. The verdict of each is not written here: the differential test asks liblxc.
 * Deterministic: the same list every run.
 */

export interface LxcCase {
  id: string;
  text: string;
  /**
   * Extra files the case needs, by path relative to the case's own directory: contents, or a
   * symbolic link. `@DIR@` in the text and in contents stands for that directory.
   */
  files?: Record<string, string | { symlink: string }>;
  /**
   * liblxc's verdict depends on state the file does not control (a stale errno): ctconf must
   * not call it an error, and must warn.
   */
  dependent?: boolean;
}

import { lxcClassCases } from './lxcClassCases';

const BASE = 'lxc.uts.name = ctconf-test\n';

function one(id: string, line: string, prelude = ''): LxcCase {
  return { id, text: `${BASE}${prelude}${line}\n` };
}

/** key -> values tried (a mix of valid, invalid and edge cases). */
const VALUES: Record<string, string[]> = {
  'lxc.arch': ['x86_64', 'amd64', 'i686', 'arm64', 'aarch64', 'riscv64', 'x32', 'loongarch64', 'loong64', 'sparc', 'X86_64', 'x86-64', ''],
  'lxc.apparmor.profile': ['unconfined', 'generated', 'lxc-container-default-cgns', 'my-profile', ''],
  'lxc.apparmor.allow_incomplete': ['0', '1', '2', 'yes', ''],
  'lxc.apparmor.allow_nesting': ['1', 'true', ''],
  'lxc.apparmor.raw': ['mount fstype=proc -> /proc/,', ''],
  'lxc.autodev': ['0', '1', '0x1', '01', '2', '-1', 'on', ''],
  'lxc.autodev.tmpfs.size': ['1000000', 'big', ''],
  'lxc.cap.drop': ['sys_time', 'sys_time sys_module', 'sys_time\tmac_admin', 'SYS_TIME', 'CAP_SYS_TIME', 'sys_tim', '21', '40', '99', 'none', 'sys_time,sys_module', ''],
  'lxc.cap.keep': ['sys_admin', 'none', 'none net_raw', 'CAP_CHOWN', 'chown bogus', ''],
  'lxc.cgroup.dir': ['lxc/ctr', '/abs', 'a/../b', ''],
  'lxc.cgroup.dir.container': ['payload', '/x', ''],
  'lxc.cgroup.dir.monitor': ['monitor', '../up', ''],
  'lxc.cgroup.dir.monitor.pivot': ['pivot', ''],
  'lxc.cgroup.dir.container.inner': ['inner', 'a/b', '.', '..', '/abs', ''],
  'lxc.cgroup.relative': ['0', '1', '3', ''],
  'lxc.cgroup.devices.allow': ['c 1:3 rwm', ''],
  'lxc.cgroup.memory.limit_in_bytes': ['512M'],
  'lxc.cgroup': [''],
  'lxc.cgroup2.memory.max': ['1G', ''],
  'lxc.cgroup2.devices.allow': ['c 1:3 rwm'],
  'lxc.cgroup2': ['', 'x'],
  'lxc.console.buffer.size': ['auto', '4096', '64KB', '1MB', '2gb', '8192K', '12 MB', '10XB', 'KB', '1.5MB', '-1', '0', ''],
  'lxc.console.logfile': ['/var/log/lxc/c.console', ''],
  'lxc.console.path': ['none', '/dev/console', ''],
  'lxc.console.rotate': ['0', '1', '2', ''],
  'lxc.console.size': ['auto', '1MB', 'lots', ''],
  'lxc.sched.core': ['0', '1', '2', ''],
  'lxc.environment': ['FOO=bar', 'FOO=', '=bar', 'PATH', 'CTCONF_SURELY_UNSET_VARIABLE', ''],
  'lxc.ephemeral': ['0', '1', 'yes', ''],
  'lxc.execute.cmd': ['/bin/sh -c true', ''],
  'lxc.group': ['onboot', 'web db', ''],
  'lxc.hook.pre-start': ['/usr/local/bin/hook', ''],
  'lxc.hook.start-host': ['/bin/true'],
  'lxc.hook.pre-mount': ['/bin/true'],
  'lxc.hook.mount': ['/bin/true'],
  'lxc.hook.autodev': ['/bin/true'],
  'lxc.hook.start': ['/bin/true'],
  'lxc.hook.stop': ['/bin/true'],
  'lxc.hook.post-stop': ['/bin/true'],
  'lxc.hook.clone': ['/bin/true'],
  'lxc.hook.destroy': ['/bin/true'],
  'lxc.hook.version': ['0', '1', '2', 'x', '99999999999999999999999', ''],
  'lxc.hook': ['', '/bin/true'],
  'lxc.idmap': ['u 0 100000 65536', 'g 0 100000 65536', 'u 0 100000', 'b 0 100000 65536', 'u 0 100000 65536 1', 'u -1 100000 65536', 'u 0x0 0x186a0 0x10000', 'u\t0\t100000\t65536', 'u0 100000 65536', 'x 0 1 1', 'u 0 100000 abc', 'u 0 0 0', ''],
  'lxc.include': ['/usr/share/lxc/config/common.conf', '/nonexistent/ctconf.conf', '/nonexistent/dir/', '/usr/share/lxc/config/common.conf.d/', ''],
  'lxc.init.cmd': ['/sbin/init', ''],
  'lxc.init.cwd': ['/root', ''],
  'lxc.init.uid': ['0', '1000', 'root', '4294967296', '99999999999999999999999', ''],
  'lxc.init.gid': ['0', '100', 'x', ''],
  'lxc.init.groups': ['10,20', '10', '10,20,foo', '10 ,20', ',', '', '0x10'],
  'lxc.keyring.session': ['0', '1', '2', ''],
  'lxc.log.file': ['/tmp/ctconf-difftest.log', ''],
  'lxc.log.level': ['0', '8', '9', '-1', 'debug', 'DEBUG', 'warn', 'warning', 'verbose', 'Info', ''],
  'lxc.log.syslog': ['daemon', 'local7', 'LOCAL3', 'local8', 'user', ''],
  'lxc.monitor.unshare': ['0', '1', '99', '-1', ''],
  'lxc.monitor.signal.pdeath': ['SIGKILL', 'sigterm', '9', 'KILL', 'SIGNOPE', 'SIGRTMIN+3', 'SIGRTMAX-2', 'SIGRTMIN+31', ''],
  'lxc.mount.auto': ['proc:mixed sys:ro cgroup:mixed', 'proc', 'cgroup2', 'cgroup2:ro:force', 'cgroup-full:rw', 'shmounts:/a:/b', 'shmounts:', 'proc:foo', 'sys:mixed:force', 'mount', ''],
  'lxc.mount.entry': ['/dev/fuse dev/fuse none bind,create=file,optional 0 0', 'garbage', ''],
  'lxc.mount.fstab': ['/var/lib/lxc/c1/fstab', ''],
  'lxc.namespace.clone': ['mnt pid', 'NET', 'mount', 'user bogus', ''],
  'lxc.namespace.keep': ['user net ipc', 'time', 'xyz', ''],
  'lxc.namespace.share.net': ['1234', 'other-container', ''],
  'lxc.namespace.share.NET': ['1234'],
  'lxc.namespace.share.bogus': ['1234'],
  'lxc.namespace.share.': ['1234'],
  'lxc.time.offset.boot': ['10s', '10 s', '-5m', '-5s', '3h', '100ms', '5us', '7ns', '10', '10x', '10 ms', '5d', ''],
  'lxc.time.offset.monotonic': ['1h', '-1h', 'abc', ''],
  'lxc.net': ['', 'x'],
  'lxc.no_new_privs': ['0', '1', 'true', ''],
  'lxc.prlimit.nofile': ['1024', '1024:4096', 'unlimited', 'unlimited:unlimited', '1024 : 4096', 'lots', '10:lots', '1:2:3', ''],
  'lxc.prlimit.bogus': ['1024'],
  'lxc.prlimit': ['', '10'],
  'lxc.pty.max': ['1024', '-5', 'many', '4294967296', '0x10', '010', '08', ''],
  'lxc.rootfs.managed': ['0', '1', '5', ''],
  'lxc.rootfs.mount': ['/usr/lib/x86_64-linux-gnu/lxc', ''],
  'lxc.rootfs.options': ['ro', 'ro,noexec', 'idmap=container', 'create=dir', 'optional', 'idmap=/nonexistent/userns', 'idmap=', ''],
  'lxc.rootfs.path': ['dir:/var/lib/lxc/c1/rootfs', '/var/lib/lxc/c1/rootfs', 'btrfs:/x', ''],
  'lxc.seccomp.allow_nesting': ['0', '1', '2', 'x', ''],
  'lxc.seccomp.notify.cookie': ['abc', ''],
  'lxc.seccomp.notify.proxy': ['unix:/run/proxy.sock', 'unix:@abstract', '/run/proxy.sock', 'unix:', 'unix:/', 'unix:rel', ''],
  'lxc.seccomp.profile': ['/usr/share/lxc/config/common.seccomp', ''],
  'lxc.selinux.context': ['system_u:system_r:lxc_t:s0:c22', ''],
  'lxc.selinux.context.keyring': ['system_u:system_r:lxc_t:s0', ''],
  'lxc.signal.halt': ['SIGPWR', 'sigpwr', 'PWR', '30', '0x1e', 'SIGUNUSED', 'SIGEMT', 'SIGINFO', 'SIGIOT', 'SIGCLD', 'SIGPOLL', 'SIGSTKFLT', ''],
  'lxc.signal.reboot': ['SIGINT', 'INT', ''],
  'lxc.signal.stop': ['SIGKILL', 'SIGRTMIN+0', 'SIGRTMAX-30', 'sigrtmin+30', 'SIGRTMIN-1', 'SIGRTMIN+', ''],
  'lxc.start.auto': ['0', '1', '2', ''],
  'lxc.start.delay': ['5', '-5', ''],
  'lxc.start.order': ['10', '-10', 'first', ''],
  'lxc.tty.dir': ['lxc', 'x'.repeat(256), 'x'.repeat(255), ''],
  'lxc.tty.max': ['4', 'four', ''],
  'lxc.uts.name': ['web01', 'a'.repeat(64), 'a'.repeat(65), ''],
  'lxc.sysctl.net.ipv4.ip_forward': ['1', ''],
  'lxc.sysctl': ['', '1'],
  'lxc.sysctl.': ['1'],
  'lxc.proc.oom_score_adj': ['10', ''],
  'lxc.proc': ['', '10'],
  'lxc.proc.': ['10'],
};

/** Network sub-keys: values tried with the interface type each needs. */
const NET_VALUES: Record<string, { type: string; values: string[] }> = {
  type: { type: '', values: ['veth', 'macvlan', 'ipvlan', 'vlan', 'phys', 'empty', 'none', 'bridge', 'VETH', ''] },
  flags: { type: 'veth', values: ['up', 'down', ''] },
  link: { type: 'veth', values: ['lxcbr0', 'averyveryverylongbridgename', ''] },
  l2proxy: { type: 'veth', values: ['0', '1', '2', ''] },
  name: { type: 'veth', values: ['eth0', ''] },
  hwaddr: { type: 'veth', values: ['00:16:3e:xx:xx:xx', 'zz:xx', ''] },
  mtu: { type: 'veth', values: ['1500', 'big', ''] },
  'ipv4.address': { type: 'veth', values: ['10.0.3.5/24', '10.0.3.5', '10.0.3.5/24 10.0.3.255', '10.0.0.300/24', '10.0.3.5/33', '10.0.3.5/24 bad', '10.0.3.05/24', '10.0.3/24', ''] },
  'ipv4.gateway': { type: 'veth', values: ['10.0.3.1', 'auto', 'dev', '10.0.0', ''] },
  'ipv6.address': { type: 'veth', values: ['2001:db8::5/64', '2001:db8::5', '2001:db8::5/200', '2001:db8::zz/64', 'fe80::1%eth0', '::ffff:10.0.0.1/96', ''] },
  'ipv6.gateway': { type: 'veth', values: ['2001:db8::1', 'auto', 'dev', 'gw', ''] },
  'script.up': { type: 'veth', values: ['/usr/local/bin/up', ''] },
  'script.down': { type: 'veth', values: ['/usr/local/bin/down', ''] },
  'macvlan.mode': { type: 'macvlan', values: ['private', 'vepa', 'bridge', 'passthru', 'open', ''] },
  'ipvlan.mode': { type: 'ipvlan', values: ['l3', 'l3s', 'l2', 'l4', ''] },
  'ipvlan.isolation': { type: 'ipvlan', values: ['bridge', 'private', 'vepa', 'none', ''] },
  'vlan.id': { type: 'vlan', values: ['100', '5000', '70000', '-1', '-0', 'ten', ''] },
  'veth.mode': { type: 'veth', values: ['bridge', 'router', 'nat', ''] },
  'veth.pair': { type: 'veth', values: ['veth-c1', ''] },
  'veth.ipv4.route': { type: 'veth', values: ['10.0.4.0/24', '10.0.4.0', '10.0.4.0/', '10.0.4.0/40', ''] },
  'veth.ipv6.route': { type: 'veth', values: ['2001:db8:1::/48', '2001:db8:1::/129', '2001:db8:1::', ''] },
  'veth.vlan.id': { type: 'veth', values: ['none', '0', '4094', '4095', 'x', ''] },
  'veth.vlan.tagged.id': { type: 'veth', values: ['10', '4094', '4095', ''] },
  'veth.n_rxqueues': { type: 'veth', values: ['4', '0', '-1', ''] },
  'veth.n_txqueues': { type: 'veth', values: ['4', 'x', ''] },
};

/** Keys that do not exist, legacy keys and lines of odd shape. */
const RAW_LINES: string[] = [
  'lxc.utsname = old',
  'lxc.network.type = veth',
  'lxc.network.0.ipv4 = 10.0.0.2/24',
  'lxc.id_map = u 0 100000 65536',
  'lxc.rootfs = /var/lib/lxc/c1/rootfs',
  'lxc.rootfs.backend = dir',
  'lxc.tty = 4',
  'lxc.pts = 1024',
  'lxc.aa_profile = unconfined',
  'lxc.limit.nofile = 1024',
  'lxc.kmsg = 0',
  'lxc.mount = /etc/fstab',
  'lxc.console = none',
  'lxc.foo = bar',
  'lxc.uts.nmae = typo',
  'lxc.cap.dorp = sys_time',
  'lxc.prlimitX = 10',
  'lxc.cgroupfoo = 1',
  'lxc.cgroup2x = 1',
  'lxc.hook.bogus = /bin/true',
  'lxc.net.x.type = veth',
  'lxc.net.type = veth',
  'lxc.net.0 = veth',
  'lxc.net.0 =',
  'lxc.net.2147483647.type = veth',
  'lxc.net.0.bogus = 1',
  'lxc.net.0.ipv4 = 10.0.0.2/24',
  'lxc.net.0.',
  'lxc.uts.name',
  'lxc.uts .name = x',
  'LXC.uts.name = upper',
  'lx.cap.drop = sys_time',
  'foo = bar',
  'just some text',
  '  # indented comment',
  '\t lxc.uts.name = indented',
  'lxc.uts.name = "quoted"',
  "lxc.uts.name = 'single'",
  'lxc.uts.name = "unbalanced',
  'lxc.uts.name = a = b',
  'lxc.uts.name = name # comment',
  'lxc.cap.drop = net_raw   # breaks dhcp/ping',
  'lxc.mount.auto = proc:mixed # comment',
  'lxc.start.auto = 1 # autostart',
  'lxc.signal.halt = SIGPWR # clean',
  'lxc.init.uid = 0 # root',
  'lxc.apparmor.profile = unconfined # risky',
];

/** Order-dependent scenarios. */
const SEQUENCES: Record<string, string[]> = {
  'cap-drop-then-keep': ['lxc.cap.drop = sys_time', 'lxc.cap.keep = sys_admin'],
  'cap-keep-then-drop': ['lxc.cap.keep = sys_admin', 'lxc.cap.drop = sys_time'],
  'cap-drop-clear-keep': ['lxc.cap.drop = sys_time', 'lxc.cap.drop =', 'lxc.cap.keep = sys_admin'],
  'cap-keep-clear-drop': ['lxc.cap.keep = sys_admin', 'lxc.cap.keep =', 'lxc.cap.drop = sys_time'],
  'cap-keep-none-drop': ['lxc.cap.keep = none', 'lxc.cap.drop = sys_time'],
  'cap-keep-clear-via-drop': ['lxc.cap.keep = sys_admin', 'lxc.cap.drop =', 'lxc.cap.drop = sys_time'],
  'cap-drop-twice': ['lxc.cap.drop = sys_time', 'lxc.cap.drop = sys_time'],
  'cap-bad-then-keep': ['lxc.cap.drop = bogus', 'lxc.cap.keep = chown'],
  'ns-clone-then-keep': ['lxc.namespace.clone = net', 'lxc.namespace.keep = user'],
  'ns-keep-then-clone': ['lxc.namespace.keep = user', 'lxc.namespace.clone = net'],
  'ns-keep-clear-clone': ['lxc.namespace.keep = user', 'lxc.namespace.keep =', 'lxc.namespace.clone = net'],
  'net-type-after-link': ['lxc.net.0.link = lxcbr0', 'lxc.net.0.type = veth'],
  'net-veth-on-macvlan': ['lxc.net.0.type = macvlan', 'lxc.net.0.veth.pair = x'],
  'net-macvlan-untyped': ['lxc.net.0.macvlan.mode = bridge'],
  'net-ipvlan-on-veth': ['lxc.net.0.type = veth', 'lxc.net.0.ipvlan.mode = l2'],
  'net-clear-missing': ['lxc.net.5.link ='],
  'net-clear-missing-type': ['lxc.net.5.type ='],
  'net-clear-existing': ['lxc.net.0.type = veth', 'lxc.net.0.link ='],
  'net-clear-veth-mode-on-macvlan': ['lxc.net.0.type = macvlan', 'lxc.net.0.veth.mode ='],
  'net-retype': ['lxc.net.0.type = veth', 'lxc.net.0.veth.pair = p', 'lxc.net.0.type = macvlan', 'lxc.net.0.macvlan.mode = bridge'],
  'net-sparse': ['lxc.net.3.type = veth', 'lxc.net.1.type = empty'],
  'net-removed-then-key': ['lxc.net.0.type = veth', 'lxc.net.0 =', 'lxc.net.0.link ='],
  'net-all-removed-then-key': ['lxc.net.0.type = veth', 'lxc.net =', 'lxc.net.0.link ='],
  'net-generic-untyped': ['lxc.net.0.link = br0', 'lxc.net.0.name = eth0'],
  'uts-twice': ['lxc.uts.name = a', 'lxc.uts.name = b'],
  'hook-clear-all': ['lxc.hook.pre-start = /bin/true', 'lxc.hook ='],
  'fstab-empty': ['lxc.mount.fstab ='],
  'arch-empty': ['lxc.arch ='],
  'autodev-empty': ['lxc.autodev ='],
};

export function lxcCases(): LxcCase[] {
  return [...oneDefectCases(), ...lxcClassCases()];
}

function oneDefectCases(): LxcCase[] {
  const cases: LxcCase[] = [];
  for (const [key, values] of Object.entries(VALUES)) {
    values.forEach((v, i) => cases.push(one(`${key}#${i}`, v === '' ? `${key} =` : `${key} = ${v}`)));
  }
  for (const [sub, { type, values }] of Object.entries(NET_VALUES)) {
    const prelude = type ? `lxc.net.0.type = ${type}\n` : '';
    values.forEach((v, i) => cases.push(one(`lxc.net.0.${sub}#${i}`, v === '' ? `lxc.net.0.${sub} =` : `lxc.net.0.${sub} = ${v}`, prelude)));
    if (type && type !== 'veth') cases.push(one(`lxc.net.0.${sub}#wrongtype`, `lxc.net.0.${sub} = ${values[0]}`, 'lxc.net.0.type = veth\n'));
  }
  RAW_LINES.forEach((l, i) => cases.push(one(`raw#${i}`, l)));
  for (const [id, lines] of Object.entries(SEQUENCES)) cases.push(one(`seq:${id}`, lines.join('\n')));
  // Whole-file shapes.
  cases.push({ id: 'file:bom-key', text: `\uFEFFlxc.utsname = hidden\n${BASE}` });
  cases.push({ id: 'file:bom-comment', text: `\uFEFF# comment\n${BASE}` });
  cases.push({ id: 'file:crlf', text: 'lxc.uts.name = a\r\nlxc.cap.drop = sys_time\r\n' });
  cases.push({ id: 'file:cr-only', text: 'lxc.uts.name = a\rlxc.cap.drop = sys_time\r' });
  cases.push({ id: 'file:nul-hides-error', text: `${BASE}lxc.start.auto = 1\0\nlxc.bogus = 1\n` });
  cases.push({ id: 'file:nul-then-valid', text: `${BASE}\0lxc.uts.name = b\n` });
  cases.push({ id: 'file:no-final-newline', text: 'lxc.uts.name = a\nlxc.bogus = x' });
  cases.push({ id: 'file:empty', text: '' });
  cases.push({ id: 'file:formfeed-line', text: `${BASE}\f\n` });
  return cases;
}
