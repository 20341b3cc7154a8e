/**
 * SELinux context syntax against libsepol (the kernel's parsing rules) with an MCS policy like a
 * container host's: every well-formed context and every one-defect variant, generated here, gets
 * the same verdict from ctconf (refusedByMcs, which the LXC checks report on) as from libsepol.
 * Only names the test policy defines are used: it is a syntax oracle, not a policy one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needs } from '../helpers/needs';
import { selinuxOracleMissing, selinuxVerdicts } from '../helpers/selinuxOracle';
import { refusedByMcs, validateSelinuxContext } from '../../server/src/selinux/context';
import { ROLE_DOC, SELINUX_TYPES, USER_DOC } from '../../server/src/selinux/types';
import { lxcDiags } from '../helpers/service';

const USERS = Object.keys(USER_DOC);
const ROLES = Object.keys(ROLE_DOC);
const TYPES = Object.keys(SELINUX_TYPES);

const LEVELS_OK = ['s0', 's0:c0', 's0:c1023', 's0:c1,c2', 's0:c0.c1023', 's0:c5.c9,c200', 's0:c1,c1', 's0-s0:c0.c1023', 's0:c1-s0:c1,c2', 's0:c100.c101,c7'];
const LEVEL_DEFECTS = [
  's1', 'S0', 's', 's00', 's0:', 's0:c', 's0:C1', 's0:cx', 's0:c1024', 's0:c5.c2', 's0:c3.c3', 's0:c01', 's0:c1,', 's0:,c1', 's0:c1..c2',
  's0:c1.c2.c3', 's0:c1:c2', 's0-', '-s0', 's0-s0-s0', 's0:c1 ', ' s0', 's0:c1,c2048', 's0:c1.c1024', 's0;c1',
];

function cases(): string[] {
  const out = new Set<string>();
  for (const t of TYPES) for (const l of LEVELS_OK) out.add(`system_u:system_r:${t}:${l}`);
  for (const u of USERS) for (const r of ROLES) out.add(`${u}:${r}:container_t:s0:c1,c2`);
  for (const l of LEVEL_DEFECTS) out.add(`system_u:system_r:container_t:${l}`);
  for (const bad of ['container_t', 'system_u:system_r', 'system_u:system_r:container_t', 'system_u::container_t:s0', ':system_r:container_t:s0',
    'system_u:system_r::s0', 'sys-tem_u:system_r:container_t:s0', 'system_u:system_r:container-t:s0', 'system_u:system_r:container_t:s0:c1,c2 ', '', 'unconfined_t']) out.add(bad);
  return [...out];
}

test('context syntax: ctconf and libsepol agree on every generated context (MCS policy, c0–c1023)', { skip: needs('libsepol oracle', selinuxOracleMissing()) }, () => {
  const all = cases();
  const verdicts = selinuxVerdicts(all, { users: USERS, roles: ROLES, types: TYPES });
  const disagree = all.flatMap((c, i) => (refusedByMcs(c) !== (verdicts[i] === 'bad') ? [`${JSON.stringify(c)}: ctconf ${refusedByMcs(c) ? 'refuses' : 'accepts'}, libsepol says ${verdicts[i]}`] : []));
  assert.deepEqual(disagree, []);
  // Both outcomes are well represented.
  const bad = verdicts.filter((v) => v === 'bad').length;
  assert.ok(bad >= LEVEL_DEFECTS.length && verdicts.length - bad >= TYPES.length * LEVELS_OK.length, `${bad} refused of ${verdicts.length}`);
  console.log(`selinux oracle: ${all.length} contexts, ${bad} refused by libsepol, ${disagree.length} disagreements`);
});

test('what the kernel accepts but ctconf warns about, and what it refuses that only MCS policies refuse', () => {
  // A repeated category: accepted (the kernel merges it), a warning only.
  assert.deepEqual(validateSelinuxContext('system_u:system_r:container_t:s0:c1,c1').map((p) => p.severity), ['warning']);
  assert.equal(refusedByMcs('system_u:system_r:container_t:s0:c1,c1'), false);
  // s1 and a missing level are valid syntax, but refused under the MCS policies of container hosts.
  assert.equal(refusedByMcs('system_u:system_r:container_t:s1'), true);
  assert.equal(refusedByMcs('system_u:system_r:container_t'), true);
  assert.deepEqual(lxcDiags('lxc.selinux.context = system_u:system_r:container_t\n'), ['0:22-51 lxc/selinux-unusual-context']);
  // A category with a leading zero is no category name.
  assert.deepEqual(validateSelinuxContext('system_u:system_r:container_t:s0:c01').map((p) => p.severity), ['error']);
});
