/**
 * Every containers.conf quick fix, generated over fixtures: each action's result is parsed
 * and validated again (the diagnostic it fixes is gone, no new error appears, no TOML error
 * is added), bytes outside its edits are unchanged, and line breaks and the final newline (or
 * its absence) are kept, in LF, CRLF and no-final-newline variants. The "Move KEY to
 * [TABLE]" results are loaded in the real Podman: they load when the value is good, and a
 * value Podman refuses is refused after the move, which proves Podman reads the key there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { parseToml } from '../../server/src/containers/toml';
import { applyEdits } from '../helpers/service';
import { podmanLoads, podmanMissing } from '../helpers/podmanOracle';

const URI = 'file:///etc/containers/containers.conf';
const svc = (v = '4.3') => createLanguageService(memoryHost(), { lxcVersion: '5.0', podmanVersion: v, rules: {} });
const doc = (text: string) => ({ uri: URI, languageId: 'containers-conf', version: 1, text });

/** A test that needs a prepared tool skips without it, but fails under CI=true. */
function needs(missing: string | undefined): string | undefined {
  if (missing && process.env.CI === 'true') throw new Error(`${missing} (required with CI=true)`);
  return missing;
}

const FIXTURES = [
  '[containers]\nlabl = true\n"labl2" = true\n',
  // (A renamed table may reveal findings Podman's ignoring hid: `[containerz.sub]` is checked on its own below.)
  '[containerz]\nlabel = true\n[enginee.runtimes]\ncrun = ["/usr/bin/crun"]\n',
  '[engine]\nruntime_supports_nocgroups = ["crun"]\n',
  '[Containers]\nLABEL = true\n[engine]\n"Stop_Timeout" = 5\nContainers.Env_Host = true\n',
  '[engine]\nevents_logger = \'jounald\'\ncgroup_manager = """systemdd"""\n',
  '[network]\nfirewall_driver = "nftable"\n',
  '[containers]\ndefault_capabilities = ["CHOWN", \'SYS_CHRT\', """sys_admin""", "cap_kill", "CAP_CHOWN"]\n',
  '[containers]\ndefault_capabilities = [\n  "CHOWN", # keep\n  \'\'\'\nnet_raw\'\'\',\n  "kill",\n]\n',
  '[containers]\nno_host = true\nadditional_devices = []\n',
  '[libpod]\ncgroup_manager = "systemd"\n',
  '[containers]\ncgroup_manager = "cgroupfs"\n[engine]',
  '[containers]\ncgroup_manager = "cgroupfs"\n[engine] # engine settings',
  '[containers]\nlabel = true\ncgroup_manager = "cgroupfs"',
  '[containers]\nstatic_dir = """\n/var/lib/x"""\nlabel = true\n[engine]\nstop_timeout = 5\n',
  "[containers]\nconmon_path = [\n  '/usr/bin/conmon', # c\n]\n",
  'engine.stop_timeout = 5\n[containers]\ncgroup_manager = "cgroupfs" # why\n',
  'engine.stop_timeout = 5\ncontainers.cgroup_manager = "cgroupfs"\n',
  '[Engine]\nstop_timeout = 1\n[containers]\n  cgroup_manager = "cgroupfs"\n',
  '[[engine]]\n[containers]\ncgroup_manager = "cgroupfs"\n',
  'containers = {cgroup_manager = "cgroupfs"}\n',
];

/** LF, CRLF and without the final newline. */
function variants(text: string): { name: string; text: string }[] {
  const crlf = text.replace(/\n/g, '\r\n');
  return [{ name: 'lf', text }, { name: 'crlf', text: crlf }, { name: 'no-final-newline', text: text.replace(/\n$/, '') }];
}

const count = (ds: Diagnostic[], pred: (d: Diagnostic) => boolean) => ds.filter(pred).length;

/** All actions the service offers for a text: per diagnostic, and at each element of a capability list. */
function actionsOf(text: string): { action: CodeAction; fixes?: Diagnostic }[] {
  const s = svc();
  const ds = s.diagnostics(doc(text));
  const out: { action: CodeAction; fixes?: Diagnostic }[] = [];
  for (const d of ds) for (const a of s.codeActions(doc(text), d.range, [d])) out.push({ action: a, fixes: a.diagnostics?.includes(d) ? d : undefined });
  const parsed = parseToml(text);
  for (const e of parsed.entries) {
    if (e.kv.value.type !== 'array') continue;
    for (const item of e.kv.value.items) {
      const lines = text.slice(0, item.start + 1).split(/\r?\n/);
      const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
      for (const a of s.codeActions(doc(text), { start: pos, end: pos }, ds.filter((d) => d.range.start.line === pos.line))) out.push({ action: a });
    }
  }
  return out;
}

test('every containers.conf quick fix: re-parsed, re-validated, bytes and line breaks kept', () => {
  const problems: string[] = [];
  let checked = 0;
  const titles = new Set<string>();
  for (const fixture of FIXTURES) {
    for (const v of variants(fixture)) {
      const before = svc().diagnostics(doc(v.text));
      const errorsBefore = count(before, (d) => d.severity === 1);
      const tomlErrorsBefore = parseToml(v.text).errors.length;
      for (const { action, fixes } of actionsOf(v.text)) {
        checked++;
        titles.add(action.title.replace(/ .*/, ''));
        const where = `${v.name} ${JSON.stringify(v.text)} → "${action.title}"`;
        const edits = action.edit?.changes?.[URI] ?? [];
        const lineCount = v.text.split('\n').length;
        if (!edits.length || edits.some((e) => e.range.end.line >= lineCount)) problems.push(`${where}: edits outside the document`);
        const out = applyEdits(v.text, edits);
        // Bytes outside the edits.
        const offs = edits.flatMap((e) => [e.range.start, e.range.end]).map((p) => v.text.split('\n').slice(0, p.line).join('\n').length + (p.line ? 1 : 0) + p.character);
        const lo = Math.min(...offs);
        const hi = Math.max(...offs);
        if (out.slice(0, lo) !== v.text.slice(0, lo) || out.slice(out.length - (v.text.length - hi)) !== v.text.slice(hi)) problems.push(`${where}: bytes outside the edits changed`);
        // Line breaks and the final newline.
        if (v.name === 'crlf' ? /(^|[^\r])\n/.test(out) : /\r/.test(out)) problems.push(`${where}: line breaks changed: ${JSON.stringify(out)}`);
        if (/\n$/.test(out) !== /\n$/.test(v.text)) problems.push(`${where}: final newline changed: ${JSON.stringify(out)}`);
        // Parsed and validated again.
        if (parseToml(out).errors.length > tomlErrorsBefore) problems.push(`${where}: TOML error added: ${JSON.stringify(out)}`);
        const after = svc().diagnostics(doc(out));
        if (count(after, (d) => d.severity === 1) > errorsBefore) problems.push(`${where}: new error ${after.map((d) => d.code).join(',')}: ${JSON.stringify(out)}`);
        // No finding of any code appears more often than before (a moved key does not bring a flagged header along).
        for (const code of new Set(after.map((d) => String(d.code)))) {
          if (count(after, (d) => d.code === code) > count(before, (d) => d.code === code)) problems.push(`${where}: new ${code}: ${JSON.stringify(out)}`);
        }
        if (fixes && count(after, (d) => d.code === fixes.code) >= count(before, (d) => d.code === fixes.code)) problems.push(`${where}: ${fixes.code} not fixed: ${JSON.stringify(out)}`);
        if (action.title.startsWith('Write every capability') && after.some((d) => d.code === 'containers/capability-spelling')) problems.push(`${where}: spellings still differ`);
      }
    }
  }
  console.log(`# ${checked} quick-fix applications checked (${[...titles].sort().join(', ')})`);
  assert.ok(checked > 100);
  for (const t of ['Change', 'Move', 'Remove', 'Write']) assert.ok(titles.has(t), `no "${t}…" action exercised`);
  assert.deepEqual(problems, []);
});

function apply(text: string, title: RegExp): string | undefined {
  const s = svc();
  for (const d of s.diagnostics(doc(text))) {
    const a = s.codeActions(doc(text), d.range, [d]).find((x) => title.test(x.title));
    if (a) return applyEdits(text, a.edit!.changes![URI]);
  }
  return undefined;
}

test('Move KEY to [TABLE]: end-of-file headers, comments, multi-line values, dotted tables', () => {
  const move = (t: string) => apply(t, /^Move /);
  assert.equal(move('[containers]\ncgroup_manager = "cgroupfs"\n[engine]'), '[containers]\n[engine]\ncgroup_manager = "cgroupfs"');
  assert.equal(move('[containers]\ncgroup_manager = "cgroupfs"\n[engine] # c'), '[containers]\n[engine] # c\ncgroup_manager = "cgroupfs"');
  assert.equal(move('[containers]\nlabel = true\ncgroup_manager = "cgroupfs"'), '[containers]\nlabel = true\n\n[engine]\ncgroup_manager = "cgroupfs"');
  assert.equal(move('[containers]\nstatic_dir = """\n/var/lib/x"""\nlabel = true\n[engine]\n'), '[containers]\nlabel = true\n[engine]\nstatic_dir = """\n/var/lib/x"""\n');
  assert.equal(move('engine.stop_timeout = 5\n[containers]\ncgroup_manager = "cgroupfs" # why\n'), 'engine.stop_timeout = 5\nengine.cgroup_manager = "cgroupfs" # why\n[containers]\n');
  assert.equal(move('engine.stop_timeout = 5\ncontainers.cgroup_manager = "cgroupfs"'), 'engine.stop_timeout = 5\nengine.cgroup_manager = "cgroupfs"');
  assert.equal(move('[Engine]\n[containers]\n  cgroup_manager = "cgroupfs"\n'), '[Engine]\ncgroup_manager = "cgroupfs"\n[containers]\n');
  // No fix where it could not be safe: [[engine]] would clash with a header, an inline table holds the key.
  assert.equal(move('[[engine]]\n[containers]\ncgroup_manager = "cgroupfs"\n'), undefined);
  assert.equal(move('containers = {cgroup_manager = "cgroupfs"}\n'), undefined);
  // A table the target Podman does not have is never proposed (its header would be flagged).
  assert.deepEqual(svc('4.3').diagnostics(doc('[containers]\ntimeout = 3\n')).map((d) => d.code), ['containers/unknown-key']);
  assert.deepEqual(svc('5.1').diagnostics(doc('[containers]\ntimeout = 3\n')).map((d) => d.code), ['containers/wrong-table']);
});

test('spelling fixes keep each string\'s quoting and change only the names', () => {
  const text = '[containers]\ndefault_capabilities = ["CAP_CHOWN", """sys_admin""", \'Cap_Kill\', "CAP_NET_RAW"]\n';
  const s = svc();
  const pos = { line: 1, character: 26 };
  const a = s.codeActions(doc(text), { start: pos, end: pos }, []).find((x) => x.title === 'Write every capability like "CAP_CHOWN"');
  assert.ok(a);
  assert.equal(applyEdits(text, a.edit!.changes![URI]), '[containers]\ndefault_capabilities = ["CAP_CHOWN", """CAP_SYS_ADMIN""", \'CAP_KILL\', "CAP_NET_RAW"]\n');
  assert.equal(apply('[engine]\nevents_logger = \'jounald\'\n', /^Change/), '[engine]\nevents_logger = \'journald\'\n');
  assert.equal(apply('[containers]\n"labl" = true\n', /^Change/), '[containers]\n"label" = true\n');
  assert.equal(apply('[containerz.sub]\nx = 1\n', /^Change/), '[containers.sub]\nx = 1\n');
});

/** Move fixtures for Podman: `V` is the moved value, good or refused by Podman when read in [engine]. */
const PODMAN_MOVES = [
  '[containers]\nstatic_dir = V\n[engine]',
  '[containers]\nstatic_dir = V\n[engine] # engine settings',
  '[containers]\nlabel = true\nstatic_dir = V',
  '[containers]\nstatic_dir = V # why\n',
  'engine.stop_timeout = 5\n[containers]\nstatic_dir = V\n',
  'engine.stop_timeout = 5\ncontainers.static_dir = V',
  '[containers]\r\nstatic_dir = V\r\n[engine]\r\nstop_timeout = 5\r\n',
  '[Engine]\nstop_timeout = 5\n[containers]\n  static_dir = V\n',
];
const VALUES = [
  { good: '"/var/lib/ctconf-move"', bad: '"relative/dir"' },
  { good: '"""\n/var/lib/ctconf-move"""', bad: '"""\nrelative/dir"""' },
  { good: "'''\n/var/lib/ctconf-move'''", bad: "'''\nrelative/dir'''" },
];

test('Move results load in the real Podman, which then reads the key in its table', { skip: needs(podmanMissing()) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-move-'));
  const wrong: string[] = [];
  let n = 0;
  const load = (text: string) => {
    const f = path.join(dir, `m${n++}.conf`);
    fs.writeFileSync(f, text);
    return podmanLoads(f);
  };
  for (const t of [...PODMAN_MOVES, '[containers]\nconmon_path = V\n[engine]\n']) {
    const vals = t.includes('conmon_path') ? [{ good: '[\n  "/usr/bin/conmon", # c\n]', bad: '[\n  1,\n]' }] : VALUES;
    for (const { good, bad } of vals) {
      const goodText = t.replace('V', good);
      const badText = t.replace('V', bad);
      const goodMoved = apply(goodText, /^Move /);
      const badMoved = apply(badText, /^Move /);
      if (!goodMoved || !badMoved) {
        wrong.push(`no Move fix for ${JSON.stringify(goodText)}`);
        continue;
      }
      const before = load(badText);
      if (!before.ok) wrong.push(`podman refuses the unmoved ${JSON.stringify(badText)}: ${before.message}`);
      const g = load(goodMoved);
      if (!g.ok) wrong.push(`podman refuses the moved ${JSON.stringify(goodMoved)}: ${g.message}`);
      if (load(badMoved).ok) wrong.push(`podman does not read the moved key in ${JSON.stringify(badMoved)}`);
      const after = svc().diagnostics(doc(goodMoved)).filter((d) => d.code === 'containers/wrong-table' || d.severity === 1);
      if (after.length) wrong.push(`ctconf still flags ${JSON.stringify(goodMoved)}: ${after.map((d) => d.code).join(',')}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`# ${n} files loaded in podman`);
  assert.deepEqual(wrong, []);
});
