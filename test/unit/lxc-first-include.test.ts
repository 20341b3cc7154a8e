/**
 * The first include line of a config is replayed once per service and taken over by the next
 * config that starts with it (server/src/lxc/check/firstInclude.ts). Taking over must give
 * exactly what a replay gives: checked on generated configs against runs without the cache,
 * with the host changing between runs, and field by field for the state copy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { memoryHost, type Host } from '../../server/src/host';
import { nodeHost } from '../../server/src/nodeHost';
import { parseLxc } from '../../server/src/lxc/parser';
import { IncludeCache, analyzeLxc, type LxcAnalysis } from '../../server/src/lxc/validate';
import { CheckState } from '../../server/src/lxc/check/state';
import { walk } from '../../server/src/lxc/check/walk';
import { generateHostConfigs, rng } from '../../bench/generate';
import { needs } from '../helpers/needs';

/** A comparable view: Maps as entry lists, BigInts as text, the idmaps' lazily parsed numbers left out. */
const view = (a: LxcAnalysis): unknown =>
  JSON.parse(JSON.stringify(a, (k, v) => (k === 'exact' ? undefined : typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v)));

const COMMON = [
  '# a distribution file with a bit of everything',
  'lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio',
  'lxc.cap.drop = sys_time',
  'lxc.mount.auto = cgroup:mixed proc:mixed sys:mixed',
  'lxc.mount.entry = /sys/kernel/security sys/kernel/security none bind,optional 0 0',
  'lxc.cgroup2.devices.allow = c 1:3 rwm',
  'lxc.cgroup2.devices.allow = c 1:3 rwm',
  'lxc.environment = HOME',
  'lxc.hook.mount = /usr/share/lxcfs/lxc.mount.hook',
  'lxc.net.0.type = veth',
  'lxc.net.0.flags = up',
  'lxc.net.0.flags = up',
  'lxc.namespace.keep = user',
  'lxc.idmap = u 0 100000 65536',
  'lxc.include = /dist/common.conf.d/',
  'lxc.arch = linux64',
  'lxc.prlimit.nofile = 1024',
  'lxc.sysctl.net.ipv4.ip_forward = 1',
].join('\n');

function distHost(env: Record<string, string>): { host: Host; files: Record<string, string> } {
  const files: Record<string, string> = {
    '/dist/common.conf': COMMON,
    '/dist/common.conf.d/00-a.conf': 'lxc.autodev = 1\nlxc.mount.entry = a b none bind 0 0\nlxc.uts.name = from-a\n',
    '/dist/common.conf.d/10-b.conf': 'lxc.uts.name = from-b\nlxc.cap.drop = sys_boot\n',
    '/dist/userns.conf': 'lxc.cap.drop =\nlxc.cap.drop = sys_module\nlxc.idmap = g 0 100000 65536\n',
    '/dist/broken.conf': 'lxc.bogus.key = 1\nlxc.network.type = veth\n',
    '/dist/loop.conf': 'lxc.include = /var/lib/lxc/loop/config\n',
    '/usr/share/lxcfs/lxc.mount.hook': '#!/bin/sh\n',
  };
  return { host: memoryHost(files, { env, capLastCap: 40 }), files };
}

const FIRST = ['lxc.include = /dist/common.conf', 'lxc.include = /dist/userns.conf', 'lxc.include = "/dist/common.conf"', '  lxc.include=/dist/common.conf', 'lxc.include = /dist/broken.conf',
  'lxc.include = /dist/loop.conf', 'lxc.include = /dist/missing.conf', 'lxc.include = /dist/common.conf.d/', 'lxc.include = dist/common.conf', 'lxc.uts.name = first'];
const REST = ['lxc.cap.drop = sys_time', 'lxc.cap.drop =', 'lxc.cap.keep = sys_time', 'lxc.net.0.link = br0', 'lxc.net.0.type = macvlan', 'lxc.net.0.macvlan.mode = bridge', 'lxc.uts.name = mine',
  'lxc.idmap = g 0 100000 65536', 'lxc.idmap =', 'lxc.namespace.clone = net', 'lxc.include = /dist/userns.conf', 'lxc.mount.entry =', 'lxc.environment = PATH', '# comment', '', 'lxc.net.0 ='];

function configs(n: number, seed: number): { path: string; text: string }[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const head = Array.from({ length: Math.floor(next() * 3) }, () => pick(['# header', '', 'not an lxc line']));
    const rest = Array.from({ length: Math.floor(next() * 8) }, () => pick(REST));
    return { path: next() < 0.1 ? '/var/lib/lxc/loop/config' : `/var/lib/lxc/c${i}/config`, text: [...head, pick(FIRST), ...rest].join('\n') };
  });
}

test('configs that share their first include line get what a replay gives them', () => {
  const env: Record<string, string> = { HOME: '/root' };
  const { host, files } = distHost(env);
  const includes = new IncludeCache();
  let taken = 0;
  for (const [i, c] of configs(600, 21).entries()) {
    // The host changes now and then: a file's text, a directory's listing, a variable.
    if (i === 200) files['/dist/common.conf'] = `${COMMON}\nlxc.cap.drop = sys_nice`;
    if (i === 300) files['/dist/common.conf.d/20-c.conf'] = 'lxc.uts.name = from-c\n';
    if (i === 400) delete env.HOME;
    const before = includes.firstIncludes.size;
    const cached = analyzeLxc(parseLxc(c.text), { version: '5.0', host, documentPath: c.path, includes });
    const fresh = analyzeLxc(parseLxc(c.text), { version: '5.0', host, documentPath: c.path });
    assert.deepEqual(view(cached), view(fresh), `config ${i} (${c.path}):\n${c.text}`);
    if (includes.firstIncludes.size === before && /^\s*lxc\.include/m.test(c.text)) taken++;
  }
  assert.ok(taken > 300, `${taken} configs took an earlier replay over`);
});

test('the host configs of the benchmark check the same with and without earlier replays', { skip: needs('the LXC distribution configs in /usr/share/lxc/config (scripts/prepare.sh installs lxc)', fs.existsSync('/usr/share/lxc/config/common.conf') ? undefined : 'not installed') }, () => {
  const host = nodeHost();
  const includes = new IncludeCache();
  for (const c of generateHostConfigs(300, 3)) {
    const path = `/var/lib/lxc/${c.name}/config`;
    const cached = analyzeLxc(parseLxc(c.text), { version: '5.0', host, documentPath: path, includes });
    const fresh = analyzeLxc(parseLxc(c.text), { version: '5.0', host, documentPath: path });
    assert.deepEqual(view(cached), view(fresh), c.name);
  }
  assert.ok(includes.firstIncludes.size >= 2);
});

test('copyFrom takes over every field of the container state, and shares nothing mutable', () => {
  const { host } = distHost({ HOME: '/root' });
  const text = ['lxc.include = /dist/common.conf', 'lxc.include = /dist/userns.conf', 'lxc.net.1.type = veth', 'lxc.namespace.clone = net', 'lxc.cap.drop = sys_time', 'lxc.uts.name = x'].join('\n');
  const a = new CheckState({ version: '5.0', host });
  walk(a, parseLxc(text));
  const b = new CheckState({ version: '5.0', host });
  b.copyFrom(a);
  // The run's own fields: options, findings, where the walk is.
  const own = new Set(['opts', 'top', 'out', 'file', 'depth', 'stack', 'changed', 'stateDependent', 'valueCtx', 'capLine', 'lastSet']);
  const fields = Object.keys(a).filter((k) => !own.has(k));
  assert.ok(fields.length >= 8, fields.join(' '));
  const rec = a as unknown as Record<string, unknown>;
  const copy = b as unknown as Record<string, unknown>;
  const filled = (v: unknown): boolean => (v instanceof Map ? v.size > 0 : Array.isArray(v) ? v.length > 0 : typeof v === 'object' && v !== null ? Object.values(v).some(Boolean) : true);
  for (const k of fields) {
    // The walk above leaves every field in a state a missing copy would show.
    assert.ok(filled(rec[k]), `field ${k} is filled by the walk`);
    assert.deepEqual(copy[k], rec[k], `field ${k} is taken over`);
    if (typeof rec[k] === 'object' && rec[k] !== null) assert.notEqual(copy[k], rec[k], `field ${k} is copied, not shared`);
  }
  for (const k of Object.keys(a.effective) as (keyof typeof a.effective)[]) {
    assert.deepEqual(b.effective[k], a.effective[k], `effective.${k}`);
    assert.notEqual(b.effective[k], a.effective[k], `effective.${k} is copied, not shared`);
  }
  // Later lines of one run do not reach the other.
  walk(b, parseLxc('lxc.cap.drop = sys_nice\nlxc.net.1.link = br9\nlxc.idmap = u 0 1 1'));
  assert.notEqual(a.caps.list.length, b.caps.list.length);
  assert.notDeepEqual(a.nets.get(1), b.nets.get(1));
  assert.notEqual(a.effective.idmaps.length, b.effective.idmaps.length);
});

test('a second leading include is not taken over after the first one was replayed anew', () => {
  const env: Record<string, string> = { HOME: '/root' };
  const { host, files } = distHost(env);
  const includes = new IncludeCache();
  const text = 'lxc.include = /dist/common.conf\nlxc.include = /dist/userns.conf\nlxc.cap.drop = sys_nice\n';
  const run = (n: number) => {
    const cached = analyzeLxc(parseLxc(text), { version: '5.0', host, documentPath: `/var/lib/lxc/c${n}/config`, includes });
    const fresh = analyzeLxc(parseLxc(text), { version: '5.0', host, documentPath: `/var/lib/lxc/c${n}/config` });
    assert.deepEqual(view(cached), view(fresh), `run ${n}`);
    return cached;
  };
  run(1);
  assert.equal(includes.firstIncludes.size, 2, 'both leading lines are remembered');
  const before = run(2);
  assert.equal(includes.firstIncludes.size, 2, 'the second config took both over');
  // common.conf now keeps capabilities: userns.conf's first drop line meets another state.
  files['/dist/common.conf'] = 'lxc.cap.keep = sys_admin\nlxc.idmap = g 0 100000 65536\n';
  const after = run(3);
  assert.notDeepEqual(view(after), view(before));
  // The first line's outcome is replaced; the second is remembered anew, after the new first one.
  assert.equal(includes.firstIncludes.size, 3);
});

test('a stable host (a CLI run) is not asked again, and the outcome is the same', () => {
  const { host: live } = distHost({ HOME: '/root' });
  let asked = 0;
  const host: Host = { ...live, stable: true, stat: (p) => (asked++, live.stat(p)) };
  const includes = new IncludeCache();
  const list = configs(200, 5);
  for (const c of list) {
    const cached = analyzeLxc(parseLxc(c.text), { version: '5.0', host, documentPath: c.path, includes });
    const fresh = analyzeLxc(parseLxc(c.text), { version: '5.0', host: live, documentPath: c.path });
    assert.deepEqual(view(cached), view(fresh), c.text);
  }
  // Once remembered, an include line costs the stable host no question at all.
  const only = 'lxc.include = /dist/common.conf';
  analyzeLxc(parseLxc(only), { version: '5.0', host, documentPath: '/var/lib/lxc/first/config', includes });
  const before = asked;
  for (let i = 0; i < 50; i++) analyzeLxc(parseLxc(only), { version: '5.0', host, documentPath: `/var/lib/lxc/n${i}/config`, includes });
  assert.equal(asked, before, `${asked - before} stats for 50 configs that only include common.conf`);
});
