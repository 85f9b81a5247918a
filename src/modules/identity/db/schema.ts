import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** How the user proved who they are (RFC 8176 values: pwd, otp, hwk, user, mfa). */
    amr: text('amr')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Set when policy requires MFA the user has not enrolled: only enrolment is allowed. */
    mfaEnrolmentRequired: boolean('mfa_enrolment_required').notNull().default(false),
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

// ------------------------------------------------------------------ multi-factor sign-in

/** A user's TOTP authenticator (RFC 6238). The secret is sealed with the server key. */
export const totpFactors = pgTable(
  'identity_totp_factors',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretSealed: text('secret_sealed').notNull(),
    /** Null until the user proves the authenticator works with a first code. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** The last accepted time step: a code is never accepted twice. */
    lastStep: bigint('last_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identity_totp_factors_user').on(t.userId),
    tenantIsolation('identity_totp_factors'),
  ],
).enableRLS();

/** One-time recovery codes, stored as SHA-256 of the code. */
export const recoveryCodes = pgTable(
  'identity_recovery_codes',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('identity_recovery_codes_user').on(t.userId),
    tenantIsolation('identity_recovery_codes'),
  ],
).enableRLS();

/** WebAuthn credentials (passkeys). */
export const passkeys = pgTable(
  'identity_passkeys',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** base64url credential id, as the authenticator reports it. */
    credentialId: text('credential_id').notNull(),
    /** base64url COSE public key. */
    publicKey: text('public_key').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('identity_passkeys_credential').on(t.tenantId, t.credentialId),
    index('identity_passkeys_user').on(t.userId),
    tenantIsolation('identity_passkeys'),
  ],
).enableRLS();

export const AUTH_FLOW_KINDS = [
  'mfa',
  'webauthn_login',
  'webauthn_register',
  'password_reset',
] as const;

/**
 * Short-lived, single-use steps of a sign-in: the second factor after a password, a WebAuthn
 * challenge, a password-reset link. Only the SHA-256 of the handle given out is stored.
 */
export const authFlows = pgTable(
  'identity_auth_flows',
  {
    ...tenantColumns,
    tokenHash: text('token_hash').notNull(),
    kind: text('kind', { enum: AUTH_FLOW_KINDS }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** WebAuthn challenge (base64url), when the flow has one. */
    challenge: text('challenge'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identity_auth_flows_hash').on(t.tokenHash),
    index('identity_auth_flows_user').on(t.userId),
    tenantIsolation('identity_auth_flows'),
  ],
).enableRLS();

/** Failed sign-ins per client address: growing delays per IP, alongside those per account. */
export const ipThrottle = pgTable(
  'identity_ip_throttle',
  {
    tenantId: uuid('tenant_id').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ip] }), tenantIsolation('identity_ip_throttle')],
).enableRLS();

// ------------------------------------------------------------------ OpenID Connect provider

export const CLIENT_KINDS = ['confidential', 'public', 'service'] as const;
export const CLIENT_STATUSES = ['active', 'disabled'] as const;

/** Relying parties registered with the tenant's OpenID provider. */
export const oidcClients = pgTable(
  'identity_oidc_clients',
  {
    ...tenantColumns,
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: CLIENT_KINDS }).notNull(),
    /** The application (registry module) this client belongs to, by id. */
    applicationId: uuid('application_id'),
    /** Sealed with the server key; null for public clients. */
    secretSealed: text('secret_sealed'),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
    redirectUris: text('redirect_uris')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    postLogoutRedirectUris: text('post_logout_redirect_uris')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    backchannelLogoutUri: text('backchannel_logout_uri'),
    scopes: text('scopes').array().notNull(),
    /** First-party clients skip the consent screen. */
    trusted: boolean('trusted').notNull().default(false),
    idTokenAlg: text('id_token_alg', { enum: ['ES256', 'RS256'] })
      .notNull()
      .default('ES256'),
    status: text('status', { enum: CLIENT_STATUSES }).notNull().default('active'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('identity_oidc_clients_client_id').on(t.tenantId, t.clientId),
    tenantIsolation('identity_oidc_clients'),
  ],
).enableRLS();

/**
 * oidc-provider's own records (sessions, interactions, codes, tokens, grants), one row per
 * model instance, as its adapter interface describes them.
 */
export const oidcPayloads = pgTable(
  'identity_oidc_payloads',
  {
    tenantId: uuid('tenant_id').notNull(),
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    uid: text('uid'),
    userCode: text('user_code'),
    accountId: text('account_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.model, t.id] }),
    index('identity_oidc_payloads_grant')
      .on(t.tenantId, t.grantId)
      .where(sql`${t.grantId} IS NOT NULL`),
    index('identity_oidc_payloads_uid')
      .on(t.tenantId, t.uid)
      .where(sql`${t.uid} IS NOT NULL`),
    index('identity_oidc_payloads_account')
      .on(t.tenantId, t.accountId)
      .where(sql`${t.accountId} IS NOT NULL`),
    index('identity_oidc_payloads_expiry').on(t.expiresAt),
    tenantIsolation('identity_oidc_payloads'),
  ],
).enableRLS();

export const KEY_ALGS = ['ES256', 'RS256'] as const;

/** The provider's signing keys. Private halves are sealed; retired keys stay published a while. */
export const signingKeys = pgTable(
  'identity_signing_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    kid: text('kid').notNull(),
    alg: text('alg', { enum: KEY_ALGS }).notNull(),
    privateSealed: text('private_sealed').notNull(),
    publicJwk: jsonb('public_jwk').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a newer key replaces this one: it signs nothing more, but stays published. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    /** When the last token it signed has expired; then it leaves the JWKS. */
    unpublishAt: timestamp('unpublish_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kid] }), tenantIsolation('identity_signing_keys')],
).enableRLS();

export type TotpFactorRow = typeof totpFactors.$inferSelect;
export type PasskeyRow = typeof passkeys.$inferSelect;
export type AuthFlowRow = typeof authFlows.$inferSelect;
export type OidcClientRow = typeof oidcClients.$inferSelect;
export type SigningKeyRow = typeof signingKeys.$inferSelect;
