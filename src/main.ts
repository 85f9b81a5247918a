import { Sealer, serverSecret } from './platform/crypto/sealer.js';
import type { Logger } from 'pino';
import { registerPermissions } from './platform/auth/permissions.js';
import type { Config } from './platform/config/config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { lockDataDir } from './platform/db/data-lock.js';
import { startEmbeddedPostgres } from './platform/db/embedded.js';
import { runMigrations } from './platform/db/migrate.js';
import { FsStorage } from './platform/files/storage.js';
import { buildApp } from './platform/http/app.js';
import { startJobs, type JobRunner } from './platform/jobs/jobs.js';
import type { App, ModuleDeps, Runner } from './platform/module.js';
import { WEB_DIST_DIR } from './platform/paths.js';
import { MODULES } from './modules/index.js';
import './platform/backup/backup.js'; // registers the backup error codes

for (const m of MODULES) if (m.permissions) registerPermissions(m.permissions);

export interface Infrastructure {
  database: Database;
  /** Stops the database connections and, if embedded, PostgreSQL; releases the data lock. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (the configured server, or the embedded one under the data folder),
 * applies migrations and opens the application pool.
 */
export async function openInfrastructure(
  config: Config,
  log: Logger,
  opts: { migrate?: boolean } = {},
): Promise<Infrastructure> {
  let release: (() => void) | null = null;
  let embedded: { url: string; stop(): Promise<void> } | null = null;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    release = lockDataDir(config.dataDir);
    try {
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
    } catch (err) {
      release();
      throw err;
    }
    ownerUrl = embedded.url;
  }
  try {
    if (opts.migrate !== false) {
      const applied = await runMigrations(ownerUrl);
      if (applied > 0) log.info({ category: 'db', applied }, 'migrations applied');
    }
  } catch (err) {
    await embedded?.stop();
    release?.();
    throw err;
  }
  const database = openDatabase({
    ownerUrl,
    appUrl: config.databaseAppUrl,
    poolSize: config.dbPoolSize,
  });
  return {
    database,
    close: async () => {
      await database.close();
      await embedded?.stop();
      release?.();
    },
  };
}

export interface Server {
  app: App | null;
  url: string | null;
  infra: Infrastructure;
  jobs: JobRunner | null;
  deps: ModuleDeps;
  stop(): Promise<void>;
}

export type ServerRole = 'all' | 'web' | 'worker';

/** The composition root: config -> db -> modules -> http and workers. */
export async function startServer(
  config: Config,
  log: Logger,
  opts: {
    role?: ServerRole;
    listen?: boolean;
    /** Runs once the database is ready, before the first request is accepted. */
    beforeListen?: (infra: Infrastructure) => Promise<void>;
  } = {},
): Promise<Server> {
  const role = opts.role ?? 'all';
  const infra = await openInfrastructure(config, log);
  const storage = new FsStorage(config.filesDir);
  const notHttp: Runner = () => Promise.reject(new Error('no HTTP in the worker role'));
  let app: App | null = null;
  let url: string | null = null;
  let jobs: JobRunner | null = null;
  const baseDeps: ModuleDeps = {
    config,
    database: infra.database,
    run: notHttp,
    storage,
    log,
    sealer: new Sealer(serverSecret(config)),
    forgetTenants: () => undefined,
    resolveTenant: async () => null,
  };
  try {
    if (role !== 'worker') {
      app = await buildApp({
        config,
        database: infra.database,
        storage,
        log,
        modules: MODULES,
        webDir: WEB_DIST_DIR,
      });
    }
    if (config.jobsEnabled && role !== 'web') {
      jobs = await startJobs(
        infra.database.ownerUrl,
        MODULES.flatMap((m) => m.jobs ?? []),
        baseDeps,
        { work: true, log },
      );
    }
    await opts.beforeListen?.(infra);
    if (app && opts.listen !== false) {
      url = await app.listen({ host: config.host, port: config.port });
    }
  } catch (err) {
    await app?.close();
    await jobs?.stop();
    await infra.close();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    infra,
    jobs,
    deps: baseDeps,
    stop: () =>
      (stopping ??= (async () => {
        await app?.close();
        await jobs?.stop();
        await infra.close();
      })()),
  };
}
