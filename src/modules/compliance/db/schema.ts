import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns, tenantIsolation } from '../../../platform/db/tenant-table.js';

/*
 * The regulations as executable rules: each evaluation run, the findings it opened or resolved,
 * the exceptions the ICT office accepted, and the daily scores that draw the trend.
 */

export const EVALUATION_TRIGGERS = ['nightly', 'change', 'manual', 'profile'] as const;

/** One full evaluation of every rule that applies to the tenant. */
export const evaluations = pgTable(
  'compliance_evaluations',
  {
    ...tenantColumns,
    trigger: text('trigger', { enum: EVALUATION_TRIGGERS }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer('duration_ms').notNull(),
    rulesEvaluated: integer('rules_evaluated').notNull(),
    checks: integer('checks').notNull(),
    failures: integer('failures').notNull(),
    opened: integer('opened').notNull(),
    resolved: integer('resolved').notNull(),
    /** The regulation profile in force for this run. */
    profile: text('profile')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index('compliance_evaluations_started').on(t.tenantId, t.startedAt),
    tenantIsolation('compliance_evaluations'),
  ],
).enableRLS();

export const FINDING_STATES = ['open', 'resolved'] as const;

/**
 * A rule's verdict on one record that fails it. A finding stays open while the record fails and
 * is resolved (kept, with its history) once it passes, the rule stops applying or the record goes.
 */
export const findings = pgTable(
  'compliance_findings',
  {
    ...tenantColumns,
    ruleId: text('rule_id').notNull(),
    /** agency | service | process | application | infrastructure | data_asset */
    recordKind: text('record_kind').notNull(),
    recordId: uuid('record_id').notNull(),
    recordName: text('record_name').notNull(),
    agencyId: uuid('agency_id'),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    state: text('state', { enum: FINDING_STATES }).notNull().default('open'),
    /** Values the explanation names (the missing deliverables, the country, ...). */
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('compliance_findings_open')
      .on(t.tenantId, t.ruleId, t.recordId)
      .where(sql`${t.state} = 'open'`),
    index('compliance_findings_record').on(t.tenantId, t.recordId),
    index('compliance_findings_agency').on(t.tenantId, t.agencyId, t.state),
    tenantIsolation('compliance_findings'),
  ],
).enableRLS();

/** A finding accepted as an exception: justified, approved by someone, until it expires. */
export const exceptions = pgTable(
  'compliance_exceptions',
  {
    ...tenantColumns,
    ruleId: text('rule_id').notNull(),
    recordId: uuid('record_id').notNull(),
    justification: text('justification').notNull(),
    approvedBy: uuid('approved_by').notNull(),
    approvedByName: text('approved_by_name').notNull(),
    expiresOn: date('expires_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    index('compliance_exceptions_record').on(t.tenantId, t.ruleId, t.recordId),
    tenantIsolation('compliance_exceptions'),
  ],
).enableRLS();

/**
 * The score of a day, per agency (null: the whole tenant) and regulation (null: all): the
 * severity-weighted share of passed checks. The last evaluation of a day overwrites its row.
 */
export const scores = pgTable(
  'compliance_scores',
  {
    ...tenantColumns,
    day: date('day').notNull(),
    agencyId: uuid('agency_id'),
    regulation: text('regulation'),
    checks: integer('checks').notNull(),
    passed: integer('passed').notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
  },
  (t) => [
    uniqueIndex('compliance_scores_day').on(
      t.tenantId,
      t.day,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.regulation}, '')`,
    ),
    tenantIsolation('compliance_scores'),
  ],
).enableRLS();

/**
 * The check ledger: per subject (a record or an agency), the severity-weighted number of checks it
 * contributes to each score key (`t` tenant, `a:<agencyId>`, `r:<regulation code>`) as of its
 * latest evaluation. A full run rewrites the rows that changed; a partial run those of its scope.
 * A subject with no check (not approved, removed, every rule not applicable) has no row.
 */
export const checks = pgTable(
  'compliance_checks',
  {
    ...tenantColumns,
    subjectId: uuid('subject_id').notNull(),
    weights: jsonb('weights').notNull(),
  },
  (t) => [
    uniqueIndex('compliance_checks_subject').on(t.tenantId, t.subjectId),
    tenantIsolation('compliance_checks'),
  ],
).enableRLS();

/**
 * The ledger's sums per score key, kept with it (one row per tenant): the check totals of the
 * scores, without summing the ledger on every run. Its row is also the lock that makes the
 * tenant's ledger writes take turns.
 */
export const checkTotals = pgTable(
  'compliance_check_totals',
  {
    ...tenantColumns,
    weights: jsonb('weights').notNull(),
    /** An order-free hash of the ledger's rows: a full run that finds it unchanged reads none. */
    digest: text('digest').notNull(),
  },
  (t) => [
    uniqueIndex('compliance_check_totals_tenant').on(t.tenantId),
    tenantIsolation('compliance_check_totals'),
  ],
).enableRLS();

export type EvaluationRow = typeof evaluations.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type ExceptionRow = typeof exceptions.$inferSelect;
export type ScoreRow = typeof scores.$inferSelect;
