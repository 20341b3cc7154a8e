/**
 * The host IDs a Proxmox container uses. Proxmox reads `lxc.idmap` lines that start with
 * `u|g nsid hostid count`; an unprivileged container without any gets the fixed map
 * `u 0 100000 65536` and `g 0 100000 65536` (Proxmox does not read /etc/subuid for it).
 */
import type { HostMap } from '../unpriv/containers';
import { splitLines } from '../unpriv/text';

/** Proxmox's map for unprivileged containers without lxc.idmap lines. */
export const PVE_DEFAULT_BASE = 100000n;
export const PVE_DEFAULT_COUNT = 65536n;

export function proxmoxIdmaps(text: string): HostMap[] {
  const maps: HostMap[] = [];
  let unprivileged = false;
  for (const l of splitLines(text)) {
    // Only the current configuration: snapshots and pending changes follow in sections.
    if (/^\[/.test(l.text)) break;
    const raw = /^lxc\.idmap(?::|\s*=)\s*(.*?)\s*$/.exec(l.text);
    if (raw) {
      const m = /^([ug])\s+(\d+)\s+(\d+)\s+(\d+)/.exec(raw[1]);
      if (m) maps.push({ type: m[1] as 'u' | 'g', nsid: BigInt(m[2]), hostid: BigInt(m[3]), count: BigInt(m[4]), line: l.line });
    } else if (/^unprivileged:\s*(.+?)\s*$/.exec(l.text)?.[1].match(/^(1|on|yes|true)$/i)) {
      unprivileged = true;
    }
  }
  if (unprivileged && maps.length === 0) {
    for (const type of ['u', 'g'] as const) maps.push({ type, nsid: 0n, hostid: PVE_DEFAULT_BASE, count: PVE_DEFAULT_COUNT, line: -1 });
  }
  return maps;
}
