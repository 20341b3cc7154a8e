/** The one bounded reader (server/src/util/read.ts): exact contents whatever the size, bounded however the size is reported. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../server/src/util/read';

test('files of every size around the buffer boundaries read back exactly', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-read-'));
  try {
    for (const size of [0, 1, 2, 4095, 4096, 4097, 8191, 8192, 65_537, 1_000_003]) {
      const f = path.join(dir, `f${size}`);
      const bytes = Buffer.alloc(size, 0);
      for (let i = 0; i < size; i++) bytes[i] = 32 + (i % 90);
      fs.writeFileSync(f, bytes);
      const r = readRegularFile(f);
      assert.ok(r.ok, `${size}: ${!r.ok && r.message}`);
      assert.ok(r.ok && Buffer.compare(r.bytes, bytes) === 0, `${size} bytes read back`);
      // The stat a caller already made gives the same answer.
      const again = readRegularFile(f, undefined, fs.statSync(f).isFile());
      assert.ok(again.ok && Buffer.compare(again.bytes, bytes) === 0);
    }
    const big = path.join(dir, 'f1000003');
    const capped = readRegularFile(big, 1000);
    assert.equal(capped.ok, false);
    assert.equal(!capped.ok && capped.why, 'too-large');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a /proc file says its size is 0 and is still read to its end (bounded)', { skip: fs.existsSync('/proc/self/status') ? undefined : 'no /proc on this system' }, () => {
  assert.equal(fs.statSync('/proc/self/status').size, 0);
  const r = readRegularFile('/proc/self/status');
  assert.ok(r.ok && /^Name:/m.test(r.bytes.toString('utf8')) && /^Pid:/m.test(r.bytes.toString('utf8')));
  const capped = readRegularFile('/proc/self/status', 16);
  assert.equal(!capped.ok && capped.why, 'too-large');
});
