/**
 * Bad input never crashes, hangs or runs away in the new languages (subid, lxc-usernet,
 * proxmox-ct, incus-yaml): seeded random mutations of the fixtures, and very large files.
 */
import { test } from 'node:test';
import { rng } from '../../bench/generate';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { ROOT } from '../helpers/paths';

const FIX = path.join(ROOT, 'test/fixtures');
const SEEDS: [string, string, string][] = [
  ['subid', 'file:///etc/subuid', 'subid/subuid'],
  ['lxc-usernet', 'file:///etc/lxc/lxc-usernet', 'usernet/lxc-usernet'],
  ['proxmox-ct', 'file:///etc/pve/lxc/103.conf', 'proxmox/etc/pve/lxc/103.conf'],
  ['proxmox-ct', 'file:///etc/pve/lxc/101.conf', 'proxmox/etc/pve/lxc/101.conf'],
  ['incus-yaml', 'file:///srv/broken.incus.yaml', 'incus/broken.incus.yaml'],
  ['incus-yaml', 'file:///srv/web.incus.yaml', 'incus/web.incus.yaml'],
];
const PIECES = ['\n', ':', ',', '=', '#', '[', ']', '|', '-', ' ', '\t', '\r', '\0', '\uFEFF', '"', "'", '0x', '99999999999999999999', 'lxc.idmap: u 0 ', 'unprivileged: 1\n', 'mp0: /srv,mp=/x\n', '  raw.lxc: |\n    lxc.', 'security.idmap.isolated: true', '@', 'veth', '`', '*', '<b>'];

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (t.length + 1));
    const what = r();
    if (what < 0.5) t = t.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + t.slice(at);
    else if (what < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 10));
    else t = t.slice(0, at) + t.slice(Math.floor(r() * t.length));
  }
  return t;
}

test('mutated inputs: no crash, answers within 1 s, ranges inside the text, fixes apply to their files', () => {
  const r = rng(20261201);
  const host = memoryHost({ '/etc/subuid': 'root:100000:65536\n', '/etc/subgid': 'root:100000:65536\n', '/usr/bin/newuidmap': 'x', '/usr/bin/newgidmap': 'x', '/etc/lxc/lxc-usernet': 'ann veth lxcbr0 1\n' });
  const problems: string[] = [];
  for (let i = 0; i < 300; i++) {
    const [languageId, uri, file] = SEEDS[i % SEEDS.length];
    const text = mutate(fs.readFileSync(path.join(FIX, file), 'utf8'), r);
    const others: TextDoc[] = SEEDS.filter((s) => s[1] !== uri).map(([l, u, f]) => ({ uri: u, languageId: l, version: 1, text: mutate(fs.readFileSync(path.join(FIX, f), 'utf8'), r) }));
    const svc = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
    svc.setOthers(() => others);
    const doc = { uri, languageId, version: 1, text };
    const lines = text.split(/\r\n|\r|\n/);
    const t0 = Date.now();
    const diags = svc.diagnostics(doc);
    for (const d of diags) {
      if (d.code === 'ctconf/internal-error') problems.push(`${file}: ${d.message} :: ${JSON.stringify(text.slice(0, 120))}`);
      const inside = (p: { line: number; character: number }) => p.line < lines.length && p.character <= lines[p.line].length;
      if (!inside(d.range.start) || !inside(d.range.end)) problems.push(`${file}: ${d.code} range outside the text`);
      for (const a of svc.codeActions(doc, d.range, [d])) {
        for (const u of Object.keys(a.edit?.changes ?? {})) if (u !== uri && !others.some((o) => o.uri === u) && !u.startsWith('file:///etc/')) problems.push(`${file}: fix edits unknown ${u}`);
      }
    }
    for (const line of [0, Math.floor(lines.length / 2), lines.length - 1]) {
      svc.hover(doc, { line, character: 3 });
      svc.completion(doc, { line, character: Math.min(3, lines[line].length) });
    }
    if (Date.now() - t0 > 1000) problems.push(`${file}: ${Date.now() - t0} ms`);
  }
  assert.deepEqual(problems, []);
});

test('very large files stay fast (a quadratic step would take minutes; the bound is loose for a shared machine)', () => {
  const svc = createLanguageService(memoryHost({ '/etc/subuid': 'root:100000:65536\n' }), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const big: [string, string, string][] = [
    ['subid', 'file:///etc/subuid', Array.from({ length: 100000 }, (_, i) => `u${i}:${100000 + i * 65536}:65536`).join('\n')],
    ['subid', 'file:///etc/subgid', Array.from({ length: 100000 }, (_, i) => `u${i % 7}:${100000 + (i % 50) * 1000}:65536`).join('\n')],
    ['lxc-usernet', 'file:///etc/lxc/lxc-usernet', Array.from({ length: 100000 }, (_, i) => `u${i} veth br${i % 9} ${i}`).join('\n')],
    ['proxmox-ct', 'file:///etc/pve/lxc/1.conf', `unprivileged: 1\n${Array.from({ length: 50000 }, (_, i) => (i % 2 ? `lxc.idmap: u ${i} ${100000 + i} 1` : `mp${i % 256}: /srv/${i},mp=/m${i}`)).join('\n')}`],
    ['incus-yaml', 'file:///srv/big.incus.yaml', `config:\n${Array.from({ length: 10000 }, (_, i) => `  user.k${i}: "v"\n  bogus.key${i}: x`).join('\n')}\n`],
  ];
  for (const [languageId, uri, text] of big) {
    const t0 = Date.now();
    const n = svc.diagnostics({ uri, languageId, version: 1, text }).length;
    const ms = Date.now() - t0;
    assert.ok(ms < 15000, `${languageId}: ${ms} ms for ${n} diagnostics`);
  }
});
