/**
 * Work bounded per document. Did-you-mean lookups: at most 1,000 per check (util/strings.ts);
 * a file with thousands of misspelled names keeps every finding, and the first 1,000 of each
 * format carry their suggestion (unbounded, 100,000 unknown names spent seconds in lookups).
 * The one-pass limit: the editor checks a document of a format without slices (all but LXC) up
 * to a size (service.ts onePassLimit; the server sets 1 MB).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';

/** The allowance per check (util/strings.ts MAX_SUGGESTIONS: the server's diagnostic cap). */
const MAX_SUGGESTIONS = 1000;
const N = MAX_SUGGESTIONS + 300;
const svc = () => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });

/** N distinct misspellings of `word`, each with two letters replaced (distance 2 at most). */
function typos(word: string): string[] {
  const letters = 'qxzjvwkyf';
  const out = new Set<string>();
  for (let a = 0; a < word.length && out.size < N; a++) {
    for (let b = a + 1; b < word.length && out.size < N; b++) {
      for (const x of letters) {
        for (const y of letters) {
          const t = `${word.slice(0, a)}${x}${word.slice(a + 1, b)}${y}${word.slice(b + 1)}`;
          if (t !== word && out.size < N) out.add(t);
        }
      }
    }
  }
  return [...out];
}

/** Format, document, and the code of the finding each misspelling gets. */
const CASES: Array<[string, { uri: string; languageId: string; text: string }, string]> = [
  ['containers.conf capabilities', { uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', text: `[containers]\ndefault_capabilities = [${typos('SYS_RESOURCE').map((t) => `"${t}"`).join(', ')}]\n` }, 'containers/unknown-capability'],
  ['containers.conf keys', { uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', text: `[engine]\n${typos('events_logger').map((t) => `${t} = "file"`).join('\n')}\n` }, 'containers/unknown-key'],
  ['Proxmox keys', { uri: 'file:///etc/pve/lxc/101.conf', languageId: 'proxmox-ct', text: `arch: amd64\n${typos('hostname').map((t) => `${t}: web`).join('\n')}\n` }, 'proxmox/unknown-key'],
  ['SELinux contexts', { uri: 'file:///etc/containers/selinux/contexts', languageId: 'selinux-contexts', text: `${typos('init_process').map((t) => `${t} = "system_u:system_r:container_t:s0"`).join('\n')}\n` }, 'selinux/unknown-key'],
  ['storage.conf keys', { uri: 'file:///etc/containers/storage.conf', languageId: 'containers-storage-conf', text: `[storage]\ndriver = "overlay"\n${typos('graphroot').map((t) => `${t} = "/x"`).join('\n')}\n` }, 'storage/unknown-key'],
];

for (const [label, doc, code] of CASES) {
  test(`${label}: every misspelling reported, the first ${MAX_SUGGESTIONS} with a suggestion`, () => {
    const found = svc().diagnostics({ ...doc, version: 1 }).filter((d) => d.code === code);
    assert.equal(found.length, N, `${found.length} ${code} findings for ${N} misspellings`);
    const data = found.map((d) => (d.data as { suggestion?: string | null } | undefined)?.suggestion ?? null);
    const missing = data.slice(0, MAX_SUGGESTIONS).filter((x) => x === null).length;
    assert.equal(missing, 0, `${missing} of the first ${MAX_SUGGESTIONS} without a suggestion`);
    assert.deepEqual([...new Set(data.slice(MAX_SUGGESTIONS))], [null]);
  });
}

test('the one-pass limit: a larger document of a one-pass format gets one note and no service; LXC and smaller ones are checked', () => {
  const limited = createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, onePassLimit: 1000 });
  const cc = (text: string) => ({ uri: 'file:///etc/containers/containers.conf', languageId: 'containers-conf', version: 1, text });
  const small = cc('[engine]\nevents_logger = "bogus"\n');
  assert.deepEqual(limited.diagnostics(small).map((d) => d.code), ['containers/runtime-value']);
  const large = cc(`[engine]\nevents_logger = "bogus"\n${'# comment\n'.repeat(200)}`);
  const d = limited.diagnostics(large);
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]), [['ctconf/too-large', 3, 0]]);
  assert.equal(limited.hover(large, { line: 1, character: 2 }), null);
  assert.deepEqual(limited.completion(large, { line: 1, character: 0 }), []);
  // LXC is parsed and checked in slices: no limit applies
  const lxc = { uri: 'file:///var/lib/lxc/a/config', languageId: 'lxc', version: 1, text: `lxc.bogus = 1\n${'# c\n'.repeat(1000)}` };
  assert.deepEqual(limited.diagnostics(lxc).map((x) => x.code), ['lxc/unknown-key']);
  // and the CLI (no limit) checks the large one in full
  assert.deepEqual(svc().diagnostics(large).map((x) => x.code), ['containers/runtime-value']);
});
