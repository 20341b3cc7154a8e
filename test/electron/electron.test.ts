/**
 * The @vscode/test-electron suite: desktop VS Code with the extension under development.
 * It needs to download VS Code; where that is impossible (no network, as on this project's
 * machines) the test is reported as skipped with the reason, never as passed.
 */
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

test('desktop VS Code (@vscode/test-electron): diagnostics, hover, completion, code actions', { timeout: 600000 }, async (t) => {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await Promise.race([
      downloadAndUnzipVSCode({ cachePath: path.join(ROOT, '.cache/vscode-test') }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s')), 60000)),
    ]);
  } catch (e) {
    t.skip(`cannot download desktop VS Code here (${(e as Error).message.split('\n')[0]}); the same scenarios run in the code-server e2e suite`);
    return;
  }
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-electron-'));
  fs.mkdirSync(path.join(ws, 'var/lib/lxc/web01'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'var/lib/lxc/web01/config'), 'lxc.utsname = web01\nlxc.cap.drop = sys_time\n');
  process.env.CTCONF_TEST_WORKSPACE = ws;
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/electron/suite/index.js'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { CTCONF_TEST_WORKSPACE: ws },
  });
});
