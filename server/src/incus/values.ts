/**
 * Value checks of Incus options beyond booleans: the validator each option has in Incus's
 * instance config (internal/instance/config.go; LXD 5.0 applies the same ones), as facts —
 * 64-bit integers, unsigned 32-bit integers, priorities 0–10, OOM priorities, CPU sets and
 * memory sizes. Each returns why a value is refused, or undefined when it is accepted.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(s, 10, 64). */
function int64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

function between(lo: bigint, hi: bigint, what: string): (v: string) => string | undefined {
  return (v) => {
    const n = int64(v);
    return n === undefined || n < lo || n > hi ? `expected ${what}` : undefined;
  };
}

const isInt64 = (v: string) => (int64(v) === undefined ? 'expected a whole number' : undefined);
const isUint32 = (v: string) => (/^\d+$/.test(v) && BigInt(v) <= 4294967295n ? undefined : 'expected an unsigned 32-bit integer');
const isPriority = between(0n, 10n, 'a whole number from 0 to 10');

/**
 * A CPU set (`2`, `0-3`, `0,2-4`); a `sockets=…` topology is for VMs and not checked here. Incus
 * refuses a count of 0 (since 6.6); LXD 5.0 accepts it.
 */
function isCpuLimit(v: string, lxd = false): string | undefined {
  if (v.includes('=')) return undefined;
  if (!/^(?:[0-9]+(?:[,-][0-9]+)?)(?:,[0-9]+(?:[,-][0-9]+)*)?$/.test(v)) return 'expected a number of CPUs or a CPU set such as `0-3,6`';
  const single = int64(v);
  if (single !== undefined) return single < 1n && !lxd ? 'expected at least 1 CPU' : undefined;
  const seen = new Set<bigint>();
  for (const chunk of v.split(',')) {
    const [lo, hi = lo] = chunk.split('-', 2).map((x) => int64(x));
    if (lo === undefined || hi === undefined) return 'expected a CPU set such as `0-3,6`';
    // Wide ranges are not expanded: only duplicates among the listed CPUs matter.
    for (let i = lo; i <= hi && i - lo < 4096n; i++) {
      if (seen.has(i)) return `CPU ${i} is listed twice`;
      seen.add(i);
    }
  }
  return undefined;
}

const SIZE_SUFFIXES = new Set(['', 'B', ' bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']);

/** A percentage of the host's memory or a byte size with an optional unit (`512MiB`, `2GB`). */
function isMemoryLimit(v: string): string | undefined {
  if (v.endsWith('%')) {
    const n = int64(v.slice(0, -1));
    return n === undefined ? 'expected a whole percentage such as `50%`' : n === 0n ? 'a limit of 0% is refused' : undefined;
  }
  const m = /^(\d*)(.*)$/s.exec(v)!;
  if (m[1] === '' || !SIZE_SUFFIXES.has(m[2])) return 'expected a size such as `512MiB` or `2GB` (no blank before the unit), or a percentage';
  if (int64(m[1]) === undefined) return 'the number is too large';
  return BigInt(m[1]) === 0n ? 'a limit of 0 is refused' : undefined;
}

/** A byte size as Incus's ParseByteSizeString reads it (`0` allowed; no blank before the unit but ` bytes`). */
function isSize(v: string): string | undefined {
  const m = /^(\d*)(.*)$/s.exec(v)!;
  return m[1] !== '' && SIZE_SUFFIXES.has(m[2]) && int64(m[1]) !== undefined ? undefined : 'expected a size such as `1GiB` or `512MB`';
}

/** Go's strconv.Atoi: an optional sign and decimal digits. */
const atoi = (s: string) => /^[+-]?\d+$/.test(s) && int64(s) !== undefined;

/** `50%` of the CPU time, or a time slice `25ms/100ms` (the `ms` optional). */
function isAllowance(v: string): string | undefined {
  if (v.endsWith('%')) return atoi(v.slice(0, -1)) ? undefined : 'expected a percentage such as `50%`';
  const f = v.split('/');
  return f.length === 2 && f.every((x) => atoi(x.replace(/ms$/, ''))) ? undefined : 'expected a percentage such as `50%` or a time slice such as `25ms/100ms`';
}

/** `1d 2w`: numbers with one of the units M, H, d, w, m, y, each unit once, separated by single blanks. */
function isExpiry(v: string): string | undefined {
  const units = new Set<string>();
  for (const t of v.trim().split(' ')) {
    const m = /^\d+([MHdwmy])$/.exec(t);
    if (!m || units.has(m[1])) return 'expected an expiry such as `2w` or `1d 12H` (units M, H, d, w, m, y; each once)';
    units.add(m[1]);
  }
  return undefined;
}

const CRON_ALIASES = new Set(['@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@annually', '@yearly', '@startup', '@never']);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** The five cron fields: lowest and highest value, and the names a field takes. */
const CRON_FIELDS: readonly [number, number, readonly string[]][] = [[0, 59, []], [0, 23, []], [1, 31, []], [1, 12, MONTHS], [0, 6, DAYS]];

/** One cron field: `*`, `?`, values, ranges and steps, comma-separated. */
function cronField(f: string, [lo, hi, names]: readonly [number, number, readonly string[]]): boolean {
  const value = (x: string) => {
    const n = names.indexOf(x.toLowerCase());
    if (n >= 0) return names === MONTHS ? n + 1 : n;
    return /^\d+$/.test(x) ? Number(x) : NaN;
  };
  return f.split(',').every((part) => {
    const m = /^(\*|\?|[0-9a-zA-Z]+(?:-[0-9a-zA-Z]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) === 0)) return false;
    if (m[1] === '*' || m[1] === '?') return true;
    const [a, b = a] = m[1].split('-').map(value);
    return a >= lo && b <= hi && a <= b;
  });
}

/** Schedules: comma-separated cron lines of five fields, or the aliases `@daily` … */
function isSchedule(v: string): string | undefined {
  const ok = v.split(',').map((x) => x.trim()).every((x) => CRON_ALIASES.has(x) || (x.split(/\s+/).length === 5 && x.split(/\s+/).every((f, i) => cronField(f, CRON_FIELDS[i]))));
  // A cron line contains commas of its own: try the whole value as one line too.
  const one = v.trim().split(/\s+/);
  return ok || (one.length === 5 && one.every((f, i) => cronField(f, CRON_FIELDS[i]))) ? undefined : 'expected a cron schedule `<minute> <hour> <day-of-month> <month> <day-of-week>` or `@daily`, `@hourly` …';
}

const oneOf = (...values: string[]) => (v: string) => (values.includes(v) ? undefined : `expected one of ${values.map((x) => `\`${x}\``).join(', ')}`);

/** Network configuration for cloud-init: YAML whose top is a map (or nothing). */
function isNetworkConfig(v: string): string | undefined {
  const { parseDocument, isMap } = require('yaml') as typeof import('yaml');
  const d = parseDocument(v, { prettyErrors: false, uniqueKeys: false });
  if (d.errors.length) return 'not valid YAML';
  return d.contents === null || isMap(d.contents) ? undefined : 'expected YAML with a map at the top (the network configuration)';
}

const CHECKS: Readonly<Record<string, (v: string) => string | undefined>> = {
  'cloud-init.network-config': isNetworkConfig,
  'cluster.evacuate': oneOf('auto', 'migrate', 'live-migrate', 'stop'),
  'limits.cpu.allowance': isAllowance,
  'limits.hugepages.64KB': isSize,
  'limits.hugepages.1MB': isSize,
  'limits.hugepages.2MB': isSize,
  'limits.hugepages.1GB': isSize,
  'limits.memory.enforce': oneOf('soft', 'hard'),
  'snapshots.expiry': isExpiry,
  'snapshots.schedule': isSchedule,
  'boot.autostart.delay': isInt64,
  'boot.autostart.priority': isInt64,
  'boot.stop.priority': isInt64,
  'boot.host_shutdown_timeout': isInt64,
  'limits.processes': isInt64,
  'volatile.rebalance.last_move': isInt64,
  'security.idmap.base': isUint32,
  'security.idmap.size': isUint32,
  'migration.incremental.memory.iterations': isUint32,
  'migration.incremental.memory.goal': isUint32,
  'oci.uid': isUint32,
  'oci.gid': isUint32,
  'limits.cpu.priority': isPriority,
  'limits.network.priority': isPriority,
  'limits.disk.priority': isPriority,
  'limits.memory.swap.priority': isPriority,
  'limits.memory.oom_priority': between(-1000n, 1000n, 'a whole number from -1000 to 1000'),
  'limits.cpu': isCpuLimit,
  'limits.memory': isMemoryLimit,
};

/**
 * Why Incus (or LXD 5.0, `lxd`) refuses `value` for `key`, or undefined (also for keys without a
 * check here). An empty value unsets the key.
 */
export function valueProblem(key: string, value: string, lxd = false): string | undefined {
  if (value === '') return undefined;
  if (lxd && LXD_CHECKS[key]) return LXD_CHECKS[key](value);
  return CHECKS[key]?.(value);
}

/**
 * Where LXD 5.0 checks differently: `limits.cpu` may be 0 there, and `limits.memory.swap` is a
 * boolean (Incus also takes a size).
 */
const LXD_CHECKS: Readonly<Record<string, (v: string) => string | undefined>> = {
  'limits.cpu': (v) => isCpuLimit(v, true),
  'limits.memory.swap': (v) => (/^(?:true|false|yes|no|on|off|1|0)$/i.test(v) ? undefined : 'expected `true` or `false`'),
};

/** The options whose values are checked beyond their type (for the oracle test's generated cases). */
export const CHECKED_OPTIONS: readonly string[] = [...new Set([...Object.keys(CHECKS), ...Object.keys(LXD_CHECKS)])];
