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

const CHECKS: Readonly<Record<string, (v: string) => string | undefined>> = {
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
  return key === 'limits.cpu' ? isCpuLimit(value, lxd) : CHECKS[key]?.(value);
}
