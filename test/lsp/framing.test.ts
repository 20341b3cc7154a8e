/**
 * The stdio framing guard (server/src/framing.ts) in isolation: whatever bad headers come
 * in between, and however the bytes are split into chunks, every well-framed message comes
 * out whole and in order, and nothing else does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FramingGuard } from '../../server/src/framing';
import { StdioMessageWriter } from '../../server/src/writer';
import { PassThrough } from 'node:stream';
import { rng } from '../../bench/generate';

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;

async function run(input: Buffer, r: () => number, maxMessageBytes?: number, bytewise = false): Promise<{ messages: string[]; problems: string[] }> {
  const problems: string[] = [];
  const g = new FramingGuard((m) => problems.push(m), maxMessageBytes);
  const out: Buffer[] = [];
  g.on('data', (d: Buffer) => out.push(d));
  for (let i = 0; i < input.length;) {
    const n = bytewise ? 1 : 1 + Math.floor(r() * (r() < 0.3 ? 8 : 5000));
    g.write(input.subarray(i, i + n));
    i += n;
  }
  await new Promise<void>((resolve) => g.end(resolve));
  // Parse what came out strictly: it must be a clean sequence of framed messages.
  const all = Buffer.concat(out).toString('utf8');
  const messages: string[] = [];
  let at = 0;
  while (at < all.length) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(all.slice(at));
    assert.ok(m, `clean framing at ${at}: ${JSON.stringify(all.slice(at, at + 40))}`);
    const len = Number(m[1]);
    messages.push(Buffer.from(all.slice(at + m[0].length)).subarray(0, len).toString('utf8'));
    at += m[0].length + Buffer.from(all.slice(at + m[0].length)).subarray(0, len).toString('utf8').length;
  }
  return { messages, problems };
}

test('good messages pass through whole and in order, however they are split', async () => {
  // Bodies with CR LF as JSON whitespace and header-like text inside strings.
  const bodies = Array.from({ length: 50 }, (_, i) => JSON.stringify({ jsonrpc: '2.0', id: i, method: 'x', params: { text: `é ${'a\r\n'.repeat(i)} Content-Length: 5\r\n\r\n`, n: i } }, null, i % 2 ? '\r\n' : undefined));
  const input = Buffer.from(bodies.map((b) => frame(b)).join(''));
  for (let seed = 1; seed <= 20; seed++) {
    const { messages, problems } = await run(input, rng(seed));
    assert.deepEqual(messages, bodies);
    assert.deepEqual(problems, []);
  }
});

test('bad headers and wrong lengths lose only the broken message', async () => {
  const good = (i: number) => JSON.stringify({ jsonrpc: '2.0', id: i, method: 'ok' });
  const bad = JSON.stringify({ jsonrpc: '2.0', id: 'bad', method: 'x' });
  const junk = [
    `Content-Length: abc\r\n\r\n${bad}`,
    `Content-Type: text/plain\r\n\r\n${bad}`,
    `Content-Length: -5\r\n\r\n${bad}`,
    frame(bad, bad.length - 7),
    `${'garbage '.repeat(3000)}`,
    `Hello\r\n${frame(bad)}`.replace('Hello\r\n', 'Hello\r\nX'),
    frame(bad, 10_000_000_000),
  ];
  for (const [k, j] of junk.entries()) {
    for (let seed = 1; seed <= 10; seed++) {
      const input = Buffer.from(`${frame(good(1))}${j}${frame(good(2))}${frame(good(3))}`);
      const { messages, problems } = await run(input, rng(seed * 31 + k), 1024 * 1024, seed === 1);
      assert.deepEqual(messages.filter((m) => !m.includes('"bad"')), [good(1), good(2), good(3)], `junk ${k} seed ${seed}: ${JSON.stringify(messages)}`);
      assert.ok(problems.length >= 1 && problems.length <= 2, `junk ${k}: ${problems.join(' | ')}`);
    }
  }
  // A length that is too long: the message is recovered with its real length.
  for (const bytewise of [false, true]) {
    const { messages } = await run(Buffer.from(`${frame(good(1), good(1).length + 50)}${frame(good(2))}${frame(good(3))}`), rng(7), undefined, bytewise);
    assert.deepEqual(messages, [good(1), good(2), good(3)], `bytewise: ${bytewise}`);
  }
});

test('the stdio writer sends each message in one write, framed, at once, in order (server/src/writer.ts)', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (d: Buffer) => chunks.push(d));
  const w = new StdioMessageWriter(out);
  const msgs = [{ jsonrpc: '2.0', id: 1, result: { contents: 'é ünïcödé' } }, { jsonrpc: '2.0', method: 'x', params: { text: 'a\r\n\u0000' } }];
  for (const m of msgs) void w.write(m as never);
  // Written before any later turn of the event loop: nothing else can run in between.
  assert.equal(chunks.length, 2);
  for (let i = 0; i < 2; i++) {
    const s = chunks[i].toString('utf8');
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(s)!;
    assert.equal(Number(m[1]), chunks[i].length - m[0].length, 'the length counts bytes');
    assert.deepEqual(JSON.parse(s.slice(m[0].length)), msgs[i]);
  }
  const errors: unknown[] = [];
  w.onError(([e]) => errors.push(e));
  out.emit('error', new Error('EPIPE'));
  assert.equal(errors.length, 1);
});
