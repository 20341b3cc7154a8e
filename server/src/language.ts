/**
 * What a language brings to the engine. Each language (LXC configs, containers.conf, and the
 * formats around them) implements `LanguageSupport` in its own folder and is listed once in
 * registry.ts; the service (service.ts) does the rest for every language alike: caching one
 * model per document version, severities, suppression comments, the diagnostic cap, and the
 * guard that turns a crash into one diagnostic.
 */
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Host } from './host';
import type { Finding } from './diagnostic';
import type { RuleCode, SeveritySetting } from './rules';
import type { LxcVersion } from './lxc/version';
import type { ManEntry, ManPages } from './manpages';
import type { LanguageId } from './languages';
import { escapeMarkdown } from './util/markdown';
import type { Slices } from './util/slices';

/** Settings with every `auto` already resolved by the front door. */
export interface ServiceConfig {
  lxcVersion: LxcVersion;
  podmanVersion: string;
  rules: Partial<Record<string, SeveritySetting>>;
  /** Restricted Mode: do not read host files or the environment. */
  restricted?: boolean;
  /** The target versions were assumed, not detected (said in hovers and the status item). */
  assumedVersions?: { lxc?: boolean; podman?: boolean };
  /** Man page directories to read hover text from; undefined or empty turns it off. */
  manDirs?: string[];
  /**
   * Most diagnostics returned for one document (the editor sets it: a file with hundreds of
   * thousands of problems would otherwise flood the client); the rest are summed up in one
   * closing diagnostic. Unlimited when unset (the CLI lists everything).
   */
  maxDiagnostics?: number;
  /**
   * Largest document (in characters) of a language checked in one pass, without slices (all
   * but LXC): a larger one gets one `ctconf/too-large` finding and no other service, since its
   * check would hold up every other document (the editor sets it). Unlimited when unset.
   */
  onePassLimit?: number;
  /** Where a rule is documented (a link per code); the public RULES.md when unset. */
  ruleHref?: (code: RuleCode) => string | undefined;
}

/** A document as the front doors hand it over. */
export interface TextDoc {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** Everything a language may consult for one document. */
export interface DocContext {
  readonly uri: string;
  /** The document's path on disk, if it has one. */
  readonly path: string | undefined;
  readonly host: Host;
  readonly config: ServiceConfig;
  /** Man pages of this host; undefined when turned off or in Restricted Mode. */
  man(): ManPages | undefined;
  /**
   * The other documents the front door knows about (open editors; the CLI's inputs), for
   * checks that sit between files. Never includes the document itself.
   */
  others(): readonly TextDoc[];
  /**
   * Every document the front door knows, this one included: the same array for as long as the
   * set is unchanged, so a language can index it once (a WeakMap keyed by the array).
   */
  workspace(): readonly TextDoc[];
  /** State shared by every document of one service (caches keyed by language). */
  shared<T>(key: string, make: () => T): T;
}

export interface LanguageSupport<M> {
  readonly id: LanguageId;
  /**
   * Its findings read other documents (checks between files: /etc/subuid, lxc-usernet, the
   * idmaps of other containers), so an editor checks it again when another document changes.
   */
  readonly readsOthers?: boolean;
  /** Builds the model of one document version (called once per version). */
  parse(text: string, ctx: DocContext): M;
  /** `parse` in slices, for a front door that answers requests in between (a huge document). */
  parseSlices?(text: string, ctx: DocContext): Slices<M>;
  findings(model: M, ctx: DocContext): Finding[];
  /**
   * The costly part of `findings`, in slices, for a front door that answers requests in
   * between (the server, on a huge document); `findings` finishes whatever is left.
   */
  prepare?(model: M, ctx: DocContext): Slices<void>;
  hover?(model: M, pos: Position, ctx: DocContext): Hover | null;
  completion?(model: M, pos: Position, ctx: DocContext): CompletionItem[];
  resolveCompletion?(item: CompletionItem, ctx: Omit<DocContext, 'uri' | 'path'>): CompletionItem;
  /** Quick fixes for the diagnostics the client sends, and actions where the cursor is. */
  codeActions?(model: M, range: Range, diagnostics: Diagnostic[], ctx: DocContext): CodeAction[];
  /** With `max`, symbols past the first max + 1 may be NOT_SHOWN placeholders (symbols.ts). */
  symbols?(model: M, ctx: DocContext, max?: number): DocumentSymbol[];
  folding?(model: M, ctx: DocContext): FoldingRange[];
  links?(model: M, ctx: DocContext): DocumentLink[];
  inlayHints?(model: M, range: Range, ctx: DocContext): InlayHint[];
  /** Where what is under the cursor was set (an included file and line), for go-to-definition. */
  definition?(model: M, pos: Position, ctx: DocContext): Location[];
  /** A read-only text view of the resolved configuration with origins. */
  effective?(model: M, ctx: DocContext): string | undefined;
  /** Capabilities the container loses, and the edit that allows one again (LXC). */
  capabilities?: {
    dropped(model: M, ctx: DocContext): string[];
    /** Where each dropped capability was dropped first (file undefined: the document). */
    origins?(model: M, ctx: DocContext): { name: string; file?: string; line: number }[];
    /** `line`: the keep line whose hover asked (allowed by rewriting that line). */
    allow(model: M, cap: string, ctx: DocContext, line?: number): { title: string; edit: WorkspaceEdit } | undefined;
  };
}

/** A support of any model type (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLanguageSupport = LanguageSupport<any>;

/** The host's own man page text for a hover, named with its page and version. */
export function manNote(e: ManEntry | undefined): string | undefined {
  return e ? `_From ${e.page} on this host${e.version ? ` (${escapeMarkdown(e.version)})` : ''}:_\n\n${e.markdown}` : undefined;
}
