/** containers.conf: rules, hover, completion and quick fixes through the service. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { applyEdits, cursor } from '../helpers/service';
import { CORPUS } from '../helpers/paths';
import { CAPABILITIES } from '../../server/src/capabilities/table';
import { RULES } from '../../server/src/rules';
import { needs } from '../helpers/needs';

const URI = 'file:///etc/containers/containers.conf';
const svc = (podmanVersion = '5.8') => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion, rules: {} });
const doc = (text: string) => ({ uri: URI, languageId: 'containers-conf', version: 1, text });
const diags = (text: string, v?: string) => svc(v).diagnostics(doc(text)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);
const codes = (text: string, v?: string) => diags(text, v).map((s) => s.split(' ')[1]);

test('rules: syntax, duplicates, unknown and misplaced keys, case, types', () => {
  assert.deepEqual(diags('[containers]\nlabel = tru\n'), ['1:8-11 containers/toml-syntax']);
  assert.deepEqual(codes('[containers]\nlabel = true\nlabel = false\n'), ['containers/duplicate']);
  assert.deepEqual(diags('[containerz]\nlabel = true\n'), ['0:1-11 containers/unknown-table']);
  assert.deepEqual(diags('[containers]\nlabl = true\n'), ['1:0-4 containers/unknown-key']);
  assert.deepEqual(codes('[containers]\ncgroup_manager = "systemd"\n'), ['containers/wrong-table']);
  assert.deepEqual(codes('[Containers]\nLABEL = true\n'), ['containers/key-case', 'containers/key-case']);
  assert.deepEqual(codes('[engine]\nruntime_supports_nocgroups = ["crun"]\n'), ['containers/misspelled-key']);
  assert.deepEqual(codes('[containers]\nlabel = "true"\npids_limit = 1.5\nenv = "A=1"\n'), ['containers/wrong-type', 'containers/wrong-type', 'containers/wrong-type']);
  assert.deepEqual(codes('[engine]\nstop_timeout = -1\nnum_locks = -5\n'), ['containers/negative-unsigned', 'containers/wrong-type']);
  assert.deepEqual(codes('[engine]\nruntimes = "crun"\n'), ['containers/not-a-table']);
  assert.deepEqual(codes('[engine]\nevents_logfile_max_size = 2.5\n'), ['containers/surprising-value']);
  assert.deepEqual(codes('[libpod]\nx = 1\n'), ['containers/removed-key']);
  assert.deepEqual(codes('[containers]\nno_host = true\n'), ['containers/removed-key']);
  assert.deepEqual(codes('[engine]\nremote_uri = "x"\n'), ['containers/deprecated-key']);
});

test('tables named like properties every JavaScript object has are unknown tables, not a crash', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    for (const v of ['4.3', '5.8']) {
      assert.deepEqual(diags(`[${name}]\na = 1\n[${name}.x]\nb = 2\n`, v), ['0:1-' + (1 + name.length) + ' containers/unknown-table', '2:1-' + (3 + name.length) + ' containers/unknown-table'], `${name} (Podman ${v})`);
    }
    // A runtime of that name is looked for as a binary of that name, like any other.
    assert.deepEqual(codes(`[engine]\nruntime = "${name}"\n[engine.runtimes]\n${name} = "x"\n`), codes('[engine]\nruntime = "other"\n[engine.runtimes]\nother = "x"\n'), name);
  }
});

test('versions: keys and syntax the target Podman does not have', () => {
  assert.deepEqual(codes('[podmansh]\ntimeout = 3\n', '4.3'), ['containers/key-too-new']);
  assert.deepEqual(codes('[podmansh]\ntimeout = 3\n', '5.1'), []);
  assert.deepEqual(codes('[containers]\nenv = ["A=1", {append = true}]\n', '4.3'), ['containers/wrong-type']);
  assert.deepEqual(codes('[containers]\nenv = ["A=1", {append = true}]\n', '4.8'), []);
  assert.deepEqual(codes('[engine]\nimage_volume_mode = "bind"\n', '4.3'), []);
  assert.deepEqual(codes('[engine]\nimage_volume_mode = "bind"\n', '5.0'), ['containers/invalid-value']);
  // Values carry the releases that accept them: CNI is gone from Podman 6.
  assert.deepEqual(codes('[network]\nnetwork_backend = "cni"\n', '5.8'), []);
  assert.deepEqual(codes('[network]\nnetwork_backend = "cni"\n', '6.0'), ['containers/runtime-value']);
});

test('values: load-time errors, later failures, unknown values', () => {
  assert.deepEqual(codes('[engine]\npull_policy = "sometimes"\n'), ['containers/invalid-value']);
  assert.deepEqual(codes('[engine]\npull_policy = "Missing"\n'), []);
  assert.deepEqual(codes('[containers]\numask = "999"\nshm_size = "huge"\nlog_size_max = 100\n'), ['containers/invalid-value', 'containers/invalid-value', 'containers/invalid-value']);
  assert.deepEqual(codes('[containers]\ndefault_ulimits = ["nofile=abc", "foo=1:2"]\ndevices = ["/dev/fuse:rwx"]\n'), ['containers/invalid-value', 'containers/invalid-value', 'containers/invalid-value']);
  assert.deepEqual(codes('[engine]\nevents_logger = "syslog"\n'), ['containers/runtime-value']);
  assert.match(svc().diagnostics(doc('[engine]\nevents_logger = "syslog"\n'))[0].message as string, /Podman loads the file, but every podman command/);
  assert.deepEqual(codes('[network]\nfirewall_driver = "ufw"\n'), ['containers/unknown-value']);
  assert.deepEqual(codes('[network]\ndefault_subnet_pools = [{base = "fd00::/8", size = 64}]\n'), ['containers/invalid-value']);
  assert.deepEqual(codes('[engine]\nstatic_dir = "rel"\n'), ['containers/invalid-value']);
});

test('capabilities in default_capabilities', () => {
  assert.deepEqual(codes('[containers]\ndefault_capabilities = ["CHOWN", "cap_kill", "CAP_NET_RAW"]\n'), ['containers/capability-spelling', 'containers/capability-spelling']);
  assert.deepEqual(codes('[containers]\ndefault_capabilities = ["CHOWN", "FOO_BAR", "ALL"]\n'), ['containers/unknown-capability', 'containers/unknown-capability']);
  assert.deepEqual(codes('[containers]\ndefault_capabilities = ["CHOWN", "CAP_CHOWN"]\n').filter((c) => c !== 'containers/capability-spelling'), ['containers/duplicate-capability']);
});

test('hovers on all 41 capability names inside default_capabilities', () => {
  const text = `[containers]\ndefault_capabilities = [\n${CAPABILITIES.map((c) => `  "${c.name.toUpperCase()}",`).join('\n')}\n]\n`;
  const s = svc('4.3');
  CAPABILITIES.forEach((c, i) => {
    const h = s.hover(doc(text), { line: 2 + i, character: 4 });
    const md = (h?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(md.includes(c.cap) && md.includes(c.summary), c.name);
    assert.match(md, /Podman 4\.3 default set: (included|not included)/);
  });
  const h = (s.hover(doc('[containers]\ndefault_capabilities = ["NET_RAW"]\n'), { line: 1, character: 26 })!.contents as { value: string }).value;
  assert.match(h, /Podman 4\.3 default set: included/);
  const h2 = (svc('5.0').hover(doc('[containers]\ndefault_capabilities = ["NET_RAW"]\n'), { line: 1, character: 26 })!.contents as { value: string }).value;
  assert.match(h2, /Podman 5\.0 default set: not included/);
});

test('hover on tables and keys', () => {
  const s = svc('4.3');
  const k = (s.hover(doc('[engine]\ncgroup_manager = "systemd"\n'), { line: 1, character: 3 })!.contents as { value: string }).value;
  assert.match(k, /Who manages cgroups/);
  assert.match(k, /Values: `systemd`, `cgroupfs`/);
  const t = (s.hover(doc('[machine]\n'), { line: 0, character: 3 })!.contents as { value: string }).value;
  assert.match(t, /podman machine/);
});

function pick(marked: string, label: string, v = '5.8'): string {
  const { text, pos } = cursor(marked);
  const items = svc(v).completion(doc(text), pos);
  const it = items.find((i) => i.label === label);
  assert.ok(it, `no ${label} in ${items.map((i) => i.label).slice(0, 30).join(', ')}`);
  const e = it.textEdit as { range: never; newText: string };
  return applyEdits(text, [{ range: e.range, newText: e.newText.replace(/\$\{1\|([^,|]+)[^}]*\}/, '$1').replace(/\$0/, '') }]);
}

test('completion: tables, keys with type-shaped snippets, values, capabilities', () => {
  assert.equal(pick('[eng|', 'engine'), '[engine');
  assert.equal(pick('[containers]\nlog_d|', 'log_driver'), '[containers]\nlog_driver = ""');
  assert.equal(pick('[containers]\nenv_h|', 'env_host'), '[containers]\nenv_host = true');
  assert.equal(pick('[containers]\nvolu|', 'volumes'), '[containers]\nvolumes = []');
  assert.equal(pick('[engine]\nevents_logger = "|"\n', 'journald'), '[engine]\nevents_logger = "journald"\n');
  assert.equal(pick('[containers]\ndefault_capabilities = [\n  "CHOWN",\n  "|",\n]\n', 'SYS_TIME'), '[containers]\ndefault_capabilities = [\n  "CHOWN",\n  "SYS_TIME",\n]\n');
  const { text, pos } = cursor('[containers]\ndefault_capabilities = ["CHOWN", "|"]\n');
  assert.ok(!svc().completion(doc(text), pos).some((i) => i.label === 'CHOWN'));
  const c2 = cursor('# [contai|\n');
  assert.deepEqual(svc().completion(doc(c2.text), c2.pos), []);
  const c3 = cursor('[podmansh]\n|');
  assert.deepEqual(svc('4.3').completion(doc(c3.text), c3.pos), []);
});

function fix(text: string, title: string | RegExp, at?: { line: number; character: number }, v = '5.8'): string {
  const s = svc(v);
  const d = s.diagnostics(doc(text));
  const range = at ? { start: at, end: at } : d[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions = s.codeActions(doc(text), range, at ? d.filter((x) => x.range.start.line === at.line) : d);
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no action ${title}: ${actions.map((x) => x.title).join(' | ')}`);
  return applyEdits(text, a.edit!.changes![URI]);
}

test('quick fixes: did-you-mean, move to the right table, spellings', () => {
  assert.equal(fix('[containers]\nlabl = true\n', 'Change to label'), '[containers]\nlabel = true\n');
  assert.equal(fix('[engine]\nruntime_supports_nocgroups = ["crun"]\n', 'Change to runtime_supports_nocgroup'), '[engine]\nruntime_supports_nocgroup = ["crun"]\n');
  assert.equal(fix('[engine]\nevents_logger = "jounald"\n', 'Change to "journald"'), '[engine]\nevents_logger = "journald"\n');
  assert.equal(fix('[containers]\n# why\ncgroup_manager = "cgroupfs"\nlabel = true\n[engine]\nstop_timeout = 5\n', 'Move cgroup_manager to [engine]'),
    '[containers]\n# why\nlabel = true\n[engine]\ncgroup_manager = "cgroupfs"\nstop_timeout = 5\n');
  assert.equal(fix('[containers]\ncgroup_manager = "cgroupfs"\n', 'Move cgroup_manager to [engine]'), '[containers]\n\n[engine]\ncgroup_manager = "cgroupfs"\n');
  assert.equal(fix('[containers]\ndefault_capabilities = ["CHOWN", "SYS_CHRT"]\n', 'Change to "SYS_CHROOT"'), '[containers]\ndefault_capabilities = ["CHOWN", "SYS_CHROOT"]\n');
  assert.equal(fix('[containers]\ndefault_capabilities = ["CHOWN", "cap_kill", "NET_RAW"]\n', 'Write every capability like "CHOWN"', { line: 1, character: 26 }), '[containers]\ndefault_capabilities = ["CHOWN", "KILL", "NET_RAW"]\n');
});

test('remove a capability: single-line and multi-line arrays, comments kept', () => {
  assert.equal(fix('[containers]\ndefault_capabilities = ["CHOWN", "SYS_CHROOT", "KILL"]\n', 'Remove SYS_CHROOT from default_capabilities', { line: 1, character: 36 }), '[containers]\ndefault_capabilities = ["CHOWN", "KILL"]\n');
  assert.equal(fix('[containers]\ndefault_capabilities = ["CHOWN", "SYS_CHROOT"]\n', 'Remove SYS_CHROOT from default_capabilities', { line: 1, character: 36 }), '[containers]\ndefault_capabilities = ["CHOWN"]\n');
  assert.equal(fix('[containers]\ndefault_capabilities = [\n  "CHOWN", # keep\n  "SYS_CHROOT",\n  "KILL",\n]\n', 'Remove SYS_CHROOT from default_capabilities', { line: 3, character: 4 }), '[containers]\ndefault_capabilities = [\n  "CHOWN", # keep\n  "KILL",\n]\n');
  assert.equal(fix('[containers]\ndefault_capabilities = ["CHOWN", "CAP_CHOWN"]\n', 'Remove CAP_CHOWN from default_capabilities', { line: 1, character: 36 }), '[containers]\ndefault_capabilities = ["CHOWN"]\n');
});

const SHIPPED = path.join(CORPUS, 'golang-github-containers-common/usr/share/containers/containers.conf');
test('the seed case: drop SYS_CHROOT from the shipped file, every other line byte-identical', { skip: needs('the shipped containers.conf', fs.existsSync(SHIPPED) ? undefined : `${SHIPPED} not unpacked (scripts/prepare.sh downloads it)`) }, () => {
  const text = fs.readFileSync(SHIPPED, 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === '"SYS_CHROOT"');
  const out = fix(text, 'Remove SYS_CHROOT from default_capabilities', { line, character: lines[line].indexOf('"') + 2 }, '4.3');
  assert.deepEqual(out.split('\n'), [...lines.slice(0, line), ...lines.slice(line + 1)]);
  assert.deepEqual(svc('4.3').diagnostics(doc(out)).filter((d) => d.severity === 1), []);
});

test('every containers rule is exercised in this file', () => {
  const src = fs.readFileSync(__filename.replace(/out\/test\/unit\/containers\.test\.js$/, 'test/unit/containers.test.ts'), 'utf8');
  assert.deepEqual(RULES.filter((r) => r.code.startsWith('containers/') && !src.includes(r.code)).map((r) => r.code), []);
});

test('outline and folding for containers.conf', () => {
  const text = '[containers]\nlabel = true\nenv = [\n  "A=1",\n]\n\n[engine]\nretry = 3\n';
  const s = svc();
  assert.deepEqual(s.symbols(doc(text)).map((x) => [x.name, x.children?.map((c) => c.name).join(',')]), [['[containers]', 'label,env'], ['[engine]', 'retry']]);
  assert.deepEqual(s.folding(doc(text)).map((f) => [f.startLine, f.endLine]), [[0, 4], [6, 7], [2, 4]]);
});

test('capability completion still works inside an array the parser could not read', () => {
  const { text, pos } = cursor('[containers]\ndefault_capabilities = [\n  "CHOWN",,\n  "SYS_|"\n]\n');
  const items = svc().completion(doc(text), pos);
  assert.ok(items.some((i) => i.label === 'SYS_TIME'));
  assert.ok(!items.some((i) => i.label === 'CHOWN'));
});


test('document symbols are linear in the number of tables and capped', () => {
  const n = 100_000;
  const text = Array.from({ length: n }, (_, i) => `[engine.service_destinations.d${i}]\nuri = "unix:///run/${i}.sock"\n`).join('');
  const t0 = performance.now();
  const syms = svc().symbols(doc(text));
  const ms = performance.now() - t0;
  const total = syms.reduce((a, s) => a + 1 + (s.children?.length ?? 0), 0);
  console.log(`# symbols of ${n} tables: ${ms.toFixed(0)} ms (parse included), ${total} symbols returned`);
  assert.ok(total <= 5000 && total >= 4999, `${total} symbols`);
  assert.equal(syms[0].children?.[0].name, 'uri');
  // Generous bound for a loaded 2-core machine; the quadratic version took 135 s.
  assert.ok(ms < 60_000, `${ms} ms`);
});

test('hover Markdown escapes every name and value taken from the document', () => {
  const evil = '[x](command:ctconf.allowCapability) ![i](https://example.com/i.png) <b>';
  const text = `[engine.runtimes]\n"${evil}" = ["/bin/x"]\n[engine.service_destinations."${evil}"]\nuri = "x"\n[engine]\npull_policy = "${evil}\`\`"\n`;
  const s = svc();
  const hovers = [{ line: 1, character: 2 }, { line: 2, character: 35 }, { line: 3, character: 1 }, { line: 5, character: 20 }].map((p) => {
    const h = s.hover(doc(text), p);
    assert.ok(h, `no hover at ${JSON.stringify(p)}`);
    return (h.contents as { value: string }).value;
  });
  for (const md of hovers) {
    // Outside inline code spans (which render nothing), no link, image or HTML survives.
    const outside = md.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, '');
    assert.doesNotMatch(outside, /\]\(command:|!\[i\]\(https|<b>/, md);
    assert.ok(md.includes('allowCapability') && md.includes('example'), `the text itself is still shown: ${md}`);
  }
  assert.match(hovers[3], /Podman does not know this value/);
});

test('cni_plugin_dirs before Podman 4.7: a list other than the default needs one existing directory (found by the generated differential)', () => {
  const host = memoryHost({ '/opt/mycni/bridge': 'x' }, { cwd: '/home/a' });
  const check = (list: string, v: string) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: v, rules: {} }).diagnostics(doc(`[network]\ncni_plugin_dirs = ${list}\n`)).map((d) => d.code);
  assert.deepEqual(check('["x"]', '4.3'), ['containers/invalid-value']);
  assert.deepEqual(check('["/nonexistent", "/also/not"]', '4.6'), ['containers/invalid-value']);
  assert.deepEqual(check('[]', '4.3'), ['containers/invalid-value']);
  assert.deepEqual(check('["/nonexistent", "/opt/mycni"]', '4.3'), [], 'one existing directory is enough');
  assert.deepEqual(check('["/usr/local/libexec/cni", "/usr/libexec/cni", "/usr/local/lib/cni", "/usr/lib/cni", "/opt/cni/bin"]', '4.3'), [], 'the default list is never checked');
  assert.deepEqual(check('["~/cni"]', '4.3'), [], 'a home directory is expanded by Podman: not judged');
  assert.deepEqual(check('["x"]', '4.7'), [], 'Podman 4.7 and later no longer check');
  // The same line written as a dotted key at the top level.
  assert.deepEqual(createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }).diagnostics(doc('network.cni_plugin_dirs = ["x"]\n')).map((d) => d.code), ['containers/invalid-value']);
  // Restricted Mode reads nothing on the host, so it does not judge.
  assert.deepEqual(createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted: true }).diagnostics(doc('[network]\ncni_plugin_dirs = ["x"]\n')).map((d) => d.code), []);
});

test('[network.default_subnet_pools] as one table: Podman refuses it (an array of tables); its entries are still checked as an item', () => {
  assert.deepEqual(diags('[network.default_subnet_pools]\nbase = "10.89.0.0/16"\nsize = 24\n', '4.3'), ['0:1-29 containers/wrong-type']);
  assert.deepEqual(codes('[network.default_subnet_pools]\n', '4.3'), ['containers/wrong-type']);
  assert.deepEqual(codes('[network.default_subnet_pools]\nbase = "fd00::/8"\nsize = 24\n', '4.3'), ['containers/wrong-type', 'containers/invalid-value']);
  assert.deepEqual(codes('[[network.default_subnet_pools]]\nbase = "10.89.0.0/16"\nsize = 24\n', '4.3'), []);
  // Before 4.1 Podman has no such key, and ignores the table.
  assert.ok(!codes('[network.default_subnet_pools]\nbase = "10.89.0.0/16"\n', '4.0').includes('containers/wrong-type'));
});

test('an empty namespace or cgroups mode is the default, as podman create takes it (found by the generated differential)', () => {
  for (const key of ['pidns', 'ipcns', 'utsns', 'cgroupns', 'userns', 'cgroups', 'netns']) {
    assert.deepEqual(codes(`[containers]\n${key} = ""\n`, '4.3'), [], key);
    assert.deepEqual(codes(`containers.${key} = ""\n`, '5.8'), [], key);
  }
  assert.deepEqual(codes('[containers]\npidns = "bogus"\n', '4.3'), ['containers/runtime-value']);
});

test('containers.conf: shapes Podman\'s decoder refuses or ignores, as Podman 4.3 does', () => {
  // A dotted name in a map table makes the entry a table: Podman refuses the file.
  assert.deepEqual(diags('[engine.runtimes]\nkata.v2 = ["/usr/bin/kata"]\n', '4.3'), ['1:0-7 containers/wrong-type']);
  assert.deepEqual(diags('[engine.runtimes]\n"kata.v2" = ["/usr/bin/kata"]\n', '4.3'), []);
  // A header on a key that takes no table, even with nothing below it.
  assert.deepEqual(diags('[engine.runtime]\n', '4.3'), ['0:1-15 containers/wrong-type']);
  // A table the target does not have yet is ignored in either form.
  assert.deepEqual(codes('[[farms]]\n', '4.3'), ['containers/key-too-new']);
  // An empty pod_exit_policy is the default; host_containers_internal_ip takes addresses.
  assert.deepEqual(codes('[engine]\npod_exit_policy = ""\n', '4.3'), []);
  assert.deepEqual(codes('[containers]\nhost_containers_internal_ip = "10.0.0.1"\n', '4.3'), []);
  assert.deepEqual(codes('[containers]\nhost_containers_internal_ip = "fd00::1"\n', '4.3'), []);
  assert.deepEqual(codes('[containers]\nhost_containers_internal_ip = "10.0.0"\n', '4.3'), ['containers/unknown-value']);
});

test('containers.conf: tz is looked up as Podman joins it to the zone directories (cleaned)', () => {
  const host = memoryHost({ '/usr/share/zoneinfo/UTC': 'TZif', '/usr/share/zoneinfo/Europe/Berlin': 'TZif' });
  const c = (tz: string) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }).diagnostics(doc(`[containers]\ntz = "${tz}"\n`)).map((d) => d.code);
  for (const ok of ['UTC', 'Europe/Berlin', 'Europe/../UTC', './UTC', 'local', '']) assert.deepEqual(c(ok), [], ok);
  assert.deepEqual(c('Nowhere/Bogus'), ['containers/invalid-value']);
});

test('containers.conf: a key before any table is named as such, with the table it belongs in', () => {
  const d = svc('4.3').diagnostics(doc('log_size_max = 1\n[containers]\n'));
  assert.deepEqual(d.map((x) => x.code), ['containers/unknown-table']);
  assert.match(String(d[0].message), /`log_size_max` stands outside any table.*belongs in `\[containers\]`/);
  assert.match(String(svc('4.3').diagnostics(doc('[containers]\nuserns_size = 1\n'))[0].message), /deprecated: nothing in Podman reads it any more/);
});

test('containers.conf: volume names, overlay options, pull policy spellings and seccomp profiles as `podman create` reads them', () => {
  const vol = (v: string) => codes(`[containers]\nvolumes = [${JSON.stringify(v)}]\n`, '4.3');
  for (const ok of ['/tmp:/b:O', '/tmp:/b:O,U', '/tmp:/b:O,upperdir=/u,workdir=/w', 'a.b-c_d:/b', '9vol:/b', './x:/b']) assert.deepEqual(vol(ok), [], ok);
  for (const bad of ['/tmp:/b:O,ro', '/tmp:/b:O,nosuid', '/tmp:/b:O,idmap', '$HOME:/b', '~:/b', '_vol:/b']) assert.deepEqual(vol(bad), ['containers/runtime-value'], bad);
  const pull = (v: string) => codes(`[engine]\npull_policy = "${v}"\n`, '4.3');
  for (const ok of ['always', 'Always', 'IfNotPresent', 'Newer', 'never', '']) assert.deepEqual(pull(ok), [], ok);
  assert.deepEqual(pull('NEVER'), ['containers/runtime-value']);
  const host = memoryHost({ '/usr/share/containers/seccomp.json': '{}' });
  const seccomp = (v: string, restricted = false) => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted }).diagnostics(doc(`[containers]\nseccomp_profile = "${v}"\n`)).map((d) => d.code);
  for (const ok of ['/usr/share/containers/seccomp.json', 'unconfined', '']) assert.deepEqual(seccomp(ok), [], ok);
  assert.deepEqual(seccomp('/etc/nope.json'), ['containers/runtime-value']);
  assert.deepEqual(seccomp('rel.json'), ['containers/runtime-value']);
  assert.deepEqual(seccomp('/etc/nope.json', true), []);
});
