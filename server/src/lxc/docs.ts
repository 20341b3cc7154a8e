/**
 * Explanations shared by hover and completion: how each kind of value is written, what
 * the repeat and empty-value semantics mean, and what individual enum values do.
 * All text is ctconf's own.
 */
import { NAMESPACES, NET_TYPES, type EmptyEffect, type LxcKey, type Multi, type ValueKind } from './keys';

/** `a`, `b` or `c`. */
const orList = (xs: readonly string[]): string => `${xs.slice(0, -1).map((x) => `\`${x}\``).join(', ')} or \`${xs[xs.length - 1]}\``;

export const MANPAGE_URL = 'https://linuxcontainers.org/lxc/manpages/man5/lxc.container.conf.5.html';

export const KIND_SYNTAX: Record<ValueKind, string> = {
  string: 'free text',
  path: 'a path on the host',
  bool01: '`0` or `1`',
  'bool01-lax': '`0` or `1`',
  uint: 'a whole number, 0 or more (decimal, `0x` hex or `0` octal)',
  'uint-lax': 'a whole number, 0 or more',
  int: 'a whole number, may be negative',
  'int-lenient': 'a number of bytes',
  'int-positive': 'a whole number greater than 0',
  enum: 'one of the listed words',
  'enum-ci': 'one of the listed words (any case)',
  arch: 'an architecture name such as `x86_64`, `i686`, `arm64`',
  'log-level': '`0` (trace) … `8` (fatal), or `trace`, `debug`, `info`, `notice`, `warn`, `error`, `crit`, `alert`, `fatal`',
  signal: 'a signal: `SIGTERM`, `SIGRTMIN+3`, or a number',
  'byte-size': '`auto`, or bytes with an optional `KB`, `MB` or `GB`',
  'time-offset': 'a whole number and a unit: `h`, `m`, `s`, `ms`, `us` or `ns` (`-90s`)',
  idmap: '`u|g <first container ID> <first host ID> <count>`',
  caps: 'capability names in lower case without `CAP_`, separated by spaces (`sys_time sys_module`)',
  'mount-auto': 'tokens separated by spaces: `proc`, `sys`, `cgroup`, `cgroup2`, `cgroup-full` with an optional mode, or `shmounts:HOST[:CONTAINER]`',
  namespaces: `namespace names separated by spaces: \`${NAMESPACES.join(' ')}\``,
  env: '`NAME=value`, or `NAME` to copy it from the loading environment',
  words: 'names separated by spaces',
  'gid-list': 'group IDs separated by commas (`10,20`)',
  hostname: 'a host name, at most 64 bytes',
  'tty-dir': 'a directory name under /dev',
  'cgroup-dir': 'a relative cgroup path without `..`',
  'cgroup-inner': 'a single directory name',
  'rootfs-options': 'mount options separated by commas',
  'unix-socket': '`unix:/path/to/socket` or `unix:@abstract-name`',
  'fstab-line': '`source target type options [dump [pass]]`, as in fstab(5)',
  rlimit: '`soft[:hard]`, each a number or `unlimited`',
  'clear-only': 'nothing: write the key with an empty value',
  include: 'a config file, or a directory ending in `/` whose `*.conf` files are read',
  'net-type': orList(NET_TYPES),
  ifname: 'an interface name, at most 15 characters',
  mac: 'a MAC address; `x` stands for a random hex digit (`00:16:3e:xx:xx:xx`)',
  mtu: 'a number of bytes',
  'net-flags': '`up`',
  'ipv4-address': '`a.b.c.d/prefix [broadcast]`',
  'ipv6-address': '`address/prefix`',
  'ipv4-gateway': 'an IPv4 address, `auto` or `dev`',
  'ipv6-gateway': 'an IPv6 address, `auto` or `dev`',
  'ipv4-route': '`a.b.c.d/prefix`',
  'ipv6-route': '`address/prefix`',
  u16: 'a number from 0 to 65535',
  'vlan-id': '`none`, or 0 to 4094',
  'vlan-tagged-id': '0 to 4094',
};

export function multiText(m: Multi): string {
  switch (m) {
    case 'accumulate':
      return 'each line adds to what earlier lines set';
    case 'last-wins':
      return 'only the last line counts';
    case 'clear-only':
      return 'used only to clear';
  }
}

export function emptyText(k: LxcKey): string {
  if (k.emptyNote) return k.emptyNote;
  const e: Record<EmptyEffect, string> = {
    clear: 'forgets the value set earlier',
    'clear-list': 'forgets everything earlier lines added',
    reset: 'resets it to the default',
    'not-default': 'sets 0, which is not the default',
    noop: 'does nothing',
    error: 'is refused',
  };
  return e[k.empty];
}

/** What a single enum value means, by key (or kind) and value. */
export const VALUE_DOCS: Record<string, Record<string, string>> = {
  'net-type': {
    veth: 'A virtual Ethernet pair: one end in the container, the other on the host, usually joined to the bridge named in `link`.',
    macvlan: 'A new interface with its own MAC address stacked on the host interface named in `link`.',
    ipvlan: 'Like macvlan, but sharing the parent\'s MAC address; traffic is told apart by IP address.',
    vlan: 'A VLAN interface on top of the host interface in `link`, tagged with `vlan.id`.',
    phys: 'Moves the host interface named in `link` into the container; the host loses it while the container runs.',
    empty: 'Only a loopback interface: the container has no outside network.',
    none: 'No network namespace: the container shares the host\'s network. Risky, because the container can reconfigure the host\'s interfaces.',
  },
  'lxc.apparmor.profile': {
    unconfined: 'No AppArmor confinement at all.',
    unchanged: 'Keep the profile of the process that starts the container (used for nested containers).',
    generated: 'LXC generates a profile for this container, including lxc.apparmor.raw rules.',
    'lxc-container-default': 'LXC\'s default profile.',
    'lxc-container-default-cgns': 'LXC\'s default profile for hosts with cgroup namespaces (the usual default).',
    'lxc-container-default-with-nesting': 'Default profile that also allows running containers inside.',
    'lxc-container-default-with-mounting': 'Default profile that also allows mounting ext*, xfs and btrfs file systems.',
  },
  'mount-auto': {
    proc: 'Mounts /proc; same as `proc:mixed`.',
    'proc:mixed': 'Mounts /proc read-write, with /proc/sys read-only except /proc/sys/net.',
    'proc:rw': 'Mounts /proc fully read-write.',
    sys: 'Mounts /sys; same as `sys:mixed`.',
    'sys:ro': 'Mounts /sys read-only.',
    'sys:mixed': 'Mounts /sys read-only with /sys/devices/virtual/net writable.',
    'sys:rw': 'Mounts /sys read-write.',
    cgroup: 'Mounts the cgroup hierarchy: read-write if sys_admin is kept, `mixed` otherwise.',
    'cgroup:mixed': 'Mounts the container\'s own cgroup read-write and the rest read-only.',
    'cgroup:ro': 'Mounts the container\'s cgroup read-only.',
    'cgroup:rw': 'Mounts the container\'s cgroup read-write.',
    'cgroup-full': 'Mounts the full cgroup hierarchy (mode as for `cgroup`).',
    'cgroup-full:mixed': 'Mounts the full cgroup hierarchy read-only, the container\'s own part writable.',
    'cgroup-full:ro': 'Mounts the full cgroup hierarchy read-only.',
    'cgroup-full:rw': 'Mounts the full cgroup hierarchy read-write: the container can change cgroups of the host.',
    cgroup2: 'Mounts the unified (cgroup v2) hierarchy read-write, even when a cgroup namespace is used.',
    'cgroup2:ro': 'Mounts the unified (cgroup v2) hierarchy read-only.',
  },
  'log-level': {
    trace: '0: everything, very verbose.', debug: '1: debugging details.', info: '2: informational messages.',
    notice: '3: normal but significant events.', warn: '4: warnings.', error: '5: errors (the usual default).',
    crit: '6: critical conditions.', alert: '7: immediate action needed.', fatal: '8: only fatal errors.',
  },
  'lxc.net.<i>.macvlan.mode': {
    private: 'Interfaces on the same parent cannot talk to each other.',
    vepa: 'Traffic between interfaces goes out to the switch and back (needs a VEPA-capable switch).',
    bridge: 'Interfaces on the same parent talk to each other directly.',
    passthru: 'One interface takes over the parent device.',
  },
  'lxc.net.<i>.ipvlan.mode': {
    l3: 'Layer 3 mode: the parent routes packets to the container (default).',
    l3s: 'Layer 3 with netfilter hooks on the host side.',
    l2: 'Layer 2 mode: the container receives ARP and broadcast traffic.',
  },
  'lxc.net.<i>.ipvlan.isolation': {
    bridge: 'Slaves may talk to each other (default).',
    private: 'Slaves are isolated from each other.',
    vepa: 'Traffic between slaves goes through the external switch.',
  },
  'lxc.net.<i>.veth.mode': {
    bridge: 'The host end joins the bridge named in `link` (default).',
    router: 'The host end stays unattached; the host routes traffic to the container\'s addresses.',
  },
  signal: {
    SIGPWR: 'Power failure; most init systems shut down cleanly on it (default halt signal).',
    SIGINT: 'Interrupt; most init systems reboot on it (default reboot signal).',
    SIGKILL: 'Kills at once; cannot be caught (default stop signal).',
    SIGTERM: 'Asks a process to terminate; systemd ignores it as PID 1.',
    'SIGRTMIN+3': 'systemd shuts down cleanly on this signal; use it as lxc.signal.halt for systemd containers.',
    'SIGRTMIN+4': 'systemd powers off on this signal.',
    'SIGRTMIN+5': 'systemd reboots on this signal.',
    SIGHUP: 'Hang-up; many daemons reload their configuration on it.',
    SIGUSR1: 'User-defined signal 1.',
    SIGUSR2: 'User-defined signal 2.',
    SIGQUIT: 'Quit with a core dump.',
  },
  namespaces: {
    user: 'User IDs (needed for unprivileged containers).', mnt: 'Mount points.', pid: 'Process IDs.',
    uts: 'Host name and domain name.', ipc: 'System V IPC and POSIX message queues.', net: 'Network interfaces, routes, firewall.',
    cgroup: 'The view of the cgroup hierarchy.', time: 'Boot-time and monotonic clock offsets.',
  },
};

/** A table entry by name, never an inherited property (a value may be `constructor` or `__proto__`). */
function own(table: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}

export function valueDoc(key: LxcKey, value: string): string | undefined {
  const byKey = Object.hasOwn(VALUE_DOCS, key.name) ? own(VALUE_DOCS[key.name], value) : undefined;
  if (byKey) return byKey;
  switch (key.kind) {
    case 'net-type':
      return own(VALUE_DOCS['net-type'], value);
    case 'mount-auto':
      return own(VALUE_DOCS['mount-auto'], value) ?? (value.endsWith(':force') ? `${own(VALUE_DOCS['mount-auto'], value.replace(/:force$/, '')) ?? ''} \`:force\` mounts it even when a cgroup namespace is in use.`.trim() : undefined);
    case 'log-level':
      return own(VALUE_DOCS['log-level'], value.toLowerCase());
    case 'signal':
      return own(VALUE_DOCS.signal, value.toUpperCase());
    case 'namespaces':
      return own(VALUE_DOCS.namespaces, value.toLowerCase());
    case 'bool01':
    case 'bool01-lax':
      return value === '1' ? 'On.' : value === '0' ? 'Off.' : undefined;
  }
  return undefined;
}
