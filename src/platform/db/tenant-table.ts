import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The role the application runs as. It owns no table, so row-level security always applies.
 * Created by the first (hand-written) migration; drizzle-kit treats it as existing.
 */
export const appRole = pgRole('simpul_app').existing();

/** The tenant of the current transaction, or NULL when none is set (then RLS shows nothing). */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** Columns every tenant-owned table starts with. */
export const tenantColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
};

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** The standard isolation policy: the app role sees and writes only its tenant's rows. */
export function tenantIsolation(table: string) {
  return pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
}
