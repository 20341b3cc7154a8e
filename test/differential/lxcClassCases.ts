/**
 * Generators per class of liblxc behaviour (one generator over every key of a shape, not
 * single cases): interface resets and removals, namespace-share clears, path lengths after
 * liblxc's path simplification, the log file opened at load, include corner cases, setters
 * whose verdict depends on a stale errno, prlimit names and size-string lengths.
 * The verdicts are not written here: the differential test asks liblxc.
 * `@DIR@` in a case's text or files stands for the case's own directory.
 */
import { NAMESPACES, NET_SUBKEYS } from '../../server/src/lxc/keys';
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

/**
 * The same lines read from an included file: liblxc applies them in the same state, and a
 * refusal inside the include refuses the config.
 */
function included(cases: LxcCase[]): LxcCase[] {
  return cases
    .filter((c) => !c.files && !c.dependent)
    .map((c) => ({ id: `${c.id}@include`, text: `${BASE}lxc.include = @DIR@/inc.conf\n`, files: { 'inc.conf': c.text.slice(BASE.length) } }));
}

export function lxcClassCases(): LxcCase[] {
  const classes = [...netResets(), ...netIndexes(), ...namespaceShareClears()];
  return [...classes, ...included(classes)];
}
