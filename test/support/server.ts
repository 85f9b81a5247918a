import { createLogger } from '../../src/platform/logger.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import { FsStorage } from '../../src/platform/files/storage.js';
import { WEB_DIST_DIR } from '../../src/platform/paths.js';
import { MODULES } from '../../src/modules/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_SESSION_SECRET } from './secret.js';
import { createTestDatabase } from './db.js';
import { createTenant } from '../../src/modules/tenancy/tenancy.service.js';

/** A real Simpul HTTP server on a random port over a fresh database, for browser tests. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const tdb = await createTestDatabase();
  await createTenant(tdb.owner, {
    code: '33.25',
    name: 'Pemerintah Kabupaten Batang',
    kind: 'kabupaten',
    officialDomain: 'batangkab.go.id',
    hostnames: ['127.0.0.1', 'localhost'],
    isDefault: true,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: tdb.ownerUrl,
    SESSION_SECRET: TEST_SESSION_SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const files = mkdtempSync(path.join(tmpdir(), 'simpul-files-'));
  const app = await buildApp({
    config,
    database: tdb.database,
    storage: new FsStorage(files),
    log: createLogger(config),
    modules: MODULES,
    webDir: WEB_DIST_DIR,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
}
