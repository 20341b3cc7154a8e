/**
 * Generated one-defect (or no-defect) containers.conf files. The verdict of each is not
 * written here: the differential test asks Podman.
 */
export interface CcCase {
  id: string;
  text: string;
}

const V: Record<string, string[]> = {
  // [containers]
  'containers.annotations': ['["a=b"]', '"a=b"', '[1]', '[]'],
  'containers.apparmor_profile': ['"unconfined"', '1'],
  'containers.base_hosts_file': ['"none"', '"/etc/hosts"'],
  'containers.cgroupns': ['"private"', '"bogus"'],
  'containers.cgroups': ['"enabled"', '"split"', '"off"', 'true'],
  'containers.default_capabilities': ['["CHOWN", "SYS_CHROOT"]', '["cap_kill", "CAP_net_raw", "Sys_Chroot"]', '["FOO_BAR"]', '["ALL"]', '"CHOWN"', '[1, 2]', '[]', '["CHOWN", {append = true}]'],
  'containers.default_sysctls': ['["net.ipv4.ping_group_range=0 0"]', '["novalue"]'],
  'containers.default_ulimits': ['["nofile=1024:2048"]', '["nofile=abc"]', '["foo=1:2"]', '["nofile"]', '["core=-1"]'],
  'containers.devices': ['["/dev/fuse"]', '["/dev/fuse:/dev/fuse:rwm"]', '["/dev/fuse:rwx"]', '["fuse"]', '["nvidia.com/gpu=all"]'],
  'containers.dns_servers': ['["1.1.1.1"]', '["none"]'],
  'containers.env': ['["A=1", "B"]', '"A=1"'],
  'containers.env_host': ['true', '"true"', '1'],
  'containers.http_proxy': ['false', '["x"]'],
  'containers.init': ['true', 'yes'],
  'containers.interface_name': ['"device"', '"eth"', '""'],
  'containers.ipcns': ['"shareable"', '"bogus"'],
  'containers.label': ['false', '"false"'],
  'containers.log_driver': ['"k8s-file"', '"syslog"'],
  'containers.log_size_max': ['-1', '8192', '100', '0', '"1m"'],
  'containers.log_tag': ['"{{.Name}}"'],
  'containers.netns': ['"bridge"', '"bogus"'],
  'containers.oom_score_adj': ['100', '-2000'],
  'containers.pidns': ['"private"', '"bogus"'],
  'containers.pids_limit': ['2048', '-1', '"2048"', '1.5'],
  'containers.seccomp_profile': ['"/usr/share/containers/seccomp.json"'],
  'containers.shm_size': ['"64m"', '"65536k"', '"1g"', '"huge"', '"-5536k"', '64'],
  'containers.tz': ['"local"', '"Europe/Berlin"', '"Mars/Olympus"', '""'],
  'containers.umask': ['"0022"', '"0002"', '"999"', '"abc"', '"07777"', '22'],
  'containers.userns': ['"auto"', '"keep-id"', '"bogus"', '""'],
  'containers.utsns': ['"host"', '"nope"'],
  'containers.volumes': ['["/a:/b:ro"]', '[]'],
  'containers.no_hosts': ['true'],
  'containers.userns_size': ['65536', '-1'],
  // [engine]
  'engine.cgroup_manager': ['"systemd"', '"cgroupfs"', '"bogus"'],
  'engine.conmon_path': ['["/usr/bin/conmon"]', '"/usr/bin/conmon"'],
  'engine.database_backend': ['"boltdb"', '"sqlite"', '"mysql"'],
  'engine.detach_keys': ['"ctrl-p,ctrl-q"'],
  'engine.env': ['["HTTP_PROXY=http://p:3128"]', '["NOVALUE"]'],
  'engine.events_logfile_max_size': ['"1m"', '1000000', '"lots"', '-5'],
  'engine.events_logger': ['"file"', '"journald"', '"syslog"'],
  'engine.exit_command_delay': ['300', '-1'],
  'engine.hooks_dir': ['["/usr/share/containers/oci/hooks.d"]'],
  'engine.image_copy_tmp_dir': ['"/var/tmp"', '"storage"'],
  'engine.image_default_format': ['"oci"'],
  'engine.image_parallel_copies': ['4', '-4'],
  'engine.image_volume_mode': ['"bind"', '"tmpfs"', '"anonymous"', '"copy"'],
  'engine.infra_image': ['"k8s.gcr.io/pause:3.5"'],
  'engine.lock_type': ['"shm"', '"flock"'],
  'engine.num_locks': ['2048', '-5', '4294967296'],
  'engine.pull_policy': ['"always"', '"Missing"', '"ifnewer"', '"sometimes"'],
  'engine.runtime': ['"crun"', '"runc"'],
  'engine.runtimes': ['"crun"', '{ crun = ["/usr/bin/crun"] }'],
  'engine.service_timeout': ['5', '-5'],
  'engine.static_dir': ['"/var/lib/containers/storage/libpod"', '"relative/dir"'],
  'engine.stop_timeout': ['10', '-1', '"10"'],
  'engine.tmp_dir': ['"/run/libpod"', '"tmp"'],
  'engine.volume_path': ['"/var/lib/containers/storage/volumes"', '"vols"'],
  'engine.volume_plugin_timeout': ['5'],
  'engine.compression_format': ['"zstd"'],
  'engine.compression_level': ['5', '"5"'],
  'engine.multi_image_archive': ['true'],
  'engine.no_pivot_root': ['false', '0'],
  'engine.remote': ['false'],
  'engine.pod_exit_policy': ['"stop"', '"halt"'],
  'engine.kube_generate_type': ['"deployment"'],
  'engine.runtime_supports_nocgroup': ['["crun"]'],
  'engine.runtime_supports_nocgroups': ['["crun"]'],
  'engine.chown_copied_files': ['true'],
  'engine.retry': ['3'],
  // [network]
  'network.network_backend': ['"netavark"', '"cni"', '"docker"'],
  'network.default_network': ['"podman"'],
  'network.default_subnet': ['"10.88.0.0/16"'],
  'network.default_subnet_pools': ['[{base = "10.89.0.0/16", size = 24}]', '[{base = "fd00::/8", size = 64}]', '[{base = "10.0.0.0/8", size = 4}]', '[{base = "10.0.0.0/8", size = 40}]', '[{base = "10.0.0/8", size = 24}]', '[{base = "10.89.0.0/16", size = "24"}]', '[{size = 24}]'],
  'network.dns_bind_port': ['53', '-1', '70000'],
  'network.cni_plugin_dirs': ['["/usr/lib/cni"]'],
  // [machine], [secrets], [podmansh], [farms]
  'machine.cpus': ['2', '-2'],
  'machine.memory': ['2048'],
  'machine.disk_size': ['100', '"100"'],
  'machine.volumes': ['["$HOME:$HOME"]'],
  'secrets.driver': ['"file"', '"vault"'],
  'farms.default': ['"f1"'],
  'podmansh.timeout': ['30'],
};

const RAW: string[] = [
  '[containers]\nfoo = 1',
  '[containers]\nLABEL = false',
  '[Containers]\nlabel = false',
  '[containerz]\nlabel = false',
  '[containers]\ncgroup_manager = "systemd"',
  '[engine]\nlabel = "oops"',
  '[containers]\nlabel = true\nlabel = false',
  '[containers]\n[containers]',
  '[containers]\nlabel = ',
  '[containers]\nlabel = tru',
  '[containers\nlabel = true',
  '[containers]\nenv = ["A=1"',
  '[containers]\nenv = [\n  "A=1", # one\n  "B=2",\n]',
  '[containers]\nuserns = "auto" # comment',
  'label = true',
  '[libpod]\ncgroup_manager = "systemd"',
  '[engine.runtimes]\ncrun = ["/usr/bin/crun"]\nrunc = "/usr/bin/runc"',
  '[engine.runtimes]\ncrun = "/usr/bin/crun"',
  '[engine.volume_plugins]\nfoo = "/run/foo.sock"',
  '[engine.volume_plugins]\nfoo = ["/run/foo.sock"]',
  '[engine.platform_to_oci_runtime]\n"wasi/wasm" = ["crun-wasm"]',
  '[engine.service_destinations.prod]\nuri = "ssh://core@host/run/podman/podman.sock"\nidentity = "/root/.ssh/id"',
  '[engine.service_destinations.prod]\nuri = 1',
  '[engine.service_destinations]\nprod = "x"',
  '[secrets.opts]\npath = "/tmp"',
  '[[network.default_subnet_pools]]\nbase = "10.90.0.0/16"\nsize = 24',
  '[machine]\nbogus = 1',
  '[containers]\n"label" = false',
  '[containers]\nlabel.x = 1',
  '[containers.label]\nx = 1',
  '[containers]\nenv = []\n[engine]\nenv = []',
  '',
  '# only a comment',
  '[containers]\ndefault_capabilities = [\n  "CHOWN",\n  "SYS_CHROOT", # trimmed\n]',
  '[containers]\npids_limit = 0x800',
  '[containers]\npids_limit = 1_024',
  '[containers]\nlog_size_max = 9223372036854775808',
];

/** One table defined in three ways; a second definition of it (with another key) in each of the three. */
function tomlReopenCases(): CcCase[] {
  const out: CcCase[] = [];
  const shapes: Record<string, [string, (k: string) => string][]> = {
    struct: [['header', (k) => `[containers]\n${k}`], ['dotted', (k) => `containers.${k}`], ['inline', (k) => `containers = {${k}}`]],
    map: [['header', (k) => `[engine.runtimes]\n${k}`], ['dotted', (k) => `[engine]\nruntimes.${k}`], ['inline', (k) => `[engine]\nruntimes = {${k}}`]],
  };
  const keys: Record<string, [string, string]> = { struct: ['label = true', 'init = true'], map: ['crun = ["/usr/bin/crun"]', 'runc = ["/usr/bin/runc"]'] };
  for (const [kind, forms] of Object.entries(shapes)) {
    for (const [a, fa] of forms) for (const [b, fb] of forms) {
      out.push({ id: `toml-reopen/${kind}/${a}+${b}`, text: `${fa(keys[kind][0])}\n${fb(keys[kind][1])}\n` });
      out.push({ id: `toml-reopen/${kind}/${a}+${b}/same-key`, text: `${fa(keys[kind][0])}\n${fb(keys[kind][0])}\n` });
    }
  }
  // A key redefined: scalars and arrays, dotted and plain.
  for (const [a, b] of [['label = true', 'label = false'], ['env = ["A=1"]', 'env = ["B=2"]'], ['env = ["A=1"]', 'env = "B=2"'], ['label = true', 'label = [true]'],
    ['x.y = 1', 'x.y = 2'], ['x.y = 1', 'x = 2'], ['x = {y = 1}', 'x.z = 2'], ['x = {y = 1}', 'x.y = 2']]) {
    out.push({ id: `toml-redefine/${a}+${b}`, text: `[containers]\n${a}\n${b}\n` });
  }
  out.push({ id: 'toml/bom', text: '\ufeff[containers]\nlabel = true\n' });
  for (const esc of ['\\e', '\\u001b', '\\x1b', '\\t']) out.push({ id: `toml/escape${esc}`, text: `[containers]\nenv = ["A=${esc}"]\n` });
  return out;
}

/** Every table given each non-table shape: struct tables refuse them, map tables drop them. */
function tableShapeCases(): CcCase[] {
  const out: CcCase[] = [];
  const tables = ['containers', 'engine', 'network', 'secrets', 'machine', 'engine.runtimes', 'engine.volume_plugins', 'engine.service_destinations', 'secrets.opts', 'engine.service_destinations.prod'];
  const entry: Record<string, string> = { 'engine.runtimes': 'crun = ["/usr/bin/crun"]', 'engine.volume_plugins': 'p = "/run/p.sock"', 'engine.service_destinations': 'prod = {uri = "ssh://h/run/podman.sock"}', 'secrets.opts': 'a = "b"', 'engine.service_destinations.prod': 'uri = "ssh://h/run/podman.sock"' };
  for (const t of tables) {
    const dot = t.lastIndexOf('.');
    const [parent, name] = dot < 0 ? ['', t] : [t.slice(0, dot), t.slice(dot + 1)];
    const under = (line: string) => (parent ? `[${parent}]\n${line}` : line);
    for (const [shape, v] of [['string', '"x"'], ['int', '1'], ['array', '["x"]'], ['empty-inline', '{}']]) out.push({ id: `table-shape/${t}/${shape}`, text: `${under(`${name} = ${v}`)}\n` });
    out.push({ id: `table-shape/${t}/array-of-tables`, text: `[[${t}]]\n${entry[t] ?? 'x = 1'}\n` });
    out.push({ id: `table-shape/${t}/entry-as-table`, text: `[${t}.entry]\nx = "1"\n` });
  }
  return out;
}

/**
 * The boundaries of each value check Podman makes at load, at `podman info` or at
 * `podman create`: run through `podman create` (which loads the file and sets up the runtime
 * first), so a case passes only where all three accept it.
 */
export function podmanValueCases(): CcCase[] {
  const V: Record<string, string[]> = {
    'containers.default_ulimits': ['nofile=1024:2048', 'nofile=2048:1024', 'nofile=1024:1024', 'nofile=-1:-1', 'nofile=-1:1024', 'nofile=1024:-1', 'nofile=-2:5', 'nofile=5', 'nofile', 'NOFILE=1', 'nofile=+5', 'nofile=unlimited', 'nofile=1:2:3'].map((u) => JSON.stringify([u])),
    'containers.devices': [...['r', 'w', 'm', 'rw', 'rwm', 'mwr', 'rr', 'rx', '', 'f'].flatMap((m) => [`/dev/null:${m}`, `/dev/null:/dev/n2:${m}`]), '/dev/null', '/dev/ctconf-missing', '/dev/null:/dev/n2', '/dev/null:rel'].map((d) => JSON.stringify([d])),
    'containers.shm_size': ['64i', '64 m', ' 64m', '64m ', '64  m', '1.5m', '64kib', '64KB', '1.2.3m', '-1m', 'm', '64x', '64mi', '64ib'].map((x) => JSON.stringify(x)).concat(['1.5', '64']),
    'engine.events_logfile_max_size': ['"64 m"', '" 1m"', '"1.5m"', '1.5', '1e3', '-1.5', '0.5'],
    // Only 0: another count fails on a host whose lock segment already has a different size (host state).
    'engine.num_locks': ['0'],
    'engine.image_copy_tmp_dir': ['"rel"', '"/var/tmp"', '"storage"', '""', '"./x"'],
    'network.default_subnet': ['"10.88.0.0/16"', '"10.88.0/16"', '"fd00::/64"', '"10.88.0.0"', '"10.88.0.0/33"', '"fd00::/129"', '"010.1.0.0/16"', '"fd00:::/64"', '""'],
    'engine.static_dir': ['""'],
    'engine.tmp_dir': ['""'],
    'containers.volumes': ['/a:b', '/tmp:/b:foo', '/tmp:/b:ro,rw', '/tmp:/b:ro,ro', ':/b', '/tmp:/b:z,nosuid,rbind,U,O', '/b', 'vol:/b', '/tmp:/b', '/tmp:/b:ro', '/tmp:/b:z', '/tmp:/b:nosuid,nodev,noexec,rprivate', '/tmp:/b:rw,U', '/tmp:/b:shared,slave', '/tmp:/b:bind,rbind', '/tmp:/b:', '/tmp:/b:ro:x', 'b'].map((v) => JSON.stringify([v])),
    'containers.default_sysctls': ['kernel.hostname=x', 'net/ipv4/ping_group_range=0 0', 'net.ipv4.ip_forward = 1', 'net.ipv4.ip_forward= 1', 'vm.swappiness=1', 'fs.mqueue.msg_max=10', 'kernel.shmmax=100', 'net.ipv4.ping_group_range=0 0', 'kernel.sem=1 2 3 4', 'net.core.somaxconn', 'a=b=c', 'kernel.msgmax=1'].map((v) => JSON.stringify([v])),
    'containers.env': ['=x', '', 'A', 'A=1', ' A=1', 'A=b=c'].map((v) => JSON.stringify([v])),
    'engine.pull_policy': ['"ifmissing"', '"IfMissing"', '"ifnotpresent"', '"newer"', '"Never"'],
    'containers.log_driver': ['"passthrough-tty"', '"passthrough"', '"json-file"', '"k8s-file"'],
    'engine.machine_enabled': ['"true"', 'true', '1'],
    // Verdicts that depend on this host: installed runtimes, a running journal.
    'engine.runtime': ['"crun"', '"runc"', '"kata"', '"/usr/bin/crun"', '"/nonexistent/crun"', '"youki"'],
    'containers.log_driver#host': ['"journald"'],
  };
  const out: CcCase[] = [];
  for (const [p, values] of Object.entries(V)) {
    const dot = p.indexOf('.');
    const key = p.slice(dot + 1).replace(/#.*/, '');
    values.forEach((v, i) => out.push({ id: `value/${p}#${i}`, text: `[${p.slice(0, dot)}]\n${key} = ${v}\n` }));
  }
  out.push({ id: 'value/runtime-defined-missing', text: '[engine.runtimes]\nfoo = ["/nonexistent/foo"]\n[engine]\nruntime = "foo"\n' });
  out.push({ id: 'value/runtime-defined-present', text: '[engine.runtimes]\nfoo = ["/usr/bin/crun"]\n[engine]\nruntime = "foo"\n' });
  return out;
}

export function podmanCases(): CcCase[] {
  const out: CcCase[] = [];
  for (const [path, values] of Object.entries(V)) {
    const dot = path.indexOf('.');
    const table = path.slice(0, dot);
    const key = path.slice(dot + 1);
    values.forEach((v, i) => out.push({ id: `${path}#${i}`, text: `[${table}]\n${key} = ${v}\n` }));
  }
  RAW.forEach((t, i) => out.push({ id: `raw#${i}`, text: `${t}\n` }));
  out.push(...tomlReopenCases(), ...tableShapeCases());
  return out;
}
