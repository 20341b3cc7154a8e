/**
 * Value checks beyond type and enumeration, by name: a key record in ./data.ts names the
 * check its value goes through (`check: 'umask'`). Each check looks at the value's TOML
 * type itself and reports what Podman refuses, when it refuses it.
 */
import { isIP } from 'node:net';
import { posix } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import type { TomlValue } from './toml';
import type { CcKey } from './data';
import { loadError, type CheckContext } from './context';
import { checkCapabilities } from './capabilityList';
import { versionAtLeast } from './keys';
import { closest } from '../util/strings';
import { cidrError, deviceModeOk, isGoSize, sysctlError, ulimitError, volumeError } from './specs';

type StringValue = Extract<TomlValue, { type: 'string' }>;
type Check = (value: TomlValue, k: CcKey, cx: CheckContext) => void;

const strings = (value: TomlValue): StringValue[] => (value.type === 'array' ? value.items.filter((i): i is StringValue => i.type === 'string') : []);
const at = (cx: CheckContext, v: { start: number; end: number }) => cx.range(v.start, v.end);

export const CHECKS = {
  umask: (value, _k, cx) => {
    if (value.type === 'string' && !/^[0-7]{1,4}$/.test(value.value)) loadError(cx, `\`${value.value}\` is not a umask: write up to four octal digits, such as \`0022\`.`, at(cx, value));
  },
  'shm-size': (value, _k, cx) => {
    if (value.type === 'string' && !isGoSize(value.value)) loadError(cx, `\`${value.value}\` is not a size: write a number with an optional unit, such as \`64m\`.`, at(cx, value));
  },
  'absolute-path': (value, k, cx) => absolutePath(value, k, cx),
  timezone: (value, _k, cx) => {
    if (value.type !== 'string') return;
    const s = value.value;
    // Podman looks with filepath.Join, which cleans the path: `UTC/` and `Etc/../UTC` are UTC.
    const zone = (dir: string) => posix.join(dir, s).replace(/(.)\/+$/, '$1');
    if (s !== '' && s !== 'local' && !cx.restricted && cx.host && !cx.host.stat(zone('/usr/share/zoneinfo')) && !cx.host.stat(zone('/etc/zoneinfo'))) {
      loadError(cx, `No time zone \`${s}\` exists in /usr/share/zoneinfo on this host.`, at(cx, value));
    }
  },
  'host-ip': (value, k, cx) => {
    // An address, or `none` to leave host.containers.internal out (empty: Podman picks one).
    if (value.type === 'string' && value.value !== '' && value.value !== 'none' && !isIP(value.value)) {
      cx.report({ code: 'containers/unknown-value', message: `\`${value.value}\` is neither an IP address nor \`none\`, so \`${k.key}\` cannot be used.`, range: at(cx, value), data: { suggestion: null } });
    }
  },
  'runtime-name': (value, _k, cx) => {
    if (value.type !== 'string') return;
    const s = value.value;
    const range = at(cx, value);
    cx.later(() => {
      // Depends on the host: Podman needs the runtime's binary where it runs.
      if (cx.host && !cx.restricted && (cx.runtimes.has(s) || s.startsWith('/'))) {
        const paths = s.startsWith('/') ? [s] : cx.runtimePaths.get(s) ?? defaultRuntimePaths(s);
        if (!paths.some((p) => cx.host!.stat(p)?.type === 'file')) {
          cx.report({ code: 'containers/runtime-value', message: `No binary of the runtime \`${s}\` is installed on this host (looked for ${paths.length > 3 ? `${paths.slice(0, 3).join(', ')} …` : paths.join(', ')}): Podman loads the file, but \`podman info\`, \`podman create\` and \`podman run\` fail here ("default OCI runtime not found"); on a host with the runtime installed they work.`, range, data: { suggestion: null } });
        }
        return;
      }
      if (cx.runtimes.has(s) || s.startsWith('/')) return;
      cx.report({ code: 'containers/runtime-value', message: `No runtime \`${s}\` is defined in [engine.runtimes]; Podman loads the file, but every command that needs the runtime fails ("default OCI runtime not found").`, range, data: { suggestion: cx.suggest(() => closest(s, cx.runtimes)) } });
    });
  },
  'log-driver': (value, _k, cx) => {
    // Depends on the host: the journald driver needs a running journal where the container is created.
    if (value.type === 'string' && value.value === 'journald' && cx.host && !cx.restricted && !cx.host.stat('/run/systemd/journal/socket')) {
      createError(cx, 'No systemd journal is running on this host (/run/systemd/journal/socket is missing): Podman loads the file, but `podman create` and `podman run` fail here for every container that takes this default; on a host with journald they work.', at(cx, value));
    }
  },
  'events-log-size': (value, _k, cx) => {
    // An empty string leaves the default (Podman 4.3.1 loads and creates with it).
    if (value.type === 'string' && value.value !== '' && !isGoSize(value.value)) loadError(cx, `\`${value.value}\` is not a size: write a number with an optional unit, such as \`1m\`.`, at(cx, value));
    if (value.type === 'integer' && value.value < 0n) loadError(cx, '`events_logfile_max_size` cannot be negative.', at(cx, value));
  },
  'log-size-max': (value, _k, cx) => {
    if (value.type === 'integer' && value.value >= 0n && value.value < 8192n) loadError(cx, '`log_size_max` must be negative (no limit) or at least 8192 bytes.', at(cx, value));
  },
  'oom-score-adj': (value, _k, cx) => {
    if (value.type === 'integer' && (value.value < -1000n || value.value > 1000n)) {
      cx.report({ code: 'containers/runtime-value', message: 'oom_score_adj goes from -1000 to 1000; containers will fail to start with this value.', range: at(cx, value) });
    }
  },
  ulimits: (value, _k, cx) => {
    for (const s of strings(value)) {
      const err = ulimitError(s.value);
      if (err) loadError(cx, err, at(cx, s));
    }
  },
  devices: (value, _k, cx) => {
    for (const s of strings(value)) {
      const err = deviceError(s.value, cx.version);
      if (err) loadError(cx, err, at(cx, s));
      // Depends on the host: the device must exist where the container is created.
      const src = s.value.split(':')[0];
      if (!err && src.startsWith('/') && cx.host && !cx.restricted && !cx.host.stat(src)) {
        createError(cx, `\`${src}\` does not exist on this host: Podman loads the file, but \`podman create\` and \`podman run\` fail here for every container (on a host that has the device, they work).`, at(cx, s));
      }
    }
  },
  sysctls: (value, _k, cx) => {
    for (const s of strings(value)) {
      const err = sysctlError(s.value);
      if (err) createError(cx, `${err} \`podman create\` and \`podman run\` fail for every container.`, at(cx, s));
    }
  },
  'container-env': (value, _k, cx) => {
    for (const s of strings(value)) {
      if (s.value === '' || s.value.startsWith('=')) createError(cx, `\`${s.value}\` has no variable name; \`podman create\` and \`podman run\` fail for every container.`, at(cx, s));
    }
  },
  volumes: (value, _k, cx) => {
    for (const s of strings(value)) {
      const err = volumeError(s.value);
      if (err) createError(cx, `${err} \`podman create\` and \`podman run\` fail for every container.`, at(cx, s));
    }
  },
  // Loading ignores case, but `podman create` parses the policy again with these spellings only.
  'pull-policy': (value, _k, cx) => {
    if (value.type !== 'string' || PULL_POLICY_SPELLINGS.has(value.value)) return;
    const lower = value.value.toLowerCase();
    if ([...PULL_POLICY_SPELLINGS].some((p) => p.toLowerCase() === lower)) {
      createError(cx, `Podman loads \`${value.value}\` (it ignores case there), but \`podman create\` and \`podman run\` refuse it ("unsupported pull policy"): write \`${lower}\`.`, at(cx, value));
    }
  },
  'seccomp-profile': (value, _k, cx) => {
    // Depends on the host: podman create opens the file where it runs.
    if (value.type !== 'string' || value.value === '' || value.value === 'unconfined' || cx.restricted || !cx.host) return;
    if (!value.value.startsWith('/')) createError(cx, `\`${value.value}\` is relative: \`podman create\` and \`podman run\` look for it in whatever directory they run in and fail where it is not. Write the absolute path.`, at(cx, value));
    else if (cx.host.stat(value.value)?.type !== 'file') createError(cx, `No file \`${value.value}\` exists on this host: Podman loads the file, but \`podman create\` and \`podman run\` fail here for every container ("opening seccomp profile failed").`, at(cx, value));
  },
  'num-locks': (value, _k, cx) => {
    if (value.type === 'integer' && value.value === 0n) createError(cx, '`num_locks` must be at least 1: Podman loads the file, but `podman info`, `podman create` and every command that opens its database fail.', at(cx, value));
  },
  'cni-plugin-dirs': (value, k, cx) => {
    // Before Podman 4.7 (containers/common 0.56) a list other than the default must name at
    // least one existing directory, or Podman refuses the file: judged on this host.
    if (versionAtLeast(cx.version, '4.7') || value.type !== 'array' || !cx.host || cx.restricted) return;
    const dirs = strings(value).map((s) => s.value);
    if (dirs.length !== value.items.length || dirs.some((d) => d.startsWith('~'))) return;
    if (k.default && JSON.stringify(dirs) === JSON.stringify(JSON.parse(k.default))) return;
    const host = cx.host;
    if (dirs.some((d) => host.stat(d.startsWith('/') ? d : `${host.cwd()}/${d}`)?.type === 'directory')) return;
    loadError(cx, `${dirs.length ? 'None of these directories exists on this host' : 'The list is empty'}, and Podman ${cx.version} needs one that exists when \`cni_plugin_dirs\` is not the default ("invalid cni_plugin_dirs"; Podman 4.7 and later no longer check).`, at(cx, value));
  },
  'copy-tmp-dir': (value, _k, cx) => {
    if (value.type === 'string' && value.value !== '' && value.value !== 'storage' && !value.value.startsWith('/')) createError(cx, `\`image_copy_tmp_dir\` must be an absolute path or \`storage\`, not \`${value.value}\`: Podman loads the file, but \`podman info\`, \`podman create\` and image commands fail.`, at(cx, value));
  },
  cidr: (value, _k, cx) => {
    const err = value.type === 'string' && value.value !== '' ? cidrError(value.value) : undefined;
    if (err) createError(cx, `${err} Podman loads the file, but \`podman info\` and \`podman create\` fail.`, at(cx, value));
  },
  'state-dir': (value, k, cx) => {
    if (value.type === 'string' && value.value === '') createError(cx, `An empty \`${k.key}\` is not the default: Podman loads the file, but \`podman info\`, \`podman create\` and every command that sets up its runtime fail. Remove the line to get the default.`, at(cx, value));
    else absolutePath(value, k, cx);
  },
  'env-pairs': (value, _k, cx) => {
    for (const s of strings(value)) {
      if (!s.value.includes('=')) cx.report({ code: 'containers/unknown-value', message: `\`${s.value}\` is not \`KEY=value\`; Podman warns and ignores it.`, range: at(cx, s) });
      // Podman sets these in its own environment while loading: an empty name fails setenv(3).
      else if (s.value.startsWith('=')) loadError(cx, `\`${s.value}\` has no variable name; Podman refuses the file ("setenv: invalid argument").`, at(cx, s));
    }
  },
  'subnet-pools': (value, _k, cx) => {
    if (value.type === 'array') subnetPools(value, cx);
  },
  capabilities: (value, _k, cx) => {
    if (value.type === 'array') checkCapabilities(value, cx);
  },
} as const satisfies Record<string, Check>;

export type CheckName = keyof typeof CHECKS;

/** Where Podman looks for a built-in runtime (its binary names, in the usual system directories). */
const RUNTIME_BINARIES: Readonly<Record<string, readonly string[]>> = { kata: ['kata-runtime', 'kata-qemu', 'kata-fc'] };
const BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/sbin', '/bin', '/run/current-system/sw/bin', '/usr/libexec/crun', '/usr/lib/cri-o-runc/sbin'];

function defaultRuntimePaths(name: string): string[] {
  // Own records only: a runtime named `toString` is not Object.prototype.toString.
  const binaries = Object.hasOwn(RUNTIME_BINARIES, name) ? RUNTIME_BINARIES[name] : [name];
  return binaries.flatMap((b) => BIN_DIRS.map((d) => `${d}/${b}`));
}

function absolutePath(value: TomlValue, k: CcKey, cx: CheckContext): void {
  if (value.type === 'string' && value.value !== '' && !value.value.startsWith('/')) loadError(cx, `\`${k.key}\` must be an absolute path, not \`${value.value}\`.`, at(cx, value));
}

/** Podman loads the file but refuses the value when a command uses it (the message says which). */
/** The pull policies `podman create` reads (libimage ParsePullPolicy; `ifmissing` from Podman 5.1, which ctconf's load check knows). */
const PULL_POLICY_SPELLINGS: ReadonlySet<string> = new Set(['always', 'Always', 'missing', 'Missing', 'ifmissing', 'IfMissing', 'ifnotpresent', 'IfNotPresent', 'newer', 'Newer', 'ifnewer', 'IfNewer', 'never', 'Never', '']);

function createError(cx: CheckContext, message: string, range: Range): void {
  cx.report({ code: 'containers/runtime-value', message, range });
}

function deviceError(s: string, podman: string): string | undefined {
  if (!s.startsWith('/')) {
    // CDI names (vendor.com/class=name) are skipped at load by newer Podman; 4.3 refuses them.
    if (/^[a-z0-9.-]+\/[a-z0-9._-]+=/i.test(s)) return versionAtLeast(podman, '4.4') ? undefined : `CDI device names such as \`${s}\` need a later Podman than ${podman}.`;
    return `\`${s}\` is not a device: write \`/dev/src[:/dev/dst][:rwm]\` or a CDI name.`;
  }
  const parts = s.split(':');
  if (parts.length > 3) return `\`${s}\` is not a device specification.`;
  const mode = parts.length === 3 ? parts[2] : parts.length === 2 && !parts[1].startsWith('/') ? parts[1] : undefined;
  if (parts.length === 3 && !parts[1].startsWith('/')) return `\`${s}\` is not a device specification.`;
  if (mode !== undefined && !deviceModeOk(mode)) return `\`${mode}\` is not a device mode (use r, w and m).`;
  return undefined;
}

/** How many subnet pools Podman has built in: a pool given without `base` reuses the built-in one at its index. */
const DEFAULT_POOLS = 5;

function subnetPools(value: Extract<TomlValue, { type: 'array' }>, cx: CheckContext): void {
  for (const [index, item] of value.items.entries()) {
    if (item.type !== 'inline-table') continue;
    const base = item.entries.find((kv) => kv.key.parts[0].name === 'base');
    const size = item.entries.find((kv) => kv.key.parts[0].name === 'size');
    if (!base && index >= DEFAULT_POOLS) {
      loadError(cx, `Subnet pool ${index + 1} has no \`base\`: the first ${DEFAULT_POOLS} pools take the built-in base at their position, but this one has none and Podman crashes (nil pointer) when it loads the file.`, at(cx, item));
    }
    if (base && base.value.type === 'string') {
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(base.value.value);
      if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 32) {
        const v6 = base.value.value.includes(':');
        cx.report({ code: 'containers/invalid-value', message: v6 ? `Subnet pools must be IPv4: \`${base.value.value}\` is refused. Podman refuses to start with this file.` : `\`${base.value.value}\` is not a CIDR address. Podman refuses to start with this file.`, range: at(cx, base.value) });
        continue;
      }
      if (size && size.value.type === 'integer') {
        const n = size.value.value;
        if (n < 0n || n > 32n) cx.report({ code: 'containers/invalid-value', message: 'A subnet pool size must be between 0 and 32. Podman refuses to start with this file.', range: at(cx, size.value) });
        else if (n < BigInt(m[5])) cx.report({ code: 'containers/invalid-value', message: `The size /${n} is bigger than the pool ${base.value.value}. Podman refuses to start with this file.`, range: at(cx, size.value) });
      }
    }
    for (const kv of item.entries) {
      const kn = kv.key.parts.map((p) => p.name).join('.');
      if (kn === 'base' && kv.value.type !== 'string') cx.report({ code: 'containers/wrong-type', message: '`base` takes a string such as "10.89.0.0/16".', range: at(cx, kv.value) });
      else if (kn === 'size' && kv.value.type !== 'integer') cx.report({ code: 'containers/wrong-type', message: '`size` takes an integer such as 24.', range: at(cx, kv.value) });
      else if (kn !== 'base' && kn !== 'size') cx.report({ code: 'containers/unknown-key', message: `Subnet pools have only \`base\` and \`size\`; Podman ignores \`${kn}\`.`, range: at(cx, kv.key) });
    }
  }
}
