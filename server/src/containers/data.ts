/**
 * containers.conf facts, one record per key: table, TOML type, default, the Podman release
 * that first reads it (and the one that dropped it), the values Podman accepts (each with
 * the releases that accept it), whether Podman compares them ignoring case, when Podman
 * refuses other values, and the named check its value goes through. Validation, hover,
 * completion, the layer merge and the JSON Schema (./jsonSchema.ts) all read these records;
 * no other file lists keys, tables or their values.
 * Facts from ../shared/reference/containers-conf-keys.json (containers/common, checked with
 * podman 4.3.1); the `doc` sentences are ctconf's own words.
 */
import type { CheckName } from './checks';
import { podmanDefaultSet } from '../capabilities/table';

/** Podman releases ctconf knows, oldest first (1.9 is the first that reads containers.conf). */
export const PODMAN_RELEASES = [
  '1.9', '2.0', '2.1', '2.2', '3.0', '3.1', '3.2', '3.3', '3.4',
  '4.0', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9',
  '5.0', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '6.0',
] as const;
export type PodmanRelease = (typeof PODMAN_RELEASES)[number];

/** Newest released Podman (6.0 is in development); the target for `auto` without an installed podman. */
export const NEWEST_PODMAN: PodmanRelease = '5.8';

export type CcType =
  | 'string' | 'bool' | 'int' | 'uint' | 'uint16' | 'uint32' | 'size'
  | 'string[]' | 'map<string>' | 'map<string[]>' | 'map<table>' | 'table[]' | 'any';

/** When Podman refuses a value outside `values`: loading the file, setting up its runtime, creating a container. */
export type CheckTime = 'load' | 'start' | 'create';

/** An accepted value; with `since`/`until` only the releases from `since` up to (not including) `until` accept it. */
export type CcValue = string | { value: string; since?: PodmanRelease; until?: PodmanRelease };

export interface CcKey {
  /** Table path; `engine.service_destinations.*` for the per-destination keys, `…[]` for array-of-table items. */
  table: string;
  key: string;
  type: CcType;
  /** Built-in default, as text. */
  default?: string;
  /** First Podman release that reads the key. */
  since?: PodmanRelease;
  /** Removed: the Podman release that dropped it (or `old` for pre-1.9 history). */
  removed?: PodmanRelease | 'old';
  removedNote?: string;
  /** The key it was renamed to. */
  replacement?: string;
  deprecated?: string;
  /** Accepts `{append = true}` (Podman 4.8+). */
  append?: boolean;
  /** Values Podman knows (string keys); offered as completions. */
  values?: readonly CcValue[];
  /** Podman compares `values` ignoring case. */
  ci?: boolean;
  /** Prefixes that take an argument (`container:<id>`, `auto:size=…`, `/` for a path). */
  prefixes?: readonly string[];
  /** When Podman refuses an unknown value; absent: never (ctconf then warns). */
  when?: CheckTime;
  /** Which command fails on an unknown value, in words, for messages (`when` start/create). */
  fails?: string;
  /** The value check in ./checks.ts this key's value goes through. */
  check?: CheckName;
  doc: string;
}

/** A top-level table; its sub-tables are the map-typed keys of `CC_KEYS`. */
export interface CcTable {
  name: string;
  since: PodmanRelease;
  doc: string;
}

export const TOP_TABLES: readonly CcTable[] = [
  { name: 'containers', since: '1.9', doc: 'Defaults for every container Podman creates.' },
  { name: 'engine', since: '1.9', doc: 'How Podman itself runs: runtimes, storage of its state, events, images, remote services.' },
  { name: 'network', since: '1.9', doc: 'Container networking: backend, default network and subnets, plugins.' },
  { name: 'secrets', since: '3.3', doc: 'Where `podman secret` stores secrets.' },
  { name: 'configmaps', since: '4.0', doc: 'Config map driver (parsed, but Podman never uses it).' },
  { name: 'machine', since: '3.4', doc: 'Defaults for `podman machine` virtual machines.' },
  { name: 'farms', since: '4.7', doc: 'Build farms for `podman farm`.' },
  { name: 'podmansh', since: '5.1', doc: 'Settings of podmansh, the login shell that runs users in a container.' },
];

/** The runtimes Podman defines in `[engine.runtimes]` before reading any file. */
export const DEFAULT_RUNTIMES: readonly string[] = ['crun', 'crun-vm', 'crun-wasm', 'runc', 'runj', 'kata', 'runsc', 'youki', 'krun', 'ocijail'];

/** Keys the docs (or an old release) spell differently from what Podman reads. */
export const MISSPELLINGS: Readonly<Record<string, { table: string; key: string; note: string }>> = {
  'engine.runtime_supports_nocgroups': { table: 'engine', key: 'runtime_supports_nocgroup', note: 'The man page and the shipped containers.conf write it with a final s, but Podman reads `runtime_supports_nocgroup`' },
  'engine.runtime_supports_nocgroupv2': { table: 'engine', key: 'runtime_supports_nocgroup', note: 'It was renamed `runtime_supports_nocgroup` in Podman 3.0' },
};

/** Podman's built-in default_capabilities, from the capability table. */
const PODMAN_DEFAULT_CAPS = `[${[...podmanDefaultSet(NEWEST_PODMAN)].sort().map((c) => JSON.stringify(c)).join(', ')}]`;

/**
 * Every key. Adding a key is one line here (plus a test); adding a value is one more string
 * in its `values` (`{"value": …, "since": …}` when only later releases accept it). A value
 * that needs more than a type and a list names a check of ./checks.ts in `check`.
 */
export const CC_KEYS: readonly CcKey[] = [
  {"table": "containers", "key": "annotations", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "doc": "Annotations added to every container, as `key=value` strings."},
  {"table": "containers", "key": "apparmor_profile", "type": "string", "default": "containers-default-<containers/common version>", "since": "1.9", "doc": "AppArmor profile that confines containers; `unconfined` turns AppArmor off."},
  {"table": "containers", "key": "base_hosts_file", "type": "string", "default": "", "since": "4.1", "values": ["", "none", "image"], "prefixes": ["/"], "doc": "Where a container's /etc/hosts starts from: `\"\"` (the host's /etc/hosts), `none` (empty), `image` (the image's file) or an absolute path."},
  {"table": "containers", "key": "cgroup_conf", "type": "string[]", "default": "[]", "since": "4.5", "append": true, "doc": "cgroup files to set for each container, as `file=value` (cgroup v2 only)."},
  {"table": "containers", "key": "cgroupns", "type": "string", "default": "private (cgroup v2); host on cgroup v1 hosts (<= Podman 5.x)", "since": "1.9", "values": ["", "private", "host"], "prefixes": ["container:", "ns:"], "doc": "cgroup namespace for containers: `private` (their own view) or `host`."},
  {"table": "containers", "key": "cgroups", "type": "string", "default": "enabled", "since": "2.0", "values": ["", "enabled", "disabled", "no-conmon", "split"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "Whether containers get cgroups: `enabled`, `disabled`, `no-conmon` (not for conmon) or `split`."},
  {"table": "containers", "key": "container_name_as_hostname", "type": "bool", "default": "false", "since": "5.4", "doc": "When true, a container's host name is its name instead of its ID."},
  {"table": "containers", "key": "default_capabilities", "type": "string[]", "default": PODMAN_DEFAULT_CAPS, "since": "1.9", "append": true, "check": "capabilities", "doc": "Capabilities a root container starts with. Names work with or without `CAP_` and in any case."},
  {"table": "containers", "key": "default_sysctls", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "check": "sysctls", "doc": "Namespaced kernel parameters set in every container, as `name=value`."},
  {"table": "containers", "key": "default_ulimits", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "check": "ulimits", "doc": "Resource limits for every container, as `name=soft[:hard]` (for example `nofile=1024:2048`)."},
  {"table": "containers", "key": "devices", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "check": "devices", "doc": "Host devices added to every container: `/dev/src[:/dev/dst][:rwm]`, or a CDI device name."},
  {"table": "containers", "key": "dns_options", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "doc": "Options written to every container's /etc/resolv.conf."},
  {"table": "containers", "key": "dns_searches", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "doc": "Search domains written to every container's /etc/resolv.conf."},
  {"table": "containers", "key": "dns_servers", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "doc": "DNS servers for every container, or `none` to write no resolv.conf."},
  {"table": "containers", "key": "env", "type": "string[]", "default": "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]", "since": "1.9", "append": true, "check": "container-env", "doc": "Environment variables for every container, `KEY=value`; a bare `KEY` copies the value from the host."},
  {"table": "containers", "key": "env_host", "type": "bool", "default": "false", "since": "1.9", "doc": "When true, containers inherit the whole environment of the host."},
  {"table": "containers", "key": "host_containers_internal_ip", "type": "string", "default": "", "since": "4.1", "check": "host-ip", "doc": "Address that `host.containers.internal` resolves to; `none` leaves the name out."},
  {"table": "containers", "key": "http_proxy", "type": "bool", "default": "true", "since": "1.9", "doc": "When true, the host's proxy variables (http_proxy and friends) are passed into containers."},
  {"table": "containers", "key": "init", "type": "bool", "default": "false", "since": "1.9", "doc": "When true, a small init process runs as PID 1 in each container to reap zombies and forward signals."},
  {"table": "containers", "key": "init_path", "type": "string", "default": "", "since": "1.9", "doc": "Path of the init binary used when `init` is true."},
  {"table": "containers", "key": "interface_name", "type": "string", "default": "", "since": "5.0", "values": ["", "device"], "when": "load", "doc": "How network interfaces are named inside containers: `device` uses the host's interface names."},
  {"table": "containers", "key": "ipcns", "type": "string", "default": "shareable", "since": "1.9", "values": ["", "shareable", "private", "host", "none"], "prefixes": ["container:", "ns:"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "IPC namespace: `shareable`, `private`, `host`, `none`, `container:<id>` or `ns:<path>`."},
  {"table": "containers", "key": "keyring", "type": "bool", "default": "true", "since": "2.2", "doc": "When true, each container gets its own session keyring."},
  {"table": "containers", "key": "label", "type": "bool", "default": "true if SELinux is enabled on the host", "since": "1.9", "doc": "When true, containers are labeled for SELinux separation: the container_t domain and a pair of MCS categories of their own."},
  {"table": "containers", "key": "label_users", "type": "bool", "default": "false", "since": "4.6", "doc": "When true, containers keep the SELinux user and role of the process that starts them instead of system_u and system_r."},
  {"table": "containers", "key": "log_driver", "type": "string", "default": "journald if built with systemd and a journal is readable, else k8s-file", "since": "1.9", "values": ["", "k8s-file", "journald", "none", "passthrough", {"value": "passthrough-tty", "since": "5.0"}, "json-file"], "check": "log-driver", "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "Where container output goes: `k8s-file`, `journald`, `none`, `passthrough`, `passthrough-tty` or `json-file`; empty picks the default."},
  {"table": "containers", "key": "log_path", "type": "string", "default": "", "since": "5.7", "check": "absolute-path", "doc": "Default directory of container log files (absolute path)."},
  {"table": "containers", "key": "log_size_max", "type": "int", "default": "-1", "since": "1.9", "check": "log-size-max", "doc": "Largest size in bytes of a container log file before it is rotated; negative means unlimited."},
  {"table": "containers", "key": "log_tag", "type": "string", "default": "", "since": "3.3", "doc": "Tag written with each log line (Go template allowed)."},
  {"table": "containers", "key": "mounts", "type": "string[]", "default": "[]", "since": "4.7", "append": true, "doc": "Mounts added to every container, in `--mount` syntax (`type=bind,source=…,destination=…`)."},
  {"table": "containers", "key": "netns", "type": "string", "default": "private", "since": "1.9", "doc": "Network mode: `private`, `bridge`, `host`, `none`, `pasta`, `slirp4netns`, `container:<id>`, `ns:<path>` or network names."},
  {"table": "containers", "key": "no_hosts", "type": "bool", "default": "false", "since": "1.9", "doc": "When true, Podman does not create /etc/hosts in containers."},
  {"table": "containers", "key": "oom_score_adj", "type": "int", "default": "unset (nil)", "since": "4.5", "check": "oom-score-adj", "doc": "OOM score adjustment for containers, -1000 to 1000."},
  {"table": "containers", "key": "pidns", "type": "string", "default": "private", "since": "1.9", "values": ["", "private", "host"], "prefixes": ["container:", "ns:"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "PID namespace: `private`, `host`, `container:<id>` or `ns:<path>`."},
  {"table": "containers", "key": "pids_limit", "type": "int", "default": "2048", "since": "1.9", "doc": "Most processes a container may run; 0 or less means no limit."},
  {"table": "containers", "key": "prepare_volume_on_create", "type": "bool", "default": "false", "since": "3.3", "doc": "When true, named volumes are created and copied up at container creation rather than at start."},
  {"table": "containers", "key": "privileged", "type": "bool", "default": "false", "since": "4.8", "doc": "When true, every container runs privileged. Almost never what you want."},
  {"table": "containers", "key": "read_only", "type": "bool", "default": "false", "since": "4.4", "doc": "When true, containers get a read-only root file system."},
  {"table": "containers", "key": "seccomp_profile", "type": "string", "default": "", "since": "1.9", "check": "seccomp-profile", "doc": "Seccomp profile (JSON file) that limits system calls; `unconfined` turns seccomp off."},
  {"table": "containers", "key": "shm_size", "type": "string", "default": "65536k", "since": "1.9", "check": "shm-size", "doc": "Size of /dev/shm in each container, such as `64m`."},
  {"table": "containers", "key": "tz", "type": "string", "default": "", "since": "2.1", "check": "timezone", "doc": "Time zone of containers: `local` (the host's) or a zone name such as `Europe/Berlin`."},
  {"table": "containers", "key": "umask", "type": "string", "default": "0022", "since": "2.1", "check": "umask", "doc": "umask of the container's init, in octal (`0022`)."},
  {"table": "containers", "key": "userns", "type": "string", "default": "", "since": "1.9", "values": ["", "host", "private", "auto", "keep-id", "nomap"], "prefixes": ["auto:", "keep-id:", "container:", "ns:"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "User namespace: `\"\"`/`host`, `private`, `auto`, `keep-id`, `nomap`, `container:<id>` or `ns:<path>`."},
  {"table": "containers", "key": "userns_size", "type": "int", "default": "65536", "since": "1.9", "deprecated": "nothing in Podman reads it any more", "doc": "Deprecated; no longer used."},
  {"table": "containers", "key": "utsns", "type": "string", "default": "private", "since": "1.9", "values": ["", "private", "host"], "prefixes": ["container:", "ns:"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "UTS namespace (host name): `private`, `host`, `container:<id>` or `ns:<path>`."},
  {"table": "containers", "key": "volumes", "type": "string[]", "default": "[]", "since": "1.9", "append": true, "check": "volumes", "doc": "Bind mounts added to every container: `host-dir:container-dir[:options]`."},
  {"table": "containers", "key": "additional_annotations", "type": "string[]", "removed": "old", "removedNote": "existed in containers/common v0.3.0 only", "replacement": "annotations", "doc": ""},
  {"table": "containers", "key": "additional_devices", "type": "string[]", "removed": "old", "removedNote": "existed in containers/common v0.0.1-v0.3.0", "replacement": "devices", "doc": ""},
  {"table": "containers", "key": "additional_volumes", "type": "string[]", "removed": "old", "removedNote": "existed in containers/common v0.0.6-v0.3.0", "replacement": "volumes", "doc": ""},
  {"table": "containers", "key": "no_host", "type": "bool", "removed": "old", "removedNote": "existed in containers/common v0.0.6 only", "replacement": "no_hosts", "doc": ""},
  {"table": "containers", "key": "rootless_networking", "type": "string", "since": "3.3", "removed": "4.0", "removedNote": "existed in containers/common v0.39.0-v0.46.x (Podman 3.2-3.4)", "doc": ""},
  {"table": "engine", "key": "active_service", "type": "string", "default": "", "since": "2.1", "doc": "Name of the `[engine.service_destinations]` entry the remote client uses by default."},
  {"table": "engine", "key": "add_compression", "type": "string[]", "default": "[]", "since": "4.7", "append": true, "doc": "Extra compression formats to push alongside the default (`gzip`, `zstd`, `zstd:chunked`)."},
  {"table": "engine", "key": "cdi_spec_dirs", "type": "string[]", "default": "[\"/etc/cdi\", \"/var/run/cdi\"]", "since": "5.1", "append": true, "doc": "Directories searched for CDI device specifications."},
  {"table": "engine", "key": "cgroup_check", "type": "bool", "default": "false", "since": "1.9", "doc": "When true, Podman checks the cgroup setup of rootless containers and warns about problems."},
  {"table": "engine", "key": "cgroup_manager", "type": "string", "default": "systemd if PID 1 is systemd (and not rootless on cgroup v1) and built with systemd tag; else cgroupfs", "since": "1.9", "values": ["systemd", "cgroupfs"], "when": "create", "fails": "`podman create` and `podman run` of every container that takes this default", "doc": "Who manages cgroups: `systemd` or `cgroupfs`."},
  {"table": "engine", "key": "chown_copied_files", "type": "bool", "default": "true", "since": "3.3", "doc": "When true, files copied into a container with `podman cp` get the container user as owner."},
  {"table": "engine", "key": "compat_api_enforce_docker_hub", "type": "bool", "default": "true", "since": "4.0", "doc": "When true, the Docker-compatible API resolves short image names to docker.io."},
  {"table": "engine", "key": "compose_providers", "type": "string[]", "default": "[\"$HOME/.docker/cli-plugins/docker-compose\", \"/usr/local/lib/docker/cli-plugins/docker-compose\", \"/usr/local/libexec/docker/cli-plugins/docker-compose\", \"/usr/lib/docker/cli-plugins/docker-compose\", \"/usr/libexec/docker/cli-plugins/docker-compose\", \"docker-compose\", \"podman-compose\"]", "since": "4.7", "append": true, "doc": "Compose programs `podman compose` looks for, in order."},
  {"table": "engine", "key": "compose_warning_logs", "type": "bool", "default": "true", "since": "4.7", "doc": "When true, `podman compose` says which external compose program it runs."},
  {"table": "engine", "key": "compression_format", "type": "string", "default": "gzip", "since": "4.0", "values": ["gzip", "zstd", "zstd:chunked"], "doc": "Compression used when pushing images: `gzip`, `zstd` or `zstd:chunked`."},
  {"table": "engine", "key": "compression_level", "type": "int", "default": "unset (gzip 5, zstd 3)", "since": "4.6", "doc": "Compression level when pushing (gzip 1-9, zstd 1-20); an integer."},
  {"table": "engine", "key": "conmon_env_vars", "type": "string[]", "default": "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]", "since": "1.9", "append": true, "doc": "Environment variables passed to conmon."},
  {"table": "engine", "key": "conmon_path", "type": "string[]", "default": "[\"/usr/libexec/podman/conmon\", \"/usr/local/libexec/podman/conmon\", \"/usr/local/lib/podman/conmon\", \"/usr/bin/conmon\", \"/usr/sbin/conmon\", \"/usr/local/bin/conmon\", \"/usr/local/sbin/conmon\", \"/run/current-system/sw/bin/conmon\"]", "since": "1.9", "append": true, "doc": "Paths tried, in order, to find the conmon binary."},
  {"table": "engine", "key": "conmonrs_path", "type": "string[]", "default": "[\"/usr/libexec/podman/conmonrs\", \"...same pattern as conmon_path...\"]", "since": "4.3", "append": true, "doc": "Paths tried, in order, to find the conmon-rs binary."},
  {"table": "engine", "key": "database_backend", "type": "string", "default": "", "since": "4.5", "values": ["", "sqlite", "boltdb"], "when": "load", "doc": "Podman's state database: `sqlite` or `boltdb`; empty picks automatically."},
  {"table": "engine", "key": "detach_keys", "type": "string", "default": "ctrl-p,ctrl-q", "since": "1.9", "doc": "Key sequence that detaches from a container, such as `ctrl-p,ctrl-q`."},
  {"table": "engine", "key": "enable_port_reservation", "type": "bool", "default": "true", "since": "1.9", "doc": "When true, Podman holds published host ports open so other programs cannot take them."},
  {"table": "engine", "key": "env", "type": "string[]", "default": "[]", "since": "2.1", "append": true, "check": "env-pairs", "doc": "Environment variables for Podman itself (`KEY=value`), for example proxies."},
  {"table": "engine", "key": "events_container_create_inspect_data", "type": "bool", "default": "false", "since": "4.4", "doc": "When true, container-create events carry the full inspect data."},
  {"table": "engine", "key": "events_logfile_max_size", "type": "size", "default": "1m (1000000 bytes)", "since": "4.1", "check": "events-log-size", "doc": "Largest size of the events log file (with the `file` logger), such as `1m`; 0 means unlimited."},
  {"table": "engine", "key": "events_logfile_path", "type": "string", "default": "", "since": "1.9", "doc": "Path of the events log file when `events_logger` is `file`."},
  {"table": "engine", "key": "events_logger", "type": "string", "default": "journald if usable (systemd build, journal dir readable) else file", "since": "1.9", "values": ["journald", "file", "none"], "ci": true, "when": "start", "fails": "every podman command that sets up its runtime (`podman info`, `podman run` …)", "doc": "Where events go: `journald`, `file` or `none`."},
  {"table": "engine", "key": "exit_command_delay", "type": "uint", "default": "300", "since": "4.1", "doc": "Seconds after a container exits before its cleanup may run."},
  {"table": "engine", "key": "healthcheck_events", "type": "bool", "default": "true", "since": "5.1", "doc": "When false, health checks produce no events."},
  {"table": "engine", "key": "helper_binaries_dir", "type": "string[]", "default": "[\"/usr/local/libexec/podman\", \"/usr/local/lib/podman\", \"/usr/libexec/podman\", \"/usr/lib/podman\"]", "since": "3.4", "append": true, "doc": "Directories searched for helper programs (netavark, pasta, catatonit …)."},
  {"table": "engine", "key": "hooks_dir", "type": "string[]", "default": "[\"/usr/share/containers/oci/hooks.d\"]", "since": "1.9", "append": true, "doc": "Directories holding OCI hook definitions."},
  {"table": "engine", "key": "image_build_format", "type": "string", "default": "oci", "since": "2.2", "deprecated": "use image_default_format", "doc": "Deprecated: image format for builds; use `image_default_format`."},
  {"table": "engine", "key": "image_copy_tmp_dir", "type": "string", "default": "/var/tmp (or $TMPDIR)", "since": "4.0", "check": "copy-tmp-dir", "doc": "Directory for temporary files when copying images: an absolute path, or `storage`."},
  {"table": "engine", "key": "image_default_format", "type": "string", "default": "", "since": "3.1", "values": ["", "oci", "v2s2", "v2s1"], "doc": "Manifest format for pushed images: `oci`, `v2s2` or `v2s1`."},
  {"table": "engine", "key": "image_default_transport", "type": "string", "default": "docker://", "since": "1.9", "doc": "Transport used for image names without one (default `docker://`)."},
  {"table": "engine", "key": "image_parallel_copies", "type": "uint", "default": "0", "since": "3.1", "doc": "Most image layers copied at once; 0 lets Podman decide."},
  {"table": "engine", "key": "image_volume_mode", "type": "string", "default": "anonymous", "since": "4.2", "values": [{"value": "anonymous", "since": "5.0"}, {"value": "bind", "until": "5.0"}, "tmpfs", "ignore", ""], "when": "load", "doc": "What happens to VOLUME entries of images: `anonymous` volumes, `tmpfs`, or `ignore`."},
  {"table": "engine", "key": "infra_command", "type": "string", "default": "", "since": "1.9", "doc": "Command the infra container of a pod runs."},
  {"table": "engine", "key": "infra_image", "type": "string", "default": "", "since": "1.9", "doc": "Image used for the infra container of pods."},
  {"table": "engine", "key": "init_path", "type": "string", "default": "", "since": "1.9", "deprecated": "duplicate of [containers] init_path, which takes precedence", "doc": "Deprecated duplicate of `[containers] init_path`, which wins."},
  {"table": "engine", "key": "kube_generate_type", "type": "string", "default": "pod", "since": "4.5", "values": ["pod", "deployment", "daemonset", "job"], "doc": "Kind of object `podman kube generate` writes: `pod`, `deployment`, `daemonset` or `job`."},
  {"table": "engine", "key": "lock_type", "type": "string", "default": "shm (file on FreeBSD)", "since": "1.9", "values": ["shm", "file"], "when": "start", "fails": "every podman command that sets up its runtime", "doc": "Locking used between Podman processes: `shm` or `file`."},
  {"table": "engine", "key": "multi_image_archive", "type": "bool", "default": "false", "since": "2.1", "doc": "When true, `podman save` writes several images into one archive by default."},
  {"table": "engine", "key": "namespace", "type": "string", "default": "", "since": "1.9", "doc": "libpod namespace that separates sets of containers, pods and volumes."},
  {"table": "engine", "key": "network_cmd_options", "type": "string[]", "default": "[]", "since": "3.0", "append": true, "doc": "Options for the rootless network program (slirp4netns or pasta), such as `mtu=1500`."},
  {"table": "engine", "key": "network_cmd_path", "type": "string", "default": "", "since": "1.9", "removed": "6.0", "removedNote": "removed in container-libs main (Podman 6, slirp4netns removal); last in common v0.67.0 (Podman 5.8)", "doc": "Path of the slirp4netns binary."},
  {"table": "engine", "key": "no_pivot_root", "type": "bool", "default": "false", "since": "1.9", "doc": "When true, the runtime uses chroot instead of pivot_root (needed on some diskless setups)."},
  {"table": "engine", "key": "num_locks", "type": "uint32", "default": "2048", "since": "1.9", "check": "num-locks", "doc": "Number of locks allocated for containers and pods; changing it needs `podman system renumber`."},
  {"table": "engine", "key": "platform_to_oci_runtime", "type": "map<string>", "default": "{\"wasi/wasm\": \"crun-wasm\", \"wasi/wasm32\": \"crun-wasm\", \"wasi/wasm64\": \"crun-wasm\"}", "since": "4.4", "doc": "Maps an image platform (`os/arch`) to the OCI runtime that runs it."},
  {"table": "engine", "key": "pod_exit_policy", "type": "string", "default": "continue", "since": "4.1", "values": ["continue", "stop", ""], "when": "create", "fails": "`podman pod create`", "doc": "What a pod does when its last container exits: `continue` or `stop`."},
  {"table": "engine", "key": "podmansh_timeout", "type": "uint", "default": "30", "since": "4.7", "deprecated": "use [podmansh] timeout (which wins when > 0)", "doc": "Deprecated: seconds podmansh waits for its container; use `[podmansh] timeout`."},
  {"table": "engine", "key": "pull_policy", "type": "string", "default": "missing", "since": "1.9", "values": ["always", "missing", "never", "newer", {"value": "ifmissing", "since": "5.1"}, "ifnotpresent", "ifnewer", ""], "ci": true, "when": "load", "check": "pull-policy", "doc": "When images are pulled: `always`, `missing`, `never` or `newer`."},
  {"table": "engine", "key": "remote", "type": "bool", "default": "false (true in podman-remote builds)", "since": "2.2", "doc": "When true, Podman acts as a remote client of a Podman service."},
  {"table": "engine", "key": "remote_identity", "type": "string", "since": "2.0", "deprecated": "use [engine.service_destinations.<name>] identity", "doc": "Deprecated: SSH key for the remote connection; use a service destination."},
  {"table": "engine", "key": "remote_uri", "type": "string", "since": "2.0", "deprecated": "use [engine.service_destinations.<name>] uri + active_service", "doc": "Deprecated: URI of the remote service; use a service destination."},
  {"table": "engine", "key": "retry", "type": "uint", "default": "3", "since": "5.0", "doc": "How many times a failed pull or push is retried."},
  {"table": "engine", "key": "retry_delay", "type": "string", "default": "", "since": "5.0", "doc": "Delay between retries, as a Go duration such as `2s`."},
  {"table": "engine", "key": "runtime", "type": "string", "default": "first found of crun, runc, runj, kata, runsc, ocijail", "since": "1.9", "check": "runtime-name", "doc": "Default OCI runtime; must be a name in `[engine.runtimes]`, such as `crun` or `runc`."},
  {"table": "engine", "key": "runtime_path", "type": "string[]", "default": "[]", "since": "1.9", "deprecated": "legacy; only used when no runtime/runtimes configured", "append": true, "doc": "Deprecated list of runtime paths, used only when no runtime is configured."},
  {"table": "engine", "key": "runtime_supports_json", "type": "string[]", "default": "[\"crun\", \"runc\", \"kata\", \"runsc\", \"youki\", \"krun\", \"ocijail\"]", "since": "1.9", "append": true, "doc": "Runtimes that can print errors as JSON."},
  {"table": "engine", "key": "runtime_supports_kvm", "type": "string[]", "default": "[\"kata\", \"kata-runtime\", \"kata-qemu\", \"kata-fc\", \"krun\"]", "since": "2.0", "append": true, "doc": "Runtimes that run containers in virtual machines (KVM)."},
  {"table": "engine", "key": "runtime_supports_nocgroup", "type": "string[]", "default": "[\"crun\", \"krun\"]", "since": "3.0", "append": true, "doc": "Runtimes that can run containers without cgroups."},
  {"table": "engine", "key": "runtimes", "type": "map<string[]>", "default": "{\"crun\": [\"/usr/bin/crun\", \"...\"], \"crun-vm\": [\"...\"], \"crun-wasm\": [\"...\"], \"runc\": [\"...\"], \"runj\": [\"/usr/local/bin/runj\"], \"kata\": [\"...\"], \"runsc\": [\"...\"], \"youki\": [\"...\"], \"krun\": [\"/usr/bin/krun\", \"/usr/local/bin/krun\"], \"ocijail\": [\"/usr/local/bin/ocijail\"]}", "since": "1.9", "doc": "Table of OCI runtimes: each name maps to the paths tried for its binary."},
  {"table": "engine", "key": "runtimes_flags", "type": "map<string[]>", "default": "{}", "since": "5.7", "doc": "Extra flags for each runtime of `[engine.runtimes]`."},
  {"table": "engine", "key": "service_destinations", "type": "map<table>", "default": "{}", "since": "2.1", "doc": "Remote Podman services, one sub-table per name with `uri` and `identity`."},
  {"table": "engine", "key": "service_timeout", "type": "uint", "default": "5", "since": "4.0", "doc": "Seconds the Podman service stays alive without requests (0 = forever)."},
  {"table": "engine", "key": "ssh_config", "type": "string", "default": "$CONTAINERS_SSH_CONF or ~/.ssh/config", "since": "4.3", "doc": "SSH client configuration file for remote connections."},
  {"table": "engine", "key": "static_dir", "type": "string", "default": "<graphroot>/libpod", "since": "1.9", "check": "state-dir", "doc": "Directory for persistent Podman state (absolute path)."},
  {"table": "engine", "key": "stop_timeout", "type": "uint", "default": "10", "since": "1.9", "doc": "Seconds Podman waits after the stop signal before killing a container."},
  {"table": "engine", "key": "tmp_dir", "type": "string", "default": "/run/libpod (root); $XDG_RUNTIME_DIR/libpod/tmp (rootless)", "since": "1.9", "check": "absolute-path", "doc": "Directory for temporary state (absolute path, on a tmpfs)."},
  {"table": "engine", "key": "volume_path", "type": "string", "default": "<graphroot>/volumes", "since": "1.9", "check": "absolute-path", "doc": "Directory where named volumes live (absolute path)."},
  {"table": "engine", "key": "volume_plugin_timeout", "type": "uint", "default": "5", "since": "4.2", "doc": "Seconds to wait for a volume plugin to answer."},
  {"table": "engine", "key": "volume_plugins", "type": "map<string>", "default": "{}", "since": "3.0", "doc": "Table of volume plugins: each name maps to its socket path."},
  {"table": "engine", "key": "machine_enabled", "type": "bool", "since": "3.2", "removed": "5.0", "removedNote": "existed in containers/common v0.37.1-v0.57.x (removed in v0.58.0 / Podman 5.0)", "doc": ""},
  {"table": "engine", "key": "machine_image", "type": "string", "since": "3.4", "removed": "4.0", "removedNote": "existed in containers/common v0.43.0-v0.45.x", "replacement": "[machine] image", "doc": ""},
  {"table": "engine", "key": "runtime_supports_nocgroupv2", "type": "any", "removed": "old", "removedNote": "existed in containers/common v0.8.0-v0.33.0", "replacement": "runtime_supports_nocgroup", "doc": ""},
  {"table": "engine", "key": "runtime_supports_nocgroups", "type": "any", "removed": "old", "removedNote": "existed in containers/common v0.5.0-v0.7.x (as [engine]); [libpod] before v0.5.0", "doc": ""},
  {"table": "engine.service_destinations.*", "key": "uri", "type": "string", "since": "2.1", "doc": "Address of the remote service: `unix://…`, `ssh://user@host/…` or `tcp://…`."},
  {"table": "engine.service_destinations.*", "key": "identity", "type": "string", "since": "2.1", "doc": "SSH private key used to reach the service."},
  {"table": "engine.service_destinations.*", "key": "is_machine", "type": "bool", "default": "false", "since": "4.3", "doc": "Whether this destination is a Podman machine."},
  {"table": "engine.service_destinations.*", "key": "tls_cert", "type": "string", "since": "5.7", "doc": "Client TLS certificate for a `tcp://` destination."},
  {"table": "engine.service_destinations.*", "key": "tls_key", "type": "string", "since": "5.7", "doc": "Client TLS key for a `tcp://` destination."},
  {"table": "engine.service_destinations.*", "key": "tls_ca", "type": "string", "since": "5.7", "doc": "CA bundle that verifies a `tcp://` destination."},
  {"table": "network", "key": "network_backend", "type": "string", "default": "", "since": "4.0", "values": ["", "netavark", {"value": "cni", "until": "6.0"}], "when": "start", "fails": "every podman command that sets up networking", "doc": "Network stack: `netavark` (current) or `cni` (old); empty picks automatically."},
  {"table": "network", "key": "cni_plugin_dirs", "type": "string[]", "default": "[\"/usr/local/libexec/cni\", \"/usr/libexec/cni\", \"/usr/local/lib/cni\", \"/usr/lib/cni\", \"/opt/cni/bin\"]", "since": "1.9", "removed": "6.0", "removedNote": "removed in container-libs main (Podman 6); last in common v0.67.0 (Podman 5.8)", "append": true, "check": "cni-plugin-dirs", "doc": "Directories searched for CNI plugins."},
  {"table": "network", "key": "netavark_plugin_dirs", "type": "string[]", "default": "[\"/usr/local/libexec/netavark\", \"/usr/libexec/netavark\", \"/usr/local/lib/netavark\", \"/usr/lib/netavark\"]", "since": "4.5", "append": true, "doc": "Directories searched for netavark plugins."},
  {"table": "network", "key": "firewall_driver", "type": "string", "default": "", "since": "5.0", "values": ["", "iptables", "nftables", "firewalld", "none"], "doc": "Firewall used by netavark: `iptables`, `nftables`, `firewalld` or `none`."},
  {"table": "network", "key": "default_network", "type": "string", "default": "podman", "since": "1.9", "doc": "Name of the default network."},
  {"table": "network", "key": "default_subnet", "type": "string", "default": "10.88.0.0/16", "since": "3.2", "check": "cidr", "doc": "Subnet of the default network, in CIDR form."},
  {"table": "network", "key": "default_subnet_pools", "type": "table[]", "default": "[{\"base\": \"10.89.0.0/16\", \"size\": 24}, {\"base\": \"10.90.0.0/15\", \"size\": 24}, {\"base\": \"10.92.0.0/14\", \"size\": 24}, {\"base\": \"10.96.0.0/11\", \"size\": 24}, {\"base\": \"10.128.0.0/9\", \"size\": 24}]", "since": "4.1", "check": "subnet-pools", "doc": "Pools new networks take their subnets from: `{base = \"10.89.0.0/16\", size = 24}` entries."},
  {"table": "network", "key": "default_rootless_network_cmd", "type": "string", "default": "pasta (slirp4netns before Podman 5.0)", "since": "4.6", "values": ["pasta", "slirp4netns"], "when": "create", "fails": "rootless `podman run` of containers on the default network", "doc": "Network program for rootless containers: `pasta` or `slirp4netns`."},
  {"table": "network", "key": "network_config_dir", "type": "string", "default": "", "since": "1.9", "doc": "Directory holding network definitions."},
  {"table": "network", "key": "dns_bind_port", "type": "uint16", "default": "0 (= 53)", "since": "4.2", "doc": "Port the aardvark-dns server listens on (0 means 53)."},
  {"table": "network", "key": "pasta_options", "type": "string[]", "default": "[]", "since": "4.6", "append": true, "doc": "Extra options passed to pasta."},
  {"table": "network", "key": "default_host_ips", "type": "string[]", "default": "[]", "since": "6.0", "append": true, "doc": "Host addresses that published ports bind to by default."},
  {"table": "network", "key": "network_dir", "type": "any", "removed": "old", "removedNote": "existed only in common v0.0.1-v0.0.3", "doc": ""},
  {"table": "network", "key": "plugin_dir", "type": "any", "removed": "old", "removedNote": "existed only in common v0.0.1-v0.0.3", "doc": ""},
  {"table": "network", "key": "plugin_dirs", "type": "any", "removed": "old", "removedNote": "existed only in common v0.0.1-v0.0.3", "doc": ""},
  {"table": "network.default_subnet_pools[]", "key": "base", "type": "string", "since": "4.1", "doc": "Base network of the pool (IPv4 CIDR)."},
  {"table": "network.default_subnet_pools[]", "key": "size", "type": "int", "since": "4.1", "doc": "Prefix length of each subnet taken from the pool."},
  {"table": "secrets", "key": "driver", "type": "string", "default": "file", "since": "3.3", "values": ["file", "pass", "shell"], "doc": "Secrets driver: `file`, `pass` or `shell`."},
  {"table": "secrets", "key": "opts", "type": "map<string>", "default": "{}", "since": "3.3", "doc": "Options of the secrets driver."},
  {"table": "configmaps", "key": "driver", "type": "string", "since": "4.0", "doc": "Config map driver (not used by Podman)."},
  {"table": "configmaps", "key": "opts", "type": "map<string>", "since": "4.0", "doc": "Config map driver options (not used by Podman)."},
  {"table": "machine", "key": "cpus", "type": "uint", "default": "NumCPU/2 (min 1)", "since": "3.4", "doc": "Number of CPUs of new Podman machines."},
  {"table": "machine", "key": "disk_size", "type": "uint", "default": "100", "since": "3.4", "doc": "Disk size, in GiB, of new Podman machines."},
  {"table": "machine", "key": "image", "type": "string", "default": "'' (Podman 5.x); docker://quay.io/podman/machine-os (Podman 6 main)", "since": "3.4", "doc": "Image new Podman machines boot from."},
  {"table": "machine", "key": "memory", "type": "uint", "default": "2048", "since": "3.4", "doc": "Memory, in MiB, of new Podman machines."},
  {"table": "machine", "key": "user", "type": "string", "default": "core", "since": "4.0", "doc": "User inside Podman machines."},
  {"table": "machine", "key": "volumes", "type": "string[]", "default": "[\"$HOME:$HOME\"]", "since": "4.1", "append": true, "doc": "Host directories mounted into Podman machines: `src:dst[:ro]`."},
  {"table": "machine", "key": "provider", "type": "string", "default": "", "since": "4.5", "values": ["", "qemu", "wsl", "hyperv", "applehv", "libkrun"], "doc": "Virtualization provider: `qemu`, `wsl`, `hyperv`, `applehv` or `libkrun`."},
  {"table": "machine", "key": "rosetta", "type": "bool", "default": "true (Podman 5.x); false in Podman 6 main", "since": "5.0", "doc": "When true, Apple Rosetta runs amd64 binaries in machines on Apple silicon."},
  {"table": "machine", "key": "import_native_ca", "type": "bool", "default": "false", "since": "6.0", "doc": "When true, the host's CA certificates are imported into machines."},
  {"table": "farms", "key": "default", "type": "string", "default": "", "since": "4.7", "doc": "Farm used by `podman farm build` when none is named."},
  {"table": "farms", "key": "list", "type": "map<string[]>", "default": "{}", "since": "4.7", "doc": "Table of farms: each name maps to its list of connections."},
  {"table": "podmansh", "key": "shell", "type": "string", "default": "/bin/sh", "since": "5.1", "doc": "Shell podmansh runs inside the container."},
  {"table": "podmansh", "key": "container", "type": "string", "default": "podmansh", "since": "5.1", "doc": "Name of the container podmansh logs users into."},
  {"table": "podmansh", "key": "timeout", "type": "uint", "default": "0", "since": "5.1", "doc": "Seconds podmansh waits for its container to be ready."},
];
