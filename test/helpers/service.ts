/** Small vocabulary for service tests: run a feature on inline text and compare tuples. */
import { createLanguageService, type ServiceConfig } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { LxcVersion } from '../../server/src/lxc/version';

export function lxcService(options: { version?: LxcVersion; host?: Host; rules?: ServiceConfig['rules'] } = {}) {
  return createLanguageService(options.host ?? memoryHost(), {
    lxcVersion: options.version ?? '5.0',
    podmanVersion: '4.3',
    rules: options.rules ?? {},
  });
}

/** Diagnostics as `line:start-end code` strings (0-based), sorted by position. */
export function lxcDiags(text: string, options: Parameters<typeof lxcService>[0] = {}): string[] {
  return lxcService(options)
    .diagnostics({ uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text })
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);
}

/** Only the codes, in order. */
export function lxcCodes(text: string, options: Parameters<typeof lxcService>[0] = {}): string[] {
  return lxcDiags(text, options).map((s) => s.split(' ')[1]);
}

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Position, TextEdit, CodeAction, Diagnostic } from 'vscode-languageserver-types';

/** Splits text with a `|` cursor marker into text and position. */
export function cursor(marked: string): { text: string; pos: Position } {
  const i = marked.indexOf('|');
  if (i === -1) throw new Error('no | cursor in fixture');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  return { text, pos: { line: before.length - 1, character: before[before.length - 1].length } };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'lxc', 1, text), edits);
}

/** Applies a completion item's text edit to the text and returns the whole result. */
export function applyCompletion(text: string, item: CompletionItem): string {
  const e = item.textEdit;
  if (!e || !('range' in e)) throw new Error(`item ${item.label} has no textEdit`);
  return applyEdits(text, [e]);
}

export function applyAction(text: string, action: CodeAction, uri = 'file:///var/lib/lxc/c1/config'): string {
  const edits = action.edit?.changes?.[uri];
  if (!edits) throw new Error(`action "${action.title}" carries no edit for ${uri}`);
  return applyEdits(text, edits);
}

export const LXC_URI = 'file:///var/lib/lxc/c1/config';

/** Diagnostics and code actions of an LXC text, as the editor would request them. */
export function lxcActions(text: string, options: Parameters<typeof lxcService>[0] = {}): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const svc = lxcService(options);
  const doc = { uri: LXC_URI, languageId: 'lxc', version: 1, text };
  const diagnostics = svc.diagnostics(doc);
  const actions = diagnostics.flatMap((d) => svc.codeActions(doc, d.range, [d]));
  return { diagnostics, actions };
}
