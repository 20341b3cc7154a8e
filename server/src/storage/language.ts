/** containers/storage's storage.conf as a language of the engine. */
import type { LanguageSupport } from '../language';
import { parseToml, type TomlDocument } from '../containers/toml';
import { completeToml, hoverToml, tomlCodeActions, tomlSymbols, type FormatInfo } from './features';
import { DRIVERS, PULL_OPTIONS, STORAGE_SCHEMA } from './keys';
import { validateStorageConf } from './validate';
import { podmanBranch } from './check';
import { jsonSchema } from './schema';
import { atLeast } from '../util/version';
import { mergeStorage, storageLayersText } from './layers';

export const STORAGE_MANPAGE_URL = 'https://github.com/containers/container-libs/blob/main/storage/docs/containers-storage.conf.5.md';

export function storageFormat(podmanVersion: string): FormatInfo {
  return {
    schema: STORAGE_SCHEMA,
    file: 'containers-storage.conf',
    manUrl: STORAGE_MANPAGE_URL,
    podmanVersion,
    valueDoc: (k, v) => (k.table === 'storage' && k.key === 'driver' ? DRIVERS.find((d) => d.name === v)?.doc : undefined),
    mapEntryDoc: (owner, name) => (owner === 'storage.options.pull_options' ? PULL_OPTIONS.find((p) => p.name === name)?.doc : undefined),
  };
}

/** Draft 4 JSON Schema of storage.conf for the target Podman (the build writes it out). */
export function storageSchema(podmanVersion = '4.3'): object {
  return jsonSchema(STORAGE_SCHEMA, 'containers-storage.conf', podmanVersion, atLeast);
}

export const storageLanguage: LanguageSupport<TomlDocument> = {
  id: 'containers-storage-conf',
  parse: (text) => parseToml(text),
  findings: (doc, ctx) => validateStorageConf(doc, { podmanVersion: podmanBranch(ctx.config.podmanVersion), path: ctx.path, readFile: ctx.config.restricted ? undefined : (f) => ctx.host.readFile(f), exists: ctx.config.restricted ? undefined : (f) => ctx.host.stat(f)?.type === 'file', typeOf: ctx.config.restricted ? undefined : (f) => { const t = ctx.host.stat(f)?.type; return t === undefined ? undefined : t === 'file' || t === 'directory' ? t : 'other'; }, rootlessHome: ctx.config.restricted || (ctx.host.uid?.() ?? 0) === 0 ? undefined : ctx.host.env('HOME') }),
  effective: (doc, ctx) => {
    if (ctx.config.restricted) return undefined;
    const v = podmanBranch(ctx.config.podmanVersion);
    return storageLayersText(mergeStorage(ctx.host, v, ctx.path, doc.text), v, ctx.path);
  },
  hover: (doc, pos, ctx) => hoverToml(doc, pos, storageFormat(podmanBranch(ctx.config.podmanVersion))),
  completion: (doc, pos, ctx) => completeToml(doc, pos, storageFormat(podmanBranch(ctx.config.podmanVersion))),
  codeActions: (_doc, _range, diagnostics, ctx) => tomlCodeActions(ctx.uri, diagnostics, 'storage', ['storage/invalid-value', 'storage/unknown-driver', 'storage/overlay2']),
  symbols: (doc) => tomlSymbols(doc),
};
