import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle: the same query API as Db, bound to one connection inside BEGIN. */
export type Tx = Db;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidLiteral(value: string | null | undefined): string {
  if (!value) return "''";
  if (!UUID.test(value)) throw new Error('tenant and user ids must be UUIDs');
  return `'${value}'`;
}

const commitQueues = new WeakMap<Tx, pg.QueryConfig[]>();

/**
 * Queues a statement to run at the very end of an inTenantTx transaction, right before COMMIT
 * and in the same atomic unit. Returns false when tx is not such a transaction (the caller then
 * runs the statement itself). The audit chain uses this to hold its per-tenant lock as briefly as
 * possible.
 */
export function deferToCommit(tx: Executor, query: pg.QueryConfig): boolean {
  const queue = commitQueues.get(tx as Tx);
  if (!queue) return false;
  queue.push(query);
  return true;
}

/**
 * Runs fn in a transaction with the tenant and actor set for row-level security.
 * Every request and job goes through here. BEGIN and the settings travel in one round trip
 * (the ids are validated UUIDs, so inlining them is safe); the settings are transaction-local,
 * so a connection returned to the pool carries no tenant.
 */
export async function inTenantTx<T>(
  database: Pick<Database, 'pool'>,
  scope: TxScope,
  fn: (tx: Tx, preludeRows: Record<string, unknown>[]) => Promise<T>,
  /** A literal-only statement to run in the same round trip; its rows are handed to fn. */
  prelude?: string | null,
): Promise<T> {
  const client = await database.pool.connect();
  let broken = false;
  try {
    const results = (await client.query(
      `BEGIN; SELECT set_config('app.tenant_id', ${uuidLiteral(scope.tenantId)}, true), ` +
        `set_config('app.user_id', ${uuidLiteral(scope.userId)}, true)` +
        (prelude ? `; ${prelude}` : ''),
    )) as unknown as pg.QueryResult[];
    const tx = drizzle(client) as unknown as Tx;
    const atCommit: pg.QueryConfig[] = [];
    commitQueues.set(tx, atCommit);
    const result = await fn(tx, prelude ? (results[2]?.rows ?? []) : []);
    commitQueues.delete(tx);
    // The deferred statements and COMMIT are queued together: the driver sends each one the
    // moment the previous completes, without waiting for this event loop to come round.
    await Promise.all([...atCommit.map((q) => client.query(q)), client.query('COMMIT')]);
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/**
 * A literal-only read in a tenant's context, in one round trip: the simple protocol runs the
 * statements of one message as a single implicit transaction, so the transaction-local tenant
 * setting applies to the read and is gone when it returns. For the hottest reads only (the SSO
 * provider's lookups); the caller must have validated every literal it inlines.
 */
export async function readInTenant<R extends Record<string, unknown>>(
  database: Pick<Database, 'pool'>,
  tenantId: string,
  literalSelect: string,
): Promise<R[]> {
  const results = (await database.pool.query(
    `SELECT set_config('app.tenant_id', ${uuidLiteral(tenantId)}, true); ${literalSelect}`,
  )) as unknown as pg.QueryResult<R>[];
  return results[1]?.rows ?? [];
}

/**
 * A named (prepared) statement run on the executor's connection: PostgreSQL parses and plans it
 * once per connection, and no query builder runs per call. For the hottest read paths only.
 */
export async function preparedQuery<R extends Record<string, unknown>>(
  db: Executor,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const client = (db as unknown as { $client: pg.Pool | pg.ClientBase }).$client;
  const result = await client.query<R>({ name, text, values });
  return result.rows;
}

/** The constraint a PostgreSQL error names (unique or foreign key violations), if any. */
export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
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
