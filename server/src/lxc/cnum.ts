/**
 * Exact emulation of the C number and address parsers liblxc uses on config values
 * (strtoul/strtol with base 0, lxc_safe_uint and friends, glibc's inet_pton).
 *
 * Hand-written on purpose: the verdict must match liblxc byte for byte (0x10 and 010
 * are numbers, "08" is not, "-0" is a valid u16, "1.2.3.04" is not an IPv4 address),
 * and no JavaScript library reproduces those C corner cases.
 */

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
export const UINT_MAX = 0xffffffffn;
export const INT_MAX = 0x7fffffffn;
export const INT_MIN = -0x80000000n;

interface StrtoResult {
  value: bigint;
  /** Index just after the last character consumed (0 when nothing was converted). */
  end: number;
  overflow: boolean;
  negative: boolean;
}

const isCSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The value of a digit character in bases up to 16, or -1. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Below this a JavaScript number holds the value exactly, however many digits follow. */
const EXACT_LIMIT = 2 ** 48;

/**
 * strtoul/strtoull/strtol semantics on the magnitude; the caller applies limits. Numbers are
 * accumulated as JavaScript numbers while they are exact and only long ones become BigInt
 * digit by digit (config values are nearly always short numbers).
 */
function strto(s: string, base: 0 | 10): StrtoResult {
  const n = s.length;
  let i = 0;
  while (i < n && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) {
    negative = sign === 45;
    i++;
  }
  let radix = 10;
  if (base === 0 && s.charCodeAt(i) === 48) {
    const x = s.charCodeAt(i + 1);
    if ((x === 120 || x === 88) && digitValue(s.charCodeAt(i + 2)) >= 0) {
      radix = 16;
      i += 2;
    } else {
      radix = 8;
    }
  }
  const start = i;
  let small = 0;
  let value: bigint | undefined;
  let overflow = false;
  for (; i < n; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= radix) break;
    if (overflow) continue;
    if (value === undefined) {
      small = small * radix + d;
      if (small >= EXACT_LIMIT) value = BigInt(small);
    } else {
      value = value * BigInt(radix) + BigInt(d);
      if (value > U64_MAX * 2n) overflow = true; // keep numbers bounded
    }
  }
  if (i === start) return { value: 0n, end: 0, overflow: false, negative: false };
  return { value: value ?? BigInt(small), end: i, overflow, negative };
}

/** unsigned long result of strtoul (wraps negatives as C does); null when nothing converted. */
function strtoulFull(s: string, base: 0 | 10 = 0): { value: bigint; end: number; erange: boolean } | null {
  const r = strto(s, base);
  if (r.end === 0) return null;
  if (r.overflow || r.value > U64_MAX) return { value: U64_MAX, end: r.end, erange: true };
  const v = r.negative ? (U64_MAX + 1n - r.value) % (U64_MAX + 1n) : r.value;
  return { value: v, end: r.end, erange: false };
}

/** lxc_safe_ulong: whitespace, no leading '-', base 0, no trailing junk, fits in 64 bits. */
export function safeUlong(s: string): bigint | null {
  // The usual case, a plain decimal without a leading zero (which would mean octal) and short
  // enough to be exact as a double: no C emulation needed.
  const n = s.length;
  if (s === '0') return 0n;
  if (n > 0 && n <= 15 && s.charCodeAt(0) !== 48) {
    let digits = true;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) {
        digits = false;
        break;
      }
    }
    if (digits) return BigInt(Number(s));
  }
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  if (s[i] === '-') return null;
  const r = strtoulFull(s.slice(i));
  if (!r || r.erange || r.end !== s.length - i) return null;
  return r.value;
}

/** Whether strtoul would overflow (set errno to ERANGE) on this text. */
export function ulongOverflows(s: string): boolean {
  const r = strtoulFull(s);
  return r !== null && r.erange;
}

/** lxc_safe_uint: lxc_safe_ulong limited to 32 bits. */
export function safeUint(s: string): number | null {
  const v = safeUlong(s);
  if (v === null || v > UINT_MAX) return null;
  return Number(v);
}

/** lxc_safe_int / lxc_safe_long_long: strtol base 0, sign allowed, no junk, within range. */
export function safeSigned(s: string, min: bigint, max: bigint): bigint | null {
  const r = strto(s, 0);
  if (r.end === 0 || r.end !== s.length) return null;
  const v = r.negative ? -r.value : r.value;
  if (r.overflow || v > max || v < min) return null;
  return v;
}

export function safeInt(s: string): number | null {
  const v = safeSigned(s, INT_MIN, INT_MAX);
  return v === null ? null : Number(v);
}

export function safeLongLong(s: string): bigint | null {
  return safeSigned(s, I64_MIN, I64_MAX);
}

/** get_u16: strtoul base 0 (negatives wrap), whole string, at most 0xFFFF. */
export function getU16(s: string): number | null {
  if (s === '') return null;
  const r = strtoulFull(s);
  if (!r || r.erange || r.end !== s.length || r.value > 0xffffn) return null;
  return Number(r.value);
}

/** strtoull base 10 as parse_limit_value uses it: returns consumed length, or 0 if nothing. */
export function strtoullPrefix(s: string): { end: number; erange: boolean } {
  const r = strtoulFull(s, 10);
  if (!r) return { end: 0, erange: false };
  return { end: r.end, erange: r.erange };
}

/**
 * lxc_safe_int64_residual(base 10): a signed number followed by a short residual.
 * Returns null when nothing converts, on positive overflow, or when the residual has
 * residualMax characters or more.
 */
export function int64Residual(s: string, residualMax: number): { value: bigint; residual: string } | null {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const r = strto(s.slice(i), 10);
  if (r.end === 0) return null;
  let v = r.negative ? -r.value : r.value;
  if (v > I64_MAX) return null; // ERANGE with INT64_MAX is rejected
  if (v < I64_MIN) v = I64_MIN; // negative overflow is not caught by liblxc
  const residual = s.slice(i + r.end);
  if (residual.length >= residualMax) return null;
  return { value: v, residual };
}

export function isCDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** glibc inet_pton(AF_INET): exactly four decimal parts, no leading zeros, each ≤ 255. */
export function inetPton4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return false;
    if (p.length > 1 && p[0] === '0') return false;
    if (Number(p) > 255) return false;
  }
  return true;
}

/** glibc inet_pton(AF_INET6), including one "::" and a trailing dotted IPv4 part. */
export function inetPton6(s: string): boolean {
  if (s.length === 0) return false;
  if (s.startsWith(':') && !s.startsWith('::')) return false;
  if (s.endsWith(':') && !s.endsWith('::')) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  const groups = s.split(':');
  let count = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (g === '') continue; // part of "::" (checked above)
    if (g.includes('.')) {
      if (gi !== groups.length - 1 || !inetPton4(g)) return false;
      count += 2;
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
    count += 1;
  }
  if (dbl === -1) return count === 8;
  return count <= 7;
}
