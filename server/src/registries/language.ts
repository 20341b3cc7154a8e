/** containers/image's registries.conf (and its registries.conf.d drop-ins) as a language of the engine. */
import type { LanguageSupport } from '../language';
import { parseToml, type TomlDocument } from '../containers/toml';
import { completeToml, hoverToml, tomlCodeActions, tomlSymbols, type FormatInfo } from '../storage/features';
import { podmanBranch } from '../storage/check';
import { jsonSchema } from '../storage/schema';
import { atLeast } from '../util/version';
import { PULL_FROM_MIRROR, REGISTRIES_SCHEMA, SHORT_NAME_MODES } from './keys';
import { validateRegistriesConf } from './validate';
import { layersText, mergeRegistries, settingsOf } from './layers';
import type { Finding } from '../diagnostic';
import type { DocContext } from '../language';

export const REGISTRIES_MANPAGE_URL = 'https://github.com/containers/container-libs/blob/main/image/docs/containers-registries.conf.5.md';

export function registriesFormat(podmanVersion: string): FormatInfo {
  return {
    schema: REGISTRIES_SCHEMA,
    file: 'containers-registries.conf',
    manUrl: REGISTRIES_MANPAGE_URL,
    podmanVersion,
    valueDoc: (k, v) => (k.key === 'short-name-mode' ? SHORT_NAME_MODES : k.key === 'pull-from-mirror' ? PULL_FROM_MIRROR : []).find((m) => m.name === v)?.doc,
    mapEntryDoc: (owner) => (owner === 'aliases' ? 'a short name; pulling it fetches the image named on the right, without asking any search registry.' : undefined),
  };
}

/** Draft 4 JSON Schema of registries.conf for the target Podman (the build writes it out). */
export function registriesSchema(podmanVersion = '4.3'): object {
  return jsonSchema(REGISTRIES_SCHEMA, 'containers-registries.conf', podmanVersion, atLeast);
}

/** Settings of this file that a file read later replaces (none in Restricted Mode or without a path). */
export function overridden(doc: TomlDocument, ctx: DocContext): Finding[] {
  if (ctx.config.restricted || !ctx.path) return [];
  const layers = mergeRegistries(ctx.host, ctx.path, doc.text);
  if (!layers.files.includes(ctx.path)) return [];
  const lineEnd = (l: number) => (l + 1 < doc.lineStarts.length ? doc.lineStarts[l + 1] - 1 : doc.text.length) - doc.lineStarts[l];
  return settingsOf(doc, ctx.path).flatMap((s): Finding[] => {
    const w = layers.values.get(s.name);
    if (!w || w.file === ctx.path) return [];
    const what = s.name.startsWith('alias:') ? `The alias \`${s.name.slice(6)}\`` : s.name.startsWith('registry:') ? `This \`[[registry]]\` for \`${s.name.slice(9)}\`` : `\`${s.name}\``;
    return [{ code: 'registries/overridden', message: `${what} has no effect: ${w.file} (line ${w.line + 1}), read after this file, sets it again.`, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: Math.max(0, lineEnd(s.line)) } }, unnecessary: true }];
  });
}

export const registriesLanguage: LanguageSupport<TomlDocument> = {
  id: 'containers-registries-conf',
  parse: (text) => parseToml(text),
  findings: (doc, ctx) => [...validateRegistriesConf(doc, { podmanVersion: podmanBranch(ctx.config.podmanVersion), path: ctx.path }), ...overridden(doc, ctx)],
  effective: (doc, ctx) => (ctx.config.restricted ? undefined : layersText(mergeRegistries(ctx.host, ctx.path, doc.text))),
  hover: (doc, pos, ctx) => hoverToml(doc, pos, registriesFormat(podmanBranch(ctx.config.podmanVersion))),
  completion: (doc, pos, ctx) => completeToml(doc, pos, registriesFormat(podmanBranch(ctx.config.podmanVersion))),
  codeActions: (_doc, _range, diagnostics, ctx) => tomlCodeActions(ctx.uri, diagnostics, 'registries', ['registries/invalid-value']),
  symbols: (doc) => tomlSymbols(doc),
};
