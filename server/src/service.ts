/**
 * The language service: one engine behind the LSP server, the CLI and the tests.
 * It knows nothing of LSP connections; it takes text and a URI and returns LSP-shaped
 * results. Each document is parsed once per version and the features read that model.
 */
import {
  DiagnosticSeverity, DiagnosticTag,
  CodeActionKind,
  type CodeAction, type CompletionItem, type Diagnostic, type DocumentLink, type DocumentSymbol, type FoldingRange, type Hover,
  type InlayHint, type Position, type Range, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Host } from './host';
import type { Finding } from './diagnostic';
import { ruleInfo, type Severity, type SeveritySetting } from './rules';
import { parseLxc, type LxcDocument } from './lxc/parser';
import { analyzeLxc, type LxcAnalysis } from './lxc/validate';
import { splitTokens } from './lxc/values';
import { allowCapabilityEdit, droppedCapabilities, effectiveText, lxcInlayHints } from './lxc/effective';
import { isSystemConfigPath, validateLxcSystem } from './lxc/system';
import type { LxcVersion } from './lxc/version';
import { hoverLxc } from './lxc/hover';
import { completeLxc, resolveLxcCompletion } from './lxc/complete';
import { lxcCodeActions } from './lxc/actions';
import { lxcFolding, lxcLinks, lxcSymbols } from './lxc/outline';
import { ManPages, type ManEntry } from './manpages';
import { parseToml, positionAt, type TomlDocument } from './containers/toml';
import { validateContainersConf } from './containers/validate';
import { ccCodeActions, ccFolding, ccSymbols, completeCc, hoverCc } from './containers/features';
import { layeredText, mergeLayers, type LayeredView } from './containers/layers';
import { NEWEST_PODMAN } from './containers/keys';

/** `4.3.1` → `4.3`; `latest` or nonsense → the newest release ctconf knows. */
export function podmanBranch(v: string): string {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : NEWEST_PODMAN;
}
import { uriToPath } from './util/uri';
import { escapeMarkdown, inlineCode } from './util/markdown';
import { CAPABILITIES } from './capabilities/table';

/** Capability names ctconf knows (its own table): the only text a command link is written around. */
const KNOWN_CAPABILITIES = new Set(CAPABILITIES.map((c) => c.name));

export interface TextDoc {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** Settings with every `auto` already resolved by the front door. */
export interface ServiceConfig {
  lxcVersion: LxcVersion;
  podmanVersion: string;
  rules: Record<string, SeveritySetting>;
  /** Restricted Mode: do not read host files or the environment. */
  restricted?: boolean;
  /** Man page directories to read hover text from; undefined or empty turns it off. */
  manDirs?: string[];
  /**
   * Most diagnostics returned for one document (the editor sets it: a file with hundreds of
   * thousands of problems would otherwise flood the client); the rest are summed up in one
   * closing diagnostic. Unlimited when unset (the CLI lists everything).
   */
  maxDiagnostics?: number;
}

export const RULES_URL = 'https://github.com/ctconf/ctconf/blob/main/RULES.md';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One version of a document; the LXC model is built on first use (validation scans the text itself). */
class Parsed {
  private lxcDoc?: LxcDocument;
  private tomlDoc?: TomlDocument;
  /** LXC analysis (findings and effective state), computed on first use. */
  analysis?: LxcAnalysis;
  layers?: LayeredView;

  constructor(
    readonly version: number,
    readonly text: string,
    readonly isLxc: boolean,
    readonly isToml: boolean,
  ) {}

  get toml(): TomlDocument | undefined {
    if (!this.isToml) return undefined;
    this.tomlDoc ??= parseToml(this.text);
    return this.tomlDoc;
  }

  get lxc(): LxcDocument | undefined {
    if (!this.isLxc) return undefined;
    this.lxcDoc ??= parseLxc(this.text);
    return this.lxcDoc;
  }
}

export interface LanguageService {
  diagnostics(doc: TextDoc): Diagnostic[];
  hover(doc: TextDoc, pos: Position): Hover | null;
  completion(doc: TextDoc, pos: Position): CompletionItem[];
  /** Fills in what completion left for later (documentation). */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** Quick fixes for the diagnostics the client sends with the request. */
  codeActions(doc: TextDoc, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  symbols(doc: TextDoc): DocumentSymbol[];
  links(doc: TextDoc): DocumentLink[];
  folding(doc: TextDoc): FoldingRange[];
  inlayHints(doc: TextDoc, range: Range): InlayHint[];
  /** A read-only view of the resolved configuration with origins. */
  effectiveConfiguration(doc: TextDoc): string | undefined;
  /** Capabilities the container loses (LXC drop mode). */
  droppedCapabilities(doc: TextDoc): string[];
  /** The edit that allows `cap` again in this container. */
  allowCapability(doc: TextDoc, cap: string): { title: string; edit: WorkspaceEdit } | undefined;
  /** Forget cached state of a closed document. */
  close(uri: string): void;
  configure(config: ServiceConfig): void;
}

export function createLanguageService(host: Host, initial: ServiceConfig): LanguageService {
  let config = initial;
  const cache = new Map<string, Parsed>();
  // Man pages are read on the first hover that wants them, then cached per page.
  let man: ManPages | undefined;
  const manPages = (): ManPages | undefined => {
    if (config.restricted || !config.manDirs?.length) return undefined;
    man ??= new ManPages(host, config.manDirs);
    return man;
  };
  const manNote = (e: ManEntry | undefined): string | undefined =>
    e ? `_From ${e.page} on this host${e.version ? ` (${escapeMarkdown(e.version)})` : ''}:_\n\n${e.markdown}` : undefined;

  function parsed(doc: TextDoc): Parsed {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === doc.text) return hit;
    const p = new Parsed(doc.version, doc.text, doc.languageId === 'lxc', doc.languageId === 'containers-conf');
    cache.set(doc.uri, p);
    return p;
  }

  function analysis(doc: TextDoc): { p: Parsed; a?: LxcAnalysis } {
    const p = parsed(doc);
    if (p.isLxc && !p.analysis && !isSystemConfigPath(uriToPath(doc.uri))) {
      p.analysis = analyzeLxc(p.lxc!, { version: config.lxcVersion, host, documentPath: uriToPath(doc.uri), restricted: config.restricted });
    }
    return { p, a: p.analysis };
  }

  function layers(doc: TextDoc): LayeredView | undefined {
    const p = parsed(doc);
    if (!p.toml || config.restricted) return undefined;
    p.layers ??= mergeLayers(host, podmanBranch(config.podmanVersion), host.uid?.() ?? 0, uriToPath(doc.uri), doc.text);
    return p.layers;
  }

  function ccContext(doc: TextDoc) {
    return {
      podmanVersion: podmanBranch(config.podmanVersion),
      uri: doc.uri,
      effective: (path: string[]) => {
        const view = layers(doc);
        if (!view || view.self < 0) return undefined;
        const v = view.values.get(path.join('.'));
        if (!v) return undefined;
        const where = `${inlineCode(v.file)} line ${v.line + 1}`;
        return v.layer > view.self
          ? `**Effective value:** ${inlineCode(v.text)}, set last by ${where}, which Podman reads after this file: **this line has no effect**.`
          : v.layer === view.self
            ? `**Effective value:** ${inlineCode(v.text)} (no later file changes it).`
            : undefined;
      },
      capabilityExtra: (cap: string) => manNote(manPages()?.capability(cap)),
      keyExtra: (key: string) => manNote(manPages()?.containersKey(key)),
    };
  }

  function findings(doc: TextDoc): Finding[] {
    // A failure inside a validator costs that document one diagnostic saying so, never the
    // server or the CLI.
    try {
      const { p, a } = analysis(doc);
      if (p.isLxc) return a ? a.findings : validateLxcSystem(p.lxc!);
      if (p.isToml) return validateContainersConf(p.toml!, { podmanVersion: podmanBranch(config.podmanVersion), host, restricted: config.restricted });
    } catch (e) {
      return [internalError(e)];
    }
    return [];
  }

  return {
    diagnostics(doc) {
      const suppress = suppressions(doc.text);
      const kept: { f: Finding; severity: Severity }[] = [];
      for (const f of findings(doc)) {
        const setting = config.rules[f.code];
        if (setting === 'off') continue;
        if (suppress.isSuppressed(f.code, f.range.start.line)) continue;
        kept.push({ f, severity: setting ?? ruleInfo(f.code).severity });
      }
      kept.sort((a, b) => a.f.range.start.line - b.f.range.start.line || a.f.range.start.character - b.f.range.start.character);
      const limit = config.maxDiagnostics ?? Infinity;
      const out: Diagnostic[] = [];
      for (const { f, severity } of kept.length > limit ? kept.slice(0, limit) : kept) {
        const d: Diagnostic = {
          range: f.range,
          severity: SEVERITY[severity],
          code: f.code,
          codeDescription: { href: `${RULES_URL}#${f.code.replace(/[^a-z0-9]+/g, '-')}` },
          source: 'ctconf',
          message: f.message,
        };
        if (f.data) d.data = f.data;
        if (f.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
        if (f.related) {
          d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri ?? doc.uri, range: r.range }, message: r.message }));
        }
        out.push(d);
      }
      if (kept.length > limit) {
        const hidden = kept.length - limit;
        out.push({
          range: kept[limit].f.range,
          severity: DiagnosticSeverity.Information,
          source: 'ctconf',
          message: `ctconf shows the first ${limit.toLocaleString('en')} problems of this file; ${hidden.toLocaleString('en')} more from here on are not shown. \`ctconf check\` lists them all.`,
        });
      }
      return out;
    },
    hover(doc, pos) {
      const { p, a } = analysis(doc);
      if (p.lxc) {
        const dropped = a ? new Set(droppedCapabilities(a)) : new Set<string>();
        return hoverLxc(p.lxc, pos, {
          version: config.lxcVersion,
          capabilityExtra: (cap) => manNote(manPages()?.capability(cap)),
          keyExtra: (key) => manNote(manPages()?.lxcKey(key)),
          host,
          documentPath: uriToPath(doc.uri),
          // A command link only around a name from ctconf's own table, never document text.
          capabilityAction: (name) => (dropped.has(name) && KNOWN_CAPABILITIES.has(name)
            ? `[Allow ${name} in this container](command:ctconf.allowCapability?${encodeURIComponent(JSON.stringify([doc.uri, name]))} "Clear and redefine lxc.cap.drop without ${name}")`
            : undefined),
        });
      }
      if (p.toml) return hoverCc(p.toml, pos, ccContext(doc));
      return null;
    },
    completion(doc, pos) {
      const p = parsed(doc);
      if (p.lxc) return completeLxc(p.lxc, pos, { version: config.lxcVersion, host });
      if (p.toml) return completeCc(p.toml, pos, ccContext(doc));
      return [];
    },
    resolveCompletion(item) {
      return resolveLxcCompletion(item, config.lxcVersion);
    },
    codeActions(doc, range, diagnostics) {
      const { p, a } = analysis(doc);
      if (p.lxc) {
        const out = lxcCodeActions(p.lxc, doc.uri, diagnostics);
        if (a) {
          for (const cap of capabilitiesAt(p.lxc, a, range)) {
            const fix = allowCapabilityEdit(p.lxc, a, doc.uri, cap);
            if (fix) out.push({ title: fix.title, kind: CodeActionKind.QuickFix, edit: fix.edit });
          }
        }
        return out;
      }
      if (p.toml) return ccCodeActions(p.toml, doc.uri, range, diagnostics);
      return [];
    },
    inlayHints(doc, range) {
      const { p, a } = analysis(doc);
      if (p.lxc && a) return lxcInlayHints(p.lxc, a, range.start.line, range.end.line);
      const view = p.toml ? layers(doc) : undefined;
      if (!p.toml || !view || view.self < 0) return [];
      const out: InlayHint[] = [];
      for (const e of p.toml.entries) {
        const line = positionAt(p.toml, e.kv.start).line;
        if (line < range.start.line || line > range.end.line) continue;
        const v = view.values.get(e.path.join('.')) ?? [...view.values].find(([k]) => k.toLowerCase() === e.path.join('.').toLowerCase())?.[1];
        if (!v || v.layer <= view.self) continue;
        const end = positionAt(p.toml, e.kv.end);
        out.push({ position: end, label: `overridden by ${v.file.split('/').pop()}:${v.line + 1} → ${v.text.length > 40 ? `${v.text.slice(0, 37)}…` : v.text}`, paddingLeft: true });
      }
      return out;
    },
    effectiveConfiguration(doc) {
      const { p, a } = analysis(doc);
      if (a) return effectiveText(a, uriToPath(doc.uri), config.lxcVersion);
      const view = p.toml ? layers(doc) : undefined;
      return view ? layeredText(view, podmanBranch(config.podmanVersion)) : undefined;
    },
    droppedCapabilities(doc) {
      const { a } = analysis(doc);
      return a ? droppedCapabilities(a) : [];
    },
    allowCapability(doc, cap) {
      const { p, a } = analysis(doc);
      return p.lxc && a ? allowCapabilityEdit(p.lxc, a, doc.uri, cap) : undefined;
    },
    symbols(doc) {
      const p = parsed(doc);
      return p.lxc ? lxcSymbols(p.lxc) : p.toml ? ccSymbols(p.toml) : [];
    },
    links(doc) {
      const p = parsed(doc);
      return p.lxc ? lxcLinks(p.lxc, host) : [];
    },
    folding(doc) {
      const p = parsed(doc);
      return p.lxc ? lxcFolding(p.lxc) : p.toml ? ccFolding(p.toml) : [];
    },
    close(uri) {
      cache.delete(uri);
    },
    configure(c) {
      if (c.manDirs?.join('\0') !== config.manDirs?.join('\0')) man = undefined;
      config = c;
      cache.clear();
    },
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
 * The dropped capabilities a code action request points at: a capability name under the
 * cursor, the capabilities an include line brings in, or those of an lxc.cap.drop line.
 */
function capabilitiesAt(doc: LxcDocument, a: LxcAnalysis, r: Range): string[] {
  const dropped = droppedCapabilities(a);
  if (dropped.length === 0) return [];
  const out = new Set<string>();
  for (let line = r.start.line; line <= r.end.line; line++) {
    const l = doc.lineAt(line);
    if (!l || l.kind !== 'entry') continue;
    if (l.key === 'lxc.include') {
      for (const c of a.effective.caps.list) if (c.topLine === line && c.file) out.add(c.name);
    } else if (l.key === 'lxc.cap.drop') {
      const tokens = splitTokens(l.value);
      const ch = r.start.character - l.valueStart;
      const under = r.start.line === r.end.line ? tokens.filter((t) => ch >= t.start && ch <= t.end) : [];
      for (const t of under.length ? under : tokens) out.add(t.text);
    }
  }
  return dropped.filter((c) => out.has(c));
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
