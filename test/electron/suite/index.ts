/**
 * Runs inside desktop VS Code (via @vscode/test-electron): the headline scenarios through
 * the VS Code API. Exported `run` is what the test runner calls.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function until<T>(fn: () => T | undefined | Promise<T | undefined>, what: string, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<void> {
  const ws = process.env.CTCONF_TEST_WORKSPACE!;
  const uri = vscode.Uri.file(path.join(ws, 'var/lib/lxc/web01/config'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'lxc');
  const diags = await until(() => {
    const d = vscode.languages.getDiagnostics(uri);
    return d.length ? d : undefined;
  }, 'diagnostics');
  assert.ok(diags.some((d) => d.code && String(typeof d.code === 'object' ? d.code.value : d.code) === 'lxc/legacy-key'));
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith('lxc.cap.drop'));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 17));
  assert.ok(hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value).includes('CAP_SYS_TIME'))));
  const completion = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 15));
  assert.ok(completion.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'sys_module'));
  const legacy = diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'lxc/legacy-key')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, legacy.range);
  assert.ok(actions.some((a) => a.title === 'Replace lxc.utsname with lxc.uts.name'));
}
