/**
 * Hostile positions and ranges from a client: negative, fractional, null (NaN and Infinity
 * travel as null in JSON), huge and missing values for every positional request. Each is
 * answered within 2 s, every position in the answer lies inside the document, and another
 * document is still served. Runs the real server under the memory guard (guard.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, assertInside, guardedServer, stillServing } from './guard';

const LXC = 'file:///var/lib/lxc/pos/config';
const LXC_TEXT = [
  'lxc.cap.drop = SYS_TIME',
  'lxc.cap.drop = sys_time sys_module mac_admin',
  `lxc.uts.name = ${'x'.repeat(5000)}`,
  'lxc.bogus = 1',
  'lxc.net.0.type = veth',
].join('\n');
const CC = 'file:///etc/containers/containers.conf';
const CC_TEXT = '[containers]\ndefault_capabilities = ["CHOWN", "sys_time"]\ncgroup_manager = "systemd"\n[engine]\nevents_logger = "file"\n';

const BAD: unknown[] = [
  { line: -1, character: -1 },
  { line: 1.5, character: 2.7 },
  { line: null, character: null },
  { line: 1e9, character: 1e9 },
  { line: 0, character: 1e9 },
  { line: 2, character: 1e9 },
  { line: Number.MAX_SAFE_INTEGER, character: -Number.MAX_SAFE_INTEGER },
  { line: 1e308, character: 1e308 },
  { line: '1', character: '3' },
  {},
  null,
];

for (const [uri, lang, text] of [[LXC, 'lxc', LXC_TEXT], [CC, 'containers-conf', CC_TEXT]] as const) {
  test(`${lang}: hover, completion, code actions, inlay hints and folding at hostile positions`, { timeout: 120_000 }, async () => {
    const c = await guardedServer();
    try {
      const diags = await c.open(uri, lang, text);
      assertInside(diags, text, 'diagnostics');
      const td = { textDocument: { uri } };
      for (const p of BAD) {
        const label = JSON.stringify(p);
        const hover = await answer(c, 'textDocument/hover', { ...td, position: p }, `hover ${label}`);
        assertInside(hover, text, `hover ${label}`);
        const completion = await answer(c, 'textDocument/completion', { ...td, position: p }, `completion ${label}`);
        assertInside(completion, text, `completion ${label}`);
        const range = { start: p, end: p };
        const actions = await answer(c, 'textDocument/codeAction', { ...td, range, context: { diagnostics: diags } }, `codeAction ${label}`);
        assertInside(actions, text, `codeAction ${label}`);
        const hints = await answer(c, 'textDocument/inlayHint', { ...td, range }, `inlayHint ${label}`);
        assertInside(hints, text, `inlayHint ${label}`);
      }
      // A code action over a range that ends a billion lines down, and one given backwards.
      for (const range of [{ start: { line: 0, character: 0 }, end: { line: 1e9, character: 1e9 } }, { start: { line: 1e9, character: 0 }, end: { line: -5, character: 0 } }]) {
        const actions = await answer(c, 'textDocument/codeAction', { ...td, range, context: { diagnostics: diags } }, `codeAction ${JSON.stringify(range)}`);
        assertInside(actions, text, 'codeAction huge range');
        const hints = await answer(c, 'textDocument/inlayHint', { ...td, range }, `inlayHint ${JSON.stringify(range)}`);
        assertInside(hints, text, 'inlayHint huge range');
      }
      for (const m of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) assertInside(await answer(c, m, td), text, m);
      // A range sent backwards and past the end of its line still gets the quick fixes of the
      // diagnostic it is sent with (those that name it).
      type Action = { title: string; diagnostics?: unknown[] };
      const forDiag = (list: Action[]) => list.filter((a) => a.diagnostics?.length).map((a) => a.title);
      for (const d of diags) {
        const line = d.range.start.line;
        const normal = await answer<Action[]>(c, 'textDocument/codeAction', { ...td, range: d.range, context: { diagnostics: [d] } });
        const clamped = await answer<Action[]>(c, 'textDocument/codeAction', { ...td, range: { start: { line, character: 1e9 }, end: { line, character: -4 } }, context: { diagnostics: [d] } });
        assert.deepEqual(forDiag(clamped), forDiag(normal), `fixes for ${String(d.code)}`);
      }
      await stillServing(c);
    } finally {
      await c.stop();
    }
  });
}

test('completion at character 1e9 on a 1 MB line and a hover past the end answer at once', { timeout: 60_000 }, async () => {
  const c = await guardedServer();
  try {
    const text = `lxc.uts.name = ${'a '.repeat(500_000)}\nlxc.cap.drop = ${'sys_time '.repeat(1000)}\n`;
    const uri = 'file:///var/lib/lxc/longline/config';
    await c.open(uri, 'lxc', text);
    for (const character of [1e9, 999_999, 1_000_014]) {
      const r = await answer(c, 'textDocument/completion', { textDocument: { uri }, position: { line: 0, character } }, `completion at ${character}`);
      assertInside(r, text, 'completion');
    }
    const h = await answer(c, 'textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1e9 } });
    assertInside(h, text, 'hover');
    await stillServing(c);
  } finally {
    await c.stop();
  }
});
