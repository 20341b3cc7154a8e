/**
 * The "done when", on a host directory written for these tests (test/fixtures/unpriv):
 * every file of the directory is checked with all the others as the front door's documents, the
 * way the editor (open files) and `ctconf check DIR` (its inputs) hand them over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import type { TextDoc } from '../../server/src/language';
import { detectLanguage } from '../../server/src/languages';
import { pathToUri } from '../../server/src/util/uri';
import { ROOT } from '../helpers/paths';
import { applyEdits } from '../helpers/service';

const DIR = path.join(ROOT, 'test/fixtures/unpriv');

function inputs(): TextDoc[] {
  const out: TextDoc[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else {
        const text = fs.readFileSync(p, 'utf8');
        const languageId = detectLanguage(p, text);
        if (languageId) out.push({ uri: pathToUri(p), languageId, version: 1, text });
      }
    }
  };
  walk(DIR);
  return out;
}

test('the host directory: each file gets its precise diagnostic and fix, in Restricted Mode too (documents only)', () => {
  const docs = inputs();
  assert.deepEqual(docs.map((d) => `${path.relative(DIR, new URL(d.uri).pathname)} ${d.languageId}`), [
    'etc/lxc/lxc-usernet lxc-usernet',
    'etc/pve/lxc/101.conf proxmox-ct',
    'etc/subgid subid',
    'etc/subuid subid',
    'home/ann/.local/share/lxc/web/config lxc',
    'profiles/isolated.incus.yaml incus-yaml',
    'var/lib/lxc/db/config lxc',
  ]);
  const svc = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: { 'lxc/include-missing': 'off' }, restricted: true });
  svc.setOthers(() => docs);
  const byFile = new Map(docs.map((d) => [path.relative(DIR, new URL(d.uri).pathname), d]));
  const codes = (f: string) => svc.diagnostics(byFile.get(f)!).map((d) => `${d.range.start.line} ${d.code}`);

  // 1. The Proxmox bind mount into an unprivileged container.
  assert.deepEqual(codes('etc/pve/lxc/101.conf'), ['5 proxmox/bind-mount-unmapped']);
  // 2. The isolated Incus profile with root's range one block short, in both files.
  assert.deepEqual(codes('profiles/isolated.incus.yaml'), ['4 incus/idmap-subid', '4 incus/idmap-subid']);
  const incus = byFile.get('profiles/isolated.incus.yaml')!;
  const d = svc.diagnostics(incus)[0];
  const fix = svc.codeActions(incus, d.range, [d])[0];
  const subuid = byFile.get('etc/subuid')!;
  assert.equal(applyEdits(subuid.text, fix.edit!.changes![subuid.uri]), 'root:100000:131072\nann:300000:65536\n');
  // 3. The unprivileged user's veth NIC without an lxc-usernet line, with the line to add.
  assert.deepEqual(codes('home/ann/.local/share/lxc/web/config'), ['4 unpriv/idmap-shared', '5 unpriv/idmap-shared', '9 unpriv/usernet-missing']);
  const web = byFile.get('home/ann/.local/share/lxc/web/config')!;
  const u = svc.diagnostics(web).find((x) => x.code === 'unpriv/usernet-missing')!;
  const usernet = byFile.get('etc/lxc/lxc-usernet')!;
  const ufix = svc.codeActions(web, u.range, [u]).find((a) => a.title.includes('lxc-usernet'))!;
  assert.equal(applyEdits(usernet.text, ufix.edit!.changes![usernet.uri]), `${usernet.text}ann veth lxcbr0 1\n`);
  // The root-run container on ann's subordinate IDs (which root does not own), sharing them with ann's container.
  assert.deepEqual(codes('var/lib/lxc/db/config'), ['1 unpriv/idmap-foreign-subid', '1 unpriv/idmap-root-subid', '1 unpriv/idmap-shared', '2 unpriv/idmap-foreign-subid', '2 unpriv/idmap-root-subid', '2 unpriv/idmap-shared']);
});

test('subordinate IDs are read once per check, not once per idmap line', () => {
  const reads = (maps: number) => {
    let n = 0;
    const base = memoryHost({
      '/etc/subuid': 'ann:165536:65536\n', '/etc/subgid': 'ann:165536:65536\n', '/etc/passwd': 'ann:x:1000:1000::/home/ann:/bin/sh\n',
    });
    const host = { ...base, readFile: (p: string) => (/^\/etc\/sub[ug]id$/.test(p) && n++, base.readFile(p)) };
    const text = Array.from({ length: maps }, (_, i) => `lxc.idmap = u ${i} ${400000 + i} 1\nlxc.idmap = g ${i} ${400000 + i} 1\n`).join('');
    const d = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} })
      .diagnostics({ uri: 'file:///home/ann/.local/share/lxc/web/config', languageId: 'lxc', version: 1, text });
    // Every map lies outside ann's range: each one is reported, from one read of each file.
    assert.equal(d.filter((x) => x.code === 'lxc/idmap-subid').length, 2 * maps);
    return n;
  };
  assert.equal(reads(40), reads(2));
  assert.ok(reads(2) <= 4, `subuid/subgid read ${reads(2)} times`);
});
