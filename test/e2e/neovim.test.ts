/**
 * A second LSP client: headless neovim runs the configuration documented in docs/editors.md
 * (the snippet for the installed Neovim: `-- ctconf: neovim 0.11` or `-- ctconf: neovim 0.7`),
 * with `ctconf-language-server` on PATH pointing at this checkout's bin/ and dist/server.js.
 * It opens an LXC config and a containers.conf by their usual paths and prints the filetype
 * the snippet gave each, the diagnostics and a hover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { needs } from '../helpers/needs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status === 0 ? undefined : 'neovim is not installed (scripts/e2e-setup.sh installs it)';
const [, major, minor] = /NVIM v(\d+)\.(\d+)/.exec(nvim.stdout ?? '') ?? ['', '0', '0'];
const flavour = Number(major) > 0 || Number(minor) >= 11 ? '0.11' : '0.7';

/** The documented snippet: the ```lua block of docs/editors.md that starts with `-- ctconf: neovim VERSION`. */
function documentedSnippet(version: string): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/editors.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```lua\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const block = blocks.find((b) => b.startsWith(`-- ctconf: neovim ${version}\n`));
  assert.ok(block, `docs/editors.md has a lua block for neovim ${version}`);
  return block;
}

const HARNESS = `
local out = {}
local function log(s) table.insert(out, s) end
local function attached()
  if vim.lsp.get_clients then return #vim.lsp.get_clients({ bufnr = 0 }) > 0 end
  return next(vim.lsp.buf_get_clients(0)) ~= nil
end
local function visit(file)
  vim.cmd('edit ' .. file)
  log('FT ' .. vim.bo.filetype)
  vim.wait(10000, function() return attached() and #vim.diagnostic.get(0) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    log('DIAG ' .. d.lnum .. ':' .. d.col .. ' ' .. tostring(d.code) .. ' ' .. d.message)
  end
end
visit(vim.fn.argv(0))
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = 1, character = 17 },
}, 5000) or {}
for _, r in pairs(res) do
  if r.result and r.result.contents then log('HOVER ' .. (r.result.contents.value or ''):gsub('\\n', ' ')) end
end
visit(vim.fn.argv(1))
vim.fn.writefile(out, vim.fn.argv(2))
vim.cmd('qa!')
`;

test(`neovim's built-in LSP client, configured as docs/editors.md says (snippet for neovim ${flavour}), gets diagnostics and a hover`, { skip: needs('neovim', missing), timeout: 60000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-nvim-'));
  const conf = path.join(dir, 'var/lib/lxc/web01/config');
  fs.mkdirSync(path.dirname(conf), { recursive: true });
  fs.writeFileSync(conf, 'lxc.utsname = web01\nlxc.cap.drop = sys_time\n');
  const cc = path.join(dir, 'etc/containers/containers.conf');
  fs.mkdirSync(path.dirname(cc), { recursive: true });
  fs.writeFileSync(cc, '[engine]\nbogus_key = 1\n');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(path.join(ROOT, 'bin/ctconf-language-server'), path.join(bin, 'ctconf-language-server'));
  fs.writeFileSync(path.join(dir, 'init.lua'), `${documentedSnippet(flavour)}\n${HARNESS}`);
  const outFile = path.join(dir, 'out.txt');
  const env = { ...process.env, PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(dir, 'init.lua')}`, conf, cc, outFile], { encoding: 'utf8', timeout: 50000, env });
  const out = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = out.split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('FT ')), ['FT lxc', 'FT containers-conf'], `nvim output: ${out}\n${r.stderr}`);
  assert.match(out, /^DIAG 0:0 lxc\/legacy-key /m, `nvim output: ${out}\n${r.stderr}`);
  assert.match(out, /^HOVER .*CAP_SYS_TIME/m);
  assert.match(out, /^DIAG 1:0 containers\/unknown-key /m);
});

test('every neovim snippet in docs/editors.md at least compiles with the installed neovim\'s Lua', { skip: missing, timeout: 30000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-nvim-lua-'));
  for (const version of ['0.11', '0.7']) {
    const file = path.join(dir, `${version}.lua`);
    fs.writeFileSync(file, documentedSnippet(version));
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `lua local f, e = loadfile('${file}'); if not f then io.stderr:write('SYNTAX ' .. e) end`, '-c', 'qa!'], { encoding: 'utf8', timeout: 20000 });
    assert.doesNotMatch(r.stderr, /SYNTAX/, `${version}: ${r.stderr}`);
  }
  // A broken snippet is caught (the check is not vacuous).
  const broken = path.join(dir, 'broken.lua');
  fs.writeFileSync(broken, 'vim.lsp.config(\'ctconf\', {\n');
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `lua local f, e = loadfile('${broken}'); if not f then io.stderr:write('SYNTAX ' .. e) end`, '-c', 'qa!'], { encoding: 'utf8', timeout: 20000 });
  assert.match(r.stderr, /SYNTAX/);
  fs.rmSync(dir, { recursive: true, force: true });
});
