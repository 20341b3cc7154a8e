/** CI integrations: the pre-commit hook's files regex and the GitHub problem matcher, against the real CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from '../helpers/paths';
import { LANGUAGE_PATTERNS, detectLanguage } from '../../server/src/languages';

const hook = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
const filesRegex = (() => {
  const m = /^ {2}files: '((?:[^']|'')*)'$/m.exec(hook);
  assert.ok(m, 'the hook has a single-quoted files: regex');
  return m[1].replace(/''/g, "'");
})();

/** Paths each glob accepts (`**` as nothing or two directories, `*` as a name), and near misses. */
function samples(): { accepted: string[]; rejected: string[] } {
  const accepted: string[] = [];
  for (const glob of Object.values(LANGUAGE_PATTERNS).flat()) {
    for (const lead of ['', 'srv/hosts/', '.config/']) {
      for (const name of ['web01', 'a.b', '10-x']) {
        accepted.push(glob.replace(/^\*\*\//, lead).replace(/\/\*\*\//g, `/${name}/deep/`).replace(/\*/g, name));
      }
    }
  }
  const rejected = [
    'README.md', 'config', 'lxc', 'lxc/config', 'var/lib/lxc/config', 'var/lib/lxc/a/b/config', 'var/lib/lxc/a/config.bak',
    'lxc/sub/x.conf', 'lxc/x.conf.bak', 'lxc/config/x.conf.d/y.txt', 'xlxc/default.conf', 'containers.conf.bak', 'my-containers.conf',
    'containers.conf.d/x.txt', 'containers.conf.d/a/b.conf', 'containers.conf.modules/x.txt', 'containers.rootless.conf.d/x.toml',
    '.local/share/lxc/config', 'etc/lxc/dnsmasq.conf', 'lxc/other.conf', 'etc/containers/policy.json', 'etc/subuid.bak', 'profile.yaml', 'etc/pve/qemu-server/100.conf', 'lxc.conf',
  ];
  return { accepted, rejected };
}

test('the pre-commit files regex accepts exactly the paths the language detection accepts', () => {
  const { accepted, rejected } = samples();
  const re = new RegExp(filesRegex);
  for (const p of accepted) {
    assert.notEqual(detectLanguage(p), undefined, `sample ${p} is a config by path`);
    assert.ok(re.test(p), `regex accepts ${p}`);
  }
  for (const p of rejected) assert.equal(re.test(p), detectLanguage(p) !== undefined, p);
  assert.ok(rejected.every((p) => detectLanguage(p) === undefined), 'the near misses are not configs');
  assert.match(hook, /^- id: ctconf$/m);
  assert.match(hook, /^ {2}language: node$/m);
  assert.match(hook, /^ {2}entry: ctconf check$/m);
});

// pre-commit applies the regex with Python's re.search: check with Python itself where present.
const python = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).status === 0;
test('the files regex means the same to Python re.search', { skip: python ? false : 'python3 is not installed' }, () => {
  const { accepted, rejected } = samples();
  const all = [...accepted, ...rejected];
  const r = spawnSync('python3', ['-c', 'import json,re,sys\nd=json.load(sys.stdin)\nprint(json.dumps([bool(re.search(d["re"], p)) for p in d["paths"]]))'], {
    input: JSON.stringify({ re: filesRegex, paths: all }),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const re = new RegExp(filesRegex);
  assert.deepEqual(JSON.parse(r.stdout), all.map((p) => re.test(p)));
});

test('the GitHub problem matcher reads the text output: errors and warnings with file, line, column, code and message', () => {
  const matcher = JSON.parse(fs.readFileSync(path.join(ROOT, '.github/ctconf-problem-matcher.json'), 'utf8')) as {
    problemMatcher: { owner: string; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number }[] }[];
  };
  assert.equal(matcher.problemMatcher.length, 1);
  const [pattern] = matcher.problemMatcher[0].pattern;
  const re = new RegExp(pattern.regexp);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-matcher-'));
  const conf = path.join(dir, 'odd: name', 'lxc', 'c.conf');
  fs.mkdirSync(path.dirname(conf), { recursive: true });
  // An error, a warning (an ignored line) and information (a capability dropped twice).
  fs.writeFileSync(conf, 'lxc.utsname = x\nfoo = bar\nlxc.cap.drop = sys_time\nlxc.cap.drop = sys_time\n');
  const r = spawnSync(process.execPath, [CLI, 'check', '--lxc-version', '5.0', '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const found = lines.flatMap((l) => {
    const m = re.exec(l);
    return m ? [{ file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]), severity: m[pattern.severity], code: m[pattern.code], message: m[pattern.message] }] : [];
  });
  assert.deepEqual(found.map((f) => [f.file, f.line, f.column, f.severity, f.code]), [
    ['odd: name/lxc/c.conf', 1, 1, 'error', 'lxc/legacy-key'],
    ['odd: name/lxc/c.conf', 2, 1, 'warning', 'lxc/ignored-line'],
  ]);
  for (const f of found) {
    assert.ok(fs.existsSync(path.join(dir, f.file)));
    assert.ok(f.message.length > 10);
  }
  // Information and hints are not annotations (GitHub's matchers know only error and warning).
  assert.ok(lines.some((l) => / (information|hint) /.test(l) && !re.test(l)), r.stdout);
  fs.rmSync(dir, { recursive: true, force: true });
});
