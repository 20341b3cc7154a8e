/**
 * Every key and key family that liblxc 4.0 … 7.0 accepts in a container config.
 *
 * Facts (names, kinds, allowed values, repeat semantics, what an empty value does,
 * first release, removal) come from ../shared/reference/lxc-keys.json and were checked
 * against liblxc's jump tables (4.0.12, 5.0.0, 6.0.0, 7.0.0). The `doc` sentences are
 * ctconf's own words. One entry feeds validation, hover, completion and did-you-mean.
 *
 * Adding a plain key is one entry in EXACT_KEYS (or NET_RAW for lxc.net.<i>.<sub>, or
 * FAMILY_KEYS for a prefix family) with an existing ValueKind; validation, hover,
 * completion and suggestions read it from here. Only a new ValueKind needs code (values.ts).
 */
import { CAPABILITIES } from '../capabilities/table';

/** How a value is checked. Each kind is implemented once in values.ts. */
export type ValueKind =
  | 'string' // stored as given
  | 'path' // simplified (`//`, `/./`, trailing `/` dropped), then shorter than 4096 bytes
  | 'bool01' // 0 or 1, parsed as an unsigned C integer (0x1 and 01 work)
  | 'bool01-lax' // 0 or 1; a non-number is silently ignored (liblxc returns -errno with errno 0)
  | 'uint-lax' // unsigned; a non-number is silently ignored (same liblxc quirk)
  | 'uint'
  | 'int'
  | 'int-lenient' // a bad value is silently replaced by the default
  | 'int-positive'
  | 'enum'
  | 'enum-ci' // enum, compared case-insensitively
  | 'arch'
  | 'log-level'
  | 'signal'
  | 'byte-size'
  | 'time-offset'
  | 'idmap'
  | 'caps'
  | 'mount-auto'
  | 'namespaces'
  | 'env'
  | 'words' // space separated names (lxc.group)
  | 'gid-list'
  | 'hostname'
  | 'tty-dir'
  | 'cgroup-dir'
  | 'cgroup-inner'
  | 'rootfs-options'
  | 'unix-socket'
  | 'fstab-line'
  | 'rlimit'
  | 'clear-only'
  | 'include'
  | 'net-type'
  | 'ifname'
  | 'mac'
  | 'mtu'
  | 'net-flags'
  | 'ipv4-address'
  | 'ipv6-address'
  | 'ipv4-gateway'
  | 'ipv6-gateway'
  | 'ipv4-route'
  | 'ipv6-route'
  | 'u16'
  | 'vlan-id'
  | 'vlan-tagged-id';

export type Multi = 'accumulate' | 'last-wins' | 'clear-only';

/** What `key =` (an empty value) does. */
export type EmptyEffect =
  | 'clear' // forgets what was set
  | 'clear-list' // empties the accumulated list
  | 'reset' // back to the built-in default
  | 'not-default' // resets to 0, which is NOT the built-in default
  | 'noop'
  | 'error'; // liblxc refuses the line

/** Network interface types (lxc.net.<i>.type). */
export const NET_TYPES = ['veth', 'macvlan', 'ipvlan', 'vlan', 'phys', 'empty', 'none'] as const;
export type NetType = (typeof NET_TYPES)[number];

/**
 * Names a family accepts after its prefix, when liblxc knows a fixed set (checked in
 * check/family.ts): `load` means liblxc refuses the line, `start` that it loads the line
 * but fails to start the container.
 */
export interface SubKeyNames {
  names: readonly string[];
  /** A number is accepted too (prlimit resources). */
  numbers?: boolean;
  refusedAt: 'load' | 'start';
  /** What a sub-key is, for messages: "a namespace LXC can share". */
  noun: string;
  /** Suggestions are looked up in lower case (the names are lower case, matching is exact). */
  lowerCaseHint?: boolean;
  /** `family.<sub> =` looks the name up too, and refuses an unknown or empty one. */
  checkedOnClear?: boolean;
}

export interface LxcKey {
  /** Display name; families use <placeholders>. */
  name: string;
  kind: ValueKind;
  values?: readonly string[];
  multi: Multi;
  empty: EmptyEffect;
  /** First release that accepts the key ("4.0.12" = backported to the 4.0 branch). */
  since: string;
  /** First release that rejects it again. */
  removed?: string;
  /** Network keys that only work after lxc.net.<i>.type is set to this type. */
  requiresType?: NetType;
  /** Section anchor in lxc.container.conf(5). */
  section: string;
  /** What it does, in ctconf's words. */
  doc: string;
  /** What the empty value really does, when that is surprising. */
  emptyNote?: string;
  /** Capability keys: which mode the list is in after this key (caps kind). */
  capMode?: 'drop' | 'keep';
  /** Namespace keys: which of the two exclusive lists this key sets (namespaces kind). */
  nsMode?: 'clone' | 'keep';
  /** `key =` removes every network interface defined so far. */
  clearsInterfaces?: boolean;
  /** Removed keys: what to use instead, appended to the diagnostic. */
  successor?: string;
  /** Path keys written `[type:]path`: both parts are stored as paths (lxc.rootfs.path). */
  storagePrefix?: boolean;
  /** Path keys whose file liblxc opens (creating its directories) while the config loads. */
  openedAtLoad?: boolean;
}

const L = 'last-wins' as const;
const A = 'accumulate' as const;

/** Capability names by number, from ctconf's one capability table. */
export const CAPABILITY_NAMES: readonly string[] = [...CAPABILITIES].sort((a, b) => a.number - b.number).map((c) => c.name);

/** Architecture names and the first release that knows each (lxc_config_parse_arch). */
export const ARCHES: Readonly<Record<string, string>> = {
  arm: '1.0', armel: '1.0', armhf: '1.0', armv7l: '1.0', athlon: '1.0', i386: '1.0', i486: '1.0', i586: '1.0',
  i686: '1.0', linux32: '1.0', mips: '1.0', mipsel: '1.0', ppc: '1.0', powerpc: '1.0', x86: '1.0',
  aarch64: '4.0', amd64: '1.0', arm64: '1.0', linux64: '1.0', mips64: '1.0', mips64el: '1.0', ppc64: '1.0',
  ppc64el: '1.0', ppc64le: '1.0', powerpc64: '1.0', riscv64: '4.0', s390x: '1.0', x86_64: '1.0',
  x32: '6.0', loongarch64: '6.0', loong64: '7.0',
};

export const MOUNT_AUTO_TOKENS = [
  'proc', 'proc:mixed', 'proc:rw',
  'sys', 'sys:ro', 'sys:mixed', 'sys:rw',
  'cgroup2', 'cgroup2:ro', 'cgroup2:force', 'cgroup2:ro:force',
  'cgroup', 'cgroup:mixed', 'cgroup:ro', 'cgroup:rw', 'cgroup:force', 'cgroup:mixed:force', 'cgroup:ro:force', 'cgroup:rw:force',
  'cgroup-full', 'cgroup-full:mixed', 'cgroup-full:ro', 'cgroup-full:rw', 'cgroup-full:force', 'cgroup-full:mixed:force',
  'cgroup-full:ro:force', 'cgroup-full:rw:force',
] as const;

export const NAMESPACES = ['user', 'mnt', 'pid', 'uts', 'ipc', 'net', 'cgroup', 'time'] as const;
export const LOG_LEVELS = ['trace', 'debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'fatal'] as const;
export const SYSLOG_FACILITIES = ['daemon', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] as const;
export const PRLIMIT_RESOURCES = [
  'as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss',
  'rtprio', 'rttime', 'sigpending', 'stack',
] as const;
export const HOOK_TYPES = [
  'pre-start', 'start-host', 'pre-mount', 'mount', 'autodev', 'start', 'stop', 'post-stop', 'clone', 'destroy',
] as const;

const HOOK_DOCS: Readonly<Record<string, string>> = {
  'pre-start': 'Command run on the host before the container\'s namespaces are set up.',
  'start-host': 'Command run on the host after the namespaces are set up, before init starts.',
  'pre-mount': 'Command run in the container\'s mount namespace before its root file system is mounted.',
  mount: 'Command run after mounts are done, before the container pivots into its root.',
  autodev: 'Command run after /dev is prepared (with autodev on), to add device nodes.',
  start: 'Command run inside the container just before its init starts.',
  stop: 'Command run on the host when the container stops, with references to its namespaces.',
  'post-stop': 'Command run on the host after the container has stopped.',
  clone: 'Command run when the container is cloned to a new one.',
  destroy: 'Command run when the container is destroyed.',
};

/** Keys matched by their exact name. */
export const EXACT_KEYS: readonly LxcKey[] = [
  { name: 'lxc.arch', kind: 'arch', multi: L, empty: 'error', since: '0.9', section: 'architecture',
    doc: 'Architecture (personality) the container runs as, for example `i686` to run a 32-bit system on a 64-bit host.',
    emptyNote: 'An empty value is refused: this key cannot be cleared.' },
  { name: 'lxc.apparmor.profile', kind: 'string', multi: L, empty: 'clear', since: '2.1', section: 'apparmor-profile',
    values: ['unconfined', 'unchanged', 'generated', 'lxc-container-default', 'lxc-container-default-cgns', 'lxc-container-default-with-nesting', 'lxc-container-default-with-mounting'],
    doc: 'AppArmor profile that confines the container. `generated` makes LXC write a profile for this container, `unchanged` keeps the caller\'s profile, `unconfined` turns confinement off.' },
  { name: 'lxc.apparmor.allow_incomplete', kind: 'bool01', multi: L, empty: 'reset', since: '2.1', section: 'apparmor-profile',
    doc: 'With 1, the container starts even when the kernel cannot enforce AppArmor mount rules. Default 0 refuses to start.' },
  { name: 'lxc.apparmor.allow_nesting', kind: 'bool01', multi: L, empty: 'reset', since: '3.1', section: 'apparmor-profile',
    doc: 'With 1 and a generated profile, adds the rules needed to run containers inside this container.' },
  { name: 'lxc.apparmor.raw', kind: 'string', multi: A, empty: 'clear-list', since: '3.1', section: 'apparmor-profile',
    doc: 'One extra AppArmor rule appended to the generated profile. Repeat the key for more rules.' },
  { name: 'lxc.autodev', kind: 'bool01', multi: L, empty: 'not-default', since: '0.9', section: 'dev-directory',
    doc: 'With 1 (the default), LXC mounts a small tmpfs on /dev and creates the basic device nodes in it.',
    emptyNote: 'An empty value sets 0 and so turns autodev off; it does not restore the default of 1.' },
  { name: 'lxc.autodev.tmpfs.size', kind: 'int-lenient', multi: L, empty: 'reset', since: '4.0', section: 'dev-directory',
    doc: 'Size in bytes of the tmpfs mounted on /dev when autodev is on (default 500000).' },
  { name: 'lxc.cap.drop', kind: 'caps', capMode: 'drop', multi: A, empty: 'clear-list', since: '0.9', section: 'capabilities',
    doc: 'Capabilities taken away from the container, as lower-case names without the `CAP_` prefix (`sys_time`). Lines add up; LXC has no way to give one back except clearing the whole list.',
    emptyNote: 'An empty value clears every capability collected so far, from both lxc.cap.drop and lxc.cap.keep, including those set by included files.' },
  { name: 'lxc.cap.keep', kind: 'caps', capMode: 'keep', multi: A, empty: 'clear-list', since: '1.0', section: 'capabilities',
    doc: 'The only capabilities the container keeps; everything else is dropped. `none` drops them all. Cannot be mixed with lxc.cap.drop without a clear in between.',
    emptyNote: 'An empty value clears every capability collected so far, from both lxc.cap.drop and lxc.cap.keep.' },
  { name: 'lxc.cgroup.dir', kind: 'cgroup-dir', multi: L, empty: 'clear', since: '2.1', section: 'control-group',
    doc: 'Cgroup path, relative to LXC\'s own cgroup, in which the container is created.' },
  { name: 'lxc.cgroup.dir.container', kind: 'cgroup-dir', multi: L, empty: 'clear', since: '5.0', section: 'control-group',
    doc: 'Cgroup path for the container\'s processes; set together with lxc.cgroup.dir.monitor.' },
  { name: 'lxc.cgroup.dir.monitor', kind: 'cgroup-dir', multi: L, empty: 'clear', since: '5.0', section: 'control-group',
    doc: 'Cgroup path for LXC\'s monitor process; set together with lxc.cgroup.dir.container.' },
  { name: 'lxc.cgroup.dir.monitor.pivot', kind: 'cgroup-dir', multi: L, empty: 'clear', since: '5.0', section: 'control-group',
    doc: 'Cgroup the monitor moves into while the container shuts down, so the container\'s cgroup can be removed.' },
  { name: 'lxc.cgroup.dir.container.inner', kind: 'cgroup-inner', multi: L, empty: 'clear', since: '5.0', section: 'control-group',
    doc: 'Name of a sub-cgroup, inside the container\'s cgroup, that the container itself sees as its root.' },
  { name: 'lxc.cgroup.relative', kind: 'bool01', multi: L, empty: 'reset', since: '3.1', section: 'control-group',
    doc: 'With 1, the container\'s cgroup is created below the cgroup of the process that starts it.' },
  { name: 'lxc.console.buffer.size', kind: 'byte-size', multi: L, empty: 'reset', since: '3.0', section: 'console-through-the-ttys',
    doc: 'Size of the in-memory ring buffer that keeps recent console output: `auto` (128 KiB) or a size such as `64KB`.' },
  { name: 'lxc.console.logfile', kind: 'path', multi: L, empty: 'clear', since: '1.1', section: 'console-through-the-ttys',
    doc: 'File on the host to which console output is written.' },
  { name: 'lxc.console.path', kind: 'path', multi: L, empty: 'clear', since: '2.1', section: 'console-through-the-ttys',
    doc: 'Host device used as the container\'s console, or `none` for no console.' },
  { name: 'lxc.console.rotate', kind: 'bool01', multi: L, empty: 'reset', since: '3.0', section: 'console-through-the-ttys',
    doc: 'With 1, the console log file is rotated once it reaches lxc.console.size.' },
  { name: 'lxc.console.size', kind: 'byte-size', multi: L, empty: 'reset', since: '3.0', section: 'console-through-the-ttys',
    doc: 'Largest size of the console log file: `auto` or a size such as `1MB`.' },
  { name: 'lxc.sched.core', kind: 'bool01', multi: L, empty: 'reset', since: '4.0.12', section: 'core-scheduling',
    doc: 'With 1, the container\'s tasks get their own core-scheduling domain, so they never share a CPU core with tasks outside it.' },
  { name: 'lxc.environment', kind: 'env', multi: A, empty: 'clear-list', since: '1.1', section: 'container-environment',
    doc: 'An environment variable, `NAME=value`, given to the container\'s init. A bare `NAME` copies the value from the environment of the process that loads the config.' },
  { name: 'lxc.environment.runtime', kind: 'env', multi: A, empty: 'clear-list', since: '7.0', section: 'container-environment',
    doc: 'Like lxc.environment, but only for the container\'s init and attached processes, not for hooks.' },
  { name: 'lxc.environment.hooks', kind: 'env', multi: A, empty: 'clear-list', since: '7.0', section: 'container-environment',
    doc: 'Like lxc.environment, but only for hook scripts.' },
  { name: 'lxc.ephemeral', kind: 'bool01', multi: L, empty: 'reset', since: '2.0', section: 'ephemeral',
    doc: 'With 1, the container is destroyed when it stops.' },
  { name: 'lxc.execute.cmd', kind: 'string', multi: L, empty: 'clear', since: '3.0', section: 'init-command',
    doc: 'Command run by `lxc-execute` when none is given on its command line.' },
  { name: 'lxc.group', kind: 'words', multi: A, empty: 'clear-list', since: '1.0', section: 'autostart',
    doc: 'Groups the container belongs to, for `lxc-autostart -g`. Names are separated by spaces; lines add up.' },
  ...HOOK_TYPES.map((h): LxcKey => ({
    name: `lxc.hook.${h}`, kind: 'string', multi: A, empty: 'clear-list',
    since: h === 'start-host' ? '3.0' : h === 'clone' ? '1.0' : h === 'destroy' || h === 'stop' ? '2.0' : '0.9',
    section: 'container-hooks', doc: HOOK_DOCS[h] ?? '',
  })),
  { name: 'lxc.hook.version', kind: 'bool01-lax', multi: L, empty: 'reset', since: '3.0', section: 'container-hooks',
    doc: 'How hooks receive their information: 0 as command-line arguments (the old way), 1 as environment variables.' },
  { name: 'lxc.hook', kind: 'clear-only', multi: 'clear-only', empty: 'clear-list', since: '1.1', section: 'container-hooks',
    doc: 'Only as `lxc.hook =` with no value: forgets every hook set so far.' },
  { name: 'lxc.idmap', kind: 'idmap', multi: A, empty: 'clear-list', since: '2.1', section: 'uid-mappings',
    doc: 'Maps a range of user (`u`) or group (`g`) IDs inside the container to IDs on the host: `u 0 100000 65536`. Needed for unprivileged containers.' },
  { name: 'lxc.include', kind: 'include', multi: A, empty: 'noop', since: '0.9', section: 'include-files',
    doc: 'Reads another config file at this point, as if its lines were written here. A directory includes every `*.conf` file in it.' },
  { name: 'lxc.init.cmd', kind: 'string', multi: L, empty: 'clear', since: '2.1', section: 'init-command',
    doc: 'Program started as the container\'s init (default `/sbin/init`).' },
  { name: 'lxc.init.cwd', kind: 'path', multi: L, empty: 'clear', since: '3.0', section: 'init-working-directory',
    doc: 'Working directory, inside the container, of the init process.' },
  { name: 'lxc.init.uid', kind: 'uint-lax', multi: L, empty: 'reset', since: '2.1', section: 'init-id',
    doc: 'User ID the init process runs as (default 0).' },
  { name: 'lxc.init.gid', kind: 'uint-lax', multi: L, empty: 'reset', since: '2.1', section: 'init-id',
    doc: 'Group ID the init process runs as (default 0).' },
  { name: 'lxc.init.groups', kind: 'gid-list', multi: A, empty: 'clear-list', since: '4.0.12', section: 'init-id',
    doc: 'Extra group IDs for the init process, separated by commas. Lines add up.' },
  { name: 'lxc.keyring.session', kind: 'bool01', multi: L, empty: 'reset', since: '4.0', section: 'keyring',
    doc: 'Whether LXC gives the container a fresh session keyring.' },
  { name: 'lxc.log.file', kind: 'path', openedAtLoad: true, multi: L, empty: 'clear', since: '2.1', section: 'logging',
    doc: 'File LXC writes its own log to. LXC opens (and creates) it as soon as it reads this line.' },
  { name: 'lxc.log.level', kind: 'log-level', multi: L, empty: 'reset', since: '2.1', section: 'logging',
    doc: 'How much LXC logs: 0 (trace) to 8 (fatal), or a name such as `debug` or `error`.' },
  { name: 'lxc.log.syslog', kind: 'enum-ci', values: SYSLOG_FACILITIES, multi: L, empty: 'clear', since: '2.1', section: 'logging',
    doc: 'Also send LXC\'s log to syslog with this facility (`daemon` or `local0` … `local7`).' },
  { name: 'lxc.monitor.unshare', kind: 'uint', multi: L, empty: 'reset', since: '2.0', section: 'monitor',
    doc: 'When not 0, the monitor process gets its own mount namespace before the pre-start hooks run.' },
  { name: 'lxc.monitor.signal.pdeath', kind: 'signal', multi: L, empty: 'not-default', since: '3.1', section: 'monitor',
    doc: 'Signal sent to the container\'s init when the monitor process dies (default SIGKILL).',
    emptyNote: 'An empty value sets 0, which sends no signal at all; it does not restore SIGKILL.' },
  { name: 'lxc.mount.auto', kind: 'mount-auto', multi: A, empty: 'clear-list', since: '1.0', section: 'mount-points',
    doc: 'Standard file systems LXC mounts for the container: `proc`, `sys` and `cgroup` variants, each with an access mode such as `:mixed` or `:ro`.' },
  { name: 'lxc.mount.entry', kind: 'fstab-line', multi: A, empty: 'clear-list', since: '0.9', section: 'mount-points',
    doc: 'One extra mount, written like a line of fstab(5): source, target, type, options. A relative target is taken inside the container\'s root file system.' },
  { name: 'lxc.mount.fstab', kind: 'path', multi: L, empty: 'error', since: '2.1', section: 'mount-points',
    doc: 'Host file, in fstab(5) format, that lists extra mounts for the container.',
    emptyNote: 'An empty value is refused by LXC (it clears the setting and then reports an error).' },
  { name: 'lxc.namespace.clone', kind: 'namespaces', nsMode: 'clone', multi: A, empty: 'clear', since: '3.0', section: 'namespaces',
    doc: 'Namespaces the container gets for itself, by name: user, mnt, pid, uts, ipc, net, cgroup, time.' },
  { name: 'lxc.namespace.keep', kind: 'namespaces', nsMode: 'keep', multi: A, empty: 'clear', since: '3.0', section: 'namespaces',
    doc: 'Namespaces the container shares with the process that starts it instead of getting new ones.' },
  { name: 'lxc.time.offset.boot', kind: 'time-offset', multi: L, empty: 'reset', since: '5.0', section: 'time-offsets',
    doc: 'Shifts the container\'s boot-time clock by an amount with a unit: `h`, `m`, `s`, `ms`, `us` or `ns`.' },
  { name: 'lxc.time.offset.monotonic', kind: 'time-offset', multi: L, empty: 'reset', since: '5.0', section: 'time-offsets',
    doc: 'Shifts the container\'s monotonic clock by an amount with a unit: `h`, `m`, `s`, `ms`, `us` or `ns`.' },
  { name: 'lxc.net', kind: 'clear-only', clearsInterfaces: true, multi: 'clear-only', empty: 'clear-list', since: '2.1', section: 'network',
    doc: 'Only as `lxc.net =` with no value: removes every network interface defined so far.' },
  { name: 'lxc.no_new_privs', kind: 'bool01', multi: L, empty: 'reset', since: '2.1', section: 'no-new-privs',
    doc: 'With 1, processes in the container can never gain privileges through setuid binaries or file capabilities.' },
  { name: 'lxc.pty.max', kind: 'uint', multi: L, empty: 'reset', since: '2.1', section: 'pseudo-tty',
    doc: 'Most pseudo terminals the container may open in its own devpts instance.' },
  { name: 'lxc.rootfs.managed', kind: 'bool01', multi: L, empty: 'reset', since: '3.1', section: 'root-file-system',
    doc: 'With 1 (the default), LXC owns the root file system and removes it when the container is destroyed.' },
  { name: 'lxc.rootfs.mount', kind: 'path', multi: L, empty: 'clear', since: '0.9', section: 'root-file-system',
    doc: 'Host directory where the root file system is mounted before the container pivots into it.' },
  { name: 'lxc.rootfs.options', kind: 'rootfs-options', multi: L, empty: 'clear', since: '1.0', section: 'root-file-system',
    doc: 'Mount options for the root file system, separated by commas, for example `ro` or `idmap=container`.' },
  { name: 'lxc.rootfs.path', kind: 'path', storagePrefix: true, multi: L, empty: 'clear', since: '2.1', section: 'root-file-system',
    doc: 'The container\'s root file system: a directory, image or device, optionally prefixed by its storage type (`dir:`, `btrfs:`, `overlay:`, `loop:` …).' },
  { name: 'lxc.seccomp.allow_nesting', kind: 'bool01-lax', multi: L, empty: 'reset', since: '3.2', section: 'seccomp',
    doc: 'With 1, the container may load seccomp filters of its own on top of LXC\'s.' },
  { name: 'lxc.seccomp.notify.cookie', kind: 'string', multi: L, empty: 'clear', since: '3.2', section: 'seccomp',
    doc: 'Text passed along with every seccomp notification sent to the proxy.' },
  { name: 'lxc.seccomp.notify.proxy', kind: 'unix-socket', multi: L, empty: 'clear', since: '3.2', section: 'seccomp',
    doc: 'Unix socket (`unix:/path`) that receives seccomp notifications for the container.' },
  { name: 'lxc.seccomp.profile', kind: 'path', multi: L, empty: 'clear', since: '2.1', section: 'seccomp',
    doc: 'File with the seccomp policy that limits the system calls the container may make.' },
  { name: 'lxc.selinux.context', kind: 'string', multi: L, empty: 'clear', since: '2.1', section: 'selinux-context',
    doc: 'SELinux context the container runs in.' },
  { name: 'lxc.selinux.context.keyring', kind: 'string', multi: L, empty: 'clear', since: '4.0', section: 'selinux-context',
    doc: 'SELinux context for the container\'s session keyring.' },
  { name: 'lxc.signal.halt', kind: 'signal', multi: L, empty: 'reset', since: '2.1', section: 'halt-signal',
    doc: 'Signal sent to init to shut the container down cleanly (default SIGPWR).' },
  { name: 'lxc.signal.reboot', kind: 'signal', multi: L, empty: 'reset', since: '2.1', section: 'reboot-signal',
    doc: 'Signal sent to init to reboot the container (default SIGINT).' },
  { name: 'lxc.signal.stop', kind: 'signal', multi: L, empty: 'reset', since: '2.1', section: 'stop-signal',
    doc: 'Signal sent to init to stop the container forcibly (default SIGKILL).' },
  { name: 'lxc.start.auto', kind: 'bool01', multi: L, empty: 'reset', since: '1.0', section: 'autostart',
    doc: 'With 1, `lxc-autostart` (and so the host at boot) starts this container.' },
  { name: 'lxc.start.delay', kind: 'uint', multi: L, empty: 'reset', since: '1.0', section: 'autostart',
    doc: 'Seconds to wait after starting this container before starting the next one.' },
  { name: 'lxc.start.order', kind: 'int', multi: L, empty: 'reset', since: '1.0', section: 'autostart',
    doc: 'Position in the autostart order; lower numbers start first.' },
  { name: 'lxc.tty.dir', kind: 'tty-dir', multi: L, empty: 'clear', since: '2.1', section: 'console-devices-location',
    doc: 'Directory under /dev, inside the container, where LXC creates the console and tty devices.' },
  { name: 'lxc.tty.max', kind: 'uint', multi: L, empty: 'reset', since: '2.1', section: 'console-through-the-ttys',
    doc: 'Number of ttys LXC prepares for the container (for `lxc-console`).' },
  { name: 'lxc.uts.name', kind: 'hostname', multi: L, empty: 'clear', since: '2.1', section: 'uts',
    doc: 'Host name of the container, at most 64 bytes.' },
];



/** lxc.net.<i>.<sub>: matched exactly after the index (liblxc's network table). */
const NET_RAW: (Omit<LxcKey, 'name' | 'section'> & { sub: string })[] = [
  { sub: 'type', kind: 'net-type', values: NET_TYPES, multi: L, empty: 'clear', since: '2.1',
    doc: 'Kind of interface: `veth` (a pair, one end on a host bridge), `macvlan`, `ipvlan`, `vlan`, `phys` (move a host device in), `empty` (loopback only) or `none` (share the host\'s network).' },
  { sub: 'flags', kind: 'net-flags', multi: L, empty: 'clear', since: '2.1',
    doc: 'Interface state; `up` brings the interface up. LXC treats any value as `up`.' },
  { sub: 'link', kind: 'ifname', multi: L, empty: 'clear', since: '2.1',
    doc: 'Host interface the container\'s interface attaches to: the bridge for veth, the parent for macvlan, ipvlan and vlan, the device to move in for phys.' },
  { sub: 'l2proxy', kind: 'bool01', multi: L, empty: 'clear', since: '3.2',
    doc: 'With 1, the host answers ARP and NDP for the container\'s addresses on the link.' },
  { sub: 'name', kind: 'ifname', multi: L, empty: 'clear', since: '2.1',
    doc: 'Name of the interface inside the container (at most 15 characters).' },
  { sub: 'hwaddr', kind: 'mac', multi: L, empty: 'clear', since: '2.1',
    doc: 'MAC address of the interface; each `x` is replaced by a random hex digit.' },
  { sub: 'mtu', kind: 'mtu', multi: L, empty: 'clear', since: '2.1',
    doc: 'Maximum transmission unit of the interface, in bytes.' },
  { sub: 'ipv4.address', kind: 'ipv4-address', multi: A, empty: 'clear-list', since: '2.1',
    doc: 'IPv4 address with prefix length, and optionally a broadcast address: `10.0.3.5/24`. Repeat for more addresses.' },
  { sub: 'ipv4.gateway', kind: 'ipv4-gateway', multi: L, empty: 'clear', since: '2.1',
    doc: 'IPv4 default gateway: an address, `auto` (the address of the bridge) or `dev` (a device route).' },
  { sub: 'ipv6.address', kind: 'ipv6-address', multi: A, empty: 'clear-list', since: '2.1',
    doc: 'IPv6 address with prefix length: `2001:db8::5/64`. Repeat for more addresses.' },
  { sub: 'ipv6.gateway', kind: 'ipv6-gateway', multi: L, empty: 'clear', since: '2.1',
    doc: 'IPv6 default gateway: an address, `auto` or `dev`.' },
  { sub: 'script.up', kind: 'string', multi: L, empty: 'clear', since: '2.1',
    doc: 'Script run on the host once the interface is created and configured.' },
  { sub: 'script.down', kind: 'string', multi: L, empty: 'clear', since: '2.1',
    doc: 'Script run on the host before the interface is removed.' },
  { sub: 'macvlan.mode', kind: 'enum', values: ['private', 'vepa', 'bridge', 'passthru'], multi: L, empty: 'clear', since: '2.1', requiresType: 'macvlan',
    doc: 'How macvlan interfaces on the same parent talk to each other: `private`, `vepa`, `bridge` or `passthru`.' },
  { sub: 'ipvlan.mode', kind: 'enum', values: ['l3', 'l3s', 'l2'], multi: L, empty: 'clear', since: '3.2', requiresType: 'ipvlan',
    doc: 'ipvlan operating mode: `l3` (default), `l3s` or `l2`.' },
  { sub: 'ipvlan.isolation', kind: 'enum', values: ['bridge', 'private', 'vepa'], multi: L, empty: 'clear', since: '3.2', requiresType: 'ipvlan',
    doc: 'ipvlan isolation between slaves: `bridge` (default), `private` or `vepa`.' },
  { sub: 'vlan.id', kind: 'u16', multi: L, empty: 'clear', since: '2.1', requiresType: 'vlan',
    doc: 'VLAN tag of a `vlan` interface.' },
  { sub: 'veth.mode', kind: 'enum', values: ['bridge', 'router'], multi: L, empty: 'clear', since: '3.2', requiresType: 'veth',
    doc: 'veth mode: `bridge` (default, host end joins lxc.net.<i>.link) or `router` (host routes to the container).' },
  { sub: 'veth.pair', kind: 'ifname', multi: L, empty: 'clear', since: '2.1', requiresType: 'veth',
    doc: 'Name of the host end of the veth pair (ignored for unprivileged containers).' },
  { sub: 'veth.ipv4.route', kind: 'ipv4-route', multi: A, empty: 'clear-list', since: '3.2', requiresType: 'veth',
    doc: 'IPv4 route (`address/prefix`) added on the host towards the container\'s veth end.' },
  { sub: 'veth.ipv6.route', kind: 'ipv6-route', multi: A, empty: 'clear-list', since: '3.2', requiresType: 'veth',
    doc: 'IPv6 route (`address/prefix`) added on the host towards the container\'s veth end.' },
  { sub: 'veth.vlan.id', kind: 'vlan-id', multi: L, empty: 'clear', since: '5.0', requiresType: 'veth',
    doc: 'Untagged VLAN of the host end on a VLAN-aware bridge: 0 to 4094, or `none`.' },
  { sub: 'veth.vlan.tagged.id', kind: 'vlan-tagged-id', multi: A, empty: 'clear-list', since: '5.0', requiresType: 'veth',
    doc: 'A tagged VLAN (0 to 4094) the host end joins on a VLAN-aware bridge. Repeat for more.' },
  { sub: 'veth.n_rxqueues', kind: 'int-positive', multi: L, empty: 'clear', since: '5.0', requiresType: 'veth',
    doc: 'Number of receive queues of the veth device.' },
  { sub: 'veth.n_txqueues', kind: 'int-positive', multi: L, empty: 'clear', since: '5.0', requiresType: 'veth',
    doc: 'Number of transmit queues of the veth device.' },
];
export const NET_SUBKEYS: readonly (LxcKey & { sub: string })[] = NET_RAW.map((k) => ({ ...k, name: `lxc.net.<i>.${k.sub}`, section: 'network' }));

/** Key families: a fixed prefix followed by a free sub-key. */
export interface FamilyKey extends LxcKey {
  /** Bare family name, `lxc.cgroup2`; the sub-key follows after a dot. */
  prefix: string;
  /** Only matched with the dot after the prefix (liblxc's table entry ends with it). */
  dotted?: boolean;
  /** The fixed set of sub-keys, when liblxc has one. */
  subKeys?: SubKeyNames;
  /** Sub-keys offered by completion (common ones; the family accepts any name unless subKeys says otherwise). */
  completions?: readonly string[];
}

const CGROUP2_FILES = [
  'memory.max', 'memory.high', 'memory.low', 'memory.min', 'memory.swap.max', 'cpu.max', 'cpu.weight', 'cpuset.cpus',
  'cpuset.mems', 'io.max', 'io.weight', 'pids.max', 'devices.allow', 'devices.deny', 'hugetlb.2MB.max',
];
const CGROUP1_FILES = ['devices.allow', 'devices.deny', 'memory.limit_in_bytes', 'memory.memsw.limit_in_bytes', 'cpu.shares', 'cpuset.cpus', 'pids.max', 'blkio.weight'];
const SYSCTLS = [
  'net.ipv4.ip_forward', 'net.ipv6.conf.all.forwarding', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.core.somaxconn', 'net.ipv4.tcp_syncookies', 'net.ipv4.conf.all.rp_filter', 'kernel.msgmax', 'kernel.msgmnb',
  'kernel.shmmax', 'kernel.shmall', 'kernel.sem', 'fs.mqueue.msg_max',
];

export const FAMILY_KEYS: readonly FamilyKey[] = [
  { prefix: 'lxc.cgroup2', name: 'lxc.cgroup2.<controller>.<file>', kind: 'string', multi: A, empty: 'clear', since: '3.0', section: 'control-group', completions: CGROUP2_FILES,
    doc: 'Writes a value to a file of the container\'s cgroup (unified hierarchy, cgroup v2), for example `lxc.cgroup2.memory.max = 1G`.',
    emptyNote: '`lxc.cgroup2 =` forgets every cgroup2 setting; `lxc.cgroup2.<file> =` forgets that one.' },
  { prefix: 'lxc.cgroup', name: 'lxc.cgroup.<controller>.<file>', kind: 'string', multi: A, empty: 'clear', since: '0.9', removed: '7.0', successor: 'Use the matching `lxc.cgroup2.` key (cgroup v2 file names differ from v1).', section: 'control-group', completions: CGROUP1_FILES,
    doc: 'Writes a value to a file of a cgroup v1 controller, for example `lxc.cgroup.devices.allow`. Only used on hosts that still mount cgroup v1.' },
  { prefix: 'lxc.namespace.share', dotted: true, name: 'lxc.namespace.share.<namespace>', kind: 'string', multi: L, empty: 'clear', since: '3.0', section: 'namespaces',
    subKeys: { names: NAMESPACES, refusedAt: 'load', noun: 'a namespace LXC can share', lowerCaseHint: true, checkedOnClear: true },
    doc: 'Joins the given namespace of another process instead of creating one: a PID, a container name, or a path under /proc.' },
  { prefix: 'lxc.prlimit', name: 'lxc.prlimit.<resource>', kind: 'rlimit', multi: L, empty: 'clear', since: '2.1', section: 'resource-limits',
    subKeys: { names: PRLIMIT_RESOURCES, numbers: true, refusedAt: 'start', noun: 'a resource limit' },
    doc: 'Resource limit (setrlimit) for the container: `soft[:hard]`, each a number or `unlimited`, for example `lxc.prlimit.nofile = 1024:4096`.' },
  { prefix: 'lxc.sysctl', name: 'lxc.sysctl.<name>', kind: 'string', multi: L, empty: 'clear', since: '3.0', section: 'sysctl', completions: SYSCTLS,
    doc: 'Sets a kernel parameter inside the container\'s namespaces, for example `lxc.sysctl.net.ipv4.ip_forward = 1`.' },
  { prefix: 'lxc.proc', name: 'lxc.proc.<file>', kind: 'string', multi: A, empty: 'clear', since: '3.0', section: 'proc', completions: ['oom_score_adj'],
    doc: 'Writes a value to /proc/self/<file> of the container\'s init, for example `lxc.proc.oom_score_adj = 10`.' },
];

export const NET_PREFIX = 'lxc.net.';

const exactIndex: ReadonlyMap<string, LxcKey> = new Map(EXACT_KEYS.map((k) => [k.name, k]));
const netIndex: ReadonlyMap<string, LxcKey & { sub: string }> = new Map(NET_SUBKEYS.map((k) => [k.sub, k]));

export function exactKey(name: string): LxcKey | undefined {
  return exactIndex.get(name);
}
export function netSubkey(sub: string): (LxcKey & { sub: string }) | undefined {
  return netIndex.get(sub);
}
