import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (install) root, whether running from src/ with tsx or from dist/. */
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = here.includes(`${path.sep}dist${path.sep}`)
  ? path.resolve(here, '../../..')
  : path.resolve(here, '../..');

export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const WEB_DIST_DIR = path.join(ROOT, 'dist', 'web');
