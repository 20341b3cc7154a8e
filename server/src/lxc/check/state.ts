/**
 * The state of one validation run: what liblxc has built up after each line (capability
 * list and mode, network interfaces, namespace lists, last-wins keys, idmaps), where the
 * walk is (which file, how deep), and the findings so far. One object per run, passed to
 * the modules of this folder; nothing is kept between runs.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Host } from '../../host';
import { range, type Finding } from '../../diagnostic';
import { resolvePath } from '../../util/paths';
import type { LxcLine } from '../parser';
import type { NetType } from '../keys';
import type { PlacedIdmap } from '../idmap';
import type { ValueContext } from '../values';
import type { LxcVersion } from '../version';
import type { IncludeCache } from './includeCache';
import { ValueTable } from './valueTable';
import { emptyCapLine, type CapLine } from './caps';

export interface LxcValidateOptions {
  version: LxcVersion;
  host: Host;
  /** Path of the document on disk, if it has one (for include cycles). */
  documentPath?: string;
  /**
   * Restricted Mode (untrusted workspace): no host files or environment are consulted,
   * so checks that depend on them are skipped rather than guessed.
   */
  restricted?: boolean;
  /** Parsed included files shared between runs (owned by the language service). */
  includes?: IncludeCache;
}

/** Where a setting came from: a file (undefined = the document itself) and a line. */
export interface Origin {
  file?: string;
  line: number;
  /** The line of the document that led there (the include line, or the line itself). */
  topLine: number;
}

export interface CapEntry extends Origin {
  name: string;
}

/**
 * The capability state after a line. `list` only grows between clears (a clear starts a new
 * array), so a snapshot is the array and its length at that moment: O(1) to take.
 */
export interface CapState {
  mode?: 'drop' | 'keep';
  list: CapEntry[];
  length?: number;
}

/** The entries of a capability state (a snapshot's prefix of its list). */
export function capList(s: CapState): CapEntry[] {
  return s.length === undefined || s.length === s.list.length ? s.list : s.list.slice(0, s.length);
}

export type IdmapEntry = PlacedIdmap;

export interface IncludeInfo {
  line: number;
  path: string;
  kind: 'file' | 'directory' | 'missing';
  files: string[];
}

/** What the container ends up with after the document and everything it includes. */
export interface Effective {
  caps: CapState;
  /** Capability state after each include and lxc.cap.* line of the document. */
  capsAfter: Map<number, CapState>;
  /** Last-wins keys (family sub-keys and network keys by full name) and where they were set. */
  values: ValueTable;
  idmaps: IdmapEntry[];
  includes: IncludeInfo[];
  /**
   * Lines of keys that add up (mount entries, cgroup device rules, hooks …), network types,
   * and the clears between them, in the order LXC reads them: replayed on demand for the
   * effective view (check/lists.ts), so the walk pays O(1) a line.
   */
  lists: ListEvent[];
}

export interface ListEntry extends Origin {
  key: string;
  value: string;
}

/** An entry, or a clear of a key and every key under it (`lxc.hook =`, `lxc.net.0 =`). */
export type ListEvent = ListEntry | { clear: string };

export interface LxcAnalysis {
  findings: Finding[];
  effective: Effective;
}

/**
 * Where a key was written: the parsed line itself, which its document keeps anyway (a copy per
 * assignment cost 500,000 objects for a file of 500,000 keys).
 */
export type KeySpot = Pick<LxcLine, 'line' | 'keyStart' | 'keyEnd' | 'valueEnd' | 'rawEnd'>;

/** End of the whole assignment (value included). */
export const spotEnd = (l: KeySpot): number => (l.valueEnd > l.keyEnd ? l.rawEnd : l.keyEnd);

export interface NetState {
  type?: NetType;
  /** Key ranges of this interface's entries since it was created or last typed. */
  keys: KeySpot[];
  /** Its last-wins keys recorded for duplicate detection (cleared by a type line). */
  lastWins: string[];
}

export class CheckState {
  /** Findings of the document itself. */
  readonly top: Finding[] = [];
  /** Where findings of the file being read go (the document's, or an included file's). */
  out: Finding[] = this.top;
  readonly effective: Effective = { caps: { list: [] }, capsAfter: new Map(), values: new ValueTable(), idmaps: [], includes: [], lists: [] };
  /** The first entry of each capability (by number) in the current list: "already dropped" in O(1). */
  capIndex: (CapEntry | undefined)[] = [];
  readonly nets = new Map<number, NetState>();
  readonly ns = { clone: false, keep: false };
  /**
   * While an included file is read: the last non-empty assignment of each last-wins key in it
   * (duplicates are reported within a file). The document's own are kept in `effective.values`.
   */
  lastSet: Map<string, KeySpot> | undefined;
  /** The file being walked (undefined: the document). */
  file: string | undefined;
  /** The document line that led to the current line (itself, or the include line). */
  topLine = 0;
  depth = 0;
  /** Files being read, outermost first (include cycles). */
  readonly stack: string[];
  filesFollowed = 0;
  /** Ranges of the document's include lines, where findings about included lines are shown. */
  readonly includeRanges = new Map<number, Range>();
  /**
   * While a file of an included directory is read: the keys changed meanwhile, each with the
   * entry it had before (undefined: none), to tell which files of the directory set the same key.
   */
  changed: Map<string, { readonly value: string } | undefined> | undefined;
  /** Findings whose outcome in liblxc depends on its earlier work; shown on include lines too. */
  readonly stateDependent = new WeakSet<Finding>();
  /** The accepted names of the capability line being checked (check/caps.ts). */
  readonly capLine: CapLine = emptyCapLine();
  /** One context object for every value check (its key is set per line). */
  readonly valueCtx: ValueContext;
  /**
   * While the document has only had include lines: the remembered outcome of those lines the
   * state is in (check/firstInclude.ts); null before the first entry, undefined once another
   * entry was walked (or an include could not be remembered).
   */
  leading: { readonly id: number } | null | undefined = null;

  constructor(readonly opts: LxcValidateOptions) {
    this.stack = opts.documentPath ? [opts.documentPath] : [];
    this.valueCtx = {
      version: opts.version,
      env: (n: string) => (opts.restricted ? '' : opts.host.env(n)),
      exists: (p: string) => opts.restricted || opts.host.stat(resolvePath(opts.host.cwd(), p)) !== undefined,
      key: '',
      stat: (p: string) => (opts.restricted ? undefined : opts.host.stat(p)?.type),
      cwd: opts.restricted ? '/' : opts.host.cwd(),
    };
  }

  get caps(): CapState {
    return this.effective.caps;
  }

  /** The document line a line of the current file belongs to. */
  topOf(l: LxcLine): number {
    return this.depth === 0 ? l.line : this.topLine;
  }

  at(l: LxcLine, s: number, e: number): Range {
    return range(l.line, s, e);
  }

  keyRange(l: LxcLine): Range {
    return range(l.line, l.keyStart, l.keyEnd);
  }

  valueRange(l: LxcLine): Range {
    return l.valueEnd > l.valueStart ? range(l.line, l.valueStart, l.valueEnd) : range(l.line, l.eq, l.eq + 1);
  }

  /**
   * Takes over what liblxc has built up in another run (capabilities, interfaces, namespaces,
   * keys, idmaps, lists, includes), copied so that neither run sees the other's later lines.
   * The walk position, the findings and the options stay this run's own. A test keeps this in
   * step with the fields above.
   */
  copyFrom(o: CheckState): void {
    const e = o.effective;
    this.effective.caps = { mode: e.caps.mode, list: e.caps.list.slice() };
    this.effective.capsAfter = new Map(e.capsAfter);
    this.effective.values = new ValueTable(e.values);
    this.effective.idmaps = e.idmaps.slice();
    this.effective.includes = e.includes.map((i) => ({ ...i, files: i.files.slice() }));
    this.effective.lists = e.lists.slice();
    this.capIndex = o.capIndex.slice();
    this.nets.clear();
    for (const [i, n] of o.nets) this.nets.set(i, { type: n.type, keys: n.keys.slice(), lastWins: n.lastWins.slice() });
    this.ns.clone = o.ns.clone;
    this.ns.keep = o.ns.keep;
    this.filesFollowed = o.filesFollowed;
    this.includeRanges.clear();
    for (const [line, r] of o.includeRanges) this.includeRanges.set(line, r);
    this.topLine = o.topLine;
    this.leading = o.leading;
  }

  /** The capability state as it is now, for inlay hints. */
  snapshot(): CapState {
    const c = this.effective.caps;
    return { mode: c.mode, list: c.list, length: c.list.length };
  }
}
