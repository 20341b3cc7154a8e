/**
 * The server's line-array document against vscode-languageserver-textdocument's TextDocument
 * (the reference implementation): random incremental edits, including \r, \n and \r\n split
 * across edit boundaries, ranges past the end and reversed ranges, must leave the same text,
 * and the same offsets and positions everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../server/src/util/document';
import { rng } from '../../bench/generate';

const PIECES = ['', 'a', 'lxc.uts.name = x', '\n', '\r', '\r\n', '\n\r', 'é', '😀', '\n\n', 'b\r', '\nc', '  ', '#'];

test('line-array documents give the same text, offsets and positions as the reference TextDocument', () => {
  const r = rng(99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  let edits = 0;
  for (let round = 0; round < 200; round++) {
    let text = '';
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) text += pick(PIECES);
    let ref = TextDocument.create('file:///x', 'lxc', 1, text);
    const ours = new LineDocument('file:///x', 'lxc', 1, text);
    for (let step = 0; step < 30; step++) {
      // Each edit is applied to the reference freshly created from the current text: its
      // incremental line table can drift from its own text when an edit ends between \r and \n
      // (a client always addresses the real lines), while ours carries its state across edits.
      ref = TextDocument.create('file:///x', 'lxc', step + 1, ref.getText());
      const lines = TextDocument.create('file:///x', 'lxc', 1, ref.getText()).lineCount;
      const pos = () => ({ line: Math.floor(r() * (lines + 2)) - (r() < 0.05 ? 1 : 0), character: Math.floor(r() * 8) });
      const change = r() < 0.05 ? { text: pick(PIECES) + pick(PIECES) } : { range: { start: pos(), end: pos() }, text: pick(PIECES) + pick(PIECES) };
      TextDocument.update(ref, [change], step + 2);
      ours.update([change], step + 2);
      edits++;
      const where = `round ${round} step ${step}: ${JSON.stringify(change)}`;
      assert.equal(ours.getText(), ref.getText(), where);
      const fresh = TextDocument.create('file:///x', 'lxc', 1, ref.getText());
      assert.equal(ours.lineCount, fresh.lineCount, where);
      assert.equal(ours.version, ref.version);
      for (let o = 0; o <= ref.getText().length + 1; o++) assert.deepEqual(ours.positionAt(o), fresh.positionAt(o), `${where} positionAt(${o})`);
      for (let l = -1; l <= ref.lineCount; l++) {
        for (let c = 0; c < 6; c++) assert.equal(ours.offsetAt({ line: l, character: c }), fresh.offsetAt({ line: l, character: c }), `${where} offsetAt(${l},${c})`);
      }
      const a = pos();
      const b = pos();
      const range = fresh.offsetAt(a) <= fresh.offsetAt(b) ? { start: a, end: b } : { start: b, end: a };
      assert.equal(ours.getText(range), fresh.getText(range), where);
    }
  }
  assert.ok(edits >= 6000);
});

test('a paste of 50,000 lines and a whole-document change', () => {
  const big = Array.from({ length: 50_000 }, (_, i) => `lxc.environment = V${i}=1`).join('\n');
  const ref = TextDocument.create('file:///x', 'lxc', 1, 'a\nb\n');
  const ours = new LineDocument('file:///x', 'lxc', 1, 'a\nb\n');
  const paste = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: big };
  TextDocument.update(ref, [paste], 2);
  ours.update([paste], 2);
  assert.equal(ours.getText(), ref.getText());
  assert.equal(ours.lineCount, 50_002);
  ours.update([{ text: 'x\r\ny' }], 3);
  assert.equal(ours.getText(), 'x\r\ny');
  assert.deepEqual(ours.positionAt(2), { line: 0, character: 1 });
});
