/** Podman's containers.conf as a language of the engine. */
import type { InlayHint } from 'vscode-languageserver-types';
import type { DocContext, LanguageSupport } from '../language';
import { parseToml, positionAt, type TomlDocument } from './toml';
import { validateContainersConf } from './validate';
import { hoverCc, type CcFeatureContext } from './hover';
import { completeCc } from './complete';
import { ccCodeActions } from './actions';
import { ccFolding, ccSymbols } from './outline';
import { escapeMarkdown, inlineCode } from '../util/markdown';
import { layeredText, mergeLayers, notReadReason, viewerFor, type LayeredView } from './layers';
import { NEWEST_PODMAN } from './keys';
import { manNote } from '../language';

/** `4.3.1` → `4.3`; `latest` or nonsense → the newest release ctconf knows. */
export function podmanBranch(v: string): string {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : NEWEST_PODMAN;
}

/** One version of a containers.conf document: the TOML model, and the layers on first use. */
export class CcModel {
  private view?: LayeredView | null;
  constructor(readonly doc: TomlDocument) {}

  /** The files Podman reads around this one, merged; undefined in Restricted Mode. */
  layers(ctx: DocContext): LayeredView | undefined {
    if (ctx.config.restricted) return undefined;
    this.view ??= mergeLayers(ctx.host, podmanBranch(ctx.config.podmanVersion), ctx.host.uid?.() ?? 0, ctx.path, this.doc.text, viewerFor(ctx.host, ctx.path));
    return this.view ?? undefined;
  }
}

function featureContext(m: CcModel, ctx: DocContext): CcFeatureContext {
  const man = ctx.man();
  return {
    podmanVersion: podmanBranch(ctx.config.podmanVersion),
    uri: ctx.uri,
    effective: (path: string[]) => {
      const view = m.layers(ctx);
      if (!view) return undefined;
      const notRead = notReadReason(view, podmanBranch(ctx.config.podmanVersion));
      if (notRead) return `**Not read:** ${escapeMarkdown(notRead)}`;
      const v = view.values.get(path.join('.'));
      if (!v) return undefined;
      const where = `${inlineCode(v.file)} line ${v.line + 1}`;
      const text = v.layer > view.self
        ? `**Effective value:** ${inlineCode(v.text)}, set last by ${where}, which Podman reads after this file: **this line has no effect**.`
        : v.layer === view.self
          ? `**Effective value:** ${inlineCode(v.text)} (no later file changes it).`
          : undefined;
      return text && view.viewer.reason ? `${text} Computed for UID ${view.viewer.uid}, who owns this file.` : text;
    },
    capabilityExtra: (cap: string) => manNote(man?.capability(cap)),
    keyExtra: (key: string) => manNote(man?.containersKey(key)),
  };
}

export const containersLanguage: LanguageSupport<CcModel> = {
  id: 'containers-conf',
  parse: (text) => new CcModel(parseToml(text)),
  findings: (m, ctx) => validateContainersConf(m.doc, { podmanVersion: podmanBranch(ctx.config.podmanVersion), host: ctx.host, restricted: ctx.config.restricted }),
  hover: (m, pos, ctx) => hoverCc(m.doc, pos, featureContext(m, ctx)),
  completion: (m, pos, ctx) => completeCc(m.doc, pos, featureContext(m, ctx)),
  codeActions: (m, range, diagnostics, ctx) => ccCodeActions(m.doc, ctx.uri, range, diagnostics),
  symbols: (m) => ccSymbols(m.doc),
  folding: (m) => ccFolding(m.doc),
  inlayHints(m, range, ctx) {
    const view = m.layers(ctx);
    if (!view || view.self < 0) return [];
    const out: InlayHint[] = [];
    for (const e of m.doc.entries) {
      const line = positionAt(m.doc, e.kv.start).line;
      if (line < range.start.line || line > range.end.line) continue;
      const v = view.values.get(e.path.join('.')) ?? [...view.values].find(([k]) => k.toLowerCase() === e.path.join('.').toLowerCase())?.[1];
      if (!v || v.layer <= view.self) continue;
      const end = positionAt(m.doc, e.kv.end);
      out.push({ position: end, label: `overridden by ${v.file.split('/').pop()}:${v.line + 1} → ${v.text.length > 40 ? `${v.text.slice(0, 37)}…` : v.text}`, paddingLeft: true });
    }
    return out;
  },
  effective(m, ctx) {
    const view = m.layers(ctx);
    return view ? layeredText(view, podmanBranch(ctx.config.podmanVersion)) : undefined;
  },
};
