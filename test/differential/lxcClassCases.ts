/**
 * Generators per class of liblxc behaviour (one generator over every key of a shape, not
 * single cases): interface resets and removals, namespace-share clears, path lengths after
 * liblxc's path simplification, the log file opened at load, include corner cases, setters
 * whose verdict depends on a stale errno, prlimit names and size-string lengths.
 * The verdicts are not written here: the differential test asks liblxc.
 * `@DIR@` in a case's text or files stands for the case's own directory.
 */
import { EXACT_KEYS, NAMESPACES, NET_SUBKEYS } from '../../server/src/lxc/keys';
import type { LxcCase } from './lxcCases';

const BASE = 'lxc.uts.name = ctconf-test\n';
const seq = (id: string, lines: string[], extra: Partial<LxcCase> = {}): LxcCase => ({ id, text: `${BASE}${lines.join('\n')}\n`, ...extra });

/** A good value for each network sub-key (what the key needs is in its data). */
const NET_GOOD: Record<string, string> = {
  type: 'veth', flags: 'up', link: 'lxcbr0', l2proxy: '1', name: 'eth0', hwaddr: '00:16:3e:00:00:01', mtu: '1500',
  'ipv4.address': '10.0.3.5/24', 'ipv4.gateway': 'auto', 'ipv6.address': '2001:db8::5/64', 'ipv6.gateway': 'auto',
  'script.up': '/bin/true', 'script.down': '/bin/true', 'macvlan.mode': 'bridge', 'ipvlan.mode': 'l2',
  'ipvlan.isolation': 'private', 'vlan.id': '10', 'veth.mode': 'router', 'veth.pair': 'vp0',
  'veth.ipv4.route': '10.0.4.0/24', 'veth.ipv6.route': '2001:db8:1::/48', 'veth.vlan.id': '10',
  'veth.vlan.tagged.id': '20', 'veth.n_rxqueues': '2', 'veth.n_txqueues': '2',
};

/** Every way of taking an interface (or its type) away, then every sub-key after it. */
function netResets(): LxcCase[] {
  const out: LxcCase[] = [];
  const clears = ['lxc.net.0.type =', 'lxc.net.0.type = ""', "lxc.net.0.type = ''", 'lxc.net.0 =', 'lxc.net =', 'lxc.net.00 =', 'lxc.net.0x0 ='];
  for (const k of NET_SUBKEYS) {
    if (k.sub === 'type') continue;
    const type = k.requiresType ?? 'veth';
    const good = NET_GOOD[k.sub];
    clears.forEach((c, i) => {
      out.push(seq(`net-reset:${k.sub}#${i}`, [`lxc.net.0.type = ${type}`, `lxc.net.0.${k.sub} = ${good}`, c, `lxc.net.0.${k.sub} = ${good}`]));
      out.push(seq(`net-reset-clear:${k.sub}#${i}`, [`lxc.net.0.type = ${type}`, c, `lxc.net.0.${k.sub} =`]));
    });
    // Typed again after the clear: the key works again.
    out.push(seq(`net-retyped:${k.sub}`, [`lxc.net.0.type = ${type}`, 'lxc.net.0.type =', `lxc.net.0.type = ${type}`, `lxc.net.0.${k.sub} = ${good}`]));
  }
  return out;
}

/** `lxc.net.<i> =` reads i as an unsigned C number (base 0); `lxc.net.<i>.<key>` in decimal. */
function netIndexes(): LxcCase[] {
  const out: LxcCase[] = [];
  const forms = ['0', '7', '00', '010', '08', '0x10', '0X1f', '0x', '1a', '2147483646', '2147483647', '2147483648', '4294967295', '4294967296', '18446744073709551615', '99999999999999999999', '0 1'];
  forms.forEach((f, i) => {
    out.push(seq(`net-index:${i}`, [`lxc.net.${f} =`]));
    out.push(seq(`net-index-value:${i}`, [`lxc.net.${f} = x`]));
    out.push(seq(`net-index-typed:${i}`, [`lxc.net.${f}.type = veth`]));
  });
  // Which interface a removal hits: 010 is 8, 0x10 is 16 (then clearing a key of it is refused).
  for (const [form, n] of [['010', 8], ['010', 10], ['0x10', 16], ['0x10', 10], ['00', 0], ['012', 10]] as const) {
    out.push(seq(`net-index-hits:${form}:${n}`, [`lxc.net.${n}.type = veth`, `lxc.net.${form} =`, `lxc.net.${n}.link =`]));
  }
  return out;
}

/** `lxc.namespace.share.<name> =` validates the name like a set does. */
function namespaceShareClears(): LxcCase[] {
  const names = [...NAMESPACES, 'NET', 'Pid', 'bogus', 'mount', '', 'net.x'];
  return names.flatMap((n, i) => [
    seq(`ns-share-clear:${i}`, [`lxc.namespace.share.${n} =`]),
    seq(`ns-share-set:${i}`, [`lxc.namespace.share.${n} = 1`]),
  ]);
}

/** An absolute path of exactly `len` bytes in components of at most 200 bytes. */
function longPath(len: number, head = '/tmp/ctconf-lxcdiff-long'): string {
  let p = head;
  while (p.length < len) {
    const room = len - p.length - 1;
    p += `/${'p'.repeat(Math.max(1, Math.min(200, room)))}`;
    if (p.length > len) p = p.slice(0, len);
  }
  return p.slice(0, len);
}

/** Relative variant (cgroup directories must be relative). */
const relPath = (len: number): string => longPath(len + 1).slice(1);

/** Every path-valued key at and around PATH_MAX, with padding liblxc's simplification removes. */
function pathLengths(): LxcCase[] {
  const out: LxcCase[] = [];
  const pathKeys = EXACT_KEYS.filter((k) => k.kind === 'path' || k.kind === 'cgroup-dir');
  for (const k of pathKeys) {
    const rel = k.kind === 'cgroup-dir';
    const mk = (len: number): string => (rel ? relPath(len) : longPath(len));
    // The log file is created: keep those under one directory the test removes.
    const base = (len: number): string => (k.openedAtLoad ? longPath(len, '/tmp/ctconf-lxcdiff-logs') : mk(len));
    // Padding that liblxc's simplification removes: repeated `/`, `/./`, a leading `./`, a trailing `/`.
    const slashes = (p: string): string => p.replace(/(.)\//, `$1${'/'.repeat(12)}`);
    const dots = (p: string): string => p.replace(/(.)\//, `$1${'/.'.repeat(12)}/`);
    const variants: [string, string][] = [
      ['4095', base(4095)],
      ['4096', base(4096)],
      ['5000', base(5000)],
      ['slashes-4095', slashes(base(4095))],
      ['slashes-4096', slashes(base(4096))],
      ['dots-4095', dots(base(4095))],
      ['dots-4096', dots(base(4096))],
      ['trailing-4095', `${base(4095)}/`],
      ['trailing-many-4094', `${base(4094)}${'/'.repeat(10)}`],
      ['trailing-4096', `${base(4096)}/`],
      ['dotdot-4096', `${base(4093)}/..`],
    ];
    if (rel) variants.push(['dot-prefix-4095', `./${base(4095)}`], ['dot-prefix-4096', `./${base(4096)}`]);
    if (k.storagePrefix) {
      variants.push(['typed-4095', `dir:${base(4095)}`], ['typed-4096', `dir:${base(4096)}`], ['typed-slashes-4095', `dir:${slashes(base(4095))}`], ['type-4096', `${'t'.repeat(4096)}:/x`], ['type-4095', `${'t'.repeat(4095)}:/x`], ['type-slashes', `a${'/'.repeat(4100)}b:/x`]);
    }
    for (const [name, v] of variants) out.push(seq(`path-len:${k.name}:${name}`, [`${k.name} = ${v}`]));
  }
  return out;
}

/** Keys whose file liblxc opens at load: through a file, a directory, new directories. */
function openedAtLoad(): LxcCase[] {
  const out: LxcCase[] = [];
  for (const k of EXACT_KEYS.filter((x) => x.openedAtLoad)) {
    const files = { afile: 'x\n', 'adir/keep': '' };
    const values = ['@DIR@/afile/x.log', '@DIR@/afile', '@DIR@/adir', '@DIR@/adir/', '@DIR@/adir/./', '@DIR@/new/deeper/x.log', '@DIR@/adir/x.log', '@DIR@//adir//y.log', '@DIR@/afile/../z.log', 'relative.log', 'adir', 'afile/x.log', '/dev/null',
      `@DIR@/${'n'.repeat(255)}`, `@DIR@/${'n'.repeat(256)}`, `@DIR@/${'d'.repeat(255)}/x.log`, `@DIR@/${'d'.repeat(256)}/x.log`, `@DIR@/${'é'.repeat(128)}`];
    values.forEach((v, i) => out.push(seq(`opened:${k.name}#${i}`, [`${k.name} = ${v}`], { files })));
  }
  return out;
}

/** Include corner cases: /dev/null, directories named *.conf, paths through a file, deep chains. */
function includes(): LxcCase[] {
  const out: LxcCase[] = [];
  const ok = 'lxc.start.delay = 1\n';
  const bad = 'lxc.bogus = 1\n';
  out.push(seq('inc:devnull', ['lxc.include = /dev/null']));
  out.push(seq('inc:devnull-link', ['lxc.include = @DIR@/null.conf'], { files: { 'null.conf': { symlink: '/dev/null' } } }));
  out.push(seq('inc:dir-with-subdir', ['lxc.include = @DIR@/d/'], { files: { 'd/a.conf': ok, 'd/sub.conf/b.conf': bad } }));
  out.push(seq('inc:dir-with-subdir-noslash', ['lxc.include = @DIR@/d'], { files: { 'd/a.conf': ok, 'd/sub.conf/b.conf': ok } }));
  out.push(seq('inc:dir-with-devnull', ['lxc.include = @DIR@/d/'], { files: { 'd/a.conf': ok, 'd/n.conf': { symlink: '/dev/null' } } }));
  out.push(seq('inc:dir-with-bad', ['lxc.include = @DIR@/d/'], { files: { 'd/a.conf': bad } }));
  for (const [i, p] of ['f.conf/.', 'f.conf/..', 'f.conf/../g.conf', 'f.conf/', 'd/.', 'd/./a.conf', 'd/../f.conf', 'missing/../f.conf', 'f.conf'].entries()) {
    out.push(seq(`inc:path#${i}`, [`lxc.include = @DIR@/${p}`], { files: { 'f.conf': ok, 'g.conf': ok, 'd/a.conf': ok } }));
  }
  for (const depth of [15, 16, 17, 18, 40]) {
    const files: Record<string, string> = {};
    for (let i = 0; i < depth; i++) files[`c${i}.conf`] = i + 1 < depth ? `lxc.include = @DIR@/c${i + 1}.conf\n` : ok;
    out.push(seq(`inc:chain-${depth}`, ['lxc.include = @DIR@/c0.conf'], { files }));
    out.push(seq(`inc:chain-${depth}-bad`, ['lxc.include = @DIR@/c0.conf'], { files: { ...files, [`c${depth - 1}.conf`]: bad } }));
  }
  return out;
}

/** Setters that return a stale errno for a negative number: liblxc's verdict depends on earlier work. */
function staleErrno(): LxcCase[] {
  const keys = ['lxc.init.uid', 'lxc.init.gid', 'lxc.hook.version', 'lxc.seccomp.allow_nesting'];
  const values = ['-1', ' -1', '-0', '-x', '-99999999999999999999'];
  const preludes = [[], ['lxc.include = /nonexistent-ctconf/dir/'], ['lxc.cap.drop = sys_time']];
  return keys.flatMap((k) => values.flatMap((v, i) => preludes.map((p, j) => seq(`stale-errno:${k}#${i}.${j}`, [...p, `${k} = ${v}`], { dependent: true }))));
}

/** prlimit names (checked only at start) and size strings around liblxc's 21-character buffer. */
function limitsAndSizes(): LxcCase[] {
  const out: LxcCase[] = [];
  for (const v of ['10', 'unlimited', '1:2', 'x', '']) out.push(seq(`prlimit-empty-name:${v}`, [v === '' ? 'lxc.prlimit. =' : `lxc.prlimit. = ${v}`]));
  const sizeKeys = EXACT_KEYS.filter((k) => k.kind === 'byte-size').map((k) => k.name);
  for (const k of sizeKeys) {
    for (const n of [20, 21, 22, 23]) {
      const shapes = [`${'0'.repeat(n - 1)}1`, `${'0'.repeat(n - 3)}1KB`, `1${' '.repeat(n - 3)}MB`, `${'0'.repeat(n - 2)}1B`, `+${'0'.repeat(n - 2)}1`];
      shapes.forEach((v, i) => out.push(seq(`size-len:${k}:${n}#${i}`, [`${k} = ${v}`])));
    }
  }
  return out;
}

/**
 * The same lines read from an included file: liblxc applies them in the same state, and a
 * refusal inside the include refuses the config.
 */
function included(cases: LxcCase[]): LxcCase[] {
  return cases
    .filter((c) => !c.files)
    .map((c) => ({ id: `${c.id}@include`, text: `${BASE}lxc.include = @DIR@/inc.conf\n`, files: { 'inc.conf': c.text.slice(BASE.length) }, dependent: c.dependent }));
}

export function lxcClassCases(): LxcCase[] {
  const classes = [...netResets(), ...netIndexes(), ...namespaceShareClears(), ...pathLengths(), ...openedAtLoad(), ...includes(), ...staleErrno(), ...limitsAndSizes()];
  return [...classes, ...included(classes)];
}
