/** Small helpers shared by the quick-fix providers of both languages. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { RULE_DATA, fixData, isRuleCode, type CodeWithData } from '../rules';

/** A quick fix that carries its edit. */
export function quickFix(title: string, uri: string, edits: TextEdit[], diagnostics: Diagnostic[] | undefined, preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: preferred || undefined, edit: { changes: { [uri]: edits } } };
}

/** The `suggestion` a validator stored in a diagnostic's data, if its code declares one. */
export function suggestionOf(d: Diagnostic): string | undefined {
  if (!isRuleCode(d.code)) return undefined;
  const spec = RULE_DATA[d.code];
  if (!spec || !('suggestion' in spec)) return undefined;
  const s = (fixData(d, d.code as CodeWithData) as { suggestion?: string | null } | undefined)?.suggestion;
  return typeof s === 'string' ? s : undefined;
}

/** "Change to X" for a diagnostic that carries a suggestion. */
export function replaceWithSuggestion(d: Diagnostic, uri: string, quote = false): CodeAction | undefined {
  const s = suggestionOf(d);
  if (!s) return undefined;
  const text = quote ? `"${s}"` : s;
  return quickFix(`Change to ${text}`, uri, [{ range: d.range, newText: text }], [d], true);
}
