/**
 * liblxc as an oracle: runs .cache/bin/lxccheck (built by scripts/prepare.sh from
 * test/oracles/lxccheck.c against the installed liblxc) on config files.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE } from './paths';

export const LXCCHECK = path.join(CACHE, 'bin', 'lxccheck');

export type Verdict = 'accept' | 'reject' | 'crash' | 'timeout';

export interface OracleResult {
  verdict: Verdict;
  items: Record<string, string>;
}

/** Why the oracle cannot run here, or undefined when it can. */
export function lxcOracleMissing(): string | undefined {
  if (!fs.existsSync(LXCCHECK)) return `liblxc oracle not built (${LXCCHECK} missing: scripts/prepare.sh needs root to install lxc-dev and gcc)`;
  return undefined;
}

/** Installed liblxc release, e.g. "5.0.2". */
export function liblxcRelease(): string | undefined {
  try {
    return execFileSync('lxc-start', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Loads every file with liblxc; returns verdicts keyed by path. */
export function runLxcOracle(files: string[], getKeys: string[] = [], cwd?: string): Map<string, OracleResult> {
  const out = new Map<string, OracleResult>();
  const chunk = 200;
  for (let i = 0; i < files.length; i += chunk) {
    const args = [...getKeys.flatMap((k) => ['-g', k]), ...files.slice(i, i + chunk)];
    const stdout = execFileSync(LXCCHECK, args, { encoding: 'utf8', cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    for (const line of stdout.split('\n')) {
      if (!line) continue;
      const [file, verdict, ...rest] = line.split('\t');
      const items: Record<string, string> = {};
      for (const r of rest) {
        const eq = r.indexOf('=');
        items[r.slice(0, eq)] = r.slice(eq + 1).trim();
      }
      out.set(file, { verdict: verdict as Verdict, items });
    }
  }
  return out;
}
