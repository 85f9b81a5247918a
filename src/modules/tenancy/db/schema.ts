import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { appRole, currentTenant, timestamps } from '../../../platform/db/tenant-table.js';

/** Pemerintah Daerah: one regional government. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Kemendagri region code, e.g. 33.25 */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['kabupaten', 'kota', 'provinsi'] }).notNull(),
    officialDomain: text('official_domain'),
    hostnames: text('hostnames')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    timeZone: text('time_zone').notNull().default('Asia/Jakarta'),
    /** Which regional regulations apply (ids of shared/regulations). */
    regulationProfile: text('regulation_profile')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    logoUrl: text('logo_url'),
    isDefault: boolean('is_default').notNull().default(false),
    settings: jsonb('settings')
      .notNull()
      .default(sql`'{}'::jsonb`),
    ...timestamps,
  },
  () => [
    // Host-name resolution happens before a tenant is known, so the directory is readable.
    pgPolicy('tenants_read', { for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('tenants_update_own', {
      for: 'update',
      to: appRole,
      using: sql`id = ${currentTenant}`,
      withCheck: sql`id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export type TenantRow = typeof tenants.$inferSelect;
