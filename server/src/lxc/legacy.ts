/**
 * Keys of LXC 2.x and earlier that LXC 3.0 removed (commit "tree-wide: remove legacy
 * codepaths"). Every current liblxc refuses them as unsupported keys. Facts from
 * ../shared/reference/lxc-legacy.json; the notes are ctconf's words.
 */

export interface LegacyKey {
  old: string;
  /** Replacement key; undefined when the key was dropped without one. */
  replacement?: string;
  note?: string;
}

const RENAMES: Record<string, string> = {
  'lxc.utsname': 'lxc.uts.name',
  'lxc.tty': 'lxc.tty.max',
  'lxc.pts': 'lxc.pty.max',
  'lxc.devttydir': 'lxc.tty.dir',
  'lxc.aa_profile': 'lxc.apparmor.profile',
  'lxc.aa_allow_incomplete': 'lxc.apparmor.allow_incomplete',
  'lxc.se_context': 'lxc.selinux.context',
  'lxc.id_map': 'lxc.idmap',
  'lxc.mount': 'lxc.mount.fstab',
  'lxc.seccomp': 'lxc.seccomp.profile',
  'lxc.console': 'lxc.console.path',
  'lxc.haltsignal': 'lxc.signal.halt',
  'lxc.rebootsignal': 'lxc.signal.reboot',
  'lxc.stopsignal': 'lxc.signal.stop',
  'lxc.syslog': 'lxc.log.syslog',
  'lxc.loglevel': 'lxc.log.level',
  'lxc.logfile': 'lxc.log.file',
  'lxc.init_cmd': 'lxc.init.cmd',
  'lxc.init_uid': 'lxc.init.uid',
  'lxc.init_gid': 'lxc.init.gid',
  'lxc.rootfs': 'lxc.rootfs.path',
  'lxc.network': 'lxc.net',
  'lxc.limit': 'lxc.prlimit',
};

const DROPPED: Record<string, string> = {
  'lxc.rootfs.backend': 'It only chose the storage type, which now goes in front of the path in lxc.rootfs.path (`btrfs:/var/lib/lxc/c1/rootfs`).',
  'lxc.kmsg': 'LXC no longer creates /dev/kmsg as a link to the console; remove the line.',
  'lxc.pivotdir': 'LXC no longer needs a directory to pivot through; remove the line.',
};

/** Every legacy key name matched exactly (the lxc.limit.* and lxc.network.* families aside). */
export const LEGACY_KEY_NAMES: readonly string[] = [...Object.keys(RENAMES), ...Object.keys(DROPPED)];

/** Network sub-keys whose name changed beyond the index. */
const NET_SUB_RENAMES: Record<string, string> = { ipv4: 'ipv4.address', ipv6: 'ipv6.address' };

export function netSubReplacement(sub: string): string {
  return NET_SUB_RENAMES[sub] ?? sub;
}

/** Returns what a legacy key became, or undefined when `key` is not a legacy key. */
export function legacyKey(key: string): LegacyKey | undefined {
  if (Object.hasOwn(RENAMES, key)) return { old: key, replacement: RENAMES[key] };
  if (Object.hasOwn(DROPPED, key)) return { old: key, note: DROPPED[key] };
  let m = /^lxc\.limit\.(.+)$/.exec(key);
  if (m) return { old: key, replacement: `lxc.prlimit.${m[1]}` };
  m = /^lxc\.network\.([0-9]+)\.(.+)$/.exec(key);
  if (m) return { old: key, replacement: `lxc.net.${m[1]}.${netSubReplacement(m[2])}` };
  m = /^lxc\.network\.(.+)$/.exec(key);
  if (m) {
    return {
      old: key,
      replacement: `lxc.net.<i>.${netSubReplacement(m[1])}`,
      note: 'Un-numbered network keys belonged to the interface started by the last `lxc.network.type` line; the new keys need that interface\'s number.',
    };
  }
  return undefined;
}
