/**
 * The LXC check in slices (util/slices.ts): the server runs a huge config's check one slice of
 * 10,000 key lines per event-loop turn. Sliced or not, and whoever finishes it, the result is the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARSE_SLICE_LINES, parseLxc, parseLxcSlices } from '../../server/src/lxc/parser';
import { analyzeLxc, analyzeLxcSlices } from '../../server/src/lxc/validate';
import { SLICE_LINES } from '../../server/src/lxc/check/walk';
import { LxcModel } from '../../server/src/lxc/language';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import type { DocContext } from '../../server/src/language';

const host = memoryHost({
  '/usr/share/lxc/config/common.conf': 'lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio\nlxc.uts.name = from-common\n',
});
// Findings spread over every slice: duplicates, an include, clears, capability modes, networks.
function bigConfig(lines: number): string {
  const out = ['lxc.include = /usr/share/lxc/config/common.conf'];
  for (let i = 1; i < lines; i++) {
    const k = i % 9;
    out.push(
      k === 0 ? `lxc.uts.name = n${i}`
        : k === 1 ? `lxc.net.${i % 5}.type = ${i % 2 ? 'veth' : 'bogus'}`
          : k === 2 ? `lxc.cap.${i % 4 ? 'drop' : 'keep'} = sys_admin`
            : k === 3 ? 'lxc.cap.drop ='
              : k === 4 ? `lxc.sysctl.net.k${i % 700} = 1`
                : k === 5 ? `lxc.bogus.key${i} = 1`
                  : k === 6 ? `lxc.idmap = u 0 ${100000 + i} 65536`
                    : k === 7 ? '# a comment'
                      : `lxc.mount.entry = /a${i} b none bind 0 0`,
    );
  }
  return out.join('\n');
}

const opts = { version: '5.0' as const, host, documentPath: '/var/lib/lxc/c1/config' };

test('the sliced check pauses once per 10,000 key lines and ends with what the straight check finds', () => {
  const doc = parseLxc(bigConfig(4 * SLICE_LINES + 123));
  const straight = analyzeLxc(doc, opts);
  const work = analyzeLxcSlices(doc, opts);
  let pauses = 0;
  let r = work.next();
  while (!r.done) {
    pauses++;
    r = work.next();
  }
  assert.equal(pauses, Math.floor((doc.items.length - 1) / SLICE_LINES));
  assert.ok(pauses >= 3, `${doc.items.length} key lines`);
  assert.ok(straight.findings.length > 10_000, `${straight.findings.length} findings`);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.findings)), JSON.parse(JSON.stringify(straight.findings)));
  // A config below one slice has no pause at all (every config a person writes).
  assert.equal(analyzeLxcSlices(parseLxc(bigConfig(SLICE_LINES - 1)), opts).next().done, true);
});

test('a feature that needs the analysis between two slices finishes it; the slices then end at once', () => {
  const text = bigConfig(3 * SLICE_LINES);
  const ctx = { uri: 'file:///var/lib/lxc/c1/config', path: '/var/lib/lxc/c1/config', host, config: { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }, shared: <T>(_k: string, make: () => T) => make() } as unknown as DocContext;
  const model = new LxcModel(parseLxc(text), false);
  const work = model.prepare(ctx);
  assert.equal(work.next().done, false);
  const mid = model.analysis(ctx)!;
  assert.equal(work.next().done, true, 'the slices stop once the analysis is done');
  assert.equal(model.analysis(ctx), mid, 'the analysis is built once');
  assert.deepEqual(JSON.parse(JSON.stringify(mid.findings)), JSON.parse(JSON.stringify(analyzeLxc(parseLxc(text), opts).findings)));
});

test('the service: diagnostics after prepare equal diagnostics alone, and prepare of a broken model ends quietly', () => {
  const make = (): LanguageService => createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const doc = { uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text: bigConfig(3 * SLICE_LINES) };
  const a = make();
  let steps = 0;
  for (const _ of a.prepare(doc)) steps++;
  // Pauses in the parse, then in the check.
  const parsedDoc = parseLxc(doc.text);
  assert.equal(steps, Math.floor((parsedDoc.lineCount - 1) / PARSE_SLICE_LINES) + Math.floor((parsedDoc.items.length - 1) / SLICE_LINES));
  assert.ok(steps >= 3);
  assert.deepEqual(a.diagnostics(doc), make().diagnostics(doc));
  // Languages without slices (containers.conf) have nothing to prepare.
  assert.equal(a.prepare({ uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', version: 1, text: '[engine]\n' }).next().done, true);
});

test('the parse in slices pauses once per 20,000 lines and builds the same document', () => {
  const text = bigConfig(2 * PARSE_SLICE_LINES + 7);
  const work = parseLxcSlices(text);
  let pauses = 0;
  let r = work.next();
  while (!r.done) {
    pauses++;
    r = work.next();
  }
  assert.equal(pauses, 2);
  const whole = parseLxc(text);
  assert.deepEqual(r.value.items.map((l) => [l.line, l.kind, l.key, l.keyStart, l.keyEnd, l.value, l.quoted]), whole.items.map((l) => [l.line, l.kind, l.key, l.keyStart, l.keyEnd, l.value, l.quoted]));
  assert.equal(r.value.lineCount, whole.lineCount);
});

test('a feature asked for while the service parses in slices finishes the parse; the check then goes on', () => {
  const s = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const doc = { uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text: bigConfig(3 * PARSE_SLICE_LINES) };
  const work = s.prepare(doc);
  assert.equal(work.next().done, false, 'paused inside the parse');
  const symbols = s.symbols(doc, 10);
  assert.equal(symbols.length > 0, true);
  let steps = 0;
  while (!work.next().done) steps++;
  assert.ok(steps >= 1, 'the check still ran in slices');
  assert.deepEqual(s.diagnostics(doc), createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} }).diagnostics(doc));
  // A close while parsing stops the slices.
  const again = s.prepare({ ...doc, version: 2 });
  again.next();
  s.close(doc.uri);
  assert.equal(again.next().done, true);
});
