/**
 * Where each rule is documented: RULES.md ships next to the bundles (in the .vsix and the npm
 * package), so links in diagnostics, SARIF and hovers point at that local file and its line,
 * readable offline. Node only; the front doors pass `ruleHref` to the service.
 */
import * as path from 'node:path';
import { readRegularFile } from './util/read';
import { pathToUri } from './util/uri';
import { ruleAnchor, type RuleCode } from './rules';

/**
 * Links to the rules' sections in the RULES.md at `file` (`file:///…/RULES.md#L42`, the form
 * editors open at that line), or undefined when the file cannot be read.
 */
export function localRuleDocs(file: string): ((code: RuleCode) => string | undefined) | undefined {
  const r = readRegularFile(file, 4 * 1024 * 1024);
  if (!r.ok) return undefined;
  const lines = new Map<string, number>();
  r.bytes.toString('utf8').split('\n').forEach((l, i) => {
    const m = /^### ([a-z0-9-]+)\s*$/.exec(l);
    if (m) lines.set(m[1], i + 1);
  });
  const uri = pathToUri(path.resolve(file));
  return (code) => {
    const line = lines.get(ruleAnchor(code));
    return line === undefined ? undefined : `${uri}#L${line}`;
  };
}

/** RULES.md next to the running bundle (dist/ → ../RULES.md), if it is there. */
export function bundledRuleDocs(): ((code: RuleCode) => string | undefined) | undefined {
  return localRuleDocs(path.join(__dirname, '..', 'RULES.md'));
}
