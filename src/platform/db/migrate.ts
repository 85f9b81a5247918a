import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.js';

/** Arbitrary constant: the advisory lock every node takes before migrating. */
const MIGRATION_LOCK = 7_425_001;

export function migrationCount(dir = MIGRATIONS_DIR): number {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Applies pending migrations as the owner, under an advisory lock so that many nodes starting at
 * once never race: the first applies, the others wait and then find nothing to do.
 */
export async function runMigrations(ownerUrl: string, dir = MIGRATIONS_DIR): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'simpul-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const before = await appliedCount(client);
    await migrate(drizzle(client), { migrationsFolder: dir });
    return (await appliedCount(client)) - before;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

export async function appliedCount(client: pg.Client | pg.Pool): Promise<number> {
  const exists = await client.query(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok",
  );
  if (!exists.rows[0]?.ok) return 0;
  const r = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return Number(r.rows[0]?.n ?? 0);
}
