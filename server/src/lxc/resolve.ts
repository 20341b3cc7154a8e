/**
 * Finds what a key means, the way liblxc's lookup does (confile.c lxc_get_config):
 * exact keys first, then the prefix families, then the network table after the index.
 * Legacy keys and typos are recognised so the diagnostics can name the fix.
 */
import { EXACT_KEYS, FAMILY_KEYS, NET_PREFIX, NET_SUBKEYS, netSubkey, type FamilyKey, type LxcKey } from './keys';
import { legacyKey, type LegacyKey } from './legacy';
import { LXC_VERSIONS, atLeast, type LxcVersion } from './version';
import { Suggester } from '../util/strings';
import { isCDigit, safeUint } from './cnum';

export type Resolved =
  | { type: 'exact'; key: LxcKey }
  /** A family key (`familySub` gives the name after the prefix). */
  | { type: 'family'; key: FamilyKey; bare: boolean }
  | { type: 'net'; key: LxcKey & { sub: string }; index: number }
  /** `lxc.net.<i>` on its own. */
  | { type: 'net-index'; index: number }
  | { type: 'legacy'; legacy: LegacyKey }
  /** Reaches a handler that always refuses it (bad family shape, bad network index). */
  | { type: 'invalid'; message: string; suggestion?: string }
  | { type: 'unknown'; suggestion?: string };

const INT_MAX = 2147483647;

/** What follows a family's prefix and its dot ('' for the bare family name). */
export function familySub(key: string, fam: FamilyKey): string {
  return key.length <= fam.prefix.length ? '' : key.slice(fam.prefix.length + 1);
}

/** Family keys too (bare or named): a config of 500,000 sysctl keys made an answer per line. */
const familyAnswers: ReadonlyMap<FamilyKey, { named: Resolved; bare: Resolved }> = new Map(
  FAMILY_KEYS.map((f) => [f, { named: Object.freeze({ type: 'family' as const, key: f, bare: false }), bare: Object.freeze({ type: 'family' as const, key: f, bare: true }) }]),
);

/** Exact keys resolve to one shared, frozen answer each (no allocation per config line). */
const exactAnswers: ReadonlyMap<string, Resolved> = new Map<string, Resolved>(EXACT_KEYS.map((k) => [k.name, Object.freeze({ type: 'exact' as const, key: k })]));

export function resolveKey(key: string): Resolved {
  const exact = exactAnswers.get(key);
  if (exact) return exact;

  if (key.startsWith(NET_PREFIX)) return resolveNet(key);

  for (const fam of FAMILY_KEYS) {
    if (!key.startsWith(fam.prefix)) continue;
    // Some families are only matched with their trailing dot (lxc.namespace.share.).
    if (fam.dotted && key.charCodeAt(fam.prefix.length) !== 46) continue;
    const at = fam.prefix.length;
    if (key.length === at) return familyAnswers.get(fam)!.bare;
    if (key.charCodeAt(at) !== 46) {
      // lxc.cgroupfoo, lxc.prlimitX: liblxc's prefix table sends them to the family, which refuses them.
      const suggestion = KEY_NAMES.closest(key);
      return { type: 'invalid', message: `\`${key}\` is not a key: after \`${fam.prefix}\` LXC expects a dot and a name, as in \`${fam.name}\`.`, suggestion };
    }
    return familyAnswers.get(fam)!.named;
  }

  const legacy = legacyKey(key);
  if (legacy) return { type: 'legacy', legacy };
  return { type: 'unknown', suggestion: suggestKey(key) };
}

function resolveNet(key: string): Resolved {
  const rest = key.slice(NET_PREFIX.length);
  if (isCDigit(rest[0]) && !rest.includes('.')) {
    // `lxc.net.<i>` alone (it only removes interface i): liblxc reads i as an unsigned C
    // number (base 0, so 010 is 8 and 0x10 is 16, up to UINT_MAX), unlike the index of
    // `lxc.net.<i>.<key>`, which is decimal and below INT_MAX.
    const index = safeUint(rest);
    if (index === null) {
      return { type: 'invalid', message: `\`${rest}\` is not an interface number LXC can read here (a whole number from 0 to 4294967295; a leading 0 means octal, 0x hexadecimal).` };
    }
    return { type: 'net-index', index };
  }
  const m = /^([0-9]+)(.*)$/.exec(rest);
  if (!m) {
    const sub = rest.replace(/^[^.]*\.?/, '');
    const guess = netSubkey(rest) ? `lxc.net.0.${rest}` : netSubkey(sub) ? `lxc.net.0.${sub}` : undefined;
    return { type: 'invalid', message: `Network keys need an interface number after \`lxc.net.\`, as in \`lxc.net.0.type\`.`, suggestion: guess };
  }
  const index = Number(m[1]);
  if (!Number.isSafeInteger(index) || index >= INT_MAX) {
    return { type: 'invalid', message: `The network interface number ${m[1]} is too large; LXC takes numbers below ${INT_MAX}.` };
  }
  const tail = m[2];
  if (tail[0] !== '.') return { type: 'invalid', message: `\`${key}\` is not a network key: the interface number must be followed by a dot and a key such as \`type\`.` };
  const sub = tail.slice(1);
  const k = netSubkey(sub);
  if (k) return { type: 'net', key: k, index };
  const s = NET_SUBS.closest(sub);
  const legacySub = sub === 'ipv4' || sub === 'ipv6' ? `${sub}.address` : undefined;
  const suggestion = legacySub ?? s;
  return {
    type: 'invalid',
    message: `\`${sub}\` is not a network key LXC knows.`,
    suggestion: suggestion ? `lxc.net.${m[1]}.${suggestion}` : undefined,
  };
}

/** Did-you-mean candidates, indexed once (see Suggester). */
const KEY_NAMES = new Suggester([
  ...EXACT_KEYS.map((k) => k.name),
  ...FAMILY_KEYS.map((f) => f.prefix),
  ...NET_SUBKEYS.map((n) => `lxc.net.0.${n.sub}`),
]);
const NET_SUBS = new Suggester(NET_SUBKEYS.map((n) => n.sub));
/** Two-part family names (lxc.sysctl), for a mistyped family with a tail. */
const FAMILY_NAMES = new Suggester(FAMILY_KEYS.map((f) => f.prefix).filter((p) => p.split('.').length === 2));

export function suggestKey(key: string): string | undefined {
  const net = /^lxc\.net\.([0-9]+)\./.exec(key);
  if (net) {
    const s = NET_SUBS.closest(key.slice(net[0].length));
    return s ? `${net[0]}${s}` : undefined;
  }
  // A mistyped family name keeps its tail: lxc.sysctrl.net.ipv4.ip_forward -> lxc.sysctl.net.ipv4.ip_forward.
  const m = /^(lxc\.[^.]+)(\..+)$/.exec(key);
  if (m) {
    const fam = FAMILY_NAMES.closest(m[1]);
    if (fam) return fam + m[2];
  }
  return KEY_NAMES.closest(key);
}

/** Whether the key (or family) exists in the target version, and why not. */
export type Availability = Readonly<{ ok: true } | { ok: false; code: 'lxc/key-too-new' | 'lxc/key-removed'; message: string }>;

const AVAILABLE: Availability = Object.freeze({ ok: true });

/**
 * Answers for every key and target version, computed once when the module loads (validation
 * asks for every line, completion for every key); never changed afterwards.
 */
const AVAILABILITIES: ReadonlyMap<LxcKey, Readonly<Record<LxcVersion, Availability>>> = new Map(
  [...EXACT_KEYS, ...FAMILY_KEYS, ...NET_SUBKEYS].map((k) => [
    k,
    Object.freeze(Object.fromEntries(LXC_VERSIONS.map((v) => [v, Object.freeze(availabilityOf(k, v))])) as Record<LxcVersion, Availability>),
  ]),
);

export function availability(k: LxcKey, version: LxcVersion): Availability {
  return AVAILABILITIES.get(k)?.[version] ?? availabilityOf(k, version);
}

function availabilityOf(k: LxcKey, version: LxcVersion): Availability {
  if (!atLeast(version, k.since)) {
    return { ok: false, code: 'lxc/key-too-new', message: `\`${k.name}\` needs LXC ${k.since.replace(/\.0$/, '.0')} or later; the target is LXC ${version}.` };
  }
  if (k.removed && atLeast(version, k.removed)) {
    return { ok: false, code: 'lxc/key-removed', message: `LXC ${k.removed} removed \`${k.name}\`; the target is LXC ${version}.` };
  }
  return AVAILABLE;
}
