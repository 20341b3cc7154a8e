import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesWith, parseLxc } from '../../server/src/lxc/parser';
import { rng } from '../../bench/generate';

test('an entry has exact key, = and value ranges', () => {
  const d = parseLxc('  lxc.uts.name   =   web01  \n');
  const e = d.entries[0];
  assert.equal(e.key, 'lxc.uts.name');
  assert.deepEqual([e.keyStart, e.keyEnd, e.eq, e.valueStart, e.valueEnd], [2, 14, 17, 21, 26]);
  assert.equal(e.value, 'web01');
});

test('one pair of matching outer quotes is removed, with no escapes', () => {
  const [a, b, c, d] = parseLxc(`lxc.a = "x y"\nlxc.b = 'q'\nlxc.c = "open\nlxc.d = "a\\"b"\n`).entries;
  assert.equal(a.value, 'x y');
  assert.equal(a.valueStart, 9);
  assert.equal(b.value, 'q');
  assert.equal(c.value, '"open');
  assert.equal(d.value, 'a\\"b');
});

test('only the first = splits key and value', () => {
  const e = parseLxc('lxc.environment = A=B=C').entries[0];
  assert.equal(e.key, 'lxc.environment');
  assert.equal(e.value, 'A=B=C');
});

test('line kinds follow liblxc: comments only at line start, martian lines ignored', () => {
  const d = parseLxc('# c\n\t# c2\n\n  \f \nlxc.x\nLXC.a = 1\nfoo\nlxc.uts.name = a # not a comment\n');
  assert.deepEqual(Array.from({ length: d.lineCount }, (_, i) => d.lineAt(i)!.kind), ['comment', 'comment', 'blank', 'blank', 'malformed', 'ignored', 'ignored', 'entry', 'blank']);
  assert.equal(d.entries[0].value, 'a # not a comment');
});

test('\\r ends a line, as in liblxc and LSP', () => {
  const d = parseLxc('lxc.a = 1\rlxc.b = 2\r\nlxc.c = 3');
  assert.deepEqual(d.entries.map((e) => [e.line, e.key]), [[0, 'lxc.a'], [1, 'lxc.b'], [2, 'lxc.c']]);
});

test('a BOM hides the first line from LXC; columns count the BOM', () => {
  const d = parseLxc('\uFEFFlxc.uts.name = a\nlxc.tty.max = 1\n');
  assert.equal(d.bom, true);
  assert.equal(d.lineAt(0)!.unseen, 'bom');
  assert.equal(d.lineAt(0)!.keyStart, 1);
  assert.equal(d.lineAt(1)!.unseen, undefined);
});

test('the first NUL byte ends the file for LXC', () => {
  const d = parseLxc('lxc.a = 1\0x\nlxc.b = 2\n');
  assert.deepEqual(d.nul, { line: 0, character: 9 });
  assert.equal(d.lineAt(0)!.value, '1');
  assert.equal(d.lineAt(0)!.unseen, undefined);
  assert.equal(d.lineAt(1)!.unseen, 'nul');
});

test('empty value and missing value', () => {
  const [a] = parseLxc('lxc.cap.drop =').entries;
  assert.equal(a.value, '');
  assert.equal(a.eq, 13);
});

test('entriesWith gives the entries parseLxc gives whose line holds the needle, for any text', () => {
  const next = rng(11);
  const pieces = ['lxc.idmap = u 0 100000 65536', '  lxc.idmap=g 0 1 2', '# lxc.idmap = u 0 0 1', 'lxc.idmapx = 1', 'xlxc.idmap = 1', 'lxc.mount.entry = /lxc.idmap x',
    'lxc.idmap', 'lxc.idmap = "u 0 5 6"', '', '\t', 'lxc.uts.name = a', '\uFEFFlxc.idmap = u 0 1 1', 'lxc.idmap = u\0 0 1 1', 'lxc.idmap = u 0 2 2\r'];
  for (let round = 0; round < 2_000; round++) {
    const n = Math.floor(next() * 8);
    const text = Array.from({ length: n }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.2 ? '\r\n' : '\n') + (next() < 0.5 ? '\n' : '');
    const doc = parseLxc(text);
    const expected = doc.entries.filter((e) => !e.unseen && doc.lineText(e.line).includes('lxc.idmap'));
    assert.deepEqual(entriesWith(text, 'lxc.idmap'), expected, JSON.stringify(text));
  }
});
