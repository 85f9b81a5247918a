import type { Db } from '../platform/db/database.js';
import { findTenantByCode, listTenants } from '../modules/tenancy/tenancy.service.js';
import type { TenantRow } from '../modules/tenancy/db/schema.js';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/** An owner connection for operator commands that must see across tenants. */
export async function withOwnerDb<T>(
  ownerUrl: string,
  fn: (db: Db, pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2, application_name: 'simpul-cli' });
  try {
    return await fn(drizzle(pool) as Db, pool);
  } finally {
    await pool.end();
  }
}

/** The tenant named by --tenant, or the only/default one. */
export async function pickTenant(db: Db, code: string | undefined): Promise<TenantRow> {
  if (code) {
    const t = await findTenantByCode(db, code);
    if (!t) throw new Error(`no tenant with code ${code}`);
    return t;
  }
  const all = await listTenants(db);
  const t = all.find((x) => x.isDefault) ?? (all.length === 1 ? all[0] : undefined);
  if (!t)
    throw new Error(
      all.length
        ? 'several tenants exist: name one with --tenant CODE'
        : 'no tenant yet: run `simpul setup` first',
    );
  return t;
}
