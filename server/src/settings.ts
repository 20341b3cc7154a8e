/**
 * Settings the service understands. package.json's `contributes.configuration` must
 * describe exactly these (a test compares them), and the CLI reads the same shape
 * from `.ctconf.json`.
 */
import type { SeveritySetting } from './rules';
import { LXC_FALLBACK_VERSION, isLxcVersion, type LxcVersion, type LxcVersionSetting } from './lxc/version';

export interface CtconfSettings {
  lxc: { version: LxcVersionSetting };
  podman: { version: string };
  rules: Record<string, SeveritySetting>;
  manPages: { enabled: boolean; paths: string[] };
  trace: { server: 'off' | 'messages' | 'verbose' };
}

/** The keys package.json contributes, as dotted names, with their defaults. */
export const SETTING_DEFAULTS = {
  'ctconf.lxc.version': 'auto',
  'ctconf.podman.version': 'auto',
  'ctconf.rules': {},
  'ctconf.manPages.enabled': true,
  'ctconf.manPages.paths': [],
  'ctconf.trace.server': 'off',
} as const;

export function defaultSettings(): CtconfSettings {
  return { lxc: { version: 'auto' }, podman: { version: 'auto' }, rules: {}, manPages: { enabled: true, paths: [] }, trace: { server: 'off' } };
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Problems listed one by one; past this many, one line counts the rest (a settings file with 100,000 bad rules must not print 100,000 lines). */
export const MAX_SETTING_PROBLEMS = 20;

/**
 * Accepts anything (a client's JSON) and returns well-formed settings plus problems found:
 * `problems` lists the first MAX_SETTING_PROBLEMS and then one line that counts the rest;
 * `total` is how many there are in all.
 */
export function normalizeSettings(raw: unknown): { settings: CtconfSettings; problems: string[]; total: number } {
  const s = defaultSettings();
  const problems: string[] = [];
  let unlisted = 0;
  // The text of a problem is built only when it is listed: 100,000 bad rules took 570 ms of
  // the server's start-up (profiled), most of it in messages that were then thrown away.
  const problem = (p: () => string): void => {
    if (problems.length < MAX_SETTING_PROBLEMS) problems.push(p());
    else unlisted++;
  };
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const r = obj(raw);
  const lxcVersion = obj(r.lxc).version;
  if (typeof lxcVersion === 'string') {
    if (lxcVersion === 'auto' || isLxcVersion(lxcVersion)) s.lxc.version = lxcVersion;
    else problem(() => `ctconf.lxc.version: "${lxcVersion}" is not one of auto, 4.0, 5.0, 6.0, 7.0`);
  }
  const podmanVersion = obj(r.podman).version;
  if (typeof podmanVersion === 'string') s.podman.version = podmanVersion;
  const rules = obj(r.rules);
  // A plain loop over the keys: no [key, value] array and no message closure per rule
  // (100,000 bad rules: 110 ms with both, 45 ms without, at load 10 on 2 cores).
  const codes = Object.keys(rules);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const sev = rules[code];
    if (typeof sev === 'string' && SEVERITIES.has(sev)) s.rules[code] = sev as SeveritySetting;
    else if (problems.length < MAX_SETTING_PROBLEMS) problems.push(`ctconf.rules.${clip(code)}: ${typeof sev === 'string' ? `"${clip(sev)}"` : typeof sev} is not one of error, warning, information, hint, off`);
    else unlisted++;
  }
  const man = obj(r.manPages);
  if (typeof man.enabled === 'boolean') s.manPages.enabled = man.enabled;
  if (Array.isArray(man.paths)) s.manPages.paths = man.paths.filter((x): x is string => typeof x === 'string');
  const trace = obj(r.trace).server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace.server = trace;
  const total = problems.length + unlisted;
  if (unlisted > 0) problems.push(`… and ${unlisted.toLocaleString('en')} more problem${unlisted === 1 ? '' : 's'} in the settings are not shown (${total.toLocaleString('en')} in all)`);
  return { settings: s, problems, total };
}

const clip = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

export function effectiveLxcVersion(setting: LxcVersionSetting, detected: LxcVersion | undefined): LxcVersion {
  if (setting !== 'auto') return setting;
  return detected ?? LXC_FALLBACK_VERSION;
}
