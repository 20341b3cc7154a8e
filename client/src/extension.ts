/**
 * VS Code client: starts the ctconf language server, forwards settings and workspace
 * trust, and adds the two commands that need VS Code UI (a read-only view and a quick
 * pick). All language logic lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_IDS } from '../../server/src/languages';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const EFFECTIVE_SCHEME = 'ctconf-effective';
let client: LanguageClient | undefined;

function clientOptions(): LanguageClientOptions {
  return {
    // Only real files and untitled buffers; generated views (effective configuration) are not checked.
    documentSelector: LANGUAGE_IDS.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: { configurationSection: 'ctconf' },
    initializationOptions: {
      trusted: vscode.workspace.isTrusted,
      settings: vscode.workspace.getConfiguration('ctconf'),
    },
    // Hovers carry command links ("Allow sys_time in this container"); only ours may run.
    markdown: { isTrusted: { enabledCommands: ['ctconf.allowCapability'] }, supportHtml: false },
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server never opens a network connection: without NODE_EXTRA_CA_CERTS, Node does not
  // parse a certificate bundle before starting it (tens of milliseconds with a full bundle).
  const env = { NODE_EXTRA_CA_CERTS: undefined };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  client = new LanguageClient('ctconf', 'ctconf', serverOptions, clientOptions());
  await client.start();
}

class EffectiveView implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

function activeConfig(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && (LANGUAGE_IDS as string[]).includes(doc.languageId)) return doc;
  void vscode.window.showInformationMessage('ctconf: open an LXC config or a containers.conf first.');
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const view = new EffectiveView();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, view),
    vscode.commands.registerCommand('ctconf.showEffectiveContainersConf', () => vscode.commands.executeCommand('ctconf.showEffectiveConfiguration')),
    vscode.commands.registerCommand('ctconf.showEffectiveConfiguration', async () => {
      const doc = activeConfig();
      if (!doc || !client) return;
      const text = await vscode.commands.executeCommand<string | null>('ctconf.effectiveConfiguration', doc.uri.toString());
      if (!text) {
        void vscode.window.showInformationMessage('ctconf: no effective configuration for this file.');
        return;
      }
      const uri = vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `${doc.uri.path}.effective` });
      view.set(uri, text);
      const shown = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(shown, doc.languageId);
      // Run again, the view is refreshed where it already is instead of opening another group.
      const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === EFFECTIVE_SCHEME);
      await vscode.window.showTextDocument(shown, { preview: true, viewColumn: open?.viewColumn ?? vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('ctconf.allowCapabilityInContainer', async () => {
      const doc = activeConfig();
      if (!doc || !client) return;
      const dropped = (await vscode.commands.executeCommand<string[]>('ctconf.droppedCapabilities', doc.uri.toString())) ?? [];
      if (dropped.length === 0) {
        void vscode.window.showInformationMessage('ctconf: this container drops no capability.');
        return;
      }
      const pick = await vscode.window.showQuickPick(dropped, { placeHolder: 'Capability to allow again in this container' });
      if (pick) await vscode.commands.executeCommand('ctconf.allowCapability', doc.uri.toString(), pick);
    }),
    vscode.commands.registerCommand('ctconf.showRules', async (code?: unknown) => {
      // RULES.md ships in the extension: the rules are readable offline, at the rule asked for.
      const rules = vscode.Uri.joinPath(context.extensionUri, 'RULES.md');
      const fragment = typeof code === 'string' ? code.replace(/[^a-z0-9]+/g, '-') : '';
      await vscode.commands.executeCommand('markdown.showPreview', fragment ? rules.with({ fragment }) : rules);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Trust changes what the server may read (includes, installed versions): restart it.
      await client?.stop();
      await startClient(context);
    }),
  );
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(
      'ctconf runs in Restricted Mode: it checks the open file, but does not follow lxc.include, read /etc/subuid or man pages, or run lxc-start/podman to detect versions until you trust this workspace.',
    );
  }
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
