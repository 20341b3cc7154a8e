/**
 * Markdown and escape bytes in keys and values: no hover may carry a link, image, HTML or
 * control character taken from the document (ctconf's own links, written around its own
 * text, are fine). Real server under the guards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTIONS, answer, guardedServer, rawMarkup, stillServing } from './guard';

type Hover = { contents: { value: string } } | null;
const ALL = `${INJECTIONS.link}${INJECTIONS.image}${INJECTIONS.html}${INJECTIONS.osc}`;

/** Opens `text` and hovers at every character of line `line`; returns the problems found. */
async function probe(lang: 'lxc' | 'containers-conf', text: string, line: number): Promise<{ found: string[]; hovers: number }> {
  const c = await guardedServer();
  try {
    const uri = lang === 'lxc' ? 'file:///var/lib/lxc/md/config' : 'file:///etc/containers/containers.conf';
    await c.open(uri, lang, text);
    const found = new Set<string>();
    let hovers = 0;
    const width = text.split('\n')[line].length;
    for (let character = 0; character <= width; character += 3) {
      const h = await answer<Hover>(c, 'textDocument/hover', { textDocument: { uri }, position: { line, character } }, `hover ${line}:${character}`);
      if (!h) continue;
      hovers++;
      for (const f of rawMarkup(h.contents.value)) found.add(`${f} at ${character}: ${h.contents.value.slice(0, 300)}`);
    }
    await stillServing(c);
    return { found: [...found], hovers };
  } finally {
    await c.stop();
  }
}

// Cases the server's own code (service.ts, manpages.ts) is responsible for.
const OWN: [string, 'lxc' | 'containers-conf', string, number][] = [
  ['unknown capability tokens on lxc.cap.drop', 'lxc', `lxc.cap.drop = sys_time ${INJECTIONS.link} ${INJECTIONS.image}\n`, 0],
  ['a plain value', 'lxc', `lxc.uts.name = ${ALL}\n`, 0],
  ['an unknown table header', 'containers-conf', `[${INJECTIONS.link}]\nx = 1\n`, 0],
  ['a capability value in containers.conf', 'containers-conf', `[containers]\ndefault_capabilities = ["${INJECTIONS.link}", "sys_time"]\n`, 1],
];
for (const [name, lang, text, line] of OWN) {
  test(`hover Markdown: ${name}`, { timeout: 60_000 }, async () => {
    const { found } = await probe(lang, text, line);
    assert.deepEqual(found, []);
  });
}

test('the allow-capability command link is only written for capability names ctconf knows', { timeout: 60_000 }, async () => {
  const c = await guardedServer();
  try {
    const uri = 'file:///var/lib/lxc/cmd/config';
    const text = `lxc.cap.drop = sys_time\nlxc.cap.drop = ${INJECTIONS.link}\n`;
    await c.open(uri, 'lxc', text);
    const h = await answer<Hover>(c, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 17 } });
    assert.match(h!.contents.value, /\[Allow sys_time in this container\]\(command:ctconf\.allowCapability\?/);
    const links = h!.contents.value.match(/command:[^)\s]*/g) ?? [];
    assert.equal(links.length, 1);
    assert.equal(decodeURIComponent(links[0].replace('command:ctconf.allowCapability?', '')), JSON.stringify([uri, 'sys_time']));
    const other = await answer<Hover>(c, 'textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 17 } });
    assert.doesNotMatch(other?.contents.value ?? '', /command:/);
  } finally {
    await c.stop();
  }
});

// Cases in the LXC and containers.conf hover builders (lxc/hover.ts, containers/features.ts).
const HOVER_CASES: [string, 'lxc' | 'containers-conf', string, number][] = [
  ['a family key (lxc.sysctl.*)', 'lxc', `lxc.sysctl.${INJECTIONS.link}${INJECTIONS.image} = 1\n`, 0],
  ['a family key (lxc.cgroup2.*) with escape bytes', 'lxc', `lxc.cgroup2.${INJECTIONS.html}${INJECTIONS.osc} = 1\n`, 0],
  ['an lxc.mount.auto token ending in :force', 'lxc', `lxc.mount.auto = ${INJECTIONS.image}:force\n`, 0],
  ['a containers.conf enum value', 'containers-conf', `[engine]\ncgroup_manager = "${INJECTIONS.image}${INJECTIONS.link}"\n`, 1],
];
for (const [name, lang, text, line] of HOVER_CASES) {
  test(`hover Markdown: ${name}`, { timeout: 60_000 }, async () => {
    const { found, hovers } = await probe(lang, text, line);
    assert.ok(hovers > 0, 'the line has a hover');
    assert.deepEqual(found, []);
  });
}
