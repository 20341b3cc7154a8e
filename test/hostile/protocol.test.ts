/**
 * Hostile clients at the protocol level, through a raw stdio client: bad Content-Length
 * headers of every kind must not stop the server from answering the next good message,
 * requests after `shutdown` get InvalidRequest, and a cancelled request gets RequestCancelled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { frame, initialize, startRaw, type RawClient } from './raw';

const URI = 'file:///var/lib/lxc/raw/config';

function hover(id: number) {
  return { jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 3 } } };
}

async function served(c: RawClient, id: number, what: string, key = /lxc\.uts\.name/) {
  c.send(hover(id));
  const r = await c.response(id).catch((e: Error) => assert.fail(`${what}: ${e.message}`));
  assert.match(JSON.stringify(r.result), key, what);
}

test('a bad Content-Length never stops the server from answering the next message', { timeout: 60_000 }, async () => {
  const c = startRaw();
  try {
    await initialize(c);
    c.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'lxc', version: 1, text: 'lxc.uts.name = a\n' } } });
    await served(c, 1, 'before');
    const body = JSON.stringify(hover(99));
    const cases: [string, Buffer][] = [
      ['non-numeric length', Buffer.from(`Content-Length: abc\r\n\r\n${body}`)],
      ['no length at all', Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`)],
      ['negative length', Buffer.from(`Content-Length: -5\r\n\r\n${body}`)],
      ['length too short', Buffer.from(`Content-Length: ${body.length - 10}\r\n\r\n${body}`)],
      ['length too long', Buffer.from(`Content-Length: ${body.length + 100}\r\n\r\n${body}`)],
      ['a length of 10^12', Buffer.from(`Content-Length: 1000000000000\r\n\r\n${body}`)],
      ['garbage without a header end', Buffer.from('x'.repeat(100_000))],
      ['a header line without a colon', Buffer.from(`Hello\r\nContent-Length: ${body.length}\r\n\r\n${body}`)],
      ['stray blank lines', Buffer.from(`\r\n\r\n${frame(hover(98)).toString()}`)],
    ];
    let id = 2;
    for (const [what, bytes] of cases) {
      c.write(bytes);
      await served(c, id++, what);
      // And a second time, split into single-byte writes across the header.
      const next = frame(hover(id));
      c.write(bytes);
      for (let i = 0; i < 30; i++) c.write(next.subarray(i, i + 1));
      c.write(next.subarray(30));
      const r = await c.response(id++).catch((e: Error) => assert.fail(`${what} (split): ${e.message}`));
      assert.match(JSON.stringify(r.result), /lxc\.uts\.name/);
    }
    assert.ok(c.logs.some((l) => /skipped|Content-Length/.test(l)), 'the problem is logged');
  } finally {
    c.stop();
  }
});

test('requests after shutdown are refused with InvalidRequest', { timeout: 30_000 }, async () => {
  const c = startRaw();
  try {
    await initialize(c);
    c.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'lxc', version: 1, text: 'lxc.uts.name = a\n' } } });
    await served(c, 1, 'before shutdown');
    c.send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    assert.equal((await c.response(2)).error, undefined);
    for (const [i, method, params] of [
      [3, 'textDocument/hover', hover(0).params],
      [4, 'textDocument/completion', hover(0).params],
      [5, 'textDocument/documentSymbol', { textDocument: { uri: URI } }],
      [6, 'workspace/executeCommand', { command: 'ctconf.droppedCapabilities', arguments: [URI] }],
      [7, 'completionItem/resolve', { label: 'lxc.uts.name' }],
    ] as const) {
      c.send({ jsonrpc: '2.0', id: i, method, params });
      const r = await c.response(i);
      assert.equal(r.error?.code, -32600, `${method} after shutdown: ${JSON.stringify(r)}`);
    }
    c.send({ jsonrpc: '2.0', method: 'exit' });
    await new Promise((resolve) => c.proc.once('exit', resolve));
    assert.equal(c.proc.exitCode, 0);
  } finally {
    c.stop();
  }
});

test('a cancelled request is answered with RequestCancelled', { timeout: 30_000 }, async () => {
  const c = startRaw();
  try {
    await initialize(c);
    const text = Array.from({ length: 20_000 }, (_, i) => `lxc.sysctl.net.k${i} = 1`).join('\n');
    c.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'lxc', version: 1, text } } });
    // A request and its cancellation arrive together, behind a long one: the request never runs.
    c.write(Buffer.concat([
      frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } }),
      frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } }),
      frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 2 } }),
    ]));
    const t0 = performance.now();
    const r2 = await c.response(2, 10_000);
    assert.equal(r2.error?.code, -32800, JSON.stringify(r2).slice(0, 200));
    const r1 = await c.response(1, 10_000);
    assert.ok(Array.isArray(r1.result));
    console.log(`# symbols and the cancellation in ${(performance.now() - t0).toFixed(0)} ms`);
    await served(c, 3, 'after the cancellation', /lxc\.sysctl\.net\.k0/);
  } finally {
    c.stop();
  }
});
