/**
 * Lookup over the containers.conf schema: tables, keys per table, the map sub-tables
 * whose keys are free names, and value rules (what Podman accepts and when it checks).
 */
import { CC_KEYS, type CcKey, type CcType } from './schema';

/** Newest Podman release ctconf knows; the target for `auto` without an installed podman. */
export const NEWEST_PODMAN = '5.8';

/** Tables and the Podman release that introduced them. */
export const TABLES: Readonly<Record<string, { since: string; doc: string }>> = {
  containers: { since: '1.9', doc: 'Defaults for every container Podman creates.' },
  engine: { since: '1.9', doc: 'How Podman itself runs: runtimes, storage of its state, events, images, remote services.' },
  'engine.runtimes': { since: '1.9', doc: 'OCI runtimes by name, each with the paths tried for its binary.' },
  'engine.runtimes_flags': { since: '5.7', doc: 'Extra command-line flags per runtime named in [engine.runtimes].' },
  'engine.volume_plugins': { since: '3.0', doc: 'Volume plugins by name, each with its socket path.' },
  'engine.platform_to_oci_runtime': { since: '4.4', doc: 'Which runtime runs images of a given platform (`"os/arch" = "runtime"`).' },
  'engine.service_destinations': { since: '2.1', doc: 'Remote Podman services, one sub-table per connection name.' },
  network: { since: '1.9', doc: 'Container networking: backend, default network and subnets, plugins.' },
  secrets: { since: '3.3', doc: 'Where `podman secret` stores secrets.' },
  'secrets.opts': { since: '3.3', doc: 'Options of the secrets driver.' },
  configmaps: { since: '4.0', doc: 'Config map driver (parsed, but Podman never uses it).' },
  'configmaps.opts': { since: '4.0', doc: 'Config map driver options (not used).' },
  machine: { since: '3.4', doc: 'Defaults for `podman machine` virtual machines.' },
  farms: { since: '4.7', doc: 'Build farms for `podman farm`.' },
  'farms.list': { since: '4.7', doc: 'Farms by name, each with its list of connections.' },
  podmansh: { since: '5.1', doc: 'Settings of podmansh, the login shell that runs users in a container.' },
};

/** Sub-tables whose keys are free names; the value type of each entry. */
export const MAP_TABLES: Readonly<Record<string, CcType>> = {
  'engine.runtimes': 'string[]',
  'engine.runtimes_flags': 'string[]',
  'engine.volume_plugins': 'string',
  'engine.platform_to_oci_runtime': 'string',
  'secrets.opts': 'string',
  'configmaps.opts': 'string',
  'farms.list': 'string[]',
};

const byTable = new Map<string, CcKey[]>();
for (const k of CC_KEYS) {
  const list = byTable.get(k.table) ?? [];
  list.push(k);
  byTable.set(k.table, list);
}

export function keysOf(table: string): CcKey[] {
  return byTable.get(table) ?? [];
}

export function findKey(table: string, key: string): CcKey | undefined {
  return byTable.get(table)?.find((k) => k.key === key);
}

/** A key of that name in any other table (for "belongs in [engine]" diagnostics). */
export function otherTablesWith(key: string, except: string): CcKey[] {
  return CC_KEYS.filter((k) => k.key === key && k.table !== except && !k.removed && !k.table.includes('*') && !k.table.includes('[]'));
}

export type CheckTime = 'load' | 'start' | 'create';

export interface ValueRule {
  values: readonly string[];
  /** Compared case-insensitively by Podman. */
  ci?: boolean;
  /** Prefixes that take options or names (`container:<id>`, `auto:size=…`). */
  prefixes?: readonly string[];
  /** When Podman rejects an unknown value; undefined: never (a warning then). */
  when?: CheckTime;
  /** Which command fails, in words, for messages. */
  fails?: string;
}

/** Enumerations and when Podman checks them (../shared/reference/containers-conf-facts.md §8-9). */
export const VALUE_RULES: Readonly<Record<string, ValueRule>> = {
  'engine.pull_policy': { values: ['always', 'missing', 'never', 'newer', 'ifmissing', 'ifnotpresent', 'ifnewer', ''], ci: true, when: 'load' },
  'engine.image_volume_mode': { values: ['anonymous', 'tmpfs', 'ignore', ''], when: 'load' },
  'engine.database_backend': { values: ['', 'sqlite', 'boltdb'], when: 'load' },
  'containers.interface_name': { values: ['', 'device'], when: 'load' },
  'engine.events_logger': { values: ['journald', 'file', 'none'], ci: true, when: 'start', fails: 'every podman command that sets up its runtime (`podman info`, `podman run` …)' },
  'engine.lock_type': { values: ['shm', 'file'], when: 'start', fails: 'every podman command that sets up its runtime' },
  'network.network_backend': { values: ['', 'netavark', 'cni'], when: 'start', fails: 'every podman command that sets up networking' },
  'containers.log_driver': { values: ['k8s-file', 'journald', 'none', 'passthrough', 'passthrough-tty', 'json-file'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.cgroups': { values: ['enabled', 'disabled', 'no-conmon', 'split'], when: 'create', fails: '`podman create` and `podman run`' },
  'engine.cgroup_manager': { values: ['systemd', 'cgroupfs'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.ipcns': { values: ['shareable', 'private', 'host', 'none'], prefixes: ['container:', 'ns:'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.pidns': { values: ['private', 'host'], prefixes: ['container:', 'ns:'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.utsns': { values: ['private', 'host'], prefixes: ['container:', 'ns:'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.userns': { values: ['', 'host', 'private', 'auto', 'keep-id', 'nomap'], prefixes: ['auto:', 'keep-id:', 'container:', 'ns:'], when: 'create', fails: '`podman create` and `podman run`' },
  'containers.cgroupns': { values: ['private', 'host'], prefixes: ['container:', 'ns:'] },
  'engine.pod_exit_policy': { values: ['continue', 'stop'], when: 'create', fails: '`podman pod create`' },
  'network.default_rootless_network_cmd': { values: ['pasta', 'slirp4netns'], when: 'create', fails: 'rootless `podman run`' },
  'network.firewall_driver': { values: ['', 'iptables', 'nftables', 'firewalld', 'none'] },
  'engine.compression_format': { values: ['gzip', 'zstd', 'zstd:chunked'] },
  'engine.image_default_format': { values: ['', 'oci', 'v2s2', 'v2s1'] },
  'engine.kube_generate_type': { values: ['pod', 'deployment', 'daemonset', 'job'] },
  'secrets.driver': { values: ['file', 'pass', 'shell'] },
  'machine.provider': { values: ['', 'qemu', 'wsl', 'hyperv', 'applehv', 'libkrun'] },
  'containers.base_hosts_file': { values: ['', 'none', 'image'], prefixes: ['/'] },
  'containers.host_containers_internal_ip': { values: ['', 'none'] },
};

/** Keys the docs (or an old release) spell differently from what Podman reads. */
export const MISSPELLINGS: Readonly<Record<string, { table: string; key: string; note: string }>> = {
  'engine.runtime_supports_nocgroups': { table: 'engine', key: 'runtime_supports_nocgroup', note: 'The man page and the shipped containers.conf write it with a final s, but Podman reads `runtime_supports_nocgroup`' },
  'engine.runtime_supports_nocgroupv2': { table: 'engine', key: 'runtime_supports_nocgroup', note: 'It was renamed `runtime_supports_nocgroup` in Podman 3.0' },
};

/** Whether Podman release `v` ("4.3") has something that appeared in release `since`. */
export { atLeast as versionAtLeast } from '../util/version';
