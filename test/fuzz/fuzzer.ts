/**
 * Structure-aware fuzzing of the language service: mutations of real configs (the Debian
 * corpora, generated files, the examples) and random bytes, for both languages. For every
 * input every feature must return without throwing, without hanging (HANG_MS), with ranges inside the
 * document, and every quick fix must apply cleanly to a text that validates again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import type { LspClient } from '../helpers/lspClient';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { memoryHost } from '../../server/src/host';
import { rng } from '../../bench/generate';
import { HANG_MS } from '../helpers/timing';
import { INJECTIONS, rawMarkup } from '../hostile/guard';
import type { LanguageId } from '../../server/src/languages';

export interface FuzzFailure {
  language: string;
  input: string;
  problem: string;
}

/** Markdown and terminal escape bytes a document may carry into keys and values. */
const MARKUP = [INJECTIONS.link, INJECTIONS.image, INJECTIONS.html, INJECTIONS.osc, '`', '**', '\u001b[2J', '\u009b', '\\'];

const TOKENS: Record<string, string[]> = {
  lxc: ['lxc.', '=', ' = ', '#', '\0', '\r', '\uFEFF', 'lxc.net.0.type = veth', 'lxc.cap.drop = ', 'lxc.include = /etc/lxc/', '"', "'", 'CAP_', '0x', '-', '\t', 'lxc.network.', 'lxc.idmap = u 0', ' # c', '\n', '999999999999999999999',
    // Device and /proc includes (the server fuzz reads the real file system).
    '\nlxc.include = /proc/self/pagemap\n', '\nlxc.include = /dev/zero\n', '\nlxc.include = /proc/self/\n', '\nlxc.include = /dev/\n', '\nlxc.include = /proc/self/mem\n',
    'lxc.sysctl.', 'lxc.cgroup2.', 'lxc.mount.auto = ', ...MARKUP],
  'containers-conf': ['[', ']', '[[', '{', '}', '"', "'", '"""', "'''", '=', '#', ',', '\n', '\0', '\\u', '.', 'default_capabilities = [', '{append = true}', '[containers]', 'true', '-1', '1e9', '\r',
    '[engine]\ncgroup_manager = "', '[engine.env]\n', ...MARKUP],
};

/** The other formats: their syntax's bytes, deep nesting and document-made markup. */
const OTHER_TOKENS = ['[', ']', '{', '}', '"', "'", ':', '=', ',', '#', '\n', '\r', '\0', '\t', '\\', '-', '0', '-1', '4294967296', '1e999', 'null', 'true', ...MARKUP];
const OTHER_REPEATED = ['[', '{"a":', '[[', '- ', '  ', 'x', 'a:', 'root:100000:65536\n', INJECTIONS.link];

/** Tokens repeated many times on one line (long repeated names, values and keys). */
const REPEATED: Record<string, string[]> = {
  lxc: ['sys_admin ', 'a', 'lxc.cap.drop = ', '=', 'x'.repeat(100), INJECTIONS.link],
  'containers-conf': ['"a",', '[', 'a', '{a=1},', INJECTIONS.image],
};

function mutate(text: string, lang: LanguageId, r: () => number): string {
  const tokens = TOKENS[lang] ?? OTHER_TOKENS;
  const repeated = REPEATED[lang] ?? OTHER_REPEATED;
  let t = text;
  const ops = 1 + Math.floor(r() * 4);
  for (let k = 0; k < ops; k++) {
    const pos = Math.floor(r() * (t.length + 1));
    switch (Math.floor(r() * 9)) {
      case 0: t = t.slice(0, pos) + t.slice(pos + Math.floor(r() * 20)); break;
      case 1: { const tok = tokens[Math.floor(r() * tokens.length)]; t = t.slice(0, pos) + tok + t.slice(pos); break; }
      case 2: { const lines = t.split('\n'); const i = Math.floor(r() * lines.length); lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? ''); t = lines.join('\n'); break; }
      case 3: { const lines = t.split('\n'); const i = Math.floor(r() * lines.length); const j = Math.floor(r() * lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; t = lines.join('\n'); break; }
      case 4: t = t.slice(0, pos); break;
      case 5: { let s = ''; for (let i = 0; i < 1 + r() * 30; i++) s += String.fromCharCode(Math.floor(r() * 0x10000)); t = t.slice(0, pos) + s + t.slice(pos); break; }
      case 6: t = t.replace(/^(\s*)#\s?/m, '$1'); break;
      case 7: {
        // A long run of one token: up to 1,000 repeats (enough to show a quadratic path as
        // a slow answer without stalling the run).
        const rep = repeated[Math.floor(r() * repeated.length)];
        t = t.slice(0, pos) + rep.repeat(1 + Math.floor(r() * 1000)) + t.slice(pos);
        break;
      }
      default: t = t.slice(0, pos) + t.slice(pos, pos + 40).toUpperCase() + t.slice(pos + 40);
    }
  }
  return t;
}

function randomBytes(r: () => number): string {
  const n = Math.floor(r() * 2000);
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(r() * 256);
  return bytes.toString('utf8');
}

function inside(doc: TextDocument, range: Range): boolean {
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.character >= 0 && p.line < doc.lineCount && doc.offsetAt(p) === doc.offsetAt(doc.positionAt(doc.offsetAt(p))) && p.character <= lineLength(doc, p.line);
  return ok(range.start) && ok(range.end) && doc.offsetAt(range.start) <= doc.offsetAt(range.end);
}

function lineLength(doc: TextDocument, line: number): number {
  const start = doc.offsetAt({ line, character: 0 });
  const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
  return doc.getText().slice(start, next).replace(/\r?\n$|\r$/, '').length;
}

function timed<T>(what: string, fn: () => T, problems: string[]): T | undefined {
  const t0 = performance.now();
  try {
    const v = fn();
    const ms = performance.now() - t0;
    if (ms > HANG_MS) problems.push(`${what} took ${ms.toFixed(0)} ms`);
    return v;
  } catch (e) {
    problems.push(`${what} threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    return undefined;
  }
}

/** Runs every feature on one input; returns the problems found. */
/** A path each language is recognised by (some checks read the path: subuid or subgid, /etc/pve). */
const URIS: Record<LanguageId, string> = {
  lxc: 'file:///var/lib/lxc/fuzz/config',
  'containers-conf': 'file:///etc/containers/containers.conf',
  'containers-storage-conf': 'file:///etc/containers/storage.conf',
  'containers-registries-conf': 'file:///etc/containers/registries.conf',
  'seccomp-json': 'file:///etc/containers/seccomp.json',
  'selinux-contexts': 'file:///usr/share/containers/selinux/contexts',
  'containers-mounts-conf': 'file:///etc/containers/mounts.conf',
  subid: 'file:///etc/subuid',
  'lxc-usernet': 'file:///etc/lxc/lxc-usernet',
  'proxmox-ct': 'file:///etc/pve/lxc/100.conf',
  'incus-yaml': 'file:///home/a/fuzz.incus.yaml',
};

export function checkInput(svc: LanguageService, languageId: LanguageId, text: string, r: () => number, options: { markdown?: boolean } = {}): string[] {
  const problems: string[] = [];
  const uri = URIS[languageId];
  const td = TextDocument.create(uri, languageId, 1, text);
  const doc = { uri, languageId, version: 1, text };
  const diags = timed('diagnostics', () => svc.diagnostics(doc), problems) ?? [];
  // The service turns a crash inside a check into this diagnostic rather than an exception.
  for (const d of diags) if (d.code === 'ctconf/internal-error' && !/nested this deeply/.test(String(d.message))) problems.push(`internal error: ${String(d.message)}`);
  for (const d of diags) if (!inside(td, d.range)) problems.push(`diagnostic ${d.code} range outside the document: ${JSON.stringify(d.range)}`);
  for (let k = 0; k < 5; k++) {
    const offset = Math.floor(r() * (text.length + 1));
    const pos = td.positionAt(offset);
    const h = timed('hover', () => svc.hover(doc, pos), problems);
    if (h?.range && !inside(td, h.range)) problems.push(`hover range outside the document at ${JSON.stringify(pos)}`);
    if (options.markdown) markupProblems(h, pos, problems);
    const items = timed('completion', () => svc.completion(doc, pos), problems) ?? [];
    for (const it of items.slice(0, 50)) {
      const e = it.textEdit as { range?: Range } | undefined;
      if (e?.range && !inside(td, e.range)) problems.push(`completion ${it.label} edit outside the document`);
    }
  }
  timed('symbols', () => svc.symbols(doc), problems);
  timed('folding', () => svc.folding(doc), problems);
  timed('links', () => svc.links(doc), problems);
  timed('inlay hints', () => svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: td.positionAt(text.length) }), problems);
  for (const d of diags.slice(0, 20)) {
    const actions = timed('code actions', () => svc.codeActions(doc, d.range, [d]), problems) ?? [];
    for (const a of actions) {
      const edits: TextEdit[] = a.edit?.changes?.[uri] ?? [];
      for (const e of edits) if (!inside(td, e.range)) problems.push(`fix "${a.title}" edits outside the document`);
      let fixed: string;
      try {
        fixed = TextDocument.applyEdits(td, edits);
      } catch (e) {
        problems.push(`fix "${a.title}" does not apply: ${(e as Error).message}`);
        continue;
      }
      timed(`diagnostics after "${a.title}"`, () => svc.diagnostics({ uri, languageId, version: 2, text: fixed }), problems);
    }
  }
  return problems;
}

export function seeds(corpus: string, root: string): { lxc: string[]; cc: string[] } {
  const lxc: string[] = [];
  const cc: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\/lxc\/config\/[^/]+\.conf$|\/examples\/lxc-[^/]+\.conf$|obs-build\/lxc\.conf$/.test(p)) lxc.push(fs.readFileSync(p, 'utf8'));
      else if (/containers[^/]*\.conf$/.test(e.name) && p.includes('containers')) cc.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(corpus);
  for (const f of ['examples/lxc/web01/config', 'examples/lxc/legacy/config', 'test/fixtures/lxc/debian-unprivileged-2x.conf', 'test/grammar/fixtures/sample.lxc.conf']) {
    if (fs.existsSync(path.join(root, f))) lxc.push(fs.readFileSync(path.join(root, f), 'utf8'));
  }
  if (fs.existsSync(path.join(root, 'test/grammar/fixtures/sample.containers.conf'))) cc.push(fs.readFileSync(path.join(root, 'test/grammar/fixtures/sample.containers.conf'), 'utf8'));
  return { lxc, cc };
}

/** The seeded stream of fuzz inputs: mutated seeds for both languages, and one in ten random bytes. */
export function* fuzzInputs(seed: number, corpus: string, root: string): Generator<{ language: LanguageId; input: string; r: () => number }> {
  const r = rng(seed);
  const { lxc, cc } = seeds(corpus, root);
  if (lxc.length === 0) lxc.push('lxc.uts.name = a\n');
  if (cc.length === 0) cc.push('[containers]\nlabel = true\n');
  for (;;) {
    const language: LanguageId = r() < 0.5 ? 'lxc' : 'containers-conf';
    const pool = language === 'lxc' ? lxc : cc;
    const input = r() < 0.1 ? randomBytes(r) : mutate(pool[Math.floor(r() * pool.length)], language, r);
    yield { language, input, r };
  }
}

/** Small seeds of the other formats, used with the corpus files and fixtures when present. */
const OTHER_SEEDS: Record<Exclude<LanguageId, 'lxc' | 'containers-conf'>, { inline: string[]; files: string[] }> = {
  'containers-storage-conf': { inline: ['[storage]\ndriver = "overlay"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n[storage.options]\nadditionalimagestores = ["/a"]\n[storage.options.overlay]\nmountopt = "nodev"\n'], files: ['containers-storage/usr/share/containers/storage.conf'] },
  'containers-registries-conf': { inline: ['unqualified-search-registries = ["docker.io"]\n[[registry]]\nprefix = "example.com"\nlocation = "mirror.example.com"\n[[registry.mirror]]\nlocation = "m2.example.com"\n[aliases]\n"fedora" = "registry.fedoraproject.org/fedora"\n'], files: ['golang-github-containers-image/etc/containers/registries.conf', 'golang-github-containers-common/etc/containers/registries.conf.d/shortnames.conf'] },
  'seccomp-json': { inline: ['{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}], "syscalls": [{"names": ["chmod", "clock_settime"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}], "includes": {"caps": ["CAP_SYS_TIME"]}}]}\n'], files: ['golang-github-containers-common/usr/share/containers/seccomp.json'] },
  'selinux-contexts': { inline: ['process = "system_u:system_r:container_t:s0"\nfile = "system_u:object_r:container_file_t:s0"\nro_file = "system_u:object_r:container_ro_file_t:s0"\nkvm_process = "system_u:system_r:container_kvm_t:s0"\n'], files: [] },
  'containers-mounts-conf': { inline: ['/usr/share/rhel/secrets:/run/secrets\n# comment\n/etc/pki:/etc/pki\n'], files: ['golang-github-containers-common-dev/usr/share/gocode/src/github.com/containers/common/pkg/subscriptions/mounts.conf'] },
  subid: { inline: ['root:100000:65536\nalice:165536:65536\n'], files: ['test/fixtures/subid/subuid', 'test/fixtures/subid/debian-default.subuid', 'test/fixtures/subid/crlf.subuid'] },
  'lxc-usernet': { inline: ['alice veth lxcbr0 10\n@lxd veth br0 2\n'], files: ['test/fixtures/usernet/lxc-usernet'] },
  'proxmox-ct': { inline: ['arch: amd64\nhostname: ct\nmemory: 512\nmp0: /srv/data,mp=/data\nunprivileged: 1\nlxc.idmap: u 0 100000 65536\n\n[snap1]\nhostname: old\n'], files: ['test/fixtures/proxmox/etc/pve/lxc/101.conf', 'test/fixtures/proxmox/etc/pve/lxc/103.conf'] },
  'incus-yaml': { inline: ['config:\n  security.idmap.isolated: "true"\n  limits.memory: 1GiB\n  raw.lxc: |\n    lxc.cap.drop = sys_time\ndevices:\n  root:\n    path: /\n    type: disk\n'], files: ['test/fixtures/incus/web.incus.yaml', 'test/fixtures/incus/db.lxd.yaml', 'test/fixtures/incus/broken.incus.yaml'] },
};

/** The seeded stream of fuzz inputs for the nine other formats (random bytes one time in ten). */
export function* otherInputs(seed: number, corpus: string, root: string): Generator<{ language: LanguageId; input: string; r: () => number }> {
  const r = rng(seed);
  const pools = Object.entries(OTHER_SEEDS).map(([language, s]) => {
    const pool = [...s.inline];
    for (const f of s.files) {
      const p = f.startsWith('test/') ? path.join(root, f) : path.join(corpus, f);
      if (fs.existsSync(p)) pool.push(fs.readFileSync(p, 'utf8'));
    }
    return { language: language as LanguageId, pool };
  });
  for (;;) {
    const { language, pool } = pools[Math.floor(r() * pools.length)];
    const input = r() < 0.1 ? randomBytes(r) : mutate(pool[Math.floor(r() * pool.length)], language, r);
    yield { language, input, r };
  }
}

/** Document-made markup (links, images, HTML, control characters) left raw in a hover. */
function markupProblems(h: { contents: unknown } | null | undefined, pos: unknown, problems: string[]): void {
  const value = (h?.contents as { value?: string } | undefined)?.value;
  if (typeof value !== 'string') return;
  for (const f of rawMarkup(value)) problems.push(`hover at ${JSON.stringify(pos)} carries raw ${f} from the document`);
}

export function fuzz(options: { iterations: number; seconds: number; seed: number; corpus: string; root: string; markdown?: boolean; formats?: 'lxc-and-containers' | 'others' }): { runs: number; failures: FuzzFailure[] } {
  const host = memoryHost({ '/etc/lxc/common.conf': 'lxc.cap.drop = sys_time\n', '/etc/subuid': 'root:100000:65536\n' });
  const svc = createLanguageService(host, { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const failures: FuzzFailure[] = [];
  const end = performance.now() + options.seconds * 1000;
  let runs = 0;
  const inputs = options.formats === 'others' ? otherInputs(options.seed, options.corpus, options.root) : fuzzInputs(options.seed, options.corpus, options.root);
  for (const { language, input, r } of inputs) {
    if (runs >= options.iterations || performance.now() >= end) break;
    runs++;
    for (const problem of checkInput(svc, language, input, r, { markdown: options.markdown })) failures.push({ language, input, problem });
    if (failures.length >= 10) break;
  }
  return { runs, failures };
}

/** Every {start, end} range in a result (edits of other documents included: fuzz inputs have none). */
function rangesIn(v: unknown, out: Range[] = [], depth = 0): Range[] {
  if (v === null || typeof v !== 'object' || depth > 30) return out;
  if (Array.isArray(v)) {
    for (const x of v) rangesIn(x, out, depth + 1);
    return out;
  }
  const o = v as Record<string, unknown>;
  const isPos = (p: unknown) => p !== null && typeof p === 'object' && 'line' in p && 'character' in p;
  if (isPos(o.start) && isPos(o.end)) out.push(o as unknown as Range);
  if (isPos(o.position)) out.push({ start: o.position, end: o.position } as Range);
  for (const [k, x] of Object.entries(o)) if (k !== 'data') rangesIn(x, out, depth + 1);
  return out;
}

/** Answers within `ms`, or records that it did not (a hang or a lost request). */
async function within<T>(what: string, ms: number, p: Promise<T>, problems: string[]): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const t0 = performance.now();
  try {
    const v = await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
    return v;
  } catch (e) {
    problems.push(`${what} ${(e as Error).message === 'timeout' ? `did not answer within ${ms} ms` : `failed after ${(performance.now() - t0).toFixed(0)} ms: ${(e as Error).message}`}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The same inputs through the real server over stdio: open, diagnostics, hover, completion,
 * every quick fix applied as a didChange with fresh diagnostics, close; each answer within HANG_MS.
 */
/** Positions no editor sends, but a client may: the server must clamp them. */
const HOSTILE_POSITIONS: unknown[] = [
  { line: -1, character: -1 }, { line: 0.5, character: 1.5 }, { line: null, character: null }, { line: 1e9, character: 1e9 },
  { line: 0, character: 1e9 }, { line: Number.MAX_SAFE_INTEGER, character: 3 }, {},
];

export async function fuzzServer(client: LspClient, options: { iterations: number; seconds: number; seed: number; corpus: string; root: string; dir: string; markdown?: boolean }): Promise<{ runs: number; fixes: number; failures: FuzzFailure[] }> {
  const failures: FuzzFailure[] = [];
  let fixes = 0;
  const end = performance.now() + options.seconds * 1000;
  let runs = 0;
  for (const { language, input, r } of fuzzInputs(options.seed, options.corpus, options.root)) {
    if (runs >= options.iterations || performance.now() >= end) break;
    runs++;
    const problems: string[] = [];
    const uri = language === 'lxc' ? `file://${options.dir}/lxc/c${runs}/config` : `file://${options.dir}/containers/c${runs}/containers.conf`;
    const td = TextDocument.create(uri, language, 1, input);
    const diags = (await within('diagnostics after didOpen', HANG_MS, client.open(uri, language, input), problems)) ?? [];
    for (const d of diags) if (!inside(td, d.range)) problems.push(`diagnostic ${d.code} range outside the document: ${JSON.stringify(d.range)}`);
    for (let k = 0; k < 3; k++) {
      const position = td.positionAt(Math.floor(r() * (input.length + 1)));
      const h = await within('hover', HANG_MS, client.request<{ range?: Range; contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position }), problems);
      if (h?.range && !inside(td, h.range)) problems.push(`hover range outside the document at ${JSON.stringify(position)}`);
      if (options.markdown) markupProblems(h, position, problems);
      const c = await within('completion', HANG_MS, client.request<{ items?: { label: string; textEdit?: { range?: Range } }[] } | { label: string; textEdit?: { range?: Range } }[] | null>('textDocument/completion', { textDocument: { uri }, position }), problems);
      const items = Array.isArray(c) ? c : (c?.items ?? []);
      for (const it of items.slice(0, 50)) if (it.textEdit?.range && !inside(td, it.textEdit.range)) problems.push(`completion ${it.label} edit outside the document`);
    }
    await within('documentSymbol', HANG_MS, client.request('textDocument/documentSymbol', { textDocument: { uri } }), problems);
    // One hostile position per input, for every positional request: answers inside the document.
    const bad = HOSTILE_POSITIONS[runs % HOSTILE_POSITIONS.length];
    const far = { start: bad, end: { line: 1e9, character: 1e9 } };
    for (const [method, params] of [
      ['textDocument/hover', { position: bad }],
      ['textDocument/completion', { position: bad }],
      ['textDocument/codeAction', { range: far, context: { diagnostics: diags.slice(0, 5) } }],
      ['textDocument/inlayHint', { range: far }],
    ] as const) {
      const res = await within(`${method} at ${JSON.stringify(bad)}`, HANG_MS, client.request<unknown>(method, { textDocument: { uri }, ...params }), problems);
      for (const r of rangesIn(res)) if (!inside(td, r)) problems.push(`${method} at ${JSON.stringify(bad)}: range outside the document ${JSON.stringify(r)}`);
    }
    let version = 1;
    for (const d of diags.slice(0, 5)) {
      const actions = (await within('codeAction', HANG_MS, client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }), problems)) ?? [];
      const a = actions?.find((x) => x.edit?.changes?.[uri]);
      if (!a) continue;
      const edits: TextEdit[] = a.edit!.changes![uri];
      if (edits.some((e) => !inside(td, e.range))) {
        problems.push(`fix "${a.title}" edits outside the document`);
        continue;
      }
      const fixed = TextDocument.applyEdits(td, edits);
      fixes++;
      version++;
      const fresh = client.diagnostics(uri, version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: fixed }] });
      await within(`diagnostics after applying "${a.title}"`, HANG_MS, fresh, problems);
      // Back to the fuzzed text, so the next fix's ranges still hold.
      version++;
      const back = client.diagnostics(uri, version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: input }] });
      await within('diagnostics after undoing the fix', HANG_MS, back, problems);
    }
    client.notify('textDocument/didClose', { textDocument: { uri } });
    if (client.process.exitCode !== null) problems.push(`the server exited with code ${client.process.exitCode}`);
    for (const problem of problems) failures.push({ language, input, problem });
    if (failures.length >= 10 || client.process.exitCode !== null) break;
  }
  return { runs, fixes, failures };
}
