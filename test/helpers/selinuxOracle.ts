/**
 * libsepol as the oracle for SELinux context syntax. test/oracles/secheck.c (compiled here,
 * into a private temporary directory) asks libsepol's context_to_sid, which parses contexts
 * with the kernel's rules, for a verdict per context against a small MCS policy built with
 * checkpolicy: the users, roles and types ctconf knows, sensitivity s0 and categories c0–c1023,
 * as on container hosts. Debian packages: checkpolicy, libsepol-dev, gcc (scripts/prepare.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './paths';

export function selinuxOracleMissing(): string | undefined {
  for (const [tool, args] of [['gcc', ['--version']], ['checkpolicy', ['-V']], ['pkg-config', ['--exists', 'libsepol']]] as const) {
    const r = spawnSync(tool, args, { stdio: 'ignore' });
    if (r.error || r.status !== 0) return `${tool === 'pkg-config' ? 'libsepol-dev' : tool} is not installed (scripts/prepare.sh installs checkpolicy and libsepol-dev when run as root)`;
  }
  return undefined;
}

function policyText(users: readonly string[], roles: readonly string[], types: readonly string[]): string {
  const cats = Array.from({ length: 1024 }, (_, i) => `category c${i};`).join('\n');
  const procRoles = roles.filter((r) => r !== 'object_r');
  return [
    'class process', 'class file', 'sid kernel',
    'class process { transition }', 'class file { read }',
    'sensitivity s0;', 'dominance { s0 }', cats, 'level s0:c0.c1023;',
    'mlsconstrain file { read } ( l1 eq l2 );',
    ...types.map((t) => `type ${t};`),
    ...procRoles.flatMap((r) => [`role ${r};`, `role ${r} types { ${types.join(' ')} };`]),
    'allow kernel_t self:process transition;',
    ...users.map((u) => `user ${u} roles { ${procRoles.join(' ')} object_r } level s0 range s0 - s0:c0.c1023;`),
    'sid kernel system_u:system_r:kernel_t:s0',
    '',
  ].join('\n');
}

/** Verdicts ('ok' | 'bad') for each context, in order. */
export function selinuxVerdicts(contexts: readonly string[], names: { users: readonly string[]; roles: readonly string[]; types: readonly string[] }): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-secheck-'));
  try {
    const bin = path.join(dir, 'secheck');
    const libs = execFileSync('pkg-config', ['--cflags', '--libs', 'libsepol'], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
    execFileSync('gcc', ['-O1', '-o', bin, path.join(ROOT, 'test/oracles/secheck.c'), ...libs], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(path.join(dir, 'policy.conf'), policyText(names.users, names.roles, [...new Set(['kernel_t', ...names.types])]));
    execFileSync('checkpolicy', ['-M', '-c', '33', '-o', path.join(dir, 'policy.33'), path.join(dir, 'policy.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
    const out = execFileSync(bin, [path.join(dir, 'policy.33')], { input: contexts.map((c) => `${c}\n`).join(''), encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = out.split('\n').filter(Boolean);
    if (lines.length !== contexts.length) throw new Error(`secheck answered ${lines.length} of ${contexts.length} contexts`);
    return lines;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
