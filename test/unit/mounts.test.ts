/** mounts.conf through the language service. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { corpusFile } from '../helpers/podmanFormats';
import { detectLanguage } from '../../server/src/languages';
import type { MarkupContent } from 'vscode-languageserver-types';

const URI = 'file:///etc/containers/mounts.conf';
const svc = (restricted = false) => createLanguageService(memoryHost({ '/usr/share/rhel/secrets/x': 'x', '/etc/pki/ca.pem': 'x' }), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, restricted });
const doc = (text: string) => ({ uri: URI, languageId: 'containers-mounts-conf', version: 1, text });
const diags = (text: string, restricted = false) => svc(restricted).diagnostics(doc(text)).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);

test('host:container lines, comments and blank lines', () => {
  assert.deepEqual(diags('# subscriptions\n\n/usr/share/rhel/secrets:/run/secrets\n/etc/pki/ca.pem\n'), []);
});

test('lines Podman skips, bad container paths, duplicates, missing host paths', () => {
  assert.deepEqual(diags('usr/share/rhel/secrets:/run/secrets\n'), ['0:0-35 mounts/ignored-line']);
  assert.deepEqual(diags('/usr/share/rhel/secrets:run/secrets\n'), ['0:24-35 mounts/relative-path']);
  assert.deepEqual(diags('/usr/share/rhel/secrets:\n'), ['0:24-24 mounts/relative-path']);
  assert.deepEqual(diags('/usr/share/rhel/secrets:/run/s\n/etc/pki/ca.pem:/run/s\n'), ['1:16-22 mounts/duplicate']);
  assert.deepEqual(diags('/nope:/run/x\n'), ['0:0-5 mounts/missing-host-path']);
  assert.deepEqual(diags('/nope:/run/x\n', true), []);
});

test('hover explains the mount; outline lists container paths; paths are detected', () => {
  const s = svc();
  const h = s.hover(doc('/usr/share/rhel/secrets:/run/secrets\n'), { line: 0, character: 3 });
  assert.match((h!.contents as MarkupContent).value, /appears in each container/);
  assert.deepEqual(s.symbols(doc('/usr/share/rhel/secrets:/run/secrets\n')).map((x) => x.name), ['/run/secrets']);
  assert.equal(detectLanguage('/usr/share/containers/mounts.conf'), 'containers-mounts-conf');
  assert.equal(detectLanguage('/home/a/.config/containers/mounts.conf'), 'containers-mounts-conf');
  assert.equal(detectLanguage('/etc/mounts.conf'), undefined);
});

const SHIPPED = corpusFile('golang-github-containers-common-dev', 'usr/share/gocode/src/github.com/containers/common/pkg/subscriptions/mounts.conf');
const missing = fs.existsSync(SHIPPED) ? undefined : `${SHIPPED} not unpacked (scripts/prepare.sh downloads it)`;

test('the mounts.conf containers/common ships has no warnings beyond missing host paths', { skip: process.env.CI === 'true' ? false : missing }, () => {
  assert.equal(missing, undefined, missing);
  const f = SHIPPED;
  const d = svc().diagnostics(doc(fs.readFileSync(f, 'utf8')));
  assert.deepEqual(d.filter((x) => x.code !== 'mounts/missing-host-path').map((x) => x.code), []);
});
