import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, tenantIsolation, timestamps } from '../../../platform/db/tenant-table.js';

export const USER_KINDS = ['employee', 'external', 'service'] as const;
export const USER_STATUSES = ['active', 'disabled'] as const;

export const users = pgTable(
  'identity_users',
  {
    ...tenantColumns,
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    kind: text('kind', { enum: USER_KINDS }).notNull(),
    /** Link to org's employee (by id, resolved through the org service). */
    employeeId: uuid('employee_id'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('identity_users_tenant_username').on(t.tenantId, sql`lower(${t.username})`),
    uniqueIndex('identity_users_tenant_email').on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex('identity_users_tenant_employee').on(t.tenantId, t.employeeId),
    tenantIsolation('identity_users'),
  ],
).enableRLS();

export const roleAssignments = pgTable(
  'identity_role_assignments',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** null: tenant-wide; otherwise the agency the grant is limited to. */
    agencyId: uuid('agency_id'),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identity_roles_unique').on(
      t.tenantId,
      t.userId,
      t.role,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('identity_roles_user').on(t.userId),
    tenantIsolation('identity_role_assignments'),
  ],
).enableRLS();

export const sessions = pgTable(
  'identity_sessions',
  {
    ...tenantColumns,
    /** SHA-256 of the cookie value; the cookie itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('identity_sessions_hash').on(t.tokenHash),
    index('identity_sessions_user').on(t.userId),
    tenantIsolation('identity_sessions'),
  ],
).enableRLS();

export const TOKEN_KINDS = ['personal', 'service'] as const;

export const apiTokens = pgTable(
  'identity_api_tokens',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: TOKEN_KINDS }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, shown so people can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identity_api_tokens_hash').on(t.tokenHash),
    index('identity_api_tokens_user').on(t.userId),
    tenantIsolation('identity_api_tokens'),
  ],
).enableRLS();

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
