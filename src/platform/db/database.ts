import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle: the same query API as Db, bound to one connection. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either a transaction or the database; repositories accept both. */
export type Executor = Db | Tx;

export const APP_ROLE = 'simpul_app';

export interface Database {
  /** Pool of connections running as the non-owner application role (RLS applies). */
  pool: pg.Pool;
  db: Db;
  /** The owner connection string, for migrations, backup and operator commands. */
  ownerUrl: string;
  close(): Promise<void>;
}

// Keep timestamps as JS Dates and bigint counts as numbers where safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

export function openDatabase(opts: {
  ownerUrl: string;
  appUrl?: string | null;
  poolSize: number;
  applicationName?: string;
}): Database {
  const pool = new pg.Pool({
    connectionString: opts.appUrl ?? opts.ownerUrl,
    max: opts.poolSize,
    application_name: opts.applicationName ?? 'simpul',
    idleTimeoutMillis: 30_000,
    // One connection string for everything (the embedded install): every connection starts as
    // the app role (startup option, no extra round trip), so RLS applies exactly as with a
    // separate login.
    ...(opts.appUrl ? {} : { options: `-c role=${APP_ROLE}` }),
  });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it */
  });
  const db = drizzle(pool) as Db;
  return {
    pool,
    db,
    ownerUrl: opts.ownerUrl,
    close: () => pool.end(),
  };
}

export interface TxScope {
  tenantId: string | null;
  userId?: string | null;
}

/**
 * Runs fn in a transaction with the tenant and actor set for row-level security.
 * Every request and job goes through here.
 */
export async function inTenantTx<T>(
  db: Db,
  scope: TxScope,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${scope.tenantId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`,
    );
    return fn(tx);
  });
}

/** Sets the actor after authentication, inside an already open transaction. */
export async function setTxUser(tx: Tx, userId: string | null): Promise<void> {
  await tx.execute(sql`select set_config('app.user_id', ${userId ?? ''}, true)`);
}

/** Postgres error code helpers (SQLSTATE). */
export function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
