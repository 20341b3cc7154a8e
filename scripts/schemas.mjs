// Writes the JSON Schemas generated from ctconf's key data into dist/schemas/ (containers.conf,
// storage.conf, registries.conf).
// Usage: node scripts/schemas.mjs [--out DIR]   (DIR defaults to dist/schemas)
// The TypeScript generators (server/src/schemas.ts) are bundled by esbuild in
// memory and run here, so the schema always matches the data the server is built from.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const i = process.argv.indexOf('--out');
const out = i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : 'dist/schemas';

const result = await esbuild.build({
  entryPoints: ['server/src/schemas.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
mkdirSync(out, { recursive: true });
for (const [name, schema] of Object.entries(mod.shippedSchemas())) {
  const file = join(out, name);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
