/**
 * liblxc reads an included directory in readdir() order, not sorted: on tmpfs that is the reverse
 * of creation, on ext4 hash order. ctconf must read the same order on the same host, or the
 * last-wins value and the capability list it shows differ from what the container gets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { nodeHost } from '../../server/src/nodeHost';
import { needs } from '../helpers/needs';
import { lxcOracleMissing, runLxcOracle } from '../helpers/lxcOracle';

const NAMES = ['m', 'c', 'x', 'a', 'q', 'f', 'b', 'z'];

function effectiveUts(config: string): string | undefined {
  const svc = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {} });
  const text = svc.effectiveConfiguration({ uri: `file://${config}`, languageId: 'lxc', version: 1, text: fs.readFileSync(config, 'utf8') }) ?? '';
  return /^lxc\.uts\.name = (.*)$/m.exec(text)?.[1];
}

test('an included directory is read in the order liblxc reads it (tmpfs and the temp directory\'s file system)', { skip: needs('liblxc oracle', lxcOracleMissing()) }, () => {
  const roots = [os.tmpdir(), ...(fs.existsSync('/dev/shm') ? ['/dev/shm'] : [])];
  let unsorted = 0;
  for (const root of roots) {
    const dir = fs.mkdtempSync(path.join(root, 'ctconf-incdir-'));
    try {
      const d = path.join(dir, 'd');
      fs.mkdirSync(d);
      for (const n of NAMES) fs.writeFileSync(path.join(d, `${n}.conf`), `lxc.uts.name = ${n}\nlxc.cap.drop = ${n === NAMES[0] ? '' : 'sys_time'}\n`);
      const config = path.join(dir, 'config');
      fs.writeFileSync(config, `lxc.include = ${d}\n`);
      const r = runLxcOracle([config], ['lxc.uts.name', 'lxc.cap.drop']).get(config)!;
      assert.equal(r.verdict, 'accept');
      const order = fs.opendirSync(d);
      const names: string[] = [];
      for (let e = order.readSync(); e; e = order.readSync()) names.push(e.name);
      order.closeSync();
      if (names.join() !== [...names].sort().join()) unsorted++;
      assert.equal(effectiveUts(config), r.items['lxc.uts.name'], `${root}: readdir order ${names.join(' ')}`);
      console.log(`# ${root}: readdir order ${names.join(' ')}; liblxc and ctconf both end with ${r.items['lxc.uts.name']}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (unsorted === 0) console.log('# every file system here happened to list the names sorted: the order was not put to the test');
});
