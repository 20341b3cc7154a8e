/**
 * Incus and LXD read the same instance YAML, but their option sets have drifted apart since the
 * fork. A file is read as LXD's when its name ends in `.lxd.yaml`/`.lxd.yml` or its first line is
 * `# ctconf: lxd`; otherwise as Incus's. The two lists below were measured against Debian's LXD
 * 5.0.2 daemon (each Incus option and each option name found in the lxd binary, one profile each:
 * "Unknown configuration key" or not); test/unit/incus-lxd-oracle.test.ts checks them again.
 */
import { INCUS_FIRST_LINE } from '../languages';

export type Dialect = 'incus' | 'lxd';

const LXD_NAME = /\.lxd\.ya?ml$/i;
const FIRST_LINE = new RegExp(INCUS_FIRST_LINE);

export function dialectOf(path: string | undefined, text: string): Dialect {
  if (path && LXD_NAME.test(path)) return 'lxd';
  const first = /^[^\r\n]*/.exec(text)![0];
  return FIRST_LINE.test(first) && /lxd/i.test(first) ? 'lxd' : 'incus';
}

/** LXD 5.0 options that Incus does not have: the type LXD checks, and Incus's name for it if renamed. */
export const LXD_ONLY: Readonly<Record<string, { type: 'bool' | 'string' | 'priority'; incus?: string }>> = {
  'security.devlxd': { type: 'bool', incus: 'security.guestapi' },
  'security.devlxd.images': { type: 'bool', incus: 'security.guestapi.images' },
  'security.syscalls.blacklist': { type: 'string', incus: 'security.syscalls.deny' },
  'security.syscalls.blacklist_compat': { type: 'bool', incus: 'security.syscalls.deny_compat' },
  'security.syscalls.blacklist_default': { type: 'bool', incus: 'security.syscalls.deny_default' },
  'security.syscalls.whitelist': { type: 'string', incus: 'security.syscalls.allow' },
  'limits.network.priority': { type: 'priority' },
};

/** Incus options (names as in keys.ts, patterns included) that LXD 5.0.2 refuses as unknown. */
export const INCUS_ONLY: ReadonlySet<string> = new Set([
  'boot.autorestart', 'boot.host_shutdown_action', 'smbios11.*', 'systemd.credential-binary.*', 'systemd.credential.*',
  'oci.cwd', 'oci.dns.domain', 'oci.dns.nameservers', 'oci.dns.search', 'oci.entrypoint', 'oci.gid', 'oci.uid',
  'raw.qemu.qmp.early', 'raw.qemu.qmp.post-start', 'raw.qemu.qmp.pre-start', 'raw.qemu.scriptlet',
  'limits.cpu.nodes', 'limits.memory.hotplug', 'limits.memory.oom_priority',
  'security.bpffs.delegate_attachs', 'security.bpffs.delegate_cmds', 'security.bpffs.delegate_maps', 'security.bpffs.delegate_progs', 'security.bpffs.path',
  'security.csm', 'security.guestapi', 'security.guestapi.images', 'security.iommu', 'security.protection.start',
  'security.selinux.domain', 'security.selinux.label_rootfs', 'security.selinux.level', 'security.selinux.type',
  'security.sev', 'security.sev.policy.es', 'security.sev.session.data', 'security.sev.session.dh',
  'security.syscalls.intercept.sysinfo', 'snapshots.expiry.manual',
]);
