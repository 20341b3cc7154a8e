import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lxcService, cursor } from '../helpers/service';
import { EXACT_KEYS, NET_SUBKEYS, CAPABILITY_NAMES } from '../../server/src/lxc/keys';
import { CAPABILITIES } from '../../server/src/capabilities/table';

function hover(marked: string, version: '4.0' | '5.0' | '6.0' | '7.0' = '5.0'): string | undefined {
  const { text, pos } = cursor(marked);
  const h = lxcService({ version }).hover({ uri: 'file:///c', languageId: 'lxc', version: 1, text }, pos);
  if (!h) return undefined;
  const c = h.contents as { kind: string; value: string };
  assert.equal(c.kind, 'markdown');
  return c.value;
}

test('every exact key has a hover with its own text, value syntax, repeat rule, empty value and versions', () => {
  for (const k of EXACT_KEYS) {
    const md = hover(`${k.name.slice(0, 5)}|${k.name.slice(5)} = x\n`);
    assert.ok(md, k.name);
    assert.ok(md.startsWith(`**${k.name}**`), k.name);
    assert.ok(md.includes(k.doc), `${k.name} doc`);
    assert.match(md, /- Value: /);
    assert.match(md, /- Empty \(/);
    assert.match(md, /- Versions: LXC /);
    assert.match(md, /lxc\.container\.conf\(5\)/);
    assert.ok(k.doc.length > 20, `${k.name} has a real description`);
  }
});

test('network keys, families and version availability', () => {
  for (const n of NET_SUBKEYS) {
    const md = hover(`lxc.net.3.${n.sub}|= x\n`);
    assert.ok(md?.includes('network interface 3') && md.includes(n.doc), n.sub);
  }
  assert.match(hover('lxc.cgroup2.memory|.max = 1G\n')!, /lxc\.cgroup2\.<controller>\.<file>/);
  assert.match(hover('lxc.prlimit.no|file = 10\n')!, /Resource limit/);
  assert.match(hover('lxc.cgroup.devices.|allow = a\n', '7.0')!, /\*\*not available\*\* in the target LXC 7\.0/);
  assert.match(hover('lxc.environment.run|time = A=1\n', '6.0')!, /LXC 7\.0 and later; \*\*not available\*\*/);
});

test('legacy keys say what replaced them', () => {
  assert.match(hover('lxc.uts|name = x\n')!, /Removed in LXC 3\.0.*`lxc\.uts\.name`/s);
  assert.match(hover('lxc.network.|type = veth\n')!, /lxc\.net\.<i>\.type/);
  assert.match(hover('lxc.rootfs.back|end = dir\n')!, /without a replacement/);
});

test('enum values explain themselves', () => {
  assert.match(hover('lxc.net.0.type = ve|th\n')!, /virtual Ethernet pair/);
  assert.match(hover('lxc.mount.auto = proc:mixed sys|:ro\n')!, /\*\*`sys:ro`\*\*.*read-only/s);
  assert.match(hover('lxc.apparmor.profile = uncon|fined\n')!, /No AppArmor confinement/);
  assert.match(hover('lxc.signal.halt = SIGRTMIN|+3\n')!, /systemd/);
  assert.match(hover('lxc.namespace.clone = mnt pi|d\n')!, /Process IDs/);
  assert.equal(hover('lxc.uts.name = we|b\n'), undefined);
});

test('all 41 capability names in lxc.cap.drop get a hover naming the capability', () => {
  assert.equal(CAPABILITIES.length, 41);
  assert.deepEqual(CAPABILITIES.map((c) => c.name), [...CAPABILITY_NAMES]);
  for (const c of CAPABILITIES) {
    const md = hover(`lxc.cap.drop = chown ${c.name.slice(0, 2)}|${c.name.slice(2)} kill\n`);
    assert.ok(md, c.name);
    assert.ok(md.includes(`**${c.cap}**`) && md.includes(c.summary) && md.includes(`since Linux ${c.since}`) && md.includes('Risk:'), c.name);
  }
  assert.match(hover('lxc.cap.drop = sys_|time\n')!, /⚠ \*\*Risk: high/);
  assert.match(hover('lxc.cap.keep = no|ne\n')!, /keep no capability/);
});

test('an idmap hover shows the subordinate range that covers it', async () => {
  const { memoryHost } = await import('../../server/src/host');
  const host = memoryHost({ '/etc/subuid': 'ann:165536:65536\n', '/etc/subgid': 'bob:1:2\n', '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n' });
  const svc = lxcService({ host });
  const uri = 'file:///home/ann/.local/share/lxc/c/config';
  const text = 'lxc.idmap = u 0 165536 65536\nlxc.idmap = g 0 165536 65536\n';
  const h1 = (svc.hover({ uri, languageId: 'lxc', version: 1, text }, { line: 0, character: 20 })!.contents as { value: string }).value;
  assert.match(h1, /Container user IDs 0-65535 are host user IDs 165536-231071/);
  assert.match(h1, /Covered by `ann:165536:65536` in \/etc\/subuid \(line 1\)/);
  const h2 = (svc.hover({ uri, languageId: 'lxc', version: 1, text }, { line: 1, character: 20 })!.contents as { value: string }).value;
  assert.match(h2, /No entry of \/etc\/subgid for `ann` covers these host IDs/);
  // Ranges that continue one another cover a map together, as newuidmap reads them; the user's own UID may be mapped alone.
  const split = lxcService({ host: memoryHost({ '/etc/subuid': 'ann:165536:100\nann:165636:65436\n', '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n' }) });
  const h3 = (split.hover({ uri, languageId: 'lxc', version: 1, text }, { line: 0, character: 20 })!.contents as { value: string }).value;
  assert.match(h3, /Covered by `ann:165536:100` in \/etc\/subuid \(line 1\) and the ranges that continue it/);
  const own = 'lxc.idmap = u 0 1000 1\n';
  const h4 = (split.hover({ uri, languageId: 'lxc', version: 1, text: own }, { line: 0, character: 16 })!.contents as { value: string }).value;
  assert.match(h4, /ID 1000 is `ann`'s own ID, which may always be mapped alone/);
});

/** Markdown with its inline code spans removed: what is left is rendered as Markdown. */
const outsideCode = (md: string): string => md.replace(/(`+)[\s\S]*?\1/g, '');

test('key names and values from the document cannot render links, images or HTML in a hover', () => {
  const hostile = [
    'lxc.sysctl.[x](command:ctconf.allowCapability?%5B%22file%3A%2F%2F%2Fc%22%2C%22sys_admin%22%5D)',
    'lxc.cgroup2.![i](https://evil.example/x.png)',
    'lxc.proc.<img src=https://evil.example/y.png>',
    'lxc.prlimit.`x`[l](command:evil)',
    'lxc.network.0.[l](command:evil)',
    'lxc.limit.![i](https://evil.example/z.png)',
  ];
  for (const key of hostile) {
    const md = hover(`${key.slice(0, 6)}|${key.slice(6)} = 1\n`);
    assert.ok(md, key);
    const rendered = outsideCode(md);
    assert.doesNotMatch(rendered, /command:|evil\.example|<img/, `${key}: ${md}`);
  }
  // The one command link ctconf writes is around a capability name from its own table.
  const md = hover('lxc.cap.drop = sys_|time\n')!;
  assert.equal(md.match(/command:/g)?.length, 1);
  assert.match(md, /\[Allow sys_time in this container\]\(command:ctconf\.allowCapability\?/);
});

test('hovering an include line or its path says what the include drops, sets and adds', async () => {
  const { memoryHost } = await import('../../server/src/host');
  const { lxcService, LXC_URI } = await import('../helpers/service');
  const host = memoryHost({
    '/usr/share/lxc/config/common.conf': 'lxc.cap.drop = mac_admin sys_time\nlxc.tty.max = 4\nlxc.mount.auto = proc:mixed\nlxc.cgroup2.devices.allow = c 1:3 rwm\nlxc.cgroup2.devices.allow = c 1:5 rwm\nlxc.include = /usr/share/lxc/config/common.conf.d/\n',
    '/usr/share/lxc/config/common.conf.d/00-lxcfs.conf': 'lxc.hook.mount = /usr/share/lxcfs/lxc.mount.hook\n',
  });
  const doc = { uri: LXC_URI, languageId: 'lxc', version: 1, text: 'lxc.include = /usr/share/lxc/config/common.conf\nlxc.tty.max = 2\n' };
  const svc = lxcService({ host });
  const onPath = (svc.hover(doc, { line: 0, character: 25 })!.contents as { value: string }).value;
  assert.match(onPath, /^\*\*Includes `\/usr\/share\/lxc\/config\/common\.conf`\*\*/);
  assert.match(onPath, /Read through it: `\/usr\/share\/lxc\/config\/common\.conf\.d\/00-lxcfs\.conf`/);
  assert.match(onPath, /- Drops `mac_admin` `sys_time`/);
  assert.match(onPath, /- Adds: `lxc\.mount\.auto`, `lxc\.cgroup2\.devices\.allow` ×2, `lxc\.hook\.mount`/);
  // lxc.tty.max is set again by line 2: not listed as set by the include.
  assert.ok(!onPath.includes('lxc.tty.max'), onPath);
  const onKey = (svc.hover(doc, { line: 0, character: 5 })!.contents as { value: string }).value;
  assert.ok(onKey.startsWith('**lxc.include**') && onKey.includes('\n---\n\n**Includes `/usr/share/lxc/config/common.conf`**'), onKey);
  const hints = svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(hints[0].tooltip, 'After this line the container drops 2 capabilities: mac_admin sys_time');
});
