import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../../src/platform/db/database.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { runMigrations } from '../../src/platform/db/migrate.js';
import '../../src/main.js'; // registers every module's permissions

/**
 * The PostgreSQL server tests run against. scripts/test.mjs runs the database tests twice: once
 * against the PostgreSQL 15 server and once against the embedded PostgreSQL.
 */
export const TEST_PG_URL =
  process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  database: Database;
  /** Owner connection (bypasses RLS): for fixtures and for checking what RLS hides. */
  owner: Db;
  ownerPool: pg.Pool;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `simpul_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = withDatabase(TEST_PG_URL, name);
  await runMigrations(ownerUrl);
  const database = openDatabase({ ownerUrl, poolSize: 10 });
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 3 });
  return {
    name,
    ownerUrl,
    database,
    owner: drizzle(ownerPool) as Db,
    ownerPool,
    drop: async () => {
      await database.close();
      await ownerPool.end();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
