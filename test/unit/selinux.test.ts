/** SELinux contexts: the shared context module and the contexts file language. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { applyAction, cursor } from '../helpers/service';
import { selinuxContextHover, validateSelinuxContext } from '../../server/src/selinux/context';
import { SELINUX_TYPES } from '../../server/src/selinux/types';
import { detectLanguage } from '../../server/src/languages';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';

const URI = 'file:///usr/share/containers/selinux/contexts';
const svc = () => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
const doc = (text: string) => ({ uri: URI, languageId: 'selinux-contexts', version: 1, text });
const diags = (text: string) => svc().diagnostics(doc(text)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
const v = (t: string) => validateSelinuxContext(t).map((p) => `${p.start}-${p.end} ${p.severity}`);

// The contexts container-selinux installs (same lines, written here from its documented keys).
const SHIPPED = `process = "system_u:system_r:container_t:s0"
file = "system_u:object_r:container_file_t:s0"
ro_file="system_u:object_r:container_ro_file_t:s0"
kvm_process="system_u:system_r:container_kvm_t:s0"
init_process="system_u:system_r:container_init_t:s0"
engine_process="system_u:system_r:container_engine_t:s0"
`;

test('context syntax: parts, levels, categories and ranges', () => {
  assert.deepEqual(v('system_u:system_r:container_t:s0'), []);
  assert.deepEqual(v('system_u:system_r:container_t'), []);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c1,c2'), []);
  assert.deepEqual(v('system_u:system_r:spc_t:s0-s0:c0.c1023'), []);
  assert.deepEqual(v('container_t'), ['0-11 error']);
  assert.deepEqual(v('system_u::container_t:s0'), ['9-9 error']);
  assert.deepEqual(v('system_u:system_r:container_t:'), ['29-30 error']);
  assert.deepEqual(v('system_u:system_r:container_t:x0'), ['30-32 error']);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c1024'), ['33-38 error']);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c5.c2'), ['33-38 error']);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c1,d2'), ['36-38 error']);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c1,c1'), ['36-38 warning']);
  assert.deepEqual(v('system_u:system_r:container_t:s1'), ['30-32 warning']);
  assert.deepEqual(v('system_u:system_r:container_t:s0-s0:c0.c2000'), ['36-44 error']);
});

test('hover text for each container type, levels and categories in plain words', () => {
  for (const t of ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'container_userns_t', 'spc_t', 'container_runtime_t', 'container_file_t', 'container_ro_file_t', 'container_var_lib_t']) {
    assert.ok(SELINUX_TYPES[t], t);
    assert.ok(selinuxContextHover(`system_u:system_r:${t}:s0`, 20)!.includes(`**${t}**`), t);
  }
  assert.match(selinuxContextHover('system_u:system_r:spc_t:s0', 20)!, /effectively not confined/);
  const mcs = selinuxContextHover('system_u:system_r:container_t:s0:c1,c2', 32)!;
  assert.match(mcs, /cannot read or write each other's files/);
  assert.match(selinuxContextHover('system_u:system_r:container_t:s0:c1,c2')!, /SELinux context/);
  assert.match(selinuxContextHover('system_u:system_r:container_t:s0', 2)!, /system_u/);
});

test('the contexts file: the shipped lines are clean; problems are placed on the value', () => {
  assert.deepEqual(diags(SHIPPED), []);
  assert.deepEqual(diags('process = "system_u:system_r:container_t:s0:c1024"\n'), ['0:44-49 selinux/invalid-context']);
  assert.deepEqual(diags('file = "system_u:system_r:container_file_t:s0"\n'), ['0:17-25 selinux/unusual-context']);
  assert.deepEqual(diags('process = "system_u:system_r:container_file_t:s0"\n'), ['0:29-45 selinux/unusual-context']);
  assert.deepEqual(diags('proces = "system_u:system_r:container_t:s0"\n'), ['0:0-6 selinux/unknown-key']);
  assert.deepEqual(diags('process\n'), ['0:0-7 selinux/malformed-line']);
  assert.deepEqual(diags(`${SHIPPED}process = "system_u:system_r:spc_t:s0"\n`), ['6:0-7 selinux/duplicate-key']);
});

test('hover, completion, outline and the key fix in the contexts file', () => {
  const s = svc();
  assert.match(hoverText(s.hover(doc(SHIPPED), { line: 0, character: 2 })), /ordinary container processes/);
  assert.match(hoverText(s.hover(doc(SHIPPED), { line: 0, character: 32 })), /confined containers/);
  const c = cursor('process = "system_u:system_r:cont|"\n');
  const items = s.completion(doc(c.text), c.pos).map((i) => i.label);
  assert.ok(items.includes('container_t') && !items.includes('container_file_t'));
  assert.equal(s.symbols(doc(SHIPPED)).length, 6);
  const text = 'proces = "system_u:system_r:container_t:s0"\n';
  const d = s.diagnostics(doc(text));
  assert.equal(applyAction(text, s.codeActions(doc(text), d[0].range, d)[0], URI), text.replace('proces', 'process'));
  assert.equal(detectLanguage('/usr/share/containers/selinux/contexts'), 'selinux-contexts');
  assert.equal(detectLanguage('/etc/selinux/targeted/contexts/files/file_contexts'), undefined);
});

test('huge category lists stay cheap: a bounded number of problems, no deep recursion or quadratic time', () => {
  const many = `system_u:system_r:container_t:s0:${Array(200000).fill('c0.c1022').join(',')}`;
  const t = Date.now();
  const p = validateSelinuxContext(many);
  assert.equal(p.length, 100);
  assert.ok(p.every((x) => x.severity === 'warning' && /repeats/.test(x.message)));
  const bad = validateSelinuxContext(`system_u:system_r:container_t:s0:${Array(200000).fill('cx').join(',')}-s0:${Array(200000).fill('cy').join(',')}`);
  assert.equal(bad.length, 100);
  assert.ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
  // The repeat check still sees overlaps across words of the category set.
  assert.deepEqual(v('system_u:system_r:container_t:s0:c30.c33,c32'), ['41-44 warning']);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c0.c31,c32.c63,c64'), []);
  assert.deepEqual(v('system_u:system_r:container_t:s0:c0.c1023,c1023'), ['42-47 warning']);
});
