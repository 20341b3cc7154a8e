/**
 * Independent generator of containers.conf files: every key of containers/common's structs
 * (facts in data/containers-keys.json, copied from the shared reference, not from ctconf) ×
 * every TOML type × table placements, TOML structure quirks, and each value validator's
 * boundaries. It does not predict verdicts: the differential runner asks Podman.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GeneratedCase } from './common';

interface KeyFact {
  table: string;
  key: string;
  type: string;
  values?: string[];
  since_podman?: string;
  removed?: string;
}

export function containersKeyFacts(): KeyFact[] {
  const file = path.join(process.cwd(), 'test', 'generators', 'data', 'containers-keys.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { keys: KeyFact[] }).keys;
}

/** Which Podman step may refuse a case: `load` (decode and Validate) or `create` (also engine set-up). */
export type Depth = 'load' | 'create';

export interface ContainersCase extends GeneratedCase {
  depth: Depth;
}

/** Every TOML value type, as a literal. */
export const TOML_TYPES: Array<[string, string]> = [
  ['string', '"x"'], ['empty-string', '""'], ['literal-string', "'x'"], ['int', '1'], ['zero', '0'], ['negative', '-1'], ['big', '4294967296'],
  ['float', '1.5'], ['bool', 'true'], ['datetime', '1979-05-27T07:32:00Z'], ['array-string', '["x"]'], ['array-empty', '[]'],
  ['array-int', '[1]'], ['array-mixed', '["x", 1]'], ['inline-table', '{ a = "b" }'], ['append-attr', '["x", {append=true}]'],
];

function mk(key: string, shape: string, placement: string, text: string, depth: Depth = 'load'): ContainersCase {
  return { id: `${key}|${shape}|${placement}`, key, shape, placement, text, depth };
}

/** A table that does not own the key (but exists). */
function wrongTable(t: string): string {
  return t === 'containers' ? 'engine' : 'containers';
}

function header(table: string): string {
  if (table === 'engine.service_destinations.<name>') return '[engine.service_destinations.d1]';
  if (table === 'network.default_subnet_pools[]') return '[[network.default_subnet_pools]]';
  return `[${table}]`;
}

/**
 * Validator boundaries: key -> values (TOML literals). Depth `create` where Podman checks late.
 * Values whose verdict depends on the host (journald running, netavark/CNI/runtimes installed,
 * host paths existing) are left out: they would measure the machine, not the parser.
 */
const BOUNDARIES: Array<[table: string, key: string, depth: Depth, values: string[]]> = [
  ['containers', 'default_ulimits', 'load', ['["nofile=1024:2048"]', '["nofile=2048:1024"]', '["nofile=1024"]', '["nofile=abc"]', '["foo=1:2"]', '["nofile=-1"]',
    '["nofile=-1:-1"]', '["nproc=unlimited"]', '["nofile=1024:"]', '["nofile"]', '["NOFILE=1:2"]', '["core=-1"]']],
  ['containers', 'devices', 'load', ['["/dev/null"]', '["/dev/null:/dev/null:rwm"]', '["/dev/null:/dev/null:rwx"]', '["/dev/null:rw"]', '["/dev/null:/dev/null:mm"]',
    '["dev/null"]', '["/dev/null:dev/x"]', '["/dev/null:/dev/x:"]', '["/dev/null:/a:b:c"]', '["/nonexistent-device"]', '["/dev/null:/dev/x:r"]', '[""]']],
  ['containers', 'shm_size', 'load', ['"64m"', '"64i"', '"64"', '" 64m"', '"64m "', '"64 m"', '"64  m"', '"-1"', '"abc"', '"1.5g"', '"64mib"', '"64MB"', '""', '"0"', '64']],
  ['containers', 'log_size_max', 'load', ['-1', '0', '8191', '8192', '-2', '1.5']],
  ['containers', 'umask', 'load', ['"0022"', '"022"', '"0o22"', '"9"', '"07777"', '"17777"', '""', '"0x12"']],
  ['containers', 'tz', 'load', ['"local"', '"UTC"', '"Europe/Berlin"', '"Nowhere/City"', '""', '"../etc/passwd"']],
  ['containers', 'interface_name', 'load', ['"device"', '""', '"x"']],
  // host directories that exist everywhere (/tmp, /) so only the spec's shape decides
  ['containers', 'volumes', 'create', ['["/tmp:/b"]', '["/tmp:b"]', '["/tmp:/b:ro"]', '["/tmp:/b:ro,rw"]', '["/tmp:/b:bogus"]', '[":/b"]', '["/b"]', '["/tmp:/b:z"]',
    '["/tmp:/b:ro,ro"]', '["vol:/b"]', '["/tmp:/b:rw,noexec"]', '["/tmp:/b:c:d"]', '["/:/b"]', '["/tmp:/"]', '["tmp:/b"]']],
  ['containers', 'default_sysctls', 'create', ['["net.ipv4.ip_forward=1"]', '["kernel.hostname=x"]', '["net/ipv4/ip_forward=1"]', '["net.ipv4.ip_forward = 1"]',
    '["bogus"]', '["kernel.msgmax=1"]', '["vm.swappiness=1"]', '["net.ipv4.ip_forward="]', '["=1"]']],
  ['containers', 'env', 'create', ['["A=1"]', '["=1"]', '["A"]', '[" A=1"]', '["A B=1"]', '[""]']],
  ['containers', 'log_driver', 'create', ['"k8s-file"', '"none"', '"passthrough"', '"passthrough-tty"', '"json-file"', '"bogus"', '""']],
  ['containers', 'cgroups', 'create', ['"enabled"', '"disabled"', '"no-conmon"', '"split"', '"bogus"']],
  ['containers', 'cgroup_manager', 'create', ['"systemd"', '"cgroupfs"', '"bogus"']],
  ['containers', 'ipcns', 'create', ['"private"', '"host"', '"shareable"', '"bogus"']],
  ['containers', 'pidns', 'create', ['"private"', '"host"', '"bogus"']],
  ['containers', 'utsns', 'create', ['"private"', '"host"', '"bogus"']],
  // (no `nomap`: refused as root, accepted rootless: it measures the user, not the parser)
  ['containers', 'userns', 'create', ['""', '"host"', '"bogus"']],
  ['containers', 'cgroupns', 'create', ['"private"', '"host"', '"bogus"']],
  ['containers', 'netns', 'create', ['"private"', '"host"', '"none"', '"bogus"']],
  ['containers', 'default_capabilities', 'create', ['["CHOWN"]', '["cap_kill"]', '["FOO_BAR"]', '["ALL"]', '[]', '["CAP_"]']],
  ['containers', 'pids_limit', 'load', ['-1', '0', '2048', '"2048"', '1.5']],
  ['engine', 'pull_policy', 'load', ['"always"', '"missing"', '"never"', '"newer"', '"ifmissing"', '"IfNotPresent"', '"ifnewer"', '"Always"', '"bogus"', '""']],
  // no huge lock counts: 4294967295 makes Podman allocate a lock segment that size
  ['engine', 'num_locks', 'create', ['0', '1', '2048', '-5', '4294967296']],
  ['engine', 'image_copy_tmp_dir', 'create', ['"rel"', '"/var/tmp"', '"storage"', '""']],
  ['engine', 'static_dir', 'load', ['""', '"rel"', '"/abs"']],
  ['engine', 'tmp_dir', 'load', ['""', '"rel"', '"/abs"']],
  ['engine', 'volume_path', 'load', ['""', '"rel"', '"/abs"']],
  ['engine', 'events_logfile_max_size', 'load', ['"1m"', '"1mb"', '1000', '-1', '"64i"', '1.5', '"-1"', '""', '"1 m"']],
  ['engine', 'events_logger', 'create', ['"file"', '"none"', '"bogus"', '"FILE"']],
  ['engine', 'lock_type', 'create', ['"shm"', '"file"', '"bogus"']],
  ['engine', 'image_volume_mode', 'load', ['"anonymous"', '"tmpfs"', '"ignore"', '"bind"', '"bogus"']],
  ['engine', 'database_backend', 'load', ['""', '"boltdb"', '"sqlite"', '"bogus"']],
  ['engine', 'stop_timeout', 'load', ['10', '-1', '0', '1.5']],
  ['engine', 'machine_enabled', 'load', ['true', '"true"', '1']],
  ['engine', 'env', 'load', ['["A=1"]', '["A"]', '["=1"]']],
  ['engine', 'runtime', 'create', ['"nosuchruntime"']],
  ['engine', 'infra_image', 'load', ['"k8s.gcr.io/pause:3.5"', '""']],
  ['network', 'default_subnet', 'create', ['"10.88.0.0/16"', '"10.88.0.0"', '"bogus"', '"fd00::/64"', '"10.88.0.1/16"', '""']],
  ['network', 'network_backend', 'create', ['"bogus"']],
  ['network', 'dns_bind_port', 'load', ['53', '0', '65535', '65536', '-1']],
];

/** TOML structure cases that are accepted or refused by Podman's decoder regardless of the key. */
const STRUCTURE: Array<[string, string]> = [
  ['reopen-header', '[containers]\nlabel = true\n[engine]\nstop_timeout = 5\n[containers]\nhttp_proxy = true\n'],
  ['reopen-via-dotted', '[containers]\nlabel = true\n[engine]\ncontainers.http_proxy = true\n'],
  ['dotted-then-header', 'containers.label = true\n[containers]\nhttp_proxy = true\n'],
  ['header-then-dotted-top', '[engine.runtimes]\ncrun = ["/usr/bin/crun"]\n[engine]\nruntimes.runc = ["/usr/bin/runc"]\n'],
  ['duplicate-dotted', 'containers.label = true\ncontainers.label = false\n'],
  ['duplicate-key', '[containers]\nlabel = true\nlabel = false\n'],
  ['duplicate-header-same-key', '[containers]\nlabel = true\n[containers]\nlabel = false\n'],
  ['inline-table-extended', 'containers = { label = true }\n[containers]\nhttp_proxy = true\n'],
  ['inline-table-extended-dotted', 'containers = { label = true }\ncontainers.http_proxy = true\n'],
  ['subtable-after-inline', '[engine]\nruntimes = { crun = ["/usr/bin/crun"] }\n[engine.runtimes]\nrunc = ["/usr/bin/runc"]\n'],
  ['bom', '\ufeff[containers]\nlabel = true\n'],
  ['escape-e', '[containers]\napparmor_profile = "a\\eb"\n'],
  ['escape-u', '[containers]\napparmor_profile = "a\\u0041b"\n'],
  ['escape-bad', '[containers]\napparmor_profile = "a\\qb"\n'],
  ['crlf', '[containers]\r\nlabel = true\r\n'],
  ['lone-cr', '[containers]\rlabel = true\n'],
  ['case-table', '[Containers]\nlabel = true\n'],
  ['case-key', '[containers]\nLabel = true\n'],
  ['case-both-spellings', '[containers]\nlabel = true\nLABEL = false\n'],
  ['scalar-for-struct-table', 'containers = 1\n'],
  ['scalar-for-map-runtimes', '[engine]\nruntimes = "crun"\n'],
  ['scalar-for-map-volume_plugins', '[engine]\nvolume_plugins = "x"\n'],
  ['scalar-for-map-service_destinations', '[engine]\nservice_destinations = 1\n'],
  ['scalar-for-map-secrets-opts', '[secrets]\nopts = 1\n'],
  ['runtimes-subtable', '[engine.runtimes.crun]\npath = "/usr/bin/crun"\n'],
  ['runtimes-array-of-tables', '[[engine.runtimes]]\ncrun = ["/usr/bin/crun"]\n'],
  ['runtimes-good', '[engine.runtimes]\nmine = ["/usr/bin/crun"]\n'],
  ['runtimes-string-value', '[engine.runtimes]\nmine = "/usr/bin/crun"\n'],
  ['subnet-pools-aot', '[[network.default_subnet_pools]]\nbase = "10.89.0.0/16"\nsize = 24\n'],
  ['subnet-pools-aot-bad-base', '[[network.default_subnet_pools]]\nbase = "bogus"\nsize = 24\n'],
  ['subnet-pools-aot-size-33', '[[network.default_subnet_pools]]\nbase = "10.89.0.0/16"\nsize = 33\n'],
  ['subnet-pools-aot-size-bigger', '[[network.default_subnet_pools]]\nbase = "10.89.0.0/16"\nsize = 8\n'],
  ['subnet-pools-aot-unknown', '[[network.default_subnet_pools]]\nbase = "10.89.0.0/16"\nsize = 24\nbogus = 1\n'],
  ['subnet-pools-inline', '[network]\ndefault_subnet_pools = [{ base = "10.89.0.0/16", size = 24 }]\n'],
  ['subnet-pools-no-base', '[network]\ndefault_subnet_pools = [{ size = 24 }]\n'],
  ['subnet-pools-v6', '[network]\ndefault_subnet_pools = [{ base = "fd00::/8", size = 64 }]\n'],
  ['subnet-pools-table', '[network.default_subnet_pools]\nbase = "10.89.0.0/16"\n'],
  ['destination-good', '[engine.service_destinations.d1]\nuri = "ssh://x"\n'],
  ['destination-no-uri', '[engine.service_destinations.d1]\nidentity = "/k"\n'],
  ['destination-unknown', '[engine.service_destinations.d1]\nuri = "ssh://x"\nbogus = 1\n'],
  ['top-level-key', 'label = true\n'],
  ['unknown-table', '[bogus]\nx = 1\n'],
  ['libpod-table', '[libpod]\nstop_timeout = 5\n'],
  ['empty-file', ''],
  ['comment-only', '# nothing\n'],
  ['unterminated-string', '[containers]\napparmor_profile = "x\n'],
  ['missing-value', '[containers]\nhostname =\n'],
  ['bad-header', '[containers\nlabel = true\n'],
  ['multiline-basic', '[containers]\napparmor_profile = """\nx"""\n'],
  ['array-trailing-comma', '[containers]\nenv = ["A=1",]\n'],
  ['array-newlines', '[containers]\nenv = [\n"A=1",\n"B=2"\n]\n'],
  ['int-underscore', '[engine]\nstop_timeout = 1_0\n'],
  ['int-hex', '[engine]\nstop_timeout = 0x10\n'],
  ['int-leading-zero', '[engine]\nstop_timeout = 010\n'],
  ['int-plus', '[engine]\nstop_timeout = +10\n'],
  ['nan', '[engine]\nstop_timeout = nan\n'],
  ['key-quoted', '[containers]\n"label" = true\n'],
  ['key-empty-quoted', '[containers]\n"" = 1\n'],
];

/** The full cross product; the runner samples it. */
export function containersCases(): ContainersCase[] {
  const out: ContainersCase[] = [];
  for (const f of containersKeyFacts()) {
    if (f.key === '*') continue;
    const own = header(f.table);
    const isPool = f.table === 'network.default_subnet_pools[]';
    const isDest = f.table.startsWith('engine.service_destinations');
    for (const [shape, lit] of TOML_TYPES) {
      const line = `${f.key} = ${lit}`;
      const extra = isDest && f.key !== 'uri' ? 'uri = "ssh://x"\n' : isPool ? (f.key === 'base' ? 'size = 24\n' : 'base = "10.89.0.0/16"\n') : '';
      out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'own-table', `${own}\n${extra}${line}\n`));
      out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'wrong-table', `[${wrongTable(f.table.split('.')[0])}]\n${line}\n`));
      if (!isPool && !isDest) {
        out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'dotted-top', `${f.table}.${f.key} = ${lit}\n`));
        const parent = f.table.includes('.') ? f.table.split('.')[0] : undefined;
        if (parent) out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'dotted-in-parent', `[${parent}]\n${f.table.slice(parent.length + 1)}.${f.key} = ${lit}\n`));
        else out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'reopened', `[${f.table}]\n[bogus_section]\nx = 1\n[${f.table}]\n${line}\n`));
        out.push(mk(`${f.table}.${f.key}`, `toml:${shape}`, 'inline-table', `${f.table.split('.')[0]} = { ${f.table.includes('.') ? `${f.table.split('.').slice(1).join('.')}.` : ''}${f.key} = ${lit} }\n`));
      }
    }
    // a map table: a key inside it and a scalar for it
    if (f.type.startsWith('table<')) {
      const sub = f.type.includes('array') ? '["/usr/bin/x"]' : f.type.includes('table>') ? '{ uri = "ssh://x" }' : '"v"';
      out.push(mk(`${f.table}.${f.key}`, 'map:entry', 'sub-table', `[${f.table}.${f.key}]\nentry = ${sub}\n`));
      out.push(mk(`${f.table}.${f.key}`, 'map:wrong-entry-type', 'sub-table', `[${f.table}.${f.key}]\nentry = 1\n`));
    }
  }
  for (const [table, key, depth, values] of BOUNDARIES) {
    for (const v of values) out.push(mk(`${table}.${key}`, `value:${v}`, 'own-table', `[${table}]\n${key} = ${v}\n`, depth));
  }
  for (const [shape, text] of STRUCTURE) out.push(mk('structure', shape, 'file', text, shape.startsWith('subnet-pools') ? 'create' : 'load'));
  // a known-good base, so create-level checks run on a realistic file too
  out.push(mk('control', 'good', 'file', '[containers]\nlog_driver = "k8s-file"\n[engine]\ncgroup_manager = "cgroupfs"\n', 'create'));
  return out;
}
