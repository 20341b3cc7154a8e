/**
 * Proxmox's named string formats (PVE::JSONSchema register_format and pve-container's own), as
 * facts: what each accepts. A format without an entry here is not checked.
 */
import { isIPv4, isIPv6 } from 'node:net';

const cidr = (v: string, ip: (s: string) => boolean, max: number): boolean => {
  const m = /^([^/]+)\/(\d+)$/.exec(v);
  return !!m && ip(m[1]) && Number(m[2]) >= 1 && Number(m[2]) <= max;
};

/** Why a value does not fit a format, or undefined (also for formats not listed). */
export const FORMATS: Readonly<Record<string, (v: string) => string | undefined>> = {
  // Unicast only (the low bit of the first byte clear), and not all zeros.
  'mac-addr': (v) => (/^[0-9a-f][02468ace](?::[0-9a-f]{2}){5}$/i.test(v) && !/^00(?::00){5}$/.test(v) ? undefined : 'not a unicast MAC address such as `BC:24:11:2A:3B:4C` (the second digit even, not all zeros)'),
  ipv4: (v) => (isIPv4(v) ? undefined : 'not an IPv4 address'),
  ipv6: (v) => (isIPv6(v) ? undefined : 'not an IPv6 address'),
  'pve-ipv4-config': (v) => (v === 'dhcp' || v === 'manual' || cidr(v, isIPv4, 32) ? undefined : 'expected `dhcp`, `manual` or an address with its prefix length, such as `10.0.0.5/24`'),
  'pve-ipv6-config': (v) => (v === 'auto' || v === 'dhcp' || v === 'manual' || cidr(v, isIPv6, 128) ? undefined : 'expected `auto`, `dhcp`, `manual` or an address with its prefix length, such as `fd00::5/64`'),
  // Separated by blanks, commas or semicolons (PVE::Tools::split_list).
  'ip-list': (v) => {
    const bad = v.replace(/[,;]/g, ' ').trim().split(/\s+/).find((a) => !isIPv4(a) && !isIPv6(a));
    return bad === undefined ? undefined : `\`${bad}\` is not an IP address`;
  },
  'pve-volume-id': (v) => (/^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$/i.test(v) ? undefined : 'expected a volume such as `local:snippets/hook.sh`'),
};
