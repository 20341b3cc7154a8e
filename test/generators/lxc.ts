/**
 * Independent generator of LXC container configs: every key of liblxc's jump table (facts in
 * data/lxc-keys.json, copied from the shared reference, not from ctconf) × value shapes × placements.
 * It does not predict verdicts: the differential runner asks liblxc.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { longPath, type ExtraFile, type GeneratedCase } from './common';

interface KeyFact {
  key: string;
  kind: string;
  pattern?: string;
  values?: string[];
  requires_type?: string;
  removed_in?: string;
}

export function lxcKeyFacts(): { keys: KeyFact[]; legacy: string[] } {
  const file = path.join(process.cwd(), 'test', 'generators', 'data', 'lxc-keys.json');
  return JSON.parse(readFileSync(file, 'utf8')) as { keys: KeyFact[]; legacy: string[] };
}

type Shape = [label: string, value: string];

const INTS: Shape[] = [
  ['zero', '0'], ['one', '1'], ['INT_MAX', '2147483647'], ['INT_MAX+1', '2147483648'], ['UINT_MAX', '4294967295'],
  ['UINT_MAX+1', '4294967296'], ['ULONG_MAX+1', '18446744073709551616'], ['neg', '-1'], ['INT_MIN', '-2147483648'],
  ['INT_MIN-1', '-2147483649'], ['octal', '010'], ['bad-octal', '08'], ['hex', '0x10'], ['plus', '+5'], ['lead-space-quoted', '" 7"'],
  ['trail-junk', '7abc'], ['float', '1.5'], ['exp', '1e3'], ['word', 'many'],
];

/** Paths of 4095/4096/4097 bytes, raw and with `//`, `/./` or a trailing `/` that normalisation removes. */
function pathBoundaries(absolute: boolean): Shape[] {
  const out: Shape[] = [];
  for (const len of [4095, 4096, 4097]) {
    out.push([`len${len}`, longPath(len, absolute)]);
    const a = longPath(len - 1, absolute);
    out.push([`len${len}-dslash`, `${a.slice(0, 150)}/${a.slice(150)}`]);
    const b = longPath(len - 2, absolute);
    const cut = b.indexOf('/', 10);
    out.push([`len${len}-dotseg`, `${b.slice(0, cut)}/.${b.slice(cut)}`]);
    out.push([`len${len}-trailing`, `${a}/`]);
  }
  return out;
}

const CAPS = ['sys_time', 'sys_time sys_module', 'sys_time\tmac_admin', 'SYS_TIME', 'CAP_SYS_TIME', 'sys_tim', '21', '40', '41', '0x15', '99', '-1', 'sys_time,sys_module'];

/** Value shapes per key kind: good values, bad shapes, boundaries. */
function shapesFor(f: KeyFact): Shape[] {
  const enumValues = (f.values ?? []).slice(0, 6).map((v): Shape => [`good:${v}`, v]);
  switch (f.kind) {
    case 'bool01':
      return [['good:0', '0'], ['good:1', '1'], ['two', '2'], ['neg', '-1'], ['octal', '01'], ['hex', '0x1'], ['plus', '+1'], ['space', '" 1"'], ['yes', 'yes'], ['true', 'true'], ['float', '1.0']];
    case 'uint': case 'int': case 'uint16':
      return [...INTS, ...(f.kind === 'uint16' ? ([['4094', '4094'], ['4095', '4095'], ['65535', '65535'], ['65536', '65536']] as Shape[]) : [])];
    case 'uint16|none':
      return [['none', 'none'], ['NONE', 'NONE'], ['4094', '4094'], ['4095', '4095'], ['65536', '65536'], ['neg', '-1'], ['hex', '0x10']];
    case 'list<uint>':
      return [['good', '10,20'], ['one', '10'], ['space', '10, 20'], ['word', '10,foo'], ['neg', '-1'], ['UINT_MAX+1', '4294967296'], ['trailing-comma', '10,'], ['hex', '0x10']];
    case 'enum': case 'enum|integer':
      return [...enumValues, ...(f.values?.[0] ? ([['upper', f.values[0].toUpperCase()], ['junk-suffix', `${f.values[0]}x`]] as Shape[]) : []), ['bogus', 'bogus'],
        ...(f.kind === 'enum|integer' ? ([['9', '9'], ['neg', '-1'], ['WARNING', 'WARNING'], ['hex', '0x3']] as Shape[]) : [])];
    case 'signal':
      return [['SIGKILL', 'SIGKILL'], ['lower', 'sigterm'], ['no-SIG', 'KILL'], ['num', '9'], ['zero', '0'], ['65', '65'], ['neg', '-1'], ['RTMIN+1', 'SIGRTMIN+1'],
        ['RTMIN+40', 'SIGRTMIN+40'], ['RTMAX-1', 'SIGRTMAX-1'], ['hex', '0x9'], ['INT_MAX+1', '2147483648'], ['bogus', 'SIGBOGUS']];
    case 'path': case 'rootfs-spec':
      return [['abs', '/srv/x'], ['rel', 'rel/x'], ['dslash', '/srv//x'], ...(f.kind === 'rootfs-spec' ? ([['dir', 'dir:/srv/x'], ['overlay', 'overlay:/a:/b'], ['bogus-backend', 'zzz:/srv/x']] as Shape[]) : []),
        ...pathBoundaries(true)];
    case 'relative-path':
      return [['good', 'lxc/ctr'], ['abs', '/abs'], ['up', 'a/../b'], ['dotdot', '..'], ['dslash', 'a//b'], ['dot', './a'], ...pathBoundaries(false)];
    case 'dirname':
      return [['good', 'lxc'], ['slash', 'a/b'], ['dot', '.'], ['dotdot', '..'], ['abs', '/abs'], ['255', 'd'.repeat(255)], ['256', 'd'.repeat(256)], ['4097', 'd'.repeat(4097)]];
    case 'size':
      return [['auto', 'auto'], ['num', '4096'], ['KB', '64KB'], ['mb', '1mb'], ['K', '8192K'], ['space', '12 MB'], ['XB', '10XB'], ['unit-only', 'KB'], ['float', '1.5MB'],
        ['neg', '-1'], ['21chars', '9'.repeat(19) + 'KB'], ['22chars', '9'.repeat(20) + 'KB'], ['huge', '99999999999GB']];
    case 'duration':
      return [['s', '10s'], ['ms', '10ms'], ['neg', '-5m'], ['no-unit', '10'], ['space', '10 s'], ['bad-unit', '1x'], ['overflow', '10000000000000000us'], ['h', '2h'], ['ns', '5ns']];
    case 'hostname':
      return [['good', 'web-01'], ['64', 'h'.repeat(64)], ['65', 'h'.repeat(65)], ['dots', 'a.b.c'], ['space', 'a b'], ['underscore', 'a_b']];
    case 'ifname':
      return [['good', 'eth0'], ['15', 'i'.repeat(15)], ['16', 'i'.repeat(16)], ['17', 'i'.repeat(17)], ['slash', 'a/b'], ['space', 'a b'], ['percent', 'eth%d']];
    case 'mac':
      return [['good', '00:16:3e:12:34:56'], ['template', '00:16:3e:xx:xx:xx'], ['bogus', 'zz:zz'], ['dash', '00-16-3e-12-34-56']];
    case 'ipv4-cidr':
      return [['cidr', '10.0.0.2/24'], ['bare', '10.0.0.2'], ['bcast', '10.0.0.2/24 10.0.0.255'], ['octet300', '10.0.0.300/24'], ['prefix33', '10.0.0.2/33'], ['v6', 'fd00::1/64'], ['junk', 'ten']];
    case 'ipv6-cidr':
      return [['cidr', 'fd00::2/64'], ['bare', 'fd00::2'], ['prefix129', 'fd00::2/129'], ['v4', '10.0.0.1/24'], ['junk', 'fd00:::zz']];
    case 'ipv4|auto|dev':
      return [['auto', 'auto'], ['dev', 'dev'], ['ip', '10.0.0.1'], ['cidr', '10.0.0.1/24'], ['short', '10.0.0'], ['AUTO', 'AUTO']];
    case 'ipv6|auto|dev':
      return [['auto', 'auto'], ['dev', 'dev'], ['ip', 'fd00::1'], ['v4', '10.0.0.1'], ['junk', 'fd00:::zz']];
    case 'list<capability>':
      return [...CAPS.map((v): Shape => [`cap:${v}`, v]), ['none', 'none'], ['none-plus', 'none net_raw']];
    case 'list<namespace>':
      return [['net', 'net'], ['two', 'net ipc'], ['mount', 'mount'], ['NET', 'NET'], ['comma', 'net,ipc'], ['bogus', 'bogus']];
    case 'list<enum>':
      return [['proc', 'proc'], ['proc:mixed', 'proc:mixed'], ['bad-sub', 'proc:foo'], ['cgroup-force', 'cgroup:mixed:force'], ['shmounts', 'shmounts:/a:/b'],
        ['shmounts-bare', 'shmounts:'], ['cgroup2', 'cgroup2:ro'], ['multi', 'proc sys cgroup'], ['bogus', 'bogus']];
    case 'list<name>':
      return [['one', 'onboot'], ['two', 'web db'], ['tab', 'web\tdb'], ['comma', 'web,db']];
    case 'idmap':
      return [['good', 'u 0 100000 65536'], ['g', 'g 0 100000 65536'], ['b', 'b 0 1 1'], ['three', 'u 0 100000'], ['neg', 'u -1 0 1'], ['zero-range', 'u 0 100000 0'],
        ['overflow', 'u 0 4294967295 2'], ['five', 'u 0 1 1 1'], ['hex', 'u 0x0 100000 65536']];
    case 'env-assignment':
      return [['good', 'FOO=bar'], ['empty-val', 'FOO='], ['no-name', '=bar'], ['set-name', 'PATH'], ['unset-name', 'CTCONF_TRUTH_UNSET'], ['space', 'A B=c']];
    case 'fstab-line':
      return [['good', 'proc proc proc nodev 0 0'], ['short', 'proc proc'], ['create', '/srv srv none bind,create=dir 0 0'], ['optional', '/nope nope none bind,optional 0 0'], ['bogus-opt', 'a b c zzz 0 0']];
    case 'rlimit':
      return [['num', '1024'], ['pair', '1024:2048'], ['unlimited', 'unlimited'], ['unl-pair', 'unlimited:1'], ['word', 'abc'], ['neg', '-1'], ['colon-empty', '1024:'],
        ['21chars', '9'.repeat(21)], ['22chars', '9'.repeat(22)], ['hex', '0x10'], ['hard-lower', '2048:1024']];
    case 'mount-options':
      return [['ro', 'ro'], ['idmap', 'idmap=container'], ['create', 'create=dir'], ['optional', 'optional'], ['relative', 'relative'], ['bogus', 'nosuchopt']];
    case 'unix-socket':
      return [['good', 'unix:/run/x.sock'], ['abstract', 'unix:@x'], ['no-prefix', '/run/x.sock'], ['bare', 'unix:']];
    case 'clear-only':
      return [['value', 'x'], ['zero', '0']];
    case 'mtu': case 'string': case 'command': default:
      return [['word', 'value'], ['spaces', 'a b c'], ['hash', 'a # b'], ['long', 'x'.repeat(5000)], ...enumValues];
  }
}

/** Concrete key names for a fact (pattern keys get representative names). */
function concreteKeys(f: KeyFact): string[] {
  if (!f.pattern) return [f.key];
  switch (f.key) {
    case 'lxc.cgroup2.<controller>.<file>': return ['lxc.cgroup2.memory.max', 'lxc.cgroup2', 'lxc.cgroup2.'];
    case 'lxc.cgroup.<controller>.<file>': return ['lxc.cgroup.devices.allow', 'lxc.cgroup'];
    case 'lxc.namespace.share.<ns>': return ['lxc.namespace.share.net', 'lxc.namespace.share.NET', 'lxc.namespace.share.bogus', 'lxc.namespace.share.'];
    case 'lxc.prlimit.<resource>': return ['lxc.prlimit.nofile', 'lxc.prlimit.bogus', 'lxc.prlimit.', 'lxc.prlimit', 'lxc.prlimit.7'];
    case 'lxc.sysctl.<name>': return ['lxc.sysctl.net.ipv4.ip_forward', 'lxc.sysctl', 'lxc.sysctl.'];
    case 'lxc.proc.<file>': return ['lxc.proc.oom_score_adj', 'lxc.proc', 'lxc.proc.'];
    case 'lxc.net.<i>': return ['lxc.net.0', 'lxc.net.1', 'lxc.net.010', 'lxc.net.0x1', 'lxc.net.08', 'lxc.net.2147483647', 'lxc.net.2147483648', 'lxc.net.4294967296', 'lxc.net.-1', 'lxc.net.+1'];
    default: return [f.key.replace('<i>', '0')];
  }
}

const NET_TYPES = ['veth', 'macvlan', 'ipvlan', 'vlan', 'phys', 'empty', 'none'];

/** Lines before and after a net key's line, for each placement. */
function netPlacements(key: string, requires?: string): Array<[string, string[], string[]]> {
  const idx = /^lxc\.net\.(\d+)\./.exec(key)?.[1] ?? '0';
  const t = requires ?? 'veth';
  const other = t === 'veth' ? 'macvlan' : 'veth';
  const k = (s: string) => `lxc.net.${idx}.${s}`;
  return [
    ['no-type', [], []],
    ['type-after', [], [`${k('type')} = ${t}`]],
    ['after-type', [`${k('type')} = ${t}`], []],
    ['after-other-type', [`${k('type')} = ${other}`], []],
    ['after-cleared-type', [`${k('type')} = ${t}`, `${k('type')} =`], []],
    ['after-quoted-cleared-type', [`${k('type')} = ${t}`, `${k('type')} = ""`], []],
    ['after-removed-iface', [`${k('type')} = ${t}`, `lxc.net.${idx} =`], []],
    ['after-all-removed', [`${k('type')} = ${t}`, 'lxc.net ='], []],
    ['after-type-retyped', [`${k('type')} = ${other}`, `${k('type')} = ${t}`], []],
  ];
}

function quoteShapes(key: string): Array<[string, string]> {
  return [['empty', `${key} =`], ['empty-nospace', `${key}=`], ['dq-empty', `${key} = ""`], ['sq-empty', `${key} = ''`], ['no-equals', key], ['spaces-only', `${key} =    `]];
}

function mk(key: string, shape: string, placement: string, text: string, files?: Record<string, ExtraFile>): GeneratedCase {
  return { id: `${key}|${shape}|${placement}`, key, shape, placement, text, files };
}

/** Places a line alone, inside an included file, and inside an included directory. */
function includePlacements(key: string, shape: string, line: string): GeneratedCase[] {
  return [
    mk(key, shape, 'in-include-file', 'lxc.include = @D@/inc.conf\n', { 'inc.conf': `${line}\n` }),
    mk(key, shape, 'in-include-dir', 'lxc.include = @D@/d/\n', { 'd/10-x.conf': `${line}\n` }),
  ];
}

/** The full cross product (thousands of cases); the runner samples it. */
export function lxcCases(): GeneratedCase[] {
  const { keys, legacy } = lxcKeyFacts();
  const out: GeneratedCase[] = [];
  for (const f of keys) {
    if (f.key === 'lxc.include') continue; // its own family below
    for (const key of concreteKeys(f)) {
      const isNet = /^lxc\.net\.\d+\./.test(key);
      const valueLines: Array<[string, string]> = [...quoteShapes(key), ...shapesFor(f).map(([l, v]): [string, string] => [l, `${key} = ${v}`])];
      if (f.kind === 'env-assignment' || f.key === 'lxc.log.file') valueLines.push(['quoted-good', `${key} = "FOO=bar"`]);
      for (const [shape, line] of valueLines) {
        if (isNet) {
          for (const [place, pre, post] of netPlacements(key, f.requires_type)) out.push(mk(key, shape, place, [...pre, line, ...post].join('\n') + '\n'));
        } else {
          out.push(mk(key, shape, 'alone', `${line}\n`));
          out.push(mk(key, shape, 'after-other-lines', `lxc.uts.name = t1\nlxc.tty.max = 1\n${line}\n`));
        }
        out.push(...includePlacements(key, shape, isNet ? `lxc.net.0.type = ${f.requires_type ?? 'veth'}\n${line}` : line));
      }
    }
  }
  // related-key orderings
  const rel: Array<[string, string]> = [
    ['cap.drop-then-keep', 'lxc.cap.drop = sys_time\nlxc.cap.keep = chown'],
    ['cap.keep-then-drop', 'lxc.cap.keep = chown\nlxc.cap.drop = sys_time'],
    ['cap.drop-cleared-then-keep', 'lxc.cap.drop = sys_time\nlxc.cap.drop =\nlxc.cap.keep = chown'],
    ['cap.drop-keep-cleared-then-keep', 'lxc.cap.drop = sys_time\nlxc.cap.keep =\nlxc.cap.keep = chown'],
    ['cap.keep-none-then-drop', 'lxc.cap.keep = none\nlxc.cap.drop = sys_time'],
    ['cap.drop-in-include-then-keep', 'lxc.include = @D@/inc.conf\nlxc.cap.keep = chown'],
    ['ns.clone-then-keep', 'lxc.namespace.clone = net\nlxc.namespace.keep = ipc'],
    ['ns.clone-cleared-then-keep', 'lxc.namespace.clone = net\nlxc.namespace.clone =\nlxc.namespace.keep = ipc'],
    ['ns.share-clear-bogus', 'lxc.namespace.share.bogus ='],
    ['ns.share-clear-upper', 'lxc.namespace.share.NET ='],
    ['net.two-types', 'lxc.net.0.type = veth\nlxc.net.0.type = macvlan\nlxc.net.0.macvlan.mode = bridge'],
    ['net.type-reset-loses-link', 'lxc.net.0.type = veth\nlxc.net.0.link = br0\nlxc.net.0.type = veth\nlxc.net.0.veth.pair = p0'],
    ['net.gap-index', 'lxc.net.5.type = veth\nlxc.net.5.link = br0'],
    ['net.remove-then-key', 'lxc.net.0.type = veth\nlxc.net.0 =\nlxc.net.0.link = br0'],
    ['net.remove-then-veth-key', 'lxc.net.0.type = veth\nlxc.net.0 =\nlxc.net.0.veth.pair = p0'],
    ['net.remove-octal-then-key', 'lxc.net.8.type = veth\nlxc.net.010 =\nlxc.net.8.veth.pair = p0'],
    ['net.remove-hex-then-key', 'lxc.net.16.type = veth\nlxc.net.0x10 =\nlxc.net.16.veth.pair = p0'],
    ['net.key-index-octal', 'lxc.net.010.type = veth'],
    ['net.key-index-INT_MAX', 'lxc.net.2147483647.type = veth'],
    ['net.key-index-INT_MAX+1', 'lxc.net.2147483648.type = veth'],
    ['net.no-sub', 'lxc.net.0.'],
    ['hook.version-neg-first', 'lxc.hook.version = -1'],
    ['hook.version-neg-after-error-free', 'lxc.net.0.type = veth\nlxc.net.0.name = i17iiiiiiiiiiiiiii\nlxc.hook.version = -1'],
    ['init.uid-neg-after-env', 'lxc.environment = FOO=bar\nlxc.init.uid = -1'],
    ['init.gid-neg-after-include-dir', 'lxc.include = @D@/nodir/\nlxc.init.gid = -1'],
    ['seccomp.allow_nesting-neg-after-uid', 'lxc.init.uid = 5\nlxc.seccomp.allow_nesting = -1'],
    ['init.uid-neg-after-missing-dir-include', 'lxc.include = /nonexistent-ctconf/\nlxc.init.uid = -1'],
  ];
  for (const [shape, text] of rel) {
    const files: Record<string, ExtraFile> | undefined = text.includes('@D@/inc.conf') ? { 'inc.conf': 'lxc.cap.drop = sys_time\n' } : undefined;
    out.push(mk('related', shape, 'ordering', `${text}\n`, files));
  }
  // lxc.log.file: opened while loading
  const logs: Array<[string, string, Record<string, ExtraFile>?]> = [
    ['in-existing-dir', '@D@/x.log'],
    ['missing-parent', '@D@/a/b/x.log'],
    ['through-file', '@D@/f/x.log', { f: 'plain\n' }],
    ['is-dir', '@D@/d', { d: { dir: true } }],
    ['trailing-slash', '@D@/x.log/'],
    ['relative', 'rel.log'],
    ['dev-null', '/dev/null'],
    ['len4097', `@D@/${longPath(4097, false)}`],
    ['segment-256', `@D@/${'n'.repeat(256)}.log`],
  ];
  for (const [shape, p, files] of logs) out.push(mk('lxc.log.file', `log:${shape}`, 'alone', `lxc.log.file = ${p}\n`, files));
  // lxc.include family
  const chain = (depth: number, cycle = false): Record<string, ExtraFile> => {
    const files: Record<string, ExtraFile> = {};
    for (let i = 1; i <= depth; i++) files[`c${i}.conf`] = i < depth ? `lxc.include = @D@/c${i + 1}.conf\n` : cycle ? 'lxc.include = @D@/c1.conf\n' : 'lxc.tty.max = 1\n';
    return files;
  };
  const inc: Array<[string, string, Record<string, ExtraFile>?]> = [
    ['file', '@D@/i.conf', { 'i.conf': 'lxc.tty.max = 1\n' }],
    ['file-bad-key', '@D@/i.conf', { 'i.conf': 'lxc.bogus = 1\n' }],
    ['missing-file', '@D@/nope.conf'],
    ['missing-dir-slash', '@D@/nope/'],
    ['dir-no-slash', '@D@/d', { 'd/a.conf': 'lxc.tty.max = 1\n' }],
    ['dir-txt-bad', '@D@/d/', { 'd/c.txt': 'lxc.bogus = 1\n' }],
    ['dir-short-name', '@D@/d/', { 'd/.conf': 'lxc.bogus = 1\n' }],
    ['dir-5char', '@D@/d/', { 'd/a.conf': 'lxc.bogus = 1\n' }],
    ['dir-subdir-x.conf', '@D@/d/', { 'd/x.conf': { dir: true }, 'd/a.conf': 'lxc.tty.max = 1\n' }],
    ['dir-subdir-x.conf-with-bad', '@D@/d/', { 'd/x.conf/z.conf': 'lxc.bogus = 1\n' }],
    ['dev-null', '/dev/null'],
    ['symlink-dev-null', '@D@/n.conf', { 'n.conf': { symlink: '/dev/null' } }],
    ['file-dot', '@D@/i.conf/.', { 'i.conf': 'lxc.tty.max = 1\n' }],
    ['file-trailing-slash', '@D@/i.conf/', { 'i.conf': 'lxc.tty.max = 1\n' }],
    ['dir-dot', '@D@/d/.', { 'd/a.conf': 'lxc.tty.max = 1\n' }],
    ['dslash', '@D@//i.conf', { 'i.conf': 'lxc.tty.max = 1\n' }],
    ['empty-file', '@D@/i.conf', { 'i.conf': '' }],
    ['symlink-file', '@D@/l.conf', { 'i.conf': 'lxc.tty.max = 1\n', 'l.conf': { symlink: 'i.conf' } }],
    ['dangling-symlink', '@D@/l.conf', { 'l.conf': { symlink: 'missing.conf' } }],
    ['quoted', '"@D@/i.conf"', { 'i.conf': 'lxc.tty.max = 1\n' }],
    ['proc-self', '/proc/self/status'],
    ['len4097', `@D@/${longPath(4097, false)}`],
    ...[2, 15, 16, 17, 20, 40].map((n): [string, string, Record<string, ExtraFile>] => [`chain-${n}`, '@D@/c1.conf', chain(n)]),
  ];
  for (const [shape, p, files] of inc) out.push(mk('lxc.include', `include:${shape}`, 'alone', `lxc.include = ${p}\n`, files));
  out.push(mk('lxc.include', 'include:empty', 'alone', 'lxc.include =\n'));
  // legacy keys and near-miss keys
  for (const k of legacy) out.push(mk(k, 'legacy', 'alone', `${k} = 1\n`));
  for (const k of ['lxc.bogus', 'LXC.uts.name', 'lxc.uts .name', 'lxc.prlimitX', 'lxc.procfoo', 'lxc.sysctlx', 'lxc.net.x.type', 'lxc.net.0.bogus', 'lxc.hook.versionx', 'foo'])
    out.push(mk(k, 'near-key', 'alone', `${k} = 1\n`));
  // the line grammar
  const grammar: Array<[string, string]> = [
    ['crlf', 'lxc.tty.max = 1\r\nlxc.pty.max = 1\r\n'], ['lone-cr', 'lxc.tty.max = 1\rlxc.bogus = 1\n'], ['nul', 'lxc.tty.max = 1\0lxc.bogus = 1\n'],
    ['indented-comment', '   # lxc.bogus = 1\n'], ['inline-comment', 'lxc.tty.max = 1 # one\n'], ['tab-key', '\tlxc.tty.max\t=\t1\n'],
    ['mismatched-quotes', 'lxc.tty.max = "1\'\n'], ['single-quote-char', 'lxc.uts.name = "\n'], ['no-final-newline', 'lxc.tty.max = 1'],
    ['utf8-bom', '\ufefflxc.tty.max = 1\n'], ['formfeed-line', '\f\nlxc.tty.max = 1\n'],
  ];
  for (const [shape, text] of grammar) out.push(mk('grammar', shape, 'alone', text));
  return out;
}

export const NET_TYPE_NAMES = NET_TYPES;
