// Writes the JSON Schemas generated from ctconf's key data: dist/schemas/containers.conf.schema.json.
// Usage: node scripts/schemas.mjs [--out DIR]   (DIR defaults to dist/schemas)
// The TypeScript generator (server/src/containers/jsonSchema.ts) is bundled by esbuild in
// memory and run here, so the schema always matches the data the server is built from.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const i = process.argv.indexOf('--out');
const out = i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : 'dist/schemas';

const result = await esbuild.build({
  entryPoints: ['server/src/containers/jsonSchema.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
mkdirSync(out, { recursive: true });
const file = join(out, 'containers.conf.schema.json');
writeFileSync(file, `${JSON.stringify(mod.containersConfSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
