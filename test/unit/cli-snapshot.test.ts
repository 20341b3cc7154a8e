import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryHost, type Host } from '../../server/src/host';
import { snapshotHost } from '../../server/src/cli/snapshotHost';

/** A memory host that counts the calls that reach it. */
function counting(): { host: Host; calls: Record<string, number> } {
  const inner = memoryHost({ '/usr/share/lxc/config/common.conf': 'lxc.tty.max = 4\n', '/usr/share/lxc/config/common.conf.d/a.conf': '' });
  const calls: Record<string, number> = { stat: 0, readDir: 0, readFile: 0 };
  return {
    calls,
    host: {
      ...inner,
      stat: (p) => (calls.stat++, inner.stat(p)),
      readDir: (p) => (calls.readDir++, inner.readDir(p)),
      readFile: (p) => (calls.readFile++, inner.readFile(p)),
    },
  };
}

test('a check run stats each path and reads each directory once, missing paths included', () => {
  const { host, calls } = counting();
  const snap = snapshotHost(host);
  for (let i = 0; i < 3; i++) {
    assert.equal(snap.stat('/usr/share/lxc/config/common.conf')?.type, 'file');
    assert.equal(snap.stat('/nonexistent'), undefined);
    assert.deepEqual(snap.readDir('/usr/share/lxc/config/common.conf.d'), ['a.conf']);
    assert.equal(snap.readFile('/usr/share/lxc/config/common.conf'), 'lxc.tty.max = 4\n');
  }
  assert.deepEqual(calls, { stat: 2, readDir: 1, readFile: 3 });
});

test('a caller that changes a directory listing does not change the snapshot', () => {
  const snap = snapshotHost(counting().host);
  snap.readDir('/usr/share/lxc/config/common.conf.d')!.push('b.conf');
  assert.deepEqual(snap.readDir('/usr/share/lxc/config/common.conf.d'), ['a.conf']);
});
