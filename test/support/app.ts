import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/platform/http/app.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { FsStorage } from '../../src/platform/files/storage.js';
import { MODULES } from '../../src/modules/index.js';
import type { App } from '../../src/platform/module.js';
import { TEST_SESSION_SECRET } from './secret.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: App;
  tdb: TestDatabase;
  close(): Promise<void>;
}

/** The Fastify app over a fresh database, driven with inject() (no network). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: tdb.ownerUrl,
    SESSION_SECRET: TEST_SESSION_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const app = await buildApp({
    config,
    database: tdb.database,
    storage: new FsStorage(mkdtempSync(path.join(tmpdir(), 'simpul-files-'))),
    log: createLogger(config),
    modules: MODULES,
    webDir: null,
  });
  await app.ready();
  return {
    app,
    tdb,
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
}
