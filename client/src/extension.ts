/**
 * VS Code client: starts the ctconf language server and forwards settings and trust.
 * All language logic lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'lxc' },
      { language: 'containers-conf' },
    ],
    synchronize: { configurationSection: 'ctconf' },
    initializationOptions: {
      trusted: vscode.workspace.isTrusted,
      settings: vscode.workspace.getConfiguration('ctconf'),
    },
  };
  client = new LanguageClient('ctconf', 'ctconf', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Trust changes what the server may read; restart it with the new state.
      await client?.stop();
      clientOptions.initializationOptions = { trusted: true, settings: vscode.workspace.getConfiguration('ctconf') };
      client = new LanguageClient('ctconf', 'ctconf', serverOptions, clientOptions);
      await client.start();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
