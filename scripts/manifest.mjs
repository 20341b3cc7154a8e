// npm run manifest: writes the parts of package.json that are derived from the code, so that
// the editor offers them (completion of rule codes in `ctconf.rules`, with their summaries).
// test/unit/manifest.test.ts fails when package.json and the code drift apart.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = await esbuild.build({ entryPoints: ['server/src/rules.ts'], bundle: true, platform: 'node', format: 'cjs', write: false });
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const { RULES } = mod.exports;

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));
// The extension starts for any of its languages.
pkg.activationEvents = pkg.contributes.languages.map((l) => `onLanguage:${l.id}`);
const rules = pkg.contributes.configuration.properties['ctconf.rules'];
rules.properties = Object.fromEntries(RULES.map((r) => [r.code, {
  type: 'string',
  enum: ['error', 'warning', 'information', 'hint', 'off'],
  markdownDescription: `${r.summary} Default: \`${r.severity}\`.`,
}]));
// One line per rule code: the list is long and generated.
const text = JSON.stringify(pkg, null, 2).replace(/^( {12})("[a-z]+\/[a-z0-9-]+": )\{\n([\s\S]*?)\n\1\}/gm, (_, indent, key, body) => `${indent}${key}${JSON.stringify(JSON.parse(`{${body}}`))}`);
writeFileSync(file, `${text}\n`);
console.log(`manifest: ${RULES.length} rule codes in ctconf.rules`);
