/** containers/image's registries.conf (and its registries.conf.d drop-ins) as a language of the engine. */
import type { LanguageSupport } from '../language';
import { parseToml, type TomlDocument } from '../containers/toml';
import { completeToml, hoverToml, tomlCodeActions, tomlSymbols, type FormatInfo } from '../storage/features';
import { podmanBranch } from '../storage/check';
import { jsonSchema } from '../storage/schema';
import { atLeast } from '../util/version';
import { PULL_FROM_MIRROR, REGISTRIES_SCHEMA, SHORT_NAME_MODES } from './keys';
import { validateRegistriesConf } from './validate';

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

export const registriesLanguage: LanguageSupport<TomlDocument> = {
  id: 'containers-registries-conf',
  parse: (text) => parseToml(text),
  findings: (doc, ctx) => validateRegistriesConf(doc, { podmanVersion: podmanBranch(ctx.config.podmanVersion), path: ctx.path }),
  hover: (doc, pos, ctx) => hoverToml(doc, pos, registriesFormat(podmanBranch(ctx.config.podmanVersion))),
  completion: (doc, pos, ctx) => completeToml(doc, pos, registriesFormat(podmanBranch(ctx.config.podmanVersion))),
  codeActions: (_doc, _range, diagnostics, ctx) => tomlCodeActions(ctx.uri, diagnostics, 'registries', ['registries/invalid-value']),
  symbols: (doc) => tomlSymbols(doc),
};
