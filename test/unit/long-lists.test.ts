/**
 * Lists whose length a document decides are never spread into a call's arguments: past about
 * 120,000 arguments V8 throws, and the whole file's check became one internal error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lxcService } from '../helpers/service';
import { appendAll, maxOf } from '../../server/src/util/arrays';

const ROOT = path.join(__dirname, '..', '..', '..');
const SPREAD_CALL = /\b(?:push|unshift|max|min|fromCharCode|fromCodePoint)\(\.\.\.|\.splice\([^()]*,\s*\.\.\./;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

test('server/src spreads no list into call arguments (appendAll and maxOf instead)', () => {
  const files = sources(path.join(ROOT, 'server', 'src'));
  assert.ok(files.length > 50, `${files.length} source files found under ${ROOT}`);
  const found: string[] = [];
  for (const f of files) {
    fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (!/^\s*(\*|\/\/)/.test(line) && SPREAD_CALL.test(line)) found.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});

test('appendAll and maxOf take lists past the argument limit', () => {
  const big = Array.from({ length: 300_000 }, (_, i) => i);
  assert.throws(() => [].push(...(big as never[])), RangeError, 'the spread form still throws on this Node, so the rule above matters');
  assert.equal(appendAll([-1], big).length, 300_001);
  assert.equal(maxOf(big, -1), 299_999);
  assert.equal(maxOf([], -1), -1);
  assert.equal(maxOf(new Map([[3, 'a'], [9, 'b'], [4, 'c']]).keys(), 0), 9);
});

const uri = 'file:///var/lib/lxc/long/config';

test('200,000 bad SELinux contexts: every line reported, no internal error', () => {
  const text = Array.from({ length: 200_000 }, (_, i) => `lxc.selinux.context = bad${i}`).join('\n');
  const d = lxcService().diagnostics({ uri, languageId: 'lxc', version: 1, text });
  assert.ok(!d.some((x) => x.code === 'ctconf/internal-error'), String(d.find((x) => x.code === 'ctconf/internal-error')?.message));
  assert.equal(d.filter((x) => x.code === 'lxc/selinux-invalid-context').length, 200_000);
  assert.equal(d[d.length - 1].range.start.line, 199_999);
});

test('200,000 network interfaces: completion offers the next index', () => {
  const lines = Array.from({ length: 200_000 }, (_, i) => `lxc.net.${i}.type = empty`);
  const text = `${lines.join('\n')}\nlxc.ne`;
  const items = lxcService().completion({ uri, languageId: 'lxc', version: 1, text }, { line: 200_000, character: 6 });
  assert.ok(items.some((c) => c.label === 'lxc.net.200000.type'), items.slice(0, 5).map((c) => c.label).join(', '));
});
