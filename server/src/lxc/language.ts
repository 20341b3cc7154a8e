/** LXC container configs (and LXC's system lxc.conf) as a language of the engine. */
import { CodeActionKind, InlayHintKind, type CodeAction, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { DocContext, LanguageSupport } from '../language';
import { parseLxcSlices, type LxcDocument } from './parser';
import { IncludeCache, analyzeLxcSlices, type LxcAnalysis } from './validate';
import { finish, type Slices } from '../util/slices';
import { allowCapabilityEdit, capabilitiesInRange, definitionSpots, droppedCapabilities, effectiveText, includeSummary, inheritedDrops, keepLineAllowEdit, keepLinesInRange, lxcInlayHints } from './effective';
import { isSystemConfigPath, validateLxcSystem } from './system';
import { hoverLxc } from './hover';
import { completeLxc, resolveLxcCompletion } from './complete';
import { lxcCodeActions, lxcFixAll } from './actions';
import { pathToUri } from '../util/uri';
import { lxcFolding, lxcLinks, lxcSymbols } from './outline';
import { manNote } from '../language';
import { CAPABILITIES } from '../capabilities/table';
import { lxcSelinuxHover } from './selinux';
import { appendAll } from '../util/arrays';

/** Capability names ctconf knows (its own table): the only text a command link is written around. */
const KNOWN_CAPABILITIES: ReadonlySet<string> = new Set(CAPABILITIES.map((c) => c.name));

/** Hover text of an include line in Restricted Mode. */
const NOT_FOLLOWED = '**Not followed in Restricted Mode**: ctconf does not read other files until the workspace is trusted, so what this include drops, sets or adds is not known here, and later lines are checked without it.';

/** "LXC 6.0 assumed: …" when the target version was not detected. */
function versionNote(ctx: DocContext): string | undefined {
  if (!ctx.config.assumedVersions?.lxc) return undefined;
  const v = ctx.config.lxcVersion;
  return ctx.config.restricted ? `LXC ${v} assumed: Restricted Mode does not run lxc-start` : `LXC ${v} assumed: no lxc-start found on this host`;
}

/**
 * Restricted Mode marks each include line with an inlay hint (not a diagnostic: nothing is
 * wrong with the file, and the Problems view stays about the file itself).
 */
function notFollowedHints(doc: LxcDocument, r: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const l of doc.items) {
    if (l.line < r.start.line) continue;
    if (l.line > r.end.line || out.length >= 1000) break;
    if (l.kind !== 'entry' || l.unseen || l.key !== 'lxc.include' || l.value === '') continue;
    out.push({
      position: { line: l.line, character: doc.lineText(l.line).length },
      label: 'not followed (Restricted Mode)',
      tooltip: 'ctconf reads included files only in a trusted workspace; trust it to check this include.',
      kind: InlayHintKind.Type,
      paddingLeft: true,
    });
  }
  return out;
}

/**
 * One version of an LXC document: the parsed lines, and the analysis built on first use. The
 * analysis may have been started in slices (`prepare`); whoever needs it first finishes it.
 */
export class LxcModel {
  private analyzed?: LxcAnalysis;
  private running?: Slices<LxcAnalysis>;
  constructor(
    readonly doc: LxcDocument,
    /** LXC's system configuration (lxc.conf) has its own keys and no container analysis. */
    readonly system: boolean,
  ) {}

  analysis(ctx: DocContext): LxcAnalysis | undefined {
    if (this.system) return undefined;
    if (!this.analyzed) {
      const work = this.started(ctx);
      try {
        this.analyzed = finish(work);
      } finally {
        this.running = undefined;
      }
    }
    return this.analyzed;
  }

  /** The analysis, one slice of lines per step; `analysis()` is immediate once it has run out. */
  *prepare(ctx: DocContext): Slices<void> {
    if (this.system || this.analyzed) return;
    const work = this.started(ctx);
    try {
      // A feature that needs the analysis between two steps finishes it (or meets its failure).
      while (!this.analyzed) {
        const r = work.next();
        if (r.done) {
          this.analyzed = r.value;
          return;
        }
        yield;
      }
    } finally {
      // Also when it threw: the next use starts again and reports the failure as usual.
      if (this.running === work) this.running = undefined;
    }
  }

  private started(ctx: DocContext): Slices<LxcAnalysis> {
    // Included files are parsed once per service (a host check includes common.conf 2,000 times).
    const includes = ctx.shared('lxc.includes', () => new IncludeCache());
    this.running ??= analyzeLxcSlices(this.doc, { version: ctx.config.lxcVersion, host: ctx.host, documentPath: ctx.path, restricted: ctx.config.restricted, includes });
    return this.running;
  }
}

function* lxcModelSlices(text: string, ctx: DocContext): Slices<LxcModel> {
  return new LxcModel(yield* parseLxcSlices(text), isSystemConfigPath(ctx.path));
}

export const lxcLanguage: LanguageSupport<LxcModel> = {
  id: 'lxc',
  parse: (text, ctx) => finish(lxcModelSlices(text, ctx)),
  parseSlices: lxcModelSlices,
  findings(m, ctx) {
    return m.analysis(ctx)?.findings ?? validateLxcSystem(m.doc);
  },
  prepare: (m, ctx) => m.prepare(ctx),
  hover(m, pos, ctx) {
    const line = m.doc.lineAt(pos.line);
    const selinux = !m.system && line ? lxcSelinuxHover(line, pos.character) : null;
    if (selinux) return selinux;
    const a = m.analysis(ctx);
    const dropped = new Set(a ? droppedCapabilities(a) : []);
    const man = ctx.man();
    return hoverLxc(m.doc, pos, {
      version: ctx.config.lxcVersion,
      capabilityExtra: (cap) => manNote(man?.capability(cap)),
      keyExtra: (key) => manNote(man?.lxcKey(key)),
      host: ctx.host,
      documentPath: ctx.path,
      versionNote: versionNote(ctx),
      includeSummary: (line) => (ctx.config.restricted ? NOT_FOLLOWED : a ? includeSummary(a, line) : undefined),
      capabilityAction: (name, line, mode) => {
        if (!KNOWN_CAPABILITIES.has(name)) return undefined;
        // In a keep line: allowed by turning that line into the inherited drop list without it.
        if (mode === 'keep') {
          return a && inheritedDrops(a, line)?.names.includes(name)
            ? `[Allow ${name} in this container](command:ctconf.allowCapability?${encodeURIComponent(JSON.stringify([ctx.uri, name, line]))} "Replace this keep line with the inherited drop list without ${name}")`
            : undefined;
        }
        return dropped.has(name)
          ? `[Allow ${name} in this container](command:ctconf.allowCapability?${encodeURIComponent(JSON.stringify([ctx.uri, name]))} "Clear and redefine lxc.cap.drop without ${name}")`
          : undefined;
      },
    });
  },
  completion: (m, pos, ctx) => completeLxc(m.doc, pos, { version: ctx.config.lxcVersion, host: ctx.host }),
  resolveCompletion: (item, ctx) => resolveLxcCompletion(item, ctx.config.lxcVersion),
  codeActions(m, range, diagnostics, ctx) {
    const a = m.analysis(ctx);
    const out: CodeAction[] = [];
    // On a keep line after inherited drops, "Allow X in this container" comes first.
    if (a) {
      for (const line of keepLinesInRange(m.doc, range)) {
        const fix = keepLineAllowEdit(m.doc, a, ctx.uri, line);
        if (!fix) continue;
        const on = diagnostics.filter((d) => d.range.start.line === line && (d.code === 'lxc/cap-mode-conflict' || d.code === 'lxc/cap-keep-too-few'));
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: true, edit: fix.edit, ...(on.length ? { diagnostics: on } : {}) });
      }
    }
    appendAll(out, lxcCodeActions(m.doc, ctx.uri, diagnostics));
    // Source action (and on save with editor.codeActionsOnSave): the safe fixes of the whole file.
    if (a) {
      const all = lxcFixAll(m.doc, ctx.uri, a.findings);
      if (all) out.push(all);
    }
    if (a) {
      for (const cap of capabilitiesInRange(m.doc, a, range)) {
        const fix = allowCapabilityEdit(m.doc, a, ctx.uri, cap);
        if (fix) out.push({ title: fix.title, kind: CodeActionKind.QuickFix, edit: fix.edit });
      }
    }
    return out;
  },
  symbols: (m, _ctx, max) => lxcSymbols(m.doc, max),
  folding: (m) => lxcFolding(m.doc),
  links: (m, ctx) => lxcLinks(m.doc, ctx.host),
  inlayHints(m, range, ctx) {
    const a = m.analysis(ctx);
    if (ctx.config.restricted) return a ? [...lxcInlayHints(m.doc, a, range.start.line, range.end.line), ...notFollowedHints(m.doc, range)] : [];
    return a ? lxcInlayHints(m.doc, a, range.start.line, range.end.line) : [];
  },
  definition(m, pos, ctx) {
    const a = m.analysis(ctx);
    if (!a) return [];
    return definitionSpots(m.doc, a, pos.line, pos.character).slice(0, 100).map((x) => ({ uri: pathToUri(x.file), range: { start: { line: x.line, character: 0 }, end: { line: x.line, character: 0 } } }));
  },
  effective(m, ctx) {
    const a = m.analysis(ctx);
    return a ? effectiveText(a, ctx.path, ctx.config.lxcVersion) : undefined;
  },
  capabilities: {
    dropped(m, ctx) {
      const a = m.analysis(ctx);
      return a ? droppedCapabilities(a) : [];
    },
    origins(m, ctx) {
      const a = m.analysis(ctx);
      if (!a || a.effective.caps.mode !== 'drop') return [];
      const seen = new Set<string>();
      return a.effective.caps.list.filter((c) => !seen.has(c.name) && seen.add(c.name)).map((c) => ({ name: c.name, line: c.line, ...(c.file ? { file: c.file } : {}) }));
    },
    allow(m, cap, ctx, line) {
      const a = m.analysis(ctx);
      if (!a) return undefined;
      if (line !== undefined) {
        const fix = keepLineAllowEdit(m.doc, a, ctx.uri, line, cap);
        if (fix) return { title: fix.title, edit: fix.edit };
      }
      return allowCapabilityEdit(m.doc, a, ctx.uri, cap);
    },
  },
};
