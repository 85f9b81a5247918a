// Writes docs/openapi.json, the OpenAPI 3.1 document of every route, from the code.
//   node --import tsx scripts/gen-openapi.ts          regenerate the file
//   node --import tsx scripts/gen-openapi.ts --check  exit 1 when the file is out of date
// The app is built but never listens and never connects to a database.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../src/modules/index.js';
import '../src/main.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { FsStorage } from '../src/platform/files/storage.js';
import { buildApp } from '../src/platform/http/app.js';
import { createLogger } from '../src/platform/logger.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs', 'openapi.json');

const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused@127.0.0.1:1/none' });
const database = openDatabase({ ownerUrl: config.databaseUrl!, poolSize: 1 });
const app = await buildApp({
  config,
  database,
  storage: new FsStorage(path.join(root, '.tmp', 'openapi-files')),
  log: createLogger(config),
  modules: MODULES,
  webDir: null,
});
await app.ready();
const text = JSON.stringify(app.swagger(), null, 2) + '\n';
await app.close();
await database.close();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== text) {
    process.stderr.write(
      'docs/openapi.json is out of date: run `node --import tsx scripts/gen-openapi.ts`\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    `docs/openapi.json is up to date (${Object.keys(JSON.parse(text).paths).length} paths)\n`,
  );
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote docs/openapi.json\n`);
}
