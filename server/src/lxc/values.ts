/**
 * Value checks, one per ValueKind, mirroring what liblxc's setters accept
 * (src/lxc/confile.c). Offsets in the returned issues are relative to the value.
 * Capabilities, includes and network types need state across lines: check/*.ts
 * handles those.
 */
import { ARCHES, LOG_LEVELS, MOUNT_AUTO_TOKENS, NAMESPACES, NET_TYPES, type LxcKey } from './keys';
import {
  ulongOverflows, getU16, inetPton4, inetPton6, int64Residual, isCDigit, safeInt, safeLongLong, safeUint, safeUlong, strtoullPrefix,
} from './cnum';
import { atLeast, type LxcVersion } from './version';
import { idmapFast, parseIdmap } from './idmap';
import { closest } from '../util/strings';
import { checkIpv4Address, checkIpv6Address, checkRoute } from './netvalues';
import { checkPath, pathTooLong, tooLong } from './pathvalues';
import type { FileType } from '../host';

export interface ValueIssue {
  code: 'lxc/invalid-value' | 'lxc/suspicious-value' | 'lxc/env-unset' | 'lxc/unknown-prlimit';
  message: string;
  start: number;
  end: number;
  /** liblxc's verdict on the line depends on what it did before (not on the line itself). */
  stateDependent?: boolean;
}

export interface ValueContext {
  version: LxcVersion;
  /** Reads a variable of the environment the config is loaded in. */
  env(name: string): string | undefined;
  /** Whether a host path can be opened (used for rootfs idmap=). */
  exists(path: string): boolean;
  /** The full key, for messages (`lxc.net.0.mtu`). */
  key: string;
  /** Type of a host path (undefined: missing, or not to be looked at, as in Restricted Mode). */
  stat(path: string): FileType | undefined;
  /** Directory relative host paths are resolved against. */
  cwd: string;
}

export { splitTokens, type Token } from './tokens';
import { splitTokens } from './tokens';

/**
 * The value's length in the file's bytes. A byte that is not UTF-8 reaches ctconf as U+FFFD (three
 * bytes in UTF-8); it stood for one byte in the file, which is what liblxc counts.
 */
const utf8Length = (s: string): number => {
  const n = Buffer.byteLength(s, 'utf8');
  let replaced = 0;
  for (let i = s.indexOf('\ufffd'); i !== -1; i = s.indexOf('\ufffd', i + 1)) replaced++;
  return n - 2 * replaced;
};

/**
 * Counts what splitTokens would return, without building the tokens, stopping once `enough`
 * are found (hot: every mount entry only needs to show four fields).
 */
function countTokens(value: string, enough = Infinity): number {
  let n = 0;
  let inToken = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const sep = c === 32 || c === 9;
    if (!sep && !inToken && ++n >= enough) return n;
    inToken = !sep;
  }
  return n;
}

const MOUNT_AUTO_SET: ReadonlySet<string> = new Set<string>(MOUNT_AUTO_TOKENS);

// Fast paths for the usual, good values of the two most frequent accumulating keys: one
// native regular expression instead of a token walk (they run on a large share of the lines
// of big configs). A value they do not match takes the full check.
/** At least four fields separated by spaces or tabs (a complete mount entry). */
const FOUR_FIELDS = /^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]/;
/** Only known lxc.mount.auto tokens. */
const MOUNT_AUTO_ONLY = new RegExp(`^[ \\t]*(?:(?:${[...MOUNT_AUTO_TOKENS].sort((a, b) => b.length - a.length).join('|')})(?:[ \\t]+|$))+$`);

/** The answer for a value without issues: one shared, frozen array instead of one per line. */
const NONE: ValueIssue[] = Object.freeze([]) as unknown as ValueIssue[];

/** Signal names liblxc knows on Linux/glibc (sig_parse; names need the SIG prefix). */
export const SIGNALS = [
  'HUP', 'INT', 'QUIT', 'ILL', 'ABRT', 'FPE', 'KILL', 'SEGV', 'PIPE', 'ALRM', 'TERM', 'USR1', 'USR2', 'CHLD', 'CONT',
  'STOP', 'TSTP', 'TTIN', 'TTOU', 'TRAP', 'IOT', 'BUS', 'STKFLT', 'CLD', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF',
  'WINCH', 'IO', 'POLL', 'PWR', 'SYS',
] as const;
const RT_SPAN = 30; // SIGRTMAX - SIGRTMIN with glibc on Linux

export function parseSignal(v: string): boolean {
  if (isCDigit(v[0])) {
    const n = safeUint(v);
    return n !== null && n <= 0x7fffffff;
  }
  if (v.slice(0, 3).toLowerCase() !== 'sig') return false;
  const rest = v.slice(3);
  if (rest.slice(0, 2).toLowerCase() === 'rt') {
    const r = rest.slice(2);
    const head = r.slice(0, 4).toLowerCase();
    if (head !== 'max-' && head !== 'min+') return false;
    const num = r.slice(4);
    if (!isCDigit(num[0])) return false;
    const n = safeUint(num);
    return n !== null && n <= RT_SPAN;
  }
  return SIGNALS.some((s) => s.toLowerCase() === rest.toLowerCase());
}

/** parse_byte_size_string plus the checks of the console size setters. */
export function parseByteSize(v: string): boolean {
  if (v === 'auto') return true;
  if (v.length === 0 || v.length > 21) return false; // liblxc copies it into a 22-byte buffer
  const last = v[v.length - 1];
  let suffixLen: number;
  if (isCDigit(last)) suffixLen = 0;
  else if (/[A-Za-z]/.test(last)) suffixLen = 1;
  else return false;
  if (suffixLen > 0) {
    if (v.length === 1) return false;
    const prev = v[v.length - 2];
    if (v.length === 2) {
      if (/[A-Za-z]/.test(prev)) return false;
    } else if (/[A-Za-z]/.test(prev)) {
      suffixLen = 2;
    }
  }
  const suffix = v.slice(v.length - suffixLen);
  const num = v.slice(0, v.length - suffixLen).replace(/[ \t\n]+$/, '');
  const n = safeLongLong(num);
  if (n === null) return false;
  let size = n;
  if (suffixLen === 2) {
    const mult = { KB: 1n << 10n, MB: 1n << 20n, GB: 1n << 30n }[suffix.toUpperCase()];
    if (mult === undefined) return false;
    size = n * mult;
    if (size > (1n << 63n) - 1n || size < -(1n << 63n)) return false;
  }
  if (size < 0n) return false;
  return size <= 1n << 63n; // rounding up to a power of two must not overflow
}

function numberKind(kind: string, v: string): boolean {
  switch (kind) {
    case 'bool01': {
      const n = safeUint(v);
      return n === 0 || n === 1;
    }
    case 'uint':
      return safeUint(v) !== null;
    case 'int':
      return safeInt(v) !== null;
    case 'int-positive': {
      const n = safeInt(v);
      return n !== null && n > 0;
    }
    case 'u16':
      return getU16(v) !== null;
    case 'vlan-tagged-id': {
      const n = getU16(v);
      return n !== null && n <= 4094;
    }
    case 'vlan-id': {
      if (v === 'none') return true;
      const n = getU16(v);
      return n !== null && n <= 4094;
    }
  }
  return true;
}

const invalid = (message: string, start: number, end: number): ValueIssue => ({ code: 'lxc/invalid-value', message, start, end });
const suspicious = (message: string, start: number, end: number): ValueIssue => ({ code: 'lxc/suspicious-value', message, start, end });

function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c ? ` Did you mean \`${c}\`?` : '';
}

/** Checks a non-empty value. Empty values are handled by the caller (they clear). */
export function checkValue(key: LxcKey, value: string, ctx: ValueContext): ValueIssue[] {
  // The kinds of most lines of big configs first, without the helpers the others share.
  switch (key.kind) {
    case 'string':
    case 'words':
    case 'include':
      return NONE;
    case 'idmap':
      return checkIdmap(value);
    case 'mount-auto':
      return checkMountAuto(value);
    case 'env': {
      if (value.includes('=')) return NONE;
      if (ctx.env(value) !== undefined) return NONE;
      return [{ code: 'lxc/env-unset', message: `\`${value}\` has no \`=\`, so LXC copies it from the environment of the process that loads the config, where it is not set; LXC then refuses the line. Write \`${value}=value\`.`, start: 0, end: value.length }];
    }
    case 'fstab-line': {
      if (FOUR_FIELDS.test(value)) return NONE;
      const fields = countTokens(value, 4);
      return fields < 4 ? [suspicious(`LXC stores this mount entry without checking it, but it has ${fields} field${fields === 1 ? '' : 's'}: a mount entry needs source, target, type and options, so the mount fails when the container starts.`, 0, value.length)] : NONE;
    }
    default:
      return checkOther(key, value, ctx);
  }
}

function checkOther(key: LxcKey, value: string, ctx: ValueContext): ValueIssue[] {
  const whole = (msg: string): ValueIssue[] => [invalid(msg, 0, value.length)];
  const name = ctx.key;
  switch (key.kind) {
    case 'path':
      return checkPath(key, value, ctx);
    case 'bool01':
      return numberKind('bool01', value) ? NONE : whole(`${name} takes 0 or 1, not \`${value}\`.`);
    case 'uint-lax':
    case 'bool01-lax': {
      // These setters return -errno after lxc_safe_uint fails, and errno is 0 unless
      // strtoul overflowed: LXC then accepts the line and keeps the old value.
      const strict = key.kind === 'uint-lax' ? 'uint' : 'bool01';
      if (numberKind(strict, value)) return NONE;
      // A leading '-' fails before errno is reset, so the setter returns whatever errno an
      // earlier call inside liblxc left behind: whether the line is refused depends on what
      // LXC did before it, not on this line.
      if (/^[ \t\n\v\f\r]*-/.test(value)) {
        const issue = suspicious(`${name} cannot be negative. Whether LXC refuses this line or silently keeps the previous value depends on liblxc internals (an error code left over from earlier work), so the outcome can change with the lines before it. Write ${strict === 'uint' ? 'a whole number' : '0 or 1'}.`, 0, value.length);
        return [{ ...issue, stateDependent: true }];
      }
      const n = safeUint(value);
      if (n !== null) return whole(`${name} takes 0 or 1, not \`${value}\`.`);
      if (ulongOverflows(value)) return whole(`\`${value}\` is too large for ${name}.`);
      return [suspicious(`LXC silently ignores \`${value}\` for ${name} and keeps the previous value (${strict === 'uint' ? 'a whole number' : '0 or 1'} is expected).`, 0, value.length)];
    }
    case 'uint':
      return numberKind('uint', value) ? NONE : whole(`${name} takes a whole number from 0 to 4294967295, not \`${value}\`.`);
    case 'int':
      return numberKind('int', value) ? NONE : whole(`${name} takes a whole number (it may be negative), not \`${value}\`.`);
    case 'int-positive':
      return numberKind('int-positive', value) ? NONE : whole(`${name} takes a whole number greater than 0, not \`${value}\`.`);
    case 'int-lenient':
      return safeInt(value) !== null ? NONE : [suspicious(`LXC ignores \`${value}\` for ${name} and silently uses 500000 bytes. Write a number of bytes.`, 0, value.length)];
    case 'u16':
      return numberKind('u16', value) ? NONE : whole(`${name} takes a number from 0 to 65535, not \`${value}\`.`);
    case 'vlan-id':
      return numberKind('vlan-id', value) ? NONE : whole(`${name} takes \`none\` or a VLAN number from 0 to 4094, not \`${value}\`.`);
    case 'vlan-tagged-id':
      return numberKind('vlan-tagged-id', value) ? NONE : whole(`${name} takes a VLAN number from 0 to 4094, not \`${value}\`.`);
    case 'enum':
    case 'net-type': {
      const values = key.kind === 'net-type' ? NET_TYPES : key.values ?? [];
      return values.includes(value) ? NONE : whole(`\`${value}\` is not a valid value for ${name}. Use one of: ${values.join(', ')}.${didYouMean(value, values)}`);
    }
    case 'enum-ci': {
      const values = key.values ?? [];
      return values.some((v) => v.toLowerCase() === value.toLowerCase()) ? NONE : whole(`\`${value}\` is not a valid value for ${name}. Use one of: ${values.join(', ')}.${didYouMean(value.toLowerCase(), values)}`);
    }
    case 'arch': {
      const since = Object.hasOwn(ARCHES, value) ? ARCHES[value] : undefined;
      if (since !== undefined && atLeast(ctx.version, since)) return NONE;
      if (since !== undefined) return whole(`The architecture \`${value}\` needs LXC ${since} or later; the target is LXC ${ctx.version}.`);
      return whole(`\`${value}\` is not an architecture LXC knows.${didYouMean(value, Object.keys(ARCHES))}`);
    }
    case 'log-level': {
      if (isCDigit(value[0])) {
        const n = safeInt(value);
        return n !== null && n >= 0 && n <= 8 ? NONE : whole(`${name} takes a level from 0 (trace) to 8 (fatal), not \`${value}\`.`);
      }
      return LOG_LEVELS.includes(value.toLowerCase() as (typeof LOG_LEVELS)[number]) ? NONE : whole(`\`${value}\` is not a log level. Use 0-8 or one of: ${LOG_LEVELS.join(', ')}.${didYouMean(value.toLowerCase(), LOG_LEVELS)}`);
    }
    case 'signal': {
      if (parseSignal(value)) return NONE;
      const bare = SIGNALS.find((s) => s.toLowerCase() === value.toLowerCase());
      if (bare) return whole(`LXC needs the SIG prefix: write \`SIG${bare}\`, not \`${value}\`.`);
      return whole(`\`${value}\` is not a signal. Write a number, a name such as \`SIGTERM\`, or \`SIGRTMIN+n\`.`);
    }
    case 'byte-size':
      return parseByteSize(value) ? NONE : whole(`\`${value}\` is not a size. Use \`auto\` or a number of bytes, optionally with KB, MB or GB.`);
    case 'time-offset':
      return checkTimeOffset(value, ctx, whole);
    case 'namespaces':
      return splitTokens(value)
        .filter((t) => !NAMESPACES.includes(t.text.toLowerCase() as (typeof NAMESPACES)[number]))
        .map((t) => invalid(`\`${t.text}\` is not a namespace name. Use: ${NAMESPACES.join(', ')}.${t.text.toLowerCase() === 'mount' ? ' Did you mean `mnt`?' : didYouMean(t.text.toLowerCase(), NAMESPACES)}`, t.start, t.end));
    case 'gid-list':
      return checkGidList(value);
    case 'hostname':
      return utf8Length(value) >= 65 ? whole(`${name} may be at most 64 bytes; this one has ${utf8Length(value)}.`) : NONE;
    case 'tty-dir':
      return utf8Length(value) >= 256 ? whole(`${name} must be shorter than 256 bytes.`) : NONE;
    case 'cgroup-dir':
      if (value.startsWith('/')) return whole(`${name} must be relative; remove the leading \`/\`.`);
      if (value.includes('..')) return whole(`${name} must not contain \`..\`.`);
      return pathTooLong(value) ? whole(tooLong(name)) : NONE;
    case 'cgroup-inner':
      if (value.startsWith('/')) return whole(`${name} must be relative; remove the leading \`/\`.`);
      if (value.includes('/') || value === '.' || value === '..') return whole(`${name} must be a single directory name, without \`/\`.`);
      return NONE;
    case 'rootfs-options':
      return checkRootfsOptions(value, ctx);
    case 'unix-socket': {
      if (!value.startsWith('unix:')) return whole(`${name} must start with \`unix:\` followed by a socket path.`);
      const p = value.slice(5);
      if ((p[0] !== '/' && p[0] !== '@') || p.length < 2) return whole(`The socket path after \`unix:\` must be absolute (\`/…\`) or abstract (\`@…\`).`);
      if (utf8Length(p) + 1 > 108) return whole('The socket path is longer than the 107 bytes a Unix socket address can hold.');
      return NONE;
    }
    case 'rlimit':
      return checkRlimit(value, whole);
    case 'clear-only':
      return whole(`${name} only clears: write it with no value (\`${name} =\`).`);
    case 'ifname':
      return utf8Length(value) > 15 ? [suspicious(`Interface names have at most 15 characters; LXC cuts \`${value}\` to \`${value.slice(0, 15)}\`.`, 0, value.length)] : NONE;
    case 'mac':
      return /^[0-9a-fA-FxX]{2}(:[0-9a-fA-FxX]{2}){5}$/.test(value) ? NONE : [suspicious(`LXC does not check \`${value}\`, but it is not a MAC address like \`00:16:3e:xx:xx:xx\`; the interface will fail to come up.`, 0, value.length)];
    case 'mtu': {
      const n = safeUint(value);
      if (n === null) return [suspicious(`LXC stores the MTU \`${value}\` unchecked, but it is not a whole number of bytes; setting up the interface will fail.`, 0, value.length)];
      // The kernel's bounds for Ethernet-like devices: ETH_MIN_MTU 68, and no device above 65535.
      if (n < 68 || n > 65535) return [suspicious(`An MTU of ${n} is outside 68–65535, which the kernel refuses for these interfaces; setting up the interface will fail.`, 0, value.length)];
      return NONE;
    }
    case 'net-flags':
      return value === 'up' ? NONE : [suspicious(`LXC treats any value of ${name} as \`up\`, so \`${value}\` brings the interface up. Use \`up\`, or remove the line to leave it down.`, 0, value.length)];
    case 'ipv4-address':
      return checkIpv4Address(value);
    case 'ipv6-address':
      return checkIpv6Address(value);
    case 'ipv4-gateway':
      return value === 'auto' || value === 'dev' || inetPton4(value) ? NONE : whole(`\`${value}\` is not an IPv4 address, \`auto\` or \`dev\`.`);
    case 'ipv6-gateway':
      return value === 'auto' || value === 'dev' || inetPton6(value) ? NONE : whole(`\`${value}\` is not an IPv6 address, \`auto\` or \`dev\`.`);
    case 'ipv4-route':
      return checkRoute(value, 32, inetPton4, whole);
    case 'ipv6-route':
      return checkRoute(value, 128, inetPton6, whole);
    case 'caps':
      return NONE; // validate.ts (needs the capability state)
    case 'string':
    case 'words':
    case 'include':
    case 'idmap':
    case 'mount-auto':
    case 'env':
    case 'fstab-line':
      return checkValue(key, value, ctx); // (answered there)
  }
}

function checkTimeOffset(value: string, ctx: ValueContext, whole: (m: string) => ValueIssue[]): ValueIssue[] {
  const r = int64Residual(value, 3);
  const hint = 'Write a whole number followed by a unit: h, m, s, ms, us or ns (for example `-90s`).';
  if (!r) return whole(`\`${value}\` is not a time offset. ${hint}`);
  const unit = r.residual.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  const mult: Record<string, bigint> = { h: 3600n, m: 60n, s: 1n, ms: 1000000n, us: 1000n, ns: 1n };
  if (!Object.hasOwn(mult, unit)) return whole(unit === '' ? `The time offset needs a unit. ${hint}` : `\`${unit}\` is not a time unit. ${hint}`);
  const m = mult[unit];
  if (m !== 1n) {
    if (r.value < 0n && !atLeast(ctx.version, '6.0')) {
      return whole(`LXC ${ctx.version} refuses negative offsets in ${unit} (fixed in 6.0); give the offset in s or ns, or as a positive number.`);
    }
    const p = r.value * m;
    if (p > (1n << 63n) - 1n || p < -(1n << 63n)) return whole('The time offset is too large.');
  }
  return [];
}

function checkIdmap(value: string): ValueIssue[] {
  // The usual case, a valid map of plain numbers, is read without the exact parser.
  if (idmapFast(value) || parseIdmap(value)) return NONE;
  const issues: ValueIssue[] = [];
  const fields = splitTokens(value, ' \t\r');
  const usage = 'An idmap is four fields: `u` or `g`, the first ID inside the container, the first ID on the host, and how many IDs (`u 0 100000 65536`).';
  if (fields.length === 0) return [invalid(usage, 0, value.length)];
  const type = fields[0];
  if (type.text[0] !== 'u' && type.text[0] !== 'g') {
    issues.push(invalid(`\`${type.text[0]}\` is not an idmap type: use \`u\` for user IDs or \`g\` for group IDs. ${usage}`, type.start, type.start + 1));
    return issues;
  }
  if (type.text.length > 1) return [invalid(`The idmap type must be \`u\` or \`g\` followed by a space. ${usage}`, type.start, type.end)];
  if (fields.length !== 4) return [invalid(`This idmap has ${fields.length} field${fields.length === 1 ? '' : 's'}. ${usage}`, 0, value.length)];
  const labels = ['container ID', 'host ID', 'range'];
  for (let i = 1; i < 4; i++) {
    if (safeUlong(fields[i].text) === null) {
      issues.push(invalid(`The ${labels[i - 1]} \`${fields[i].text}\` is not a non-negative whole number.`, fields[i].start, fields[i].end));
    }
  }
  return issues;
}

function checkMountAuto(value: string): ValueIssue[] {
  if (MOUNT_AUTO_ONLY.test(value)) return NONE;
  const issues: ValueIssue[] = [];
  for (const t of splitTokens(value)) {
    if (MOUNT_AUTO_SET.has(t.text)) continue;
    if (t.text.startsWith('shmounts:')) {
      // liblxc matches a bare `shmounts:` as a token of its own and skips the path check.
      if (t.text.length === 'shmounts:'.length) issues.push(suspicious('`shmounts:` without a host path is accepted, but there is nothing to mount: write `shmounts:/path/on/host[:/path/in/container]`.', t.start, t.end));
      continue;
    }
    issues.push(invalid(`\`${t.text}\` is not something lxc.mount.auto can mount. Use proc, sys or cgroup tokens such as \`proc:mixed\`, \`sys:ro\`, \`cgroup:mixed\`.${didYouMean(t.text, MOUNT_AUTO_TOKENS)}`, t.start, t.end));
  }
  return issues;
}

function checkGidList(value: string): ValueIssue[] {
  const parts = splitTokens(value, ',');
  if (parts.length === 0) return [invalid('lxc.init.groups needs at least one group ID.', 0, value.length)];
  return parts
    .filter((p) => safeUint(p.text) === null)
    .map((p) => invalid(`\`${p.text}\` is not a group ID; lxc.init.groups takes numeric IDs separated by commas, without spaces after them.`, p.start, p.end));
}

function checkRootfsOptions(value: string, ctx: ValueContext): ValueIssue[] {
  for (const bad of ['create=dir', 'create=file', 'optional', 'relative']) {
    const at = value.indexOf(bad);
    if (at !== -1) return [invalid(`\`${bad}\` is a mount-entry option that LXC refuses for the root file system.`, at, at + bad.length)];
  }
  const at = value.indexOf('idmap=');
  if (at !== -1) {
    const start = at + 'idmap='.length;
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const path = value.slice(start, end);
    if (path === '') return [invalid('`idmap=` needs `container` or the path of a user namespace file.', at, end)];
    if (path !== 'container' && !ctx.exists(path)) return [invalid(`LXC opens \`${path}\` while reading the config, and it does not exist on this host.`, start, end)];
  }
  return [];
}

function checkRlimit(value: string, whole: (m: string) => ValueIssue[]): ValueIssue[] {
  const usage = 'Write `soft[:hard]`, each a number or `unlimited` (for example `1024:4096`).';
  let i = 0;
  const limit = (): boolean => {
    if (value.startsWith('unlimited', i)) {
      i += 'unlimited'.length;
      return true;
    }
    const r = strtoullPrefix(value.slice(i));
    if (r.erange) return false;
    i += r.end;
    return true;
  };
  const skipSpace = (): void => {
    while (i < value.length && /[ \t\n\v\f\r]/.test(value[i])) i++;
  };
  if (!limit()) return whole(`\`${value}\` is not a resource limit. ${usage}`);
  skipSpace();
  if (value[i] === ':') i++;
  else if (i < value.length) return whole(`\`${value}\` is not a resource limit. ${usage}`);
  skipSpace();
  if (i < value.length) {
    if (!limit()) return whole(`\`${value}\` is not a resource limit. ${usage}`);
    skipSpace();
    if (i < value.length) return whole(`\`${value}\` is not a resource limit. ${usage}`);
  }
  return [];
}

