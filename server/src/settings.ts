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

/** Accepts anything (a client's JSON) and returns well-formed settings plus problems found. */
export function normalizeSettings(raw: unknown): { settings: CtconfSettings; problems: string[] } {
  const s = defaultSettings();
  const problems: string[] = [];
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const r = obj(raw);
  const lxcVersion = obj(r.lxc).version;
  if (typeof lxcVersion === 'string') {
    if (lxcVersion === 'auto' || isLxcVersion(lxcVersion)) s.lxc.version = lxcVersion;
    else problems.push(`ctconf.lxc.version: "${lxcVersion}" is not one of auto, 4.0, 5.0, 6.0, 7.0`);
  }
  const podmanVersion = obj(r.podman).version;
  if (typeof podmanVersion === 'string') s.podman.version = podmanVersion;
  for (const [code, sev] of Object.entries(obj(r.rules))) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) s.rules[code] = sev as SeveritySetting;
    else problems.push(`ctconf.rules.${code}: "${String(sev)}" is not one of error, warning, information, hint, off`);
  }
  const man = obj(r.manPages);
  if (typeof man.enabled === 'boolean') s.manPages.enabled = man.enabled;
  if (Array.isArray(man.paths)) s.manPages.paths = man.paths.filter((x): x is string => typeof x === 'string');
  const trace = obj(r.trace).server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace.server = trace;
  return { settings: s, problems };
}

export function effectiveLxcVersion(setting: LxcVersionSetting, detected: LxcVersion | undefined): LxcVersion {
  if (setting !== 'auto') return setting;
  return detected ?? LXC_FALLBACK_VERSION;
}
