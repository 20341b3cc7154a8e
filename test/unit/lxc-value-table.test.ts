/**
 * The table of last-wins keys (lxc/check/valueTable.ts): a record is the document line itself
 * until a clear or an included file makes it diverge; the document's duplicate spot survives
 * both, as liblxc's per-file view of duplicates needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLxc } from '../../server/src/lxc/parser';
import { ValueTable } from '../../server/src/lxc/check/valueTable';
import { lxcDiags } from '../helpers/service';
import { memoryHost } from '../../server/src/host';

const lines = parseLxc('lxc.uts.name = a\nlxc.uts.name = b\nlxc.uts.name = c\n').entries;

test('a key set again by the document returns the earlier line; the value in force is the last', () => {
  const t = new ValueTable();
  assert.equal(t.setByDocument('lxc.uts.name', lines[0]), undefined);
  assert.equal(t.setByDocument('lxc.uts.name', lines[1]), lines[0]);
  const v = t.get('lxc.uts.name')!;
  assert.equal(v.value, 'b');
  assert.equal(v.line, 1);
  assert.equal(v.topLine, 1);
  assert.equal(v.file, undefined);
});

test('a value set by an included file is in force, and the document line before it is still its duplicate spot', () => {
  const t = new ValueTable();
  t.setByDocument('lxc.uts.name', lines[0]);
  t.setByInclude('lxc.uts.name', 'inc', '/inc/a.conf', 4, 1);
  assert.deepEqual([t.get('lxc.uts.name')!.value, t.get('lxc.uts.name')!.file, t.get('lxc.uts.name')!.topLine], ['inc', '/inc/a.conf', 1]);
  assert.equal(t.setByDocument('lxc.uts.name', lines[2]), lines[0]);
  assert.equal(t.get('lxc.uts.name')!.value, 'c');
});

test('forget ends the value but keeps the spot; dropSpot keeps the value but ends the spot', () => {
  const t = new ValueTable();
  t.setByDocument('lxc.uts.name', lines[0]);
  t.forget('lxc.uts.name');
  assert.equal(t.get('lxc.uts.name'), undefined);
  assert.equal(t.size, 0);
  assert.deepEqual([...t.keys()], []);
  assert.equal(t.setByDocument('lxc.uts.name', lines[1]), lines[0]);
  t.dropSpot('lxc.uts.name');
  assert.equal(t.get('lxc.uts.name')!.value, 'b');
  assert.equal(t.setByDocument('lxc.uts.name', lines[2]), undefined);
});

test('a copy shares nothing that changes', () => {
  const t = new ValueTable();
  t.setByDocument('lxc.uts.name', lines[0]);
  t.setByInclude('lxc.sysctl.net.x', '1', '/inc/a.conf', 0, 0);
  const c = new ValueTable(t);
  t.setByInclude('lxc.sysctl.net.x', '2', '/inc/b.conf', 0, 0);
  t.forget('lxc.uts.name');
  assert.deepEqual([...c].map(([k, v]) => [k, v.value]), [['lxc.uts.name', 'a'], ['lxc.sysctl.net.x', '1']]);
  assert.deepEqual([...t].map(([k, v]) => [k, v.value]), [['lxc.sysctl.net.x', '2']]);
});

test('through the checks: duplicates per file across an include, a clear and an interface reset', () => {
  const host = memoryHost({ '/inc/a.conf': 'lxc.uts.name = inc\n' });
  // Set, overridden by the include, set again: the first line is the document's duplicate.
  assert.deepEqual(lxcDiags('lxc.uts.name = a\nlxc.include = /inc/a.conf\nlxc.uts.name = b\n', { host }).filter((d) => d.endsWith('duplicate-key')), ['0:0-16 lxc/duplicate-key']);
  // An empty assignment ends the earlier line's duplicate status.
  assert.deepEqual(lxcDiags('lxc.uts.name = a\nlxc.uts.name =\nlxc.uts.name = b\n', { host }).filter((d) => d.endsWith('duplicate-key')), []);
  // A new type line resets the interface: its earlier keys are reported as lost, not as duplicates.
  const reset = lxcDiags('lxc.net.0.type = veth\nlxc.net.0.link = br0\nlxc.net.0.type = veth\nlxc.net.0.link = br1\n', { host });
  assert.ok(reset.some((d) => d.endsWith('lxc/net-type-resets')), reset.join(' | '));
  assert.ok(!reset.some((d) => d.endsWith('duplicate-key')), reset.join(' | '));
});
