// Makes dist/cli.js.<v8>-<arch>.cache, V8's code cache for the CLI bundle, which
// dist/ctconf.js loads (server/src/start.ts says why), with that loader's own functions.
// The bundle first checks the example configs and small ones of both languages, so that the
// functions a check uses are compiled and in the cache. Run by scripts/build.mjs with this
// Node; another Node looks for its own cache file and finds none.
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const { cacheFile, loadBundle } = createRequire(import.meta.url)(resolve('dist/ctconf.js'));
const file = resolve('dist/cli.js');
const { script, exports: cli } = loadBundle(file);

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
  cli.main(['check', '--lxc-version', '5.0', '--language', 'lxc', lxc], quiet);
  cli.main(['check', '--podman-version', '4.3', '--language', 'containers-conf', '--format', 'json', cc], quiet);
}
rmSync(dir, { recursive: true, force: true });
writeFileSync(cacheFile(file), script.createCachedData());
