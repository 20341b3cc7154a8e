import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getU16, inetPton4, inetPton6, int64Residual, safeInt, safeUint, safeUlong } from '../../server/src/lxc/cnum';

test('safeUint follows strtoul base 0 and lxc_safe_uint', () => {
  assert.equal(safeUint('10'), 10);
  assert.equal(safeUint('0x10'), 16);
  assert.equal(safeUint('010'), 8);
  assert.equal(safeUint(' +7'), 7);
  assert.equal(safeUint('08'), null);
  assert.equal(safeUint('0x'), null);
  assert.equal(safeUint('-1'), null);
  assert.equal(safeUint('1 '), null);
  assert.equal(safeUint('4294967295'), 4294967295);
  assert.equal(safeUint('4294967296'), null);
  assert.equal(safeUint(''), null);
  assert.equal(safeUlong('18446744073709551615'), 18446744073709551615n);
  assert.equal(safeUlong('18446744073709551616'), null);
});

test('safeInt follows strtol base 0 within int range', () => {
  assert.equal(safeInt('-10'), -10);
  assert.equal(safeInt('-0x10'), -16);
  assert.equal(safeInt('2147483647'), 2147483647);
  assert.equal(safeInt('2147483648'), null);
  assert.equal(safeInt('-2147483648'), -2147483648);
  assert.equal(safeInt('1e3'), null);
});

test('getU16 wraps negatives like strtoul', () => {
  assert.equal(getU16('65535'), 65535);
  assert.equal(getU16('65536'), null);
  assert.equal(getU16('-1'), null);
  assert.equal(getU16('-0'), 0);
});

test('int64Residual keeps a short unit', () => {
  assert.deepEqual(int64Residual('10s', 3), { value: 10n, residual: 's' });
  assert.deepEqual(int64Residual('-5 s', 3), { value: -5n, residual: ' s' });
  assert.equal(int64Residual('10 ms', 3), null);
  assert.equal(int64Residual('s', 3), null);
});

test('inet_pton as glibc', () => {
  assert.ok(inetPton4('10.0.3.5'));
  assert.ok(!inetPton4('10.0.3.05'));
  assert.ok(!inetPton4('10.0.3'));
  assert.ok(!inetPton4('10.0.0.256'));
  for (const ok of ['::', '::1', '2001:db8::5', 'fe80::1:2:3:4', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::']) assert.ok(inetPton6(ok), ok);
  for (const bad of [':', ':::', '1::2::3', '2001:db8::zz', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '12345::', '1:2:3:4:5:6:7']) assert.ok(!inetPton6(bad), bad);
});
