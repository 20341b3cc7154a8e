/** test/helpers/needs.ts: a missing prepared tool skips locally and fails under CI=true. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needs } from '../helpers/needs';

function withCi<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.CI;
  if (value === undefined) delete process.env.CI;
  else process.env.CI = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.CI;
    else process.env.CI = before;
  }
}

test('a prepared tool: the test runs, with or without CI', () => {
  assert.equal(withCi(undefined, () => needs('liblxc oracle', undefined)), undefined);
  assert.equal(withCi('true', () => needs('liblxc oracle', undefined)), undefined);
});

test('a missing tool: a skip reason naming it locally, an error under CI=true', () => {
  assert.equal(withCi(undefined, () => needs('podman', 'podman is not installed')), 'needs podman: podman is not installed');
  assert.equal(withCi('false', () => needs('podman', 'podman is not installed')), 'needs podman: podman is not installed');
  assert.throws(() => withCi('true', () => needs('podman', 'podman is not installed')), /CI=true and podman is not prepared: podman is not installed/);
});
