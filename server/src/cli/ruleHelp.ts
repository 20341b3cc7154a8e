/**
 * The help text of each rule: its section of RULES.md (`### code-with-dashes`), embedded in
 * the bundle at build time (esbuild's text loader), so the CLI reads no file for it.
 */
import rulesMarkdown from '../../../RULES.md';

export interface RuleHelp {
  /** The section as plain text: Markdown code fences and backticks removed. */
  text: string;
  markdown: string;
}

/** Help by rule code (`lxc/legacy-key`), from the sections whose anchor matches a code. */
export function ruleHelp(markdown: string = rulesMarkdown): Map<string, RuleHelp> {
  const out = new Map<string, RuleHelp>();
  const sections = markdown.split(/^### /m).slice(1);
  for (const s of sections) {
    const nl = s.indexOf('\n');
    const anchor = s.slice(0, nl === -1 ? undefined : nl).trim();
    const body = (nl === -1 ? '' : s.slice(nl + 1)).split(/^## /m)[0].trim();
    const first = /^`([a-z]+\/[a-z0-9-]+)`/.exec(body);
    if (!first || first[1].replace(/[^a-z0-9]+/g, '-') !== anchor) continue;
    out.set(first[1], { markdown: body, text: body.replace(/^```.*$/gm, '').replace(/`/g, '').replace(/\n{3,}/g, '\n\n').trim() });
  }
  return out;
}
