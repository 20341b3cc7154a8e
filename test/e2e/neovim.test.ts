/**
 * A second LSP client: headless neovim (Debian's 0.7) starts `node dist/server.js --stdio`
 * with its built-in client, opens an LXC config, and prints the diagnostics and a hover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER } from '../helpers/paths';
import { needs } from '../helpers/needs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status === 0 ? undefined : 'neovim is not installed (scripts/e2e-setup.sh installs it)';

const LUA = `
local out = {}
local function log(s) table.insert(out, s) end
local file = vim.fn.argv(0)
vim.cmd('edit ' .. file)
vim.bo.filetype = 'lxc'
local client_id = vim.lsp.start_client({
  name = 'ctconf',
  cmd = { 'node', '${SERVER}', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { settings = { lxc = { version = '5.0' } } },
})
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  log('DIAG ' .. d.lnum .. ':' .. d.col .. ' ' .. tostring(d.code) .. ' ' .. d.message)
end
local client = vim.lsp.get_client_by_id(client_id)
local res = client.request_sync('textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = 1, character = 17 },
}, 5000, 0)
if res and res.result and res.result.contents then
  log('HOVER ' .. (res.result.contents.value or ''):gsub('\\n', ' '))
end
vim.fn.writefile(out, vim.fn.argv(1))
vim.cmd('qa!')
`;

test('neovim\'s built-in LSP client gets diagnostics and a hover from dist/server.js', { skip: needs('neovim', missing), timeout: 60000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-nvim-'));
  const conf = path.join(dir, 'config');
  fs.writeFileSync(conf, 'lxc.utsname = web01\nlxc.cap.drop = sys_time\n');
  fs.writeFileSync(path.join(dir, 'smoke.lua'), LUA);
  const outFile = path.join(dir, 'out.txt');
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(dir, 'smoke.lua')}`, conf, outFile], { encoding: 'utf8', timeout: 50000 });
  const out = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  fs.rmSync(dir, { recursive: true, force: true });
  assert.match(out, /^DIAG 0:0 lxc\/legacy-key /m, `nvim output: ${out}\n${r.stderr}`);
  assert.match(out, /^HOVER .*CAP_SYS_TIME/m);
});
