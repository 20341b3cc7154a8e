/**
 * Parsers for the strings Podman checks when it creates a container or sets up its runtime
 * (volume specs, sysctls, ulimits, sizes, CIDRs): each returns what is wrong, in ctconf's
 * words, or undefined. The rules follow Podman 4.3 (containers/common 0.50, go-units 0.5);
 * test/differential checks them against the real Podman.
 */

/** go-units size strings (RAMInBytes, FromHumanSize): digits, one optional space, a unit; no other spaces. */
export function isGoSize(s: string): boolean {
  return /^[0-9]+(\.[0-9]+)?( ?)([kKmMgGtTpP])?[iI]?[bB]?$/.test(s);
}

/** The resource names go-units accepts in a ulimit (case matters). */
export const ULIMITS: ReadonlySet<string> = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

export function ulimitError(s: string): string | undefined {
  const m = /^([^=]+)=([^:]*)(?::(.*))?$/.exec(s);
  if (!m) return `\`${s}\` is not a ulimit: write \`name=soft[:hard]\`, such as \`nofile=1024:2048\`.`;
  if (!ULIMITS.has(m[1])) return `\`${m[1]}\` is not a ulimit name (use one of ${[...ULIMITS].join(', ')}).`;
  for (const n of [m[2], m[3]]) if (n !== undefined && !/^[+-]?[0-9]+$/.test(n)) return `\`${n}\` in \`${s}\` is not a number.`;
  if (m[3] === undefined) return undefined;
  // -1 means unlimited: an unlimited soft limit needs an unlimited hard one.
  const [soft, hard] = [BigInt(m[2]), BigInt(m[3])];
  if (hard !== -1n && (soft === -1n || soft > hard)) return `The soft limit ${m[2]}${soft === -1n ? ' (unlimited)' : ''} in \`${s}\` is above the hard limit ${m[3]}.`;
  return undefined;
}

/** A device mode: some of r, w and m, each at most once. */
export function deviceModeOk(mode: string): boolean {
  return /^[rwm]{1,3}$/.test(mode) && new Set(mode).size === mode.length;
}

/** IPv4 or IPv6 CIDR as Go's net.ParseCIDR reads it. */
export function cidrError(s: string): string | undefined {
  const slash = s.indexOf('/');
  const [ip, bits] = slash < 0 ? [s, ''] : [s.slice(0, slash), s.slice(slash + 1)];
  const v4 = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/.exec(ip);
  const max = v4 ? 32 : 128;
  const addrOk = v4 ? v4.slice(1).every((x) => Number(x) <= 255) : ip.includes(':') && ipv6Ok(ip);
  if (!addrOk || !/^(0|[1-9][0-9]{0,2})$/.test(bits) || Number(bits) > max) return `\`${s}\` is not a CIDR address such as \`10.88.0.0/16\`.`;
  return undefined;
}

function ipv6Ok(ip: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(ip)) return false;
  try {
    new URL(`http://[${ip}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Sysctls a container may set (Podman's list): IPC ones, message queues and the network namespace. */
const NAMESPACED = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

export function sysctlError(s: string): string | undefined {
  const parts = s.split('=');
  if (parts.length < 2) return `\`${s}\` is not \`name=value\`.`;
  if (`${parts[0].trim()}=${parts[1].trim()}` !== s) return `\`${s}\` has spaces around \`=\` (or a second \`=\`), which Podman refuses.`;
  const name = parts[0];
  if (NAMESPACED.has(name) || name.startsWith('net.') || name.startsWith('fs.mqueue.')) return undefined;
  return `\`${name}\` is not a sysctl a container may set (only \`net.*\`, \`fs.mqueue.*\` and the IPC \`kernel.*\` ones, written with dots).`;
}

/** Bind-mount options Podman knows, by group: each group at most once. */
const VOLUME_OPTS: readonly (readonly string[])[] = [
  ['rw', 'ro'], ['z', 'Z', 'O'], ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave', 'unbindable', 'runbindable'],
  ['bind', 'rbind'], ['exec', 'noexec'], ['dev', 'nodev'], ['suid', 'nosuid'], ['U'], ['copy', 'nocopy'],
];

/** A named volume: what Podman accepts as a volume name. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function volumeError(s: string): string | undefined {
  const parts = s.split(':');
  if (parts.length > 3) return `\`${s}\` is not \`host-dir:container-dir[:options]\`.`;
  if (parts.length === 1) return parts[0].startsWith('/') ? undefined : `\`${s}\`: a volume needs a container path (absolute).`;
  if (parts[0] === '') return `\`${s}\` has an empty host directory.`;
  // A source that is no path names a volume: Podman creates it under that name, and refuses
  // other names (no variables or `~` are expanded).
  if (!/^[/.]/.test(parts[0]) && !VOLUME_NAME.test(parts[0])) return `\`${parts[0]}\` is neither a path (starting with \`/\` or \`.\`) nor a volume name (letters, digits, \`_\`, \`.\`, \`-\`, not first); Podman does not expand variables or \`~\` here.`;
  if (!parts[1].startsWith('/')) return `\`${parts[1]}\` in \`${s}\` must be an absolute container path.`;
  if (parts.length < 3) return undefined;
  const seen = new Map<number, string>();
  const options = parts[2].split(',');
  for (const o of options) {
    if (/^(upperdir|workdir)=|^idmap/.test(o)) continue;
    const g = VOLUME_OPTS.findIndex((grp) => grp.includes(o));
    if (g < 0) return `\`${o}\` is not a volume option Podman knows.`;
    if (seen.has(g)) return `\`${seen.get(g)}\` and \`${o}\` in \`${s}\`: only one of ${VOLUME_OPTS[g].map((x) => `\`${x}\``).join(', ')} may be given.`;
    seen.set(g, o);
  }
  // An overlay mount (O) takes no other options but U and its upperdir/workdir.
  const other = options.includes('O') ? options.find((o) => o !== 'O' && o !== 'U' && !/^(upperdir|workdir)=/.test(o)) : undefined;
  if (other !== undefined) return `\`O\` (an overlay mount) cannot be combined with \`${other}\`; only \`U\`, \`upperdir=\` and \`workdir=\` go with it.`;
  return undefined;
}
