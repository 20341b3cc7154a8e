/** The settings of a `ctconf check` run: .ctconf.json (or --config) overridden by the options. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, type CtconfSettings } from '../settings';
import { readRegularFile } from '../util/read';
import { escapeTerminal } from '../util/markdown';
import { UsageError, type CheckOptions } from './args';
import { checkPodmanVersion } from './versions';

/** The nearest .ctconf.json at or above `start` (a dangling link counts: reading it reports the problem). */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, '.ctconf.json');
    try {
      fs.lstatSync(candidate);
      return candidate;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The settings, and problems in the settings file (reported, exit 2, the check goes on). */
export function loadSettings(o: CheckOptions, cwd: string): { settings: CtconfSettings; problems: string[] } {
  let raw: unknown = {};
  const file = o.config ?? findConfig(cwd);
  const shown = file === undefined ? '' : escapeTerminal(file);
  if (file !== undefined) {
    const r = readRegularFile(path.resolve(cwd, file));
    if (!r.ok) throw new UsageError(`cannot read settings file ${shown}: ${r.message}`);
    try {
      raw = JSON.parse(r.bytes.toString('utf8'));
    } catch (e) {
      throw new UsageError(`cannot read settings file ${shown}: ${escapeTerminal((e as Error).message).slice(0, 200)}`);
    }
  }
  const { settings, problems } = normalizeSettings(raw);
  const shownProblems = problems.map((p) => `${shown}: ${escapeTerminal(p)}`);
  if (o.podmanVersion === undefined) {
    const bad = checkPodmanVersion(settings.podman.version);
    if (bad) {
      shownProblems.push(`${shown}: ctconf.podman.version: ${bad}`);
      settings.podman.version = 'auto';
    }
  }
  if (o.lxcVersion) settings.lxc.version = o.lxcVersion;
  if (o.podmanVersion) settings.podman.version = o.podmanVersion;
  Object.assign(settings.rules, o.rules);
  return { settings, problems: shownProblems };
}
