/** Locations shared by the tests. Tests run from the repository root (npm test). */
import * as path from 'node:path';

export const ROOT = process.cwd();
export const CACHE = path.join(ROOT, '.cache');
export const CORPUS = path.join(CACHE, 'corpus');
export const DIST = path.join(ROOT, 'dist');
export const CLI = path.join(DIST, 'cli.js');
export const SERVER = path.join(DIST, 'server.js');
