import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, currentTenant, tenantIsolation } from '../db/tenant-table.js';

/**
 * The append-only audit trail. One hash chain per tenant: each row stores
 * hash = SHA-256(prev_hash || canonical JSON of the event). The app role may only INSERT and
 * SELECT (grants in the migrations), so history cannot be rewritten through the application.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // The chain position is the key: no surrogate id, one index less on every audited write.
    primaryKey({ name: 'audit_events_pkey', columns: [t.tenantId, t.seq] }),
    index('audit_events_tenant_time').on(t.tenantId, t.occurredAt),
    index('audit_events_tenant_action').on(t.tenantId, t.action),
    index('audit_events_tenant_target').on(t.tenantId, t.targetType, t.targetId),
    pgPolicy('audit_events_read', {
      for: 'select',
      to: appRole,
      using: sql`tenant_id = ${currentTenant}`,
    }),
    pgPolicy('audit_events_append', {
      for: 'insert',
      to: appRole,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

/** The head of each tenant's chain; the row lock serialises appends within a tenant. */
export const auditHeads = pgTable(
  'audit_heads',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  () => [tenantIsolation('audit_heads')],
).enableRLS();

/** Results of chain verifications (the nightly job and `simpul audit verify`). */
export const auditVerifications = pgTable(
  'audit_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    checked: bigint('checked', { mode: 'number' }).notNull(),
    brokenSeq: bigint('broken_seq', { mode: 'number' }),
    message: text('message'),
  },
  (t) => [
    index('audit_verifications_tenant_time').on(t.tenantId, t.ranAt),
    tenantIsolation('audit_verifications'),
  ],
).enableRLS();
