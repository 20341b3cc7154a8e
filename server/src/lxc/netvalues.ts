/** Value checks of network addresses and routes (lxc.net.<i>.ipv4.address and friends). */
import { inetPton4, inetPton6, safeUint } from './cnum';
import type { ValueIssue } from './values';

const invalid = (message: string, start: number, end: number): ValueIssue => ({ code: 'lxc/invalid-value', message, start, end });
const suspicious = (message: string, start: number, end: number): ValueIssue => ({ code: 'lxc/suspicious-value', message, start, end });

export function checkIpv4Address(value: string): ValueIssue[] {
  const space = value.indexOf(' ');
  const head = space === -1 ? value : value.slice(0, space);
  const bcast = space === -1 ? undefined : value.slice(space + 1);
  const slash = head.indexOf('/');
  const addr = slash === -1 ? head : head.slice(0, slash);
  const prefix = slash === -1 ? undefined : head.slice(slash + 1);
  if (!inetPton4(addr)) return [invalid(`\`${addr}\` is not an IPv4 address. Write \`a.b.c.d/prefix\`, for example \`10.0.3.5/24\`.`, 0, addr.length)];
  if (bcast !== undefined && !inetPton4(bcast)) return [invalid(`The broadcast address \`${bcast}\` is not an IPv4 address.`, space + 1, value.length)];
  if (prefix !== undefined) {
    const n = safeUint(prefix);
    if (n === null || n > 32) return [invalid(`The IPv4 prefix length must be a number from 0 to 32, not \`${prefix}\`.`, slash + 1, head.length)];
  }
  return [];
}

export function checkIpv6Address(value: string): ValueIssue[] {
  const slash = value.indexOf('/');
  const addr = slash === -1 ? value : value.slice(0, slash);
  if (slash !== -1) {
    const prefix = value.slice(slash + 1);
    const n = safeUint(prefix);
    if (n === null) return [invalid(`The IPv6 prefix length must be a number, not \`${prefix}\`.`, slash + 1, value.length)];
    if (!inetPton6(addr)) return [invalid(`\`${addr}\` is not an IPv6 address.`, 0, slash)];
    if (n > 128) return [suspicious(`LXC accepts the prefix length ${n}, but IPv6 prefixes go up to 128; adding the address will fail.`, slash + 1, value.length)];
    return [];
  }
  return inetPton6(addr) ? [] : [invalid(`\`${addr}\` is not an IPv6 address.`, 0, value.length)];
}

export function checkRoute(value: string, max: number, pton: (s: string) => boolean, whole: (m: string) => ValueIssue[]): ValueIssue[] {
  const slash = value.indexOf('/');
  const fam = max === 32 ? 'IPv4' : 'IPv6';
  if (slash === -1 || slash === value.length - 1) return whole(`A route needs an address and a prefix length: \`address/prefix\`.`);
  const n = safeUint(value.slice(slash + 1));
  if (n === null || n > max) return [invalid(`The ${fam} route prefix must be a number from 0 to ${max}.`, slash + 1, value.length)];
  if (!pton(value.slice(0, slash))) return [invalid(`\`${value.slice(0, slash)}\` is not an ${fam} address.`, 0, slash)];
  return [];
}

