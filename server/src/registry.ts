/**
 * Every language the engine serves, by language id. A new format is one folder with a
 * `LanguageSupport` (language.ts), one line here, and its path patterns in languages.ts.
 */
import type { AnyLanguageSupport } from './language';
import type { LanguageId } from './languages';
import { lxcLanguage } from './lxc/language';
import { containersLanguage } from './containers/language';
import { storageLanguage } from './storage/language';
import { registriesLanguage } from './registries/language';
import { seccompLanguage } from './seccomp/language';
import { selinuxContextsLanguage } from './selinux/language';
import { mountsLanguage } from './mounts/language';
import { subidLanguage } from './subid/language';
import { usernetLanguage } from './usernet/language';
import { withUnprivChecks } from './unpriv/lxc';
import { proxmoxLanguage } from './proxmox/language';
import { incusLanguage } from './incus/language';

export const LANGUAGES: Readonly<Record<LanguageId, AnyLanguageSupport>> = {
  // LXC configs also get the checks between files of unprivileged containers (unpriv/).
  lxc: withUnprivChecks(lxcLanguage),
  'containers-conf': containersLanguage,
  'containers-storage-conf': storageLanguage,
  'containers-registries-conf': registriesLanguage,
  'seccomp-json': seccompLanguage,
  'selinux-contexts': selinuxContextsLanguage,
  'containers-mounts-conf': mountsLanguage,
  subid: subidLanguage,
  'lxc-usernet': usernetLanguage,
  'proxmox-ct': proxmoxLanguage,
  'incus-yaml': incusLanguage,
};

export function languageSupport(id: string): AnyLanguageSupport | undefined {
  return Object.prototype.hasOwnProperty.call(LANGUAGES, id) ? LANGUAGES[id as LanguageId] : undefined;
}

/** The language a completion item's `data.ctconf` tag (`<language id>-<kind>`) belongs to. */
export function languageOfTag(tag: string): AnyLanguageSupport | undefined {
  let best: AnyLanguageSupport | undefined;
  for (const s of Object.values(LANGUAGES)) if (tag.startsWith(`${s.id}-`) && (!best || s.id.length > best.id.length)) best = s;
  return best;
}
