/**
 * The 41 Linux capabilities, one table for every format ctconf knows.
 * Facts: number and the kernel release that added each (capabilities(7)); which default
 * sets hold it (LXC's common.conf drop list, Podman's and Docker's default sets).
 * Summaries and risk notes are ctconf's own words.
 */

export type Risk = 'critical' | 'high' | 'medium' | 'low';

export interface Capability {
  /** Lower-case name without prefix, as LXC writes it: `sys_time`. */
  name: string;
  /** Kernel name: `CAP_SYS_TIME`. */
  cap: string;
  number: number;
  /** Linux release that introduced it. */
  since: string;
  /** What it allows, in a sentence or two. */
  summary: string;
  /** Operations and system calls it unlocks, for the details part of a hover. */
  allows: string;
  risk: Risk;
  riskNote: string;
  /** Dropped by LXC's stock common.conf. */
  lxcCommonDrop: boolean;
  /** In Podman's built-in default_capabilities (see PODMAN_DEFAULTS for history). */
  podmanDefault: boolean;
  /** In Docker's default capability set. */
  dockerDefault: boolean;
}

const c = (
  number: number, name: string, since: string, risk: Risk, flags: string,
  summary: string, allows: string, riskNote: string,
): Capability => ({
  name, cap: `CAP_${name.toUpperCase()}`, number, since, summary, allows, risk, riskNote,
  lxcCommonDrop: flags.includes('L'), podmanDefault: flags.includes('P'), dockerDefault: flags.includes('D'),
});

export const CAPABILITIES: readonly Capability[] = [
  c(0, 'chown', '2.2', 'medium', 'PD', 'Change the owner and group of any file.',
    'chown(2) and lchown(2) on files the process does not own.', 'Lets a process give itself files owned by others inside its user namespace.'),
  c(1, 'dac_override', '2.2', 'high', 'PD', 'Ignore file read, write and execute permission checks.',
    'Opening, reading, writing and executing files regardless of their mode bits and ACLs (directories still need search permission for execute).', 'Defeats ordinary file permissions: any file the process can reach becomes readable and writable.'),
  c(2, 'dac_read_search', '2.2', 'high', '', 'Read any file and list any directory regardless of permissions.',
    'Bypasses read checks on files and read/search checks on directories; also open_by_handle_at(2), which was used in a known container escape.', 'open_by_handle_at(2) has let containers read files of the host outside their root.'),
  c(3, 'fowner', '2.2', 'medium', 'PD', 'Act as the owner of any file.',
    'chmod(2), utime(2), setting ACLs and extended attributes, and other operations that normally require owning the file; ignores the sticky bit when deleting.', 'Lets a process change the mode of files it does not own.'),
  c(4, 'fsetid', '2.2', 'low', 'PD', 'Keep set-user-ID and set-group-ID bits when a file is modified, and set the set-group-ID bit on files of other groups.',
    'Prevents the kernel from clearing setuid/setgid bits on write or chown.', 'Minor on its own; matters together with file ownership changes.'),
  c(5, 'kill', '2.2', 'low', 'PD', 'Send signals to processes of other users.',
    'kill(2) and related calls without matching user IDs, and some ioctls on terminals.', 'Limited to processes in the same PID namespace in a container.'),
  c(6, 'setgid', '2.2', 'medium', 'PD', 'Change group IDs freely.',
    'setgid(2), setgroups(2) and forging group IDs in socket credentials; writing a gid_map.', 'Needed by login, su and daemons that switch groups.'),
  c(7, 'setuid', '2.2', 'medium', 'PD', 'Change user IDs freely.',
    'setuid(2) and friends, forging user IDs in socket credentials; writing a uid_map.', 'Needed by login, su, sudo and daemons that drop privileges.'),
  c(8, 'setpcap', '2.2', 'medium', 'PD', 'Manage the capability bounding set and add capabilities from the bounding set to the inheritable set.',
    'prctl(PR_CAPBSET_DROP) and changing securebits; in old kernels, changing other processes\' capabilities.', 'Mostly used to give capabilities away; rarely needed.'),
  c(9, 'linux_immutable', '2.2', 'medium', '', 'Set or clear the immutable and append-only file attributes.',
    'The FS_IMMUTABLE_FL and FS_APPEND_FL flags (chattr +i / +a).', 'Lets a process make files undeletable or undo that protection on logs.'),
  c(10, 'net_bind_service', '2.2', 'low', 'PD', 'Bind to ports below 1024.',
    'bind(2) on privileged TCP/UDP ports.', 'Harmless for most services; needed by web and mail servers listening on their standard ports.'),
  c(11, 'net_broadcast', '2.2', 'low', '', 'Broadcast and listen to multicast (unused by current kernels).',
    'Historically, socket broadcasting and multicast listening.', 'No effect on current kernels.'),
  c(12, 'net_admin', '2.2', 'high', '', 'Administer the network: interfaces, routes, firewall, and more.',
    'Configuring interfaces and addresses, routing tables, iptables/nftables, traffic control, promiscuous mode, binding to any address, setting socket priority.', 'In the host\'s network namespace it can reroute or sniff the host\'s traffic; inside its own network namespace it is much safer.'),
  c(13, 'net_raw', '2.2', 'medium', 'D', 'Use raw and packet sockets.',
    'RAW and PACKET sockets (ping, DHCP clients, packet capture) and binding to any address for transparent proxying.', 'Allows crafting and spoofing packets on attached networks; needed by ping and dhclient.'),
  c(14, 'ipc_lock', '2.2', 'low', '', 'Lock memory so it cannot be swapped.',
    'mlock(2), mlockall(2), mmap(2) with MAP_LOCKED, huge page shared memory.', 'Can pin large amounts of memory (still limited by RLIMIT_MEMLOCK and cgroups).'),
  c(15, 'ipc_owner', '2.2', 'low', '', 'Bypass permission checks on System V IPC objects.',
    'Message queues, semaphores and shared memory segments of other users.', 'Limited to the IPC namespace of the container.'),
  c(16, 'sys_module', '2.2', 'critical', 'L', 'Load and unload kernel modules.',
    'init_module(2), finit_module(2), delete_module(2); changing the capability bounding set of the host through modules.', 'Effectively root on the host: a module runs with full kernel privileges.'),
  c(17, 'sys_rawio', '2.2', 'critical', 'L', 'Raw access to devices and I/O ports.',
    'iopl(2), ioperm(2), /dev/mem and /dev/kmem, raw SCSI commands, and mapping low memory.', 'Effectively root on the host: direct hardware and memory access.'),
  c(18, 'sys_chroot', '2.2', 'low', 'PD', 'Use chroot(2) and change mount namespaces with setns(2).',
    'chroot(2); setns(2) into mount namespaces.', 'Needed by package builders and some daemons; low risk inside a container.'),
  c(19, 'sys_ptrace', '2.2', 'high', '', 'Trace and inspect any process.',
    'ptrace(2) on any process, process_vm_readv/writev(2), kcmp(2), and reading other processes\' memory.', 'Can read secrets from and inject code into any process the container can see.'),
  c(20, 'sys_pacct', '2.2', 'low', '', 'Turn process accounting on or off.',
    'acct(2).', 'Rarely needed.'),
  c(21, 'sys_admin', '2.2', 'critical', '', 'A catch-all for system administration: mounting file systems, namespaces, quotas, swap, and many device operations.',
    'mount(2), umount(2), pivot_root(2), setns(2), unshare(2) of some namespaces, swapon(2), sethostname(2), keyctl(2) administration, BPF and perf operations on older kernels, many ioctls.', 'Effectively root: many known container escapes start with CAP_SYS_ADMIN.'),
  c(22, 'sys_boot', '2.2', 'high', '', 'Reboot the system and load a new kernel.',
    'reboot(2) and kexec_load(2).', 'In a container with its own PID namespace reboot only stops the container; kexec affects the host.'),
  c(23, 'sys_nice', '2.2', 'medium', '', 'Raise process priority and change scheduling of any process.',
    'nice(2), setpriority(2), sched_setscheduler(2) with real-time policies, CPU affinity and I/O priority of other processes, migrate_pages(2).', 'Real-time scheduling can starve other workloads on the host.'),
  c(24, 'sys_resource', '2.2', 'medium', '', 'Override resource limits and quotas.',
    'Raising hard rlimits, using reserved disk space, exceeding quotas, larger message queues and more.', 'Can exhaust shared resources beyond the limits meant for it.'),
  c(25, 'sys_time', '2.2', 'high', 'L', 'Set the system clock and the hardware real-time clock.',
    'settimeofday(2), stime(2), adjtimex(2) and clock_settime(2) on the system clock, and setting the real-time clock.', 'The clock is not namespaced: a container with it changes the time of the host and every other container (time namespaces only offset monotonic and boot time).'),
  c(26, 'sys_tty_config', '2.2', 'low', '', 'Configure terminals: vhangup(2) and privileged ioctls on virtual consoles.',
    'vhangup(2) and console ioctls.', 'Rarely needed.'),
  c(27, 'mknod', '2.4', 'medium', 'D', 'Create device files.',
    'mknod(2) for character and block devices.', 'Device nodes are still subject to the device cgroup, which normally blocks access.'),
  c(28, 'lease', '2.4', 'low', '', 'Take file leases on files the process does not own.',
    'fcntl(F_SETLEASE).', 'Rarely needed.'),
  c(29, 'audit_write', '2.6.11', 'low', 'D', 'Write records to the kernel audit log.',
    'Sending audit messages over a netlink socket.', 'Needed by login and sshd on systems that audit logins.'),
  c(30, 'audit_control', '2.6.11', 'high', '', 'Configure kernel auditing: enable or disable it, change rules, read status.',
    'Audit configuration over netlink.', 'Can switch off the host\'s auditing.'),
  c(31, 'setfcap', '2.6.24', 'medium', 'PD', 'Set file capabilities on executables.',
    'setxattr(2) of security.capability; in a user namespace, mapping user ID 0.', 'Can create binaries that gain capabilities when run.'),
  c(32, 'mac_override', '2.6.25', 'critical', 'L', 'Override mandatory access control (used by Smack).',
    'Bypassing Smack LSM policy.', 'Defeats the host\'s MAC policy.'),
  c(33, 'mac_admin', '2.6.25', 'critical', 'L', 'Change the mandatory access control policy (used by Smack).',
    'Changing Smack and some AppArmor/SELinux configuration.', 'Can rewrite the policy that confines the container.'),
  c(34, 'syslog', '2.6.37', 'medium', '', 'Read and control the kernel log.',
    'syslog(2) operations and reading kernel addresses exposed in /proc when kptr_restrict is 1.', 'Kernel log and addresses help exploits and leak host information.'),
  c(35, 'wake_alarm', '3.0', 'low', '', 'Set timers that wake the system from suspend.',
    'CLOCK_REALTIME_ALARM and CLOCK_BOOTTIME_ALARM timers.', 'Can keep a host from staying suspended.'),
  c(36, 'block_suspend', '3.5', 'low', '', 'Prevent the system from suspending.',
    'EPOLLWAKEUP and /proc/sys/power/wake_lock.', 'Can keep a host awake.'),
  c(37, 'audit_read', '3.16', 'medium', '', 'Read the audit log over a multicast netlink socket.',
    'Subscribing to audit events.', 'Exposes audit records of the host.'),
  c(38, 'perfmon', '5.8', 'medium', '', 'Use performance monitoring: perf events and related BPF operations.',
    'perf_event_open(2) and performance-related BPF operations.', 'Performance counters can leak information across processes.'),
  c(39, 'bpf', '5.8', 'high', '', 'Use privileged BPF operations: load most BPF programs and create maps.',
    'bpf(2) map creation and program loading, BPF type information.', 'BPF is a large kernel attack surface; together with perfmon or net_admin it allows tracing and network programs.'),
  c(40, 'checkpoint_restore', '5.9', 'medium', '', 'Checkpoint and restore processes (CRIU).',
    'Choosing PIDs through ns_last_pid or clone3(2), reading /proc/PID/map_files.', 'Narrow, but lets a process pick PIDs in its namespace.'),
];

const byName: ReadonlyMap<string, Capability> = new Map(CAPABILITIES.map((x) => [x.name, x]));

/**
 * Looks a capability up by any common spelling: `sys_time`, `SYS_TIME`, `CAP_SYS_TIME`,
 * `cap_sys_time`, or its number.
 */
export function findCapability(spelling: string): Capability | undefined {
  const s = spelling.trim().toLowerCase().replace(/^cap_/, '');
  if (/^[0-9]+$/.test(s)) return CAPABILITIES[Number(s)];
  return byName.get(s);
}

/** Podman's built-in default set changed in Podman 4.4 (containers/common v0.51.0). */
export function podmanDefaultSet(podmanVersion: string): string[] {
  const base = CAPABILITIES.filter((x) => x.podmanDefault).map((x) => x.cap);
  const m = /^(\d+)\.(\d+)/.exec(podmanVersion);
  const old = m ? Number(m[1]) < 4 || (Number(m[1]) === 4 && Number(m[2]) < 4) : false;
  return old ? [...base, 'CAP_AUDIT_WRITE', 'CAP_MKNOD', 'CAP_NET_RAW'].sort((a, b) => findCapability(a)!.number - findCapability(b)!.number) : base;
}

export const RISK_LABEL: Record<Risk, string> = {
  critical: 'critical: effectively root on the host',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/**
 * Capabilities that init systems and ordinary services of a full system container rely on:
 * a keep list without one of them gives a container whose boot or services fail. Facts about
 * what each is used for; the reasons are ctconf's own words.
 */
export const INIT_NEEDS: readonly { name: string; reason: string }[] = [
  { name: 'chown', reason: 'package installs, tmpfiles and services give files to their own users' },
  { name: 'dac_override', reason: 'root reads and writes files whatever their mode, as init and package managers expect' },
  { name: 'fowner', reason: 'chmod and timestamps on files root does not own (tmpfiles, package installs)' },
  { name: 'setuid', reason: 'login, su, cron and every daemon that drops root switch user' },
  { name: 'setgid', reason: 'the same daemons switch group and set supplementary groups' },
  { name: 'kill', reason: 'init stops services running as other users; shutdown signals everything' },
  { name: 'setpcap', reason: 'systemd and daemons drop their own capabilities before running a service' },
  { name: 'net_bind_service', reason: 'services listen on ports below 1024 (ssh, http, dns)' },
];
