/**
 * Huge documents: symbols and inlay hints are capped like diagnostics, and long requests do
 * not block other documents. Cases still todo say why in their todo reasons (measured
 * figures, with the load on this 2-core machine).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { lxcService } from '../helpers/service';
import { capSymbols, NOT_SHOWN } from '../../server/src/symbols';
import { lxcSymbols } from '../../server/src/lxc/outline';
import { parseLxc } from '../../server/src/lxc/parser';
import { ANSWER_MS, SENTINEL, answer, assertInside, guardedServer, stillServing } from './guard';

type Symbol = { name: string; children?: Symbol[] };
const countSymbols = (list: Symbol[]): number => list.reduce((n, s) => n + 1 + countSymbols(s.children ?? []), 0);

async function openWithin(c: Awaited<ReturnType<typeof guardedServer>>, uri: string, lang: string, text: string, ms = ANSWER_MS) {
  const t0 = performance.now();
  const p = c.diagnostics(uri, 1, ms + 500);
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: lang, version: 1, text } });
  const diags = await p;
  const took = performance.now() - t0;
  console.log(`# open ${uri}: diagnostics in ${took.toFixed(0)} ms`);
  assert.ok(took < ms, `diagnostics took ${took.toFixed(0)} ms`);
  return diags;
}

test('document symbols are capped at 5,000 with a closing entry that counts the rest', { timeout: 60_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///var/lib/lxc/many/config';
    const text = Array.from({ length: 8_000 }, (_, i) => `lxc.mount.entry = /a${i} b none bind 0 0`).join('\n');
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'lxc', version: 1, text } });
    const symbols = await answer<Symbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri } }, 'documentSymbol (8,000 entries)');
    const n = countSymbols(symbols);
    assert.ok(n <= 5001, `${n} symbols sent`);
    const last = symbols[symbols.length - 1];
    assert.match(last.name, /^[\d,]+ more symbols not shown$/);
    // Shown and counted add up to the whole outline (as the service builds it).
    const all = countSymbols(lxcService().symbols({ uri, languageId: 'lxc', version: 1, text }) as Symbol[]);
    assert.equal(n - 1, 5000);
    assert.equal(n - 1 + Number(last.name.split(' ')[0].replace(/,/g, '')), all);
    assertInside(symbols, text, 'symbols');
    const hints = await answer<unknown[]>(c, 'textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1e9, character: 0 } } }, 'inlayHint over the whole file');
    assert.ok(hints.length <= 1000);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

test('a capped LXC outline builds only what is shown, and equals capping the whole outline', () => {
  // Groups interleaved, network interfaces one by one, so the cap falls inside and between groups.
  const text = Array.from({ length: 3_000 }, (_, i) => [`lxc.mount.entry = /a${i} b none bind 0 0`, `lxc.net.${i % 7}.type = veth`, `lxc.sysctl.k${i} = 1`, `lxc.bogus${i} = x`][i % 4]).join('\n');
  const doc = { uri: 'file:///var/lib/lxc/mixed/config', languageId: 'lxc', version: 1, text };
  const svc = lxcService();
  const whole = svc.symbols(doc);
  const hasPlaceholder = (list: typeof whole): boolean => list.some((s) => s === NOT_SHOWN || s.name === '' || hasPlaceholder(s.children ?? []));
  for (const max of [0, 1, 7, 750, 751, 2_000, 2_999, 3_000, 3_100]) {
    const capped = svc.symbols(doc, max);
    assert.deepEqual(capped, capSymbols(whole, max), `max ${max}`);
    assert.ok(!hasPlaceholder(capped), `max ${max}: a placeholder was sent`);
    const built = (list: typeof whole): number => list.reduce((n, s) => n + (s === NOT_SHOWN || s.name === '' ? 0 : 1) + built(s.children ?? []), 0);
    assert.equal(built(lxcSymbols(parseLxc(text), max)), Math.min(max + 1, countSymbols(whole as Symbol[])), `max ${max}: symbols built`);
  }
});

/**
 * #13 bounds requests at 2 s. The check of a huge document is not a request: the server runs
 * it one slice of lines per event-loop turn, so a request sent with the open waits for the
 * parse, not for the check. Its diagnostics are bounded more loosely and their time printed.
 */
test('500,000 keys: requests sent with the open are answered within 2 s, for it and for another document', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///var/lib/lxc/half-million/config';
    const text = Array.from({ length: 500_000 }, (_, i) => `lxc.sysctl.net.k${i} = 1`).join('\n');
    const t0 = performance.now();
    const published = c.diagnostics(uri, 1, 3 * ANSWER_MS);
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'lxc', version: 1, text } });
    // The other document's hover first: it is answered while the big one is still being parsed
    // (parse slices, and a writer that sends a response at once: server/src/writer.ts), so well
    // before the outline, which needs the whole parse (400 ms and more here).
    const at: number[] = [];
    const [hover, symbols] = await Promise.all([
      answer<{ contents: { value: string } } | null>(c, 'textDocument/hover', { textDocument: { uri: SENTINEL }, position: { line: 0, character: 3 } }, 'hover on another document sent with the open').finally(() => at.push(performance.now())),
      answer<Symbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri } }, 'documentSymbol (500,000) sent with the open').finally(() => at.push(performance.now())),
    ]);
    assert.equal(at.length, 2);
    assert.ok(at[0] + 200 < at[1], `the other document's hover came ${(at[1] - at[0]).toFixed(0)} ms before the outline: it waited for the big parse`);
    assert.ok(countSymbols(symbols) <= 5001);
    assert.match(hover?.contents.value ?? '', /lxc\.uts\.name/);
    const diags = await published;
    console.log(`# diagnostics of the 500,000-key open: ${(performance.now() - t0).toFixed(0)} ms (bound ${3 * ANSWER_MS} ms)`);
    assert.deepEqual(diags.filter((d) => d.severity === 1).map((d) => d.code), []);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

/** Big LXC configs of other shapes than distinct keys: work between lines (idmaps, interfaces, capabilities). */
const SHAPES: Array<[string, (i: number) => string]> = [
  ['200,000 idmaps', (i) => `lxc.idmap = ${i % 2 ? 'g' : 'u'} ${i >> 1} ${100000 + (i >> 1)} 1`],
  ['100,000 interfaces', (i) => (i % 2 ? `lxc.net.${i >> 1}.link = br${i % 7}` : `lxc.net.${i >> 1}.type = veth`)],
  ['200,000 capability lines', (i) => (i % 1000 === 0 ? 'lxc.cap.drop =' : `lxc.cap.drop = sys_admin sys_time mknod net_raw${i % 3 ? ' sys_module' : ''}`)],
];
for (const [label, line] of SHAPES) {
  test(`${label}: a hover on another document sent with the open is answered within 2 s`, { timeout: 120_000 }, async () => {
    const c = await guardedServer();
    try {
      const uri = `file:///var/lib/lxc/shape${SHAPES.findIndex((x) => x[0] === label)}/config`;
      const text = Array.from({ length: 200_000 }, (_, i) => line(i)).join('\n');
      const t0 = performance.now();
      const published = c.diagnostics(uri, 1, 5 * ANSWER_MS);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'lxc', version: 1, text } });
      const hover = await answer<{ contents: { value: string } } | null>(c, 'textDocument/hover', { textDocument: { uri: SENTINEL }, position: { line: 0, character: 3 } }, `hover on another document sent with the open of ${label}`);
      assert.match(hover?.contents.value ?? '', /lxc\.uts\.name/);
      await published;
      console.log(`# ${label}: diagnostics in ${(performance.now() - t0).toFixed(0)} ms`);
      await stillServing(c);
    } finally {
      await c.stop();
    }
  });
}

test('an edit during the check of a huge file stops that check: only the new version is published', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///var/lib/lxc/edited-while-checked/config';
    const text = Array.from({ length: 200_000 }, (_, i) => `lxc.sysctl.net.k${i} = 1`).join('\n');
    const second = c.diagnostics(uri, 2, 3 * ANSWER_MS);
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'lxc', version: 1, text } });
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'lxc.uts.name = small\nlxc.bogus.key = 1\n' }] });
    const d = await second;
    assert.deepEqual(d.map((x) => x.code), ['lxc/unknown-key']);
    assert.equal(c.publishCount(uri), 1, 'the check of version 1 was published too');
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

test('20,000 repeated names on one lxc.cap.drop line: diagnostics within 2 s', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    await openWithin(c, 'file:///var/lib/lxc/caps/config', 'lxc', `lxc.cap.drop = ${'sys_admin '.repeat(20_000)}\n`);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

test('10,000 misspelled LXC keys: open and edit within 2 s (did-you-mean only for reported findings)', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///var/lib/lxc/typos/config';
    const text = Array.from({ length: 10_000 }, (_, i) => `lxc.uts.nmae${i} = x`).join('\n');
    await openWithin(c, uri, 'lxc', text);
    const t0 = performance.now();
    const p = c.diagnostics(uri, 2, ANSWER_MS + 500);
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edit\n' }] });
    await p;
    assert.ok(performance.now() - t0 < ANSWER_MS);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

test('a seccomp profile naming 50,000 unknown system calls (under the 1 MB one-pass limit): diagnostics within 2 s', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    // One did-you-mean lookup per unknown name: no diagnostics within 2.5 s; 1,000 at most: 0.6 s
    const names = Array.from({ length: 50_000 }, (_, i) => `"sys_nope${i}"`).join(',');
    const text = `{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": [${names}], "action": "SCMP_ACT_ALLOW"}]}\n`;
    assert.ok(text.length < 1024 * 1024);
    const diags = await openWithin(c, 'file:///etc/containers/seccomp.json', 'seccomp-json', text);
    assert.ok(diags.filter((d) => d.code === 'seccomp/unknown-syscall').length >= 999, `codes: ${[...new Set(diags.map((d) => d.code))].join(', ')}`);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});

/**
 * Formats checked in one pass (all but LXC), 2-18 MB: over the editor's one-pass limit (1 MB),
 * each gets one ctconf/too-large note, and other documents are served at once. Before the
 * limit, the Incus YAML held a hover on another document for 3.2 s and the seccomp profile
 * for 5 s.
 */
const N = 100_000;
const ONE_PASS: Array<[string, string, string, () => string]> = [
  ['Incus YAML', 'file:///srv/big.incus.yaml', 'incus-yaml', () => `config:\n${Array.from({ length: N }, (_, i) => `  user.k${i}: "v"`).join('\n')}\ndevices:\n${Array.from({ length: N / 10 }, (_, i) => `  d${i}:\n    type: disk\n    path: /d${i}\n    source: /s${i}`).join('\n')}\n`],
  ['seccomp profile', 'file:///etc/containers/seccomp.json', 'seccomp-json', () => JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: Array.from({ length: N }, (_, i) => ({ names: ['chmod', `bogus${i}`], action: 'SCMP_ACT_ALLOW', args: [{ index: i % 7, value: i, op: 'SCMP_CMP_EQ' }] })) }, null, 1)],
  ['Proxmox CT config', 'file:///etc/pve/lxc/100.conf', 'proxmox-ct', () => `arch: amd64\nunprivileged: 1\n${Array.from({ length: N }, (_, i) => `mp${i}: /srv/d${i},mp=/d${i}`).join('\n')}\n`],
  ['containers.conf', 'file:///etc/containers/containers.conf', 'containers-conf', () => `[containers]\ndefault_capabilities = [${Array.from({ length: N }, (_, i) => `"CAP_CHOWN${i}"`).join(',')}]\n`],
  ['registries.conf', 'file:///etc/containers/registries.conf', 'containers-registries-conf', () => Array.from({ length: N / 4 }, (_, i) => `[[registry]]\nprefix = "same.example.com"\nlocation = "m${i}.example.com"\n`).join('\n')],
  ['subuid', 'file:///etc/subuid', 'subid', () => `${Array.from({ length: N }, (_, i) => `user${i}:${100000 + i * 65536}:65536`).join('\n')}\n`],
];
for (const [label, uri, languageId, make] of ONE_PASS) {
  test(`${label} over the one-pass limit: one note, and another document's hover sent with the open within 2 s`, { timeout: 120_000 }, async () => {
    const c = await guardedServer();
    try {
      const text = make();
      assert.ok(text.length > 1024 * 1024, `${label}: ${text.length} characters`);
      const published = c.diagnostics(uri, 1, ANSWER_MS + 500);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      const hover = await answer<{ contents: { value: string } } | null>(c, 'textDocument/hover', { textDocument: { uri: SENTINEL }, position: { line: 0, character: 3 } }, `hover on another document sent with the open of a big ${label}`);
      assert.match(hover?.contents.value ?? '', /lxc\.uts\.name/);
      assert.deepEqual((await published).map((d) => d.code), ['ctconf/too-large']);
      assert.equal(await answer(c, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }, `hover on the big ${label}`), null);
      await stillServing(c);
    } finally {
      await c.stop();
    }
  });
}

test('containers.conf with 100,000 tables: symbols within 2 s', { timeout: 120_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///etc/containers/containers.conf';
    const text = Array.from({ length: 100_000 }, (_, i) => `[engine.service_destinations.d${i}]\nuri = "ssh://h${i}"`).join('\n');
    await openWithin(c, uri, 'containers-conf', text);
    const symbols = await answer<Symbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri } }, 'documentSymbol (100,000 tables)');
    assert.ok(countSymbols(symbols) <= 5001);
    await stillServing(c);
  } finally {
    await c.stop();
  }
});
