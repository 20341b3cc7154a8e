/**
 * Proxmox VE container config keys (pct.conf): names, types, ranges, defaults and sub-options,
 * as facts from pve-container's schema (src/PVE/LXC/Config.pm: $confdesc, $features_desc,
 * $netconf_desc, $rootfs_desc, $mp_desc, $dev_desc, $unused_desc, pve-startup-order). The
 * descriptions are ctconf's own words. Numbered keys: net0..31, mp0..255, unused0..255, dev0..255.
 */

export type ValueType =
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string'; pattern?: RegExp; maxLength?: number; format?: string }
  | { kind: 'options'; options: Readonly<Record<string, SubOption>> };

export interface SubOption {
  type: ValueType;
  doc: string;
  default?: string;
  /** The option a bare value (without `name=`) sets. */
  defaultKey?: boolean;
  required?: boolean;
}

export interface PveKey {
  type: ValueType;
  doc: string;
  default?: string;
  /** Only meaningful in a snapshot section. */
  snapshotOnly?: boolean;
}

const bool: ValueType = { kind: 'boolean' };
const int = (min?: number, max?: number): ValueType => ({ kind: 'integer', min, max });
const str = (format?: string, pattern?: RegExp, maxLength?: number): ValueType => ({ kind: 'string', format, pattern, maxLength });
const opt = (type: ValueType, doc: string, extra: Partial<SubOption> = {}): SubOption => ({ type, doc, ...extra });

const MOUNT_OPTION = '(?:discard|lazytime|noatime|nodev|noexec|nosuid)';

/** Options shared by rootfs and mount points. */
const VOLUME_OPTIONS: Record<string, SubOption> = {
  volume: opt(str('volume'), 'The storage volume (`storage:vm-101-disk-0`), a block device or, for mount points, a host directory to bind-mount.', { defaultKey: true, required: true }),
  size: opt(str('disk-size', /^\d+(?:\.\d+)?[KMGT]?$/), 'Size of the volume (written by Proxmox; read only).'),
  acl: opt(bool, 'Turns POSIX ACL support on or off for the mount.'),
  mountoptions: opt(str(undefined, new RegExp(`^${MOUNT_OPTION}(?:;${MOUNT_OPTION})*$`)), 'Extra mount options, separated by `;` (discard, lazytime, noatime, nodev, noexec, nosuid).'),
  idmap: opt(str(undefined, /^(?:passthrough|[ug]:[0-9]+:[0-9]+:[1-9][0-9]*(?:;[ug]:[0-9]+:[0-9]+:[1-9][0-9]*)*)$/), 'Per-mount ID mapping: `u|g:container-id:disk-id:count` entries separated by `;`, or `passthrough`. IDs not listed use the container\'s lxc.idmap.'),
  ro: opt(bool, 'Mounts the volume read-only.'),
  quota: opt(bool, 'Turns user quotas on inside the container (not with ZFS subvolumes).'),
  replicate: opt(bool, 'Includes the volume in storage replication jobs.', { default: '1' }),
  shared: opt(bool, 'Marks a non-volume mount point as present on every node, so migration does not copy it.', { default: '0' }),
};

export const OPTION_SETS: Readonly<Record<string, Readonly<Record<string, SubOption>>>> = {
  rootfs: VOLUME_OPTIONS,
  mp: {
    ...VOLUME_OPTIONS,
    backup: opt(bool, 'Includes the mount point in vzdump backups (volumes only).'),
    mp: opt(str('path'), 'Where the volume appears inside the container (an absolute path).', { required: true }),
    keepattrs: opt(bool, 'Keeps the owner and mode of the container directory the volume is mounted on.', { default: '0' }),
  },
  net: {
    type: opt({ kind: 'enum', values: ['veth'] }, 'Interface type; Proxmox containers only use veth.'),
    name: opt(str(undefined, /^[-_.\w\d]+$/), 'Interface name inside the container (eth0).', { required: true }),
    bridge: opt(str(undefined, /^[-_.\w\d]+$/), 'Host bridge the interface is attached to (vmbr0).'),
    hwaddr: opt(str('mac-addr', /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/), 'MAC address; Proxmox picks one when unset.'),
    mtu: opt(int(64, 65535), 'MTU of the interface.'),
    ip: opt(str('pve-ipv4-config'), 'IPv4 address with prefix (`10.0.0.5/24`), `dhcp` or `manual`.'),
    gw: opt(str('ipv4'), 'IPv4 default gateway.'),
    ip6: opt(str('pve-ipv6-config'), 'IPv6 address with prefix, `auto`, `dhcp` or `manual`.'),
    gw6: opt(str('ipv6'), 'IPv6 default gateway.'),
    firewall: opt(bool, 'Puts the interface behind the Proxmox firewall.'),
    tag: opt(int(1, 4094), 'VLAN tag of the interface.'),
    trunks: opt(str(undefined, /^\d+(?:;\d+)*$/), 'VLAN IDs passed through, separated by `;`.'),
    rate: opt({ kind: 'number', min: 0 }, 'Rate limit in MB/s.'),
    link_down: opt(bool, 'Keeps the link down (as if the cable were unplugged).'),
    'host-managed': opt(bool, 'The host configures the interface\'s addresses; the container runs no network setup of its own on it.'),
  },
  dev: {
    path: opt(str('device path', /^\/dev\//), 'Host device node passed into the container (`/dev/…`).', { defaultKey: true }),
    mode: opt(str(undefined, /^0[0-7]{3}$/), 'Access mode of the device node, in octal (0660).'),
    uid: opt(int(0), 'Owner of the device node inside the container.'),
    gid: opt(int(0), 'Group of the device node inside the container.'),
    'deny-write': opt(bool, 'Gives the container read-only access to the device.', { default: '0' }),
  },
  unused: {
    volume: opt(str('volume'), 'A volume that belongs to the container but is not mounted.', { defaultKey: true, required: true }),
  },
  features: {
    mount: opt(str(undefined, /^[a-zA-Z0-9_; ]+$/), 'File system types the container may mount, separated by `;` (for example `nfs;cifs`); weakens isolation.'),
    nesting: opt(bool, 'Lets the container run containers (and systemd services with their own namespaces); exposes more of the host\'s /proc and /sys.', { default: '0' }),
    keyctl: opt(bool, 'Unprivileged containers only: allows the keyctl() system call (needed by Docker in a container).', { default: '0' }),
    fuse: opt(bool, 'Allows FUSE file systems in the container.', { default: '0' }),
    mknod: opt(bool, 'Lets the container create some device nodes (experimental; needs seccomp notification support in the kernel).', { default: '0' }),
    force_rw_sys: opt(bool, 'Mounts /sys writable in unprivileged containers instead of mixed.', { default: '0' }),
  },
  startup: {
    order: opt(int(0), 'Start order: lower numbers start first, and stop last.', { defaultKey: true }),
    up: opt(int(0), 'Seconds to wait after starting this container before the next one.'),
    down: opt(int(0), 'Seconds to wait for this container to shut down.'),
  },
};

const options = (set: string): ValueType => ({ kind: 'options', options: OPTION_SETS[set] });

export const PVE_KEYS: Readonly<Record<string, PveKey>> = {
  lock: { type: { kind: 'enum', values: ['backup', 'create', 'destroyed', 'disk', 'fstrim', 'migrate', 'mounted', 'rollback', 'snapshot', 'snapshot-delete'] }, doc: 'Set by Proxmox while an operation runs on the container; other operations refuse to start until it is removed.' },
  onboot: { type: bool, default: '0', doc: 'Start the container when the node boots.' },
  startup: { type: options('startup'), doc: 'Start and shutdown order and delays: `order=N,up=S,down=S`.' },
  template: { type: bool, default: '0', doc: 'The container is a template (cloned, never started).' },
  arch: { type: { kind: 'enum', values: ['amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'] }, default: 'amd64', doc: 'Architecture of the container\'s OS.' },
  ostype: { type: { kind: 'enum', values: ['debian', 'devuan', 'ubuntu', 'centos', 'fedora', 'opensuse', 'archlinux', 'alpine', 'gentoo', 'nixos', 'unmanaged'] }, doc: 'OS of the container; selects the setup Proxmox applies inside it (`unmanaged`: none).' },
  console: { type: bool, default: '1', doc: 'Gives the container a console device.' },
  tty: { type: int(0, 6), default: '2', doc: 'Number of ttys the container gets.' },
  cores: { type: int(1, 8192), doc: 'CPU cores the container may use (all when unset).' },
  cpulimit: { type: { kind: 'number', min: 0, max: 8192 }, default: '0', doc: 'CPU time limit in cores (1.5 = one and a half cores); 0 means no limit.' },
  cpuunits: { type: int(0, 500000), default: '100 (cgroup v2)', doc: 'Relative CPU weight against the other guests.' },
  memory: { type: int(16), default: '512', doc: 'Memory limit in MiB.' },
  swap: { type: int(0), default: '512', doc: 'Swap limit in MiB, on top of memory.' },
  hostname: { type: str('dns-name', /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/, 255), doc: 'Host name of the container.' },
  description: { type: str(undefined, undefined, 8192), doc: 'Notes about the container; Proxmox writes them as `#` lines at the top of the section.' },
  searchdomain: { type: str('dns-name-list'), doc: 'DNS search domains for the container\'s resolv.conf (the host\'s when unset).' },
  nameserver: { type: str('ip-list'), doc: 'DNS servers for the container\'s resolv.conf (the host\'s when unset).' },
  timezone: { type: str('pve-ct-timezone'), doc: 'Time zone of the container: a zone name, or `host` to copy the host\'s.' },
  rootfs: { type: options('rootfs'), doc: 'The container\'s root file system: a volume with mount options.' },
  parent: { type: str('pve-configid', undefined, 40), doc: 'Name of the snapshot this state derives from (written by Proxmox).' },
  snaptime: { type: int(0), snapshotOnly: true, doc: 'When the snapshot was taken (Unix time, written by Proxmox).' },
  cmode: { type: { kind: 'enum', values: ['shell', 'console', 'tty'] }, default: 'tty', doc: 'What `pct console` attaches to: a tty, /dev/console, or a shell.' },
  entrypoint: { type: str(undefined, /^[^\x00-\x08\x0a-\x1F\x7F]+$/), default: '/sbin/init', doc: 'Program the container runs as its init, with arguments.' },
  protection: { type: bool, default: '0', doc: 'Protects the container from removal and from removing its disks.' },
  unprivileged: { type: bool, default: '0', doc: 'Runs the container in a user namespace: its root is an ordinary user on the host. Set when the container is created; changing it later breaks file ownership.' },
  features: { type: options('features'), doc: 'Extra abilities for the container: `nesting=1,keyctl=1,fuse=1,mknod=1,mount=nfs;cifs`.' },
  env: { type: str(), doc: 'Environment of the container\'s init, as `NAME=value` entries separated by NUL characters.' },
  hookscript: { type: str('pve-volume-id'), doc: 'A script (`storage:snippets/hook.sh`) Proxmox runs at each step of the container\'s life.' },
  tags: { type: str('pve-tag-list', /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*(?:[;, ]+[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*)*[;, ]*$/), doc: 'Tags shown in the web interface, separated by `;`.' },
  debug: { type: bool, default: '0', doc: 'Starts the container with debug logging.' },
  // Lines outside $confdesc that the parser itself handles.
  snapstate: { type: { kind: 'enum', values: ['prepare', 'delete'] }, snapshotOnly: true, doc: 'State of a snapshot being taken or removed (written by Proxmox).' },
  vmstate: { type: str(), snapshotOnly: true, doc: 'Not used by containers.' },
};

/** Numbered keys: name prefix, highest index + 1, option set. */
export const NUMBERED: readonly { prefix: string; count: number; set: string; doc: string }[] = [
  { prefix: 'net', count: 32, set: 'net', doc: 'A network interface of the container: `name=eth0,bridge=vmbr0,ip=dhcp`.' },
  { prefix: 'mp', count: 256, set: 'mp', doc: 'A mount point: a storage volume or a host directory (bind mount) and where it appears, `mp=/path`.' },
  { prefix: 'unused', count: 256, set: 'unused', doc: 'A volume of the container that is not mounted (kept after a mount point was removed).' },
  { prefix: 'dev', count: 256, set: 'dev', doc: 'A host device passed into the container: `/dev/…` with mode, uid and gid.' },
];

/** The schema of a key, numbered keys included. */
export function pveKey(name: string): PveKey | undefined {
  if (Object.prototype.hasOwnProperty.call(PVE_KEYS, name)) return PVE_KEYS[name];
  const m = /^([a-z]+)(\d+)$/.exec(name);
  const n = m && NUMBERED.find((x) => x.prefix === m[1]);
  if (!n || Number(m[2]) >= n.count || (m[2].length > 1 && m[2].startsWith('0'))) return undefined;
  return { type: { kind: 'options', options: OPTION_SETS[n.set] }, doc: n.doc };
}

/** Raw LXC keys Proxmox passes through (its allow-list), by exact name. */
export const RAW_ALLOWED: ReadonlySet<string> = new Set([
  'lxc.apparmor.profile', 'lxc.apparmor.allow_incomplete', 'lxc.apparmor.allow_nesting', 'lxc.apparmor.raw', 'lxc.selinux.context',
  'lxc.include', 'lxc.arch', 'lxc.uts.name', 'lxc.signal.halt', 'lxc.signal.reboot', 'lxc.signal.stop', 'lxc.init.cmd', 'lxc.init.cwd',
  'lxc.init.uid', 'lxc.init.gid', 'lxc.init.groups', 'lxc.pty.max', 'lxc.console.logfile', 'lxc.console.path', 'lxc.tty.max',
  'lxc.devtty.dir', 'lxc.hook.autodev', 'lxc.autodev', 'lxc.kmsg', 'lxc.mount.fstab', 'lxc.mount.entry', 'lxc.mount.auto',
  'lxc.rootfs.mount', 'lxc.cap.drop', 'lxc.cap.keep', 'lxc.seccomp.profile', 'lxc.seccomp.notify.proxy', 'lxc.seccomp.notify.cookie',
  'lxc.idmap', 'lxc.hook.pre-start', 'lxc.hook.pre-mount', 'lxc.hook.mount', 'lxc.hook.start', 'lxc.hook.stop', 'lxc.hook.post-stop',
  'lxc.hook.clone', 'lxc.hook.destroy', 'lxc.hook.version', 'lxc.log.level', 'lxc.log.file', 'lxc.start.auto', 'lxc.start.delay',
  'lxc.start.order', 'lxc.group', 'lxc.environment', 'lxc.environment.runtime', 'lxc.environment.hooks', 'lxc.sysctl.fs.mqueue',
  'lxc.sysctl.kernel.msgmax', 'lxc.sysctl.kernel.msgmnb', 'lxc.sysctl.kernel.msgmni', 'lxc.sysctl.kernel.sem', 'lxc.sysctl.kernel.shmall',
  'lxc.sysctl.kernel.shmmax', 'lxc.sysctl.kernel.shmmni', 'lxc.sysctl.kernel.shm_rmid_forced',
]);

/** Raw keys Proxmox refuses with a reason of its own. */
export const RAW_REFUSED: Readonly<Record<string, string>> = {
  'lxc.rootfs.path': 'Proxmox writes lxc.rootfs.path itself from the `rootfs` key.',
  'lxc.rootfs.options': 'Proxmox does not take lxc.rootfs.options; use `mountoptions=` of the `rootfs` key.',
};

/** LXC 2.x raw key names Proxmox still lets through with a warning (LXC 3.0 and later refuse them). */
export const RAW_DEPRECATED: ReadonlySet<string> = new Set([
  'lxc.aa_profile', 'lxc.aa_allow_incomplete', 'lxc.console', 'lxc.devttydir', 'lxc.haltsignal', 'lxc.rebootsignal', 'lxc.stopsignal',
  'lxc.id_map', 'lxc.init_cmd', 'lxc.loglevel', 'lxc.logfile', 'lxc.mount', 'lxc.network.type', 'lxc.network.flags', 'lxc.network.link',
  'lxc.network.mtu', 'lxc.network.name', 'lxc.network.hwaddr', 'lxc.network.ipv4', 'lxc.network.ipv4.gateway', 'lxc.network.ipv6',
  'lxc.network.ipv6.gateway', 'lxc.network.script.up', 'lxc.network.script.down', 'lxc.pts', 'lxc.se_context', 'lxc.seccomp', 'lxc.tty',
  'lxc.utsname',
]);

/** How Proxmox treats a raw `lxc.*` key: passed on, passed on with a deprecation warning, or dropped. */
export function rawKeyStatus(key: string): { ok: true; deprecated?: string } | { ok: false; reason: string } {
  if (/^lxc\.limit\./.test(key) || RAW_DEPRECATED.has(key)) return { ok: true, deprecated: 'Proxmox passes this LXC 2.x name on with a warning, and LXC 3.0 and later refuse it.' };
  if (RAW_ALLOWED.has(key)) return { ok: true };
  if (Object.prototype.hasOwnProperty.call(RAW_REFUSED, key)) return { ok: false, reason: RAW_REFUSED[key] };
  if (/^lxc\.cgroup\./.test(key)) return { ok: true, deprecated: 'Proxmox warns that lxc.cgroup.* keys are deprecated and will be refused; they only act on cgroup v1, which current Proxmox hosts do not use. Use lxc.cgroup2.*.' };
  if (/^lxc\.(?:cgroup2|prlimit|net)\./.test(key)) return { ok: true };
  return { ok: false, reason: 'Proxmox only passes an allow-list of raw LXC keys (and lxc.cgroup2.*, lxc.prlimit.*, lxc.net.*) to LXC, and drops this one with a warning.' };
}
