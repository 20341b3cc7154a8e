/**
 * The language service: one engine behind the LSP server, the CLI and the tests. It knows
 * nothing of LSP connections; it takes text and a URI and returns LSP-shaped results. Each
 * document is parsed once per version by its language (registry.ts), and every feature reads
 * that model. What is the same for every language lives here: severities and rule settings,
 * suppression comments, the diagnostic cap, and the guard that turns a crash inside a
 * language into one diagnostic instead of an empty result.
 */
import { finish, type Slices } from './util/slices';
import {
  DiagnosticSeverity, DiagnosticTag,
  type CodeAction, type CompletionItem, type Diagnostic, type DocumentLink, type DocumentSymbol, type FoldingRange, type Hover,
  type InlayHint, type Location, type Position, type Range, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Host } from './host';
import type { Finding } from './diagnostic';
import { ruleAnchor, ruleInfo, type Severity } from './rules';
import { ManPages } from './manpages';
import { capSymbols } from './symbols';
import { uriToPath } from './util/uri';
import { languageOfTag, languageSupport } from './registry';
import type { AnyLanguageSupport, DocContext, ServiceConfig, TextDoc } from './language';

export type { ServiceConfig, TextDoc } from './language';
export { podmanBranch } from './containers/language';
export { NEWEST_PODMAN, OLDEST_PODMAN } from './containers/keys';

export const RULES_URL = 'https://github.com/ctconf/ctconf/blob/main/RULES.md';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One version of a document and its language's model of it. */
interface Parsed {
  version: number;
  text: string;
  support: AnyLanguageSupport;
  model: unknown;
  ctx: DocContext;
  /** A parse `prepare` has started and not finished (model is undefined until then). */
  pending?: Slices<unknown>;
}

export interface LanguageService {
  diagnostics(doc: TextDoc): Diagnostic[];
  /**
   * The work `diagnostics` would do, in slices (a huge LXC config: 10,000 key lines a slice), so
   * the server can answer requests in between; `diagnostics` then finishes what is left.
   * Parses on its first step. A failure ends it quietly: `diagnostics` reports it.
   */
  prepare(doc: TextDoc): Slices<void>;
  hover(doc: TextDoc, pos: Position): Hover | null;
  completion(doc: TextDoc, pos: Position): CompletionItem[];
  /** Fills in what completion left for later (documentation). */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** Quick fixes for the diagnostics the client sends with the request. */
  codeActions(doc: TextDoc, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  /** With `max`: the first max symbols and a closing entry that counts the rest (symbols.ts). */
  symbols(doc: TextDoc, max?: number): DocumentSymbol[];
  links(doc: TextDoc): DocumentLink[];
  folding(doc: TextDoc): FoldingRange[];
  inlayHints(doc: TextDoc, range: Range): InlayHint[];
  /** A read-only view of the resolved configuration with origins. */
  effectiveConfiguration(doc: TextDoc): string | undefined;
  /** Where the key or name under the cursor was set: included files and lines. */
  definition(doc: TextDoc, pos: Position): Location[];
  /** Where each dropped capability was dropped first. */
  droppedCapabilityOrigins(doc: TextDoc): { name: string; file?: string; line: number }[];
  /** Capabilities the container loses (LXC drop mode). */
  droppedCapabilities(doc: TextDoc): string[];
  /** The edit that allows `cap` again in this container. */
  allowCapability(doc: TextDoc, cap: string, line?: number): { title: string; edit: WorkspaceEdit } | undefined;
  /** Forget cached state of a closed document. */
  close(uri: string): void;
  configure(config: ServiceConfig): void;
  /**
   * The documents the front door knows about (open editors; the CLI's inputs), for checks
   * between files. Called lazily, only by languages that need it; it should return the same
   * array while the set is unchanged.
   */
  setOthers(list: () => readonly TextDoc[]): void;
  /** The document's findings read other documents (checks between files). */
  readsOthers(doc: Pick<TextDoc, 'languageId'>): boolean;
}

export function createLanguageService(host: Host, initial: ServiceConfig): LanguageService {
  let config = initial;
  const cache = new Map<string, Parsed>();
  let shared = new Map<string, unknown>();
  let others: () => readonly TextDoc[] = () => [];
  // Man pages are read on the first hover that wants them, then cached per page.
  let man: ManPages | undefined;
  const manPages = (): ManPages | undefined => {
    if (config.restricted || !config.manDirs?.length) return undefined;
    man ??= new ManPages(host, config.manDirs);
    return man;
  };

  /**
   * What a rule code means under the current settings (off, severity, its RULES.md link),
   * worked out once per code and shared by its diagnostics: a file that is mostly findings
   * (bench section C, 20,000 lines with 21,811 findings) spent 300 ms of 3.4 s profiled in
   * the per-finding settings lookup, ruleInfo, the anchor regex and the link strings.
   * Cleared by configure().
   */
  let rules = new Map<string, { off: boolean; severity: DiagnosticSeverity; description: { href: string } }>();
  function ruleOf(code: Finding['code']) {
    let r = rules.get(code);
    if (!r) {
      const setting = config.rules[code];
      r = {
        off: setting === 'off',
        severity: SEVERITY[setting && setting !== 'off' ? setting : ruleInfo(code).severity],
        description: { href: config.ruleHref?.(code) ?? `${RULES_URL}#${ruleAnchor(code)}` },
      };
      rules.set(code, r);
    }
    return r;
  }

  function context(uri: string): DocContext {
    return {
      uri,
      path: uriToPath(uri),
      host,
      config,
      man: manPages,
      others: () => others().filter((d) => d.uri !== uri),
      workspace: () => others(),
      shared<T>(key: string, make: () => T): T {
        if (!shared.has(key)) shared.set(key, make());
        return shared.get(key) as T;
      },
    };
  }

  /** Over the one-pass limit: a language without slices and a document larger than the front door checks at once. */
  function tooLarge(doc: TextDoc): boolean {
    return config.onePassLimit !== undefined && doc.text.length > config.onePassLimit && languageSupport(doc.languageId)?.parseSlices === undefined;
  }

  /** The cached model of this version, finishing a parse that `prepare` has under way. */
  function parsed(doc: TextDoc): Parsed | undefined {
    const hit = cached(doc);
    if (hit && !hit.pending) return hit;
    const support = hit?.support ?? languageSupport(doc.languageId);
    if (!support || tooLarge(doc)) return undefined;
    const ctx = hit?.ctx ?? context(doc.uri);
    let model: unknown;
    try {
      model = hit?.pending ? finish(hit.pending) : support.parse(doc.text, ctx);
    } catch (e) {
      // A parse that failed half-way is not kept: the next request parses afresh.
      if (hit) cache.delete(doc.uri);
      throw e;
    }
    const p: Parsed = { version: doc.version, text: doc.text, support, model, ctx };
    cache.set(doc.uri, p);
    return p;
  }

  function cached(doc: TextDoc): Parsed | undefined {
    const hit = cache.get(doc.uri);
    return hit && hit.version === doc.version && hit.text === doc.text && hit.support.id === doc.languageId ? hit : undefined;
  }

  /**
   * Parses in slices where the language can (the parse waits in the cache for `parsed` to
   * finish). False when the document was closed or another version took its place meanwhile.
   */
  function* parsing(doc: TextDoc): Slices<boolean> {
    if (cached(doc)) return true;
    const support = languageSupport(doc.languageId);
    if (!support?.parseSlices) return true;
    const ctx = context(doc.uri);
    const entry: Parsed = { version: doc.version, text: doc.text, support, model: undefined, ctx, pending: support.parseSlices(doc.text, ctx) };
    cache.set(doc.uri, entry);
    for (;;) {
      if (cache.get(doc.uri) !== entry) return cached(doc) !== undefined; // finished by a feature, or replaced
      let r: IteratorResult<void, unknown>;
      try {
        r = entry.pending!.next();
      } catch (e) {
        cache.delete(doc.uri);
        throw e;
      }
      if (r.done) {
        cache.set(doc.uri, { ...entry, model: r.value, pending: undefined });
        return true;
      }
      yield;
    }
  }

  /** Runs one language feature; a crash inside it costs this answer, never the caller. */
  function guarded<T>(fallback: T, f: () => T): T {
    try {
      return f();
    } catch {
      return fallback;
    }
  }

  function findings(doc: TextDoc): Finding[] {
    if (tooLarge(doc)) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return [{
        code: 'ctconf/too-large',
        message: `This file is ${mb(doc.text.length)}; the editor checks files of this kind up to ${mb(config.onePassLimit!)}, since a longer check would hold up every other file. \`ctconf check\` checks it in full.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }];
    }
    try {
      const p = parsed(doc);
      return p ? p.support.findings(p.model, p.ctx) : [];
    } catch (e) {
      return [internalError(e)];
    }
  }

  return {
    diagnostics(doc) {
      const suppress = suppressions(doc.text);
      const kept: Finding[] = [];
      for (const f of findings(doc)) {
        if (ruleOf(f.code).off) continue;
        if (suppress.isSuppressed(f.code, f.range.start.line)) continue;
        kept.push(f);
      }
      // Findings come nearly in line order: V8's sort (TimSort) is linear on such runs.
      kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      const limit = config.maxDiagnostics ?? Infinity;
      const shown = kept.length > limit ? limit : kept.length;
      const out: Diagnostic[] = new Array(shown);
      for (let i = 0; i < shown; i++) {
        const f = kept[i];
        const rule = ruleOf(f.code);
        const d: Diagnostic = { range: f.range, severity: rule.severity, code: f.code, codeDescription: rule.description, source: 'ctconf', message: f.message };
        if (f.data) d.data = f.data;
        if (f.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
        if (f.related) {
          d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri ?? doc.uri, range: r.range }, message: r.message }));
        }
        out[i] = d;
      }
      if (kept.length > limit) {
        const hidden = kept.length - limit;
        out.push({
          range: kept[limit].range,
          severity: DiagnosticSeverity.Information,
          source: 'ctconf',
          message: `ctconf shows the first ${limit.toLocaleString('en')} problems of this file; ${hidden.toLocaleString('en')} more from here on are not shown. \`ctconf check\` lists them all.`,
        });
      }
      return out;
    },
    *prepare(doc) {
      try {
        if (!(yield* parsing(doc))) return;
        const p = parsed(doc);
        const work = p?.support.prepare?.(p.model, p.ctx);
        if (work) yield* work;
      } catch {
        // Reported by diagnostics(), which meets the same failure.
      }
    },
    hover(doc, pos) {
      const p = parsed(doc);
      return guarded(null, () => p?.support.hover?.(p.model, pos, p.ctx) ?? null);
    },
    completion(doc, pos) {
      const p = parsed(doc);
      return guarded([], () => p?.support.completion?.(p.model, pos, p.ctx) ?? []);
    },
    resolveCompletion(item) {
      // Items carry their language in data.ctconf (e.g. `lxc-key`).
      const tag = (item.data as { ctconf?: unknown } | undefined)?.ctconf;
      const support = typeof tag === 'string' ? languageOfTag(tag) : undefined;
      return guarded(item, () => support?.resolveCompletion?.(item, context('')) ?? item);
    },
    codeActions(doc, range, diagnostics) {
      const p = parsed(doc);
      return guarded([], () => p?.support.codeActions?.(p.model, range, diagnostics, p.ctx) ?? []);
    },
    inlayHints(doc, range) {
      const p = parsed(doc);
      return guarded([], () => p?.support.inlayHints?.(p.model, range, p.ctx) ?? []);
    },
    effectiveConfiguration(doc) {
      const p = parsed(doc);
      return guarded(undefined, () => p?.support.effective?.(p.model, p.ctx));
    },
    definition(doc, pos) {
      const p = parsed(doc);
      return guarded([], () => p?.support.definition?.(p.model, pos, p.ctx) ?? []);
    },
    droppedCapabilityOrigins(doc) {
      const p = parsed(doc);
      return guarded([], () => p?.support.capabilities?.origins?.(p.model, p.ctx) ?? []);
    },
    droppedCapabilities(doc) {
      const p = parsed(doc);
      return guarded([], () => p?.support.capabilities?.dropped(p.model, p.ctx) ?? []);
    },
    allowCapability(doc, cap, line) {
      const p = parsed(doc);
      return guarded(undefined, () => p?.support.capabilities?.allow(p.model, cap, p.ctx, line));
    },
    symbols(doc, max) {
      const p = parsed(doc);
      return guarded([], () => {
        const all = p?.support.symbols?.(p.model, p.ctx, max) ?? [];
        return max === undefined ? all : capSymbols(all, max);
      });
    },
    links(doc) {
      const p = parsed(doc);
      return guarded([], () => p?.support.links?.(p.model, p.ctx) ?? []);
    },
    folding(doc) {
      const p = parsed(doc);
      return guarded([], () => p?.support.folding?.(p.model, p.ctx) ?? []);
    },
    close(uri) {
      cache.delete(uri);
    },
    configure(c) {
      if (c.manDirs?.join('\0') !== config.manDirs?.join('\0')) man = undefined;
      config = c;
      rules = new Map();
      cache.clear();
      shared = new Map();
    },
    setOthers(list) {
      others = list;
    },
    readsOthers: (doc) => languageSupport(doc.languageId)?.readsOthers === true,
  };
}

/** The finding that stands for a crash inside ctconf while checking a document. */
export function internalError(e: unknown): Finding {
  const what = e instanceof Error ? e.message : String(e);
  return {
    code: 'ctconf/internal-error',
    message: `ctconf failed while checking this file (${what.slice(0, 200)}); some problems may not be shown. Please report this.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/**
 * Ignore comments, the same in both languages:
 *   # ctconf-ignore-next-line [code …]   the next non-blank line
 *   # ctconf-ignore-file [code …]        the whole file
 * Without codes every rule is ignored.
 */
export function suppressions(text: string): { isSuppressed(code: string, line: number): boolean } {
  // Read on the first finding: a clean file (or a huge one) is not searched for comments.
  let table: ((code: string, line: number) => boolean) | undefined;
  return { isSuppressed: (code, line) => (table ??= suppressionTable(text))(code, line) };
}

function suppressionTable(text: string): (code: string, line: number) => boolean {
  let fileCodes: Set<string> | 'all' | undefined;
  const byLine = new Map<number, Set<string> | 'all'>();
  if (!text.includes('ctconf-ignore')) return () => false;
  const lines = text.split(/\r\n|\r|\n/);
  let pending: Set<string> | 'all' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t]*#[ \t]*ctconf-ignore-(next-line|file)\b(.*)$/.exec(lines[i]);
    if (m) {
      const codes = m[2].trim().split(/[\s,]+/).filter(Boolean);
      const set: Set<string> | 'all' = codes.length ? new Set(codes) : 'all';
      if (m[1] === 'file') fileCodes = merge(fileCodes, set);
      else pending = merge(pending, set);
      continue;
    }
    if (pending && lines[i].trim() !== '') {
      byLine.set(i, pending);
      pending = undefined;
    }
  }
  const has = (s: Set<string> | 'all' | undefined, code: string): boolean => s === 'all' || (s !== undefined && s.has(code));
  return (code, line) => has(fileCodes, code) || has(byLine.get(line), code);
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}
