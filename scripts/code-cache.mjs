// Makes dist/cli.js.<v8>-<arch>.cache, V8's code cache for the CLI bundle, which
// dist/ctconf.js loads (server/src/start.ts says why). The bundle first checks the example configs and generated
// ones of both languages, so that the functions a check uses are compiled and in the cache.
// Run by scripts/build.mjs with this Node; another Node's V8 rejects the cache harmlessly.
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import Module from 'node:module';
import vm from 'node:vm';

const file = resolve('dist/cli.js');
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
const cli = new Module(file);
cli.filename = file;
script.runInThisContext().call(cli.exports, cli.exports, (id) => cli.require(id), cli, file, dirname(file));

const dir = mkdtempSync(join(tmpdir(), 'ctconf-cache-'));
const lxc = join(dir, 'config');
const cc = join(dir, 'containers.conf');
// Small configs with a mistake of each common sort, so that the reporting paths compile too.
writeFileSync(lxc, `${readFileSync('examples/lxc/web01/config', 'utf8')}\n${readFileSync('examples/lxc/legacy/config', 'utf8')}\n`
  + 'lxc.cap.drop = sys_time CAP_MKNOD bogus\nlxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 100000 65536\nlxc.mount.entry = /a a none bind 0 0\n'
  + 'lxc.mount.auto = proc:mixed sys:ro\nlxc.environment = A=1\nlxc.cgroup2.memory.max = 1G\nlxc.sysctl.net.ipv4.ip_forward = 1\nlxc.net.0.type = veth\n');
writeFileSync(cc, '[containers]\ndefault_capabilities = ["CHOWN", "SYS_CHROOT", "BOGUS"]\nlog_size_max = -1\n[engine]\ncgroup_manager = "cgroupfs"\n');
const quiet = { stdout() {}, stderr() {}, stdin: () => '' };
for (let i = 0; i < 20; i++) {
  cli.exports.main(['check', '--lxc-version', '5.0', '--language', 'lxc', lxc], quiet);
  cli.exports.main(['check', '--podman-version', '4.3', '--language', 'containers-conf', '--format', 'json', cc], quiet);
}
rmSync(dir, { recursive: true, force: true });
writeFileSync(`${file}.${process.versions.v8}-${process.arch}.cache`, script.createCachedData());
