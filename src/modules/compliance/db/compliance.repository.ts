import type pg from 'pg';
import type { Executor } from '../../../platform/db/database.js';
import type { Failure } from '../evaluate.js';
import type { EvaluationRow, ExceptionRow } from './schema.js';

/** A transaction has one connection, which runs one statement at a time: these run in turn. */
async function inTurn<T extends unknown[]>(
  ...fns: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const out: unknown[] = [];
  for (const fn of fns) out.push(await fn());
  return out as T;
}

/*
 * All SQL of the compliance module. The evaluation writes are set-based: one statement
 * reconciles every finding of a run, one writes the day's scores.
 */

async function query<R extends Record<string, unknown>>(
  db: Executor,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = (db as unknown as { $client: pg.ClientBase }).$client;
  return (await client.query<R>(text, values)).rows;
}

/** `ruleId recordId` keys of the exceptions in force on `today`. */
export async function activeExceptionKeys(db: Executor, today: string): Promise<Set<string>> {
  const rows = await query<{ k: string }>(
    db,
    `SELECT rule_id || ' ' || record_id AS k FROM compliance_exceptions
     WHERE revoked_at IS NULL AND expires_on >= $1::date`,
    [today],
  );
  return new Set(rows.map((r) => r.k));
}

/** JSON with sorted keys: a stored jsonb and a fresh object compare equal when they match. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/**
 * Makes the open findings match a run's failures: a failure with an open finding keeps it (last
 * seen now; name, agency, severity and detail refreshed when they changed); a new failure opens
 * one; an open finding in scope that no longer fails (passes, stopped applying, or its record is
 * gone) is resolved and kept as history. `scope` limits the resolving to those records (a partial
 * run); null means every record. One read and at most four set-based writes. Last seen is kept
 * to the hour (a full run does not rewrite a finding it saw less than an hour ago).
 */
export async function reconcileFindings(
  db: Executor,
  tenantId: string,
  failures: readonly Failure[],
  scope: readonly string[] | null,
): Promise<{ opened: number; resolved: number }> {
  const open = await query<{
    id: string;
    ruleId: string;
    recordId: string;
    recordName: string;
    agencyId: string | null;
    severity: string;
    detail: unknown;
    stale: boolean;
  }>(
    db,
    `SELECT id, rule_id AS "ruleId", record_id AS "recordId", record_name AS "recordName",
            agency_id AS "agencyId", severity, detail,
            last_seen_at < now() - interval '1 hour' AS stale
     FROM compliance_findings
     WHERE state = 'open' AND ($1::uuid[] IS NULL OR record_id = ANY($1::uuid[]))`,
    [scope],
  );
  const byKey = new Map(open.map((o) => [`${o.ruleId} ${o.recordId}`, o]));
  const seen: string[] = [];
  const changed: Array<{ id: string; f: Failure }> = [];
  const fresh: Failure[] = [];
  for (const f of failures) {
    const o = byKey.get(`${f.ruleId} ${f.recordId}`);
    if (!o) {
      fresh.push(f);
      continue;
    }
    byKey.delete(`${f.ruleId} ${f.recordId}`);
    if (
      o.recordName !== f.recordName ||
      o.agencyId !== f.agencyId ||
      o.severity !== f.severity ||
      canonical(o.detail) !== canonical(f.detail)
    )
      changed.push({ id: o.id, f });
    // Last seen is kept to the hour: a full run rewrites only rows seen more than an hour ago
    // (the nightly run refreshes them all), so repeated runs do not rewrite every finding.
    else if (scope !== null || o.stale) seen.push(o.id);
  }
  const gone = [...byKey.values()].map((o) => o.id);

  if (seen.length > 0)
    await query(
      db,
      `UPDATE compliance_findings SET last_seen_at = now() WHERE id = ANY($1::uuid[])`,
      [seen],
    );
  if (changed.length > 0)
    await query(
      db,
      `UPDATE compliance_findings f
       SET last_seen_at = now(), record_name = c.name, agency_id = c.agency,
           severity = c.severity, detail = c.detail::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[])
         AS c(id, name, agency, severity, detail)
       WHERE f.id = c.id`,
      [
        changed.map((c) => c.id),
        changed.map((c) => c.f.recordName),
        changed.map((c) => c.f.agencyId),
        changed.map((c) => c.f.severity),
        changed.map((c) => JSON.stringify(c.f.detail)),
      ],
    );
  // A concurrent run may have opened the same finding: it stays one finding.
  const inserted =
    fresh.length === 0
      ? []
      : await query<{ id: string }>(
          db,
          `INSERT INTO compliance_findings
         (tenant_id, rule_id, record_kind, record_id, record_name, agency_id, severity, detail)
       SELECT $1, c.rule_id, c.record_kind, c.record_id, c.record_name, c.agency_id, c.severity,
              c.detail::jsonb
       FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[])
         AS c(rule_id, record_kind, record_id, record_name, agency_id, severity, detail)
       ON CONFLICT (tenant_id, rule_id, record_id) WHERE state = 'open' DO NOTHING
       RETURNING id`,
          [
            tenantId,
            fresh.map((f) => f.ruleId),
            fresh.map((f) => f.recordKind),
            fresh.map((f) => f.recordId),
            fresh.map((f) => f.recordName),
            fresh.map((f) => f.agencyId),
            fresh.map((f) => f.severity),
            fresh.map((f) => JSON.stringify(f.detail)),
          ],
        );
  if (gone.length > 0)
    await query(
      db,
      `UPDATE compliance_findings SET state = 'resolved', resolved_at = now()
       WHERE id = ANY($1::uuid[])`,
      [gone],
    );
  return { opened: inserted.length, resolved: gone.length };
}

/** Weighted failures of the open findings without an exception in force, per rule and agency. */
export async function openFailureWeights(
  db: Executor,
  today: string,
): Promise<Array<{ ruleId: string; agencyId: string | null; severity: string; n: number }>> {
  return query(
    db,
    `SELECT f.rule_id AS "ruleId", f.agency_id AS "agencyId", f.severity, count(*)::int AS n
     FROM compliance_findings f
     WHERE f.state = 'open'
       AND NOT EXISTS (SELECT 1 FROM compliance_exceptions e
                       WHERE e.rule_id = f.rule_id AND e.record_id = f.record_id
                         AND e.revoked_at IS NULL AND e.expires_on >= $1::date)
     GROUP BY 1, 2, 3`,
    [today],
  );
}

type Weights = Map<string, number>;

const toMap = (o: Record<string, number>): Weights => new Map(Object.entries(o));

function sameWeights(a: Weights, b: Weights): boolean {
  if (a.size !== b.size) return false;
  for (const [k, w] of a) if (b.get(k) !== w) return false;
  return true;
}

export interface CheckTotals {
  weights: Weights;
  /** `addToDigest`'s two lanes. */
  digest: [number, number];
}

const parseDigest = (d: string): [number, number] => {
  const [a, b] = d.split('.').map((x) => Number.parseInt(x, 16));
  return [a ?? 0, b ?? 0];
};

/**
 * The check totals of the tenant's ledger (null before its first full run), locked until the
 * transaction ends: the tenant's ledger writes take turns, so the totals stay its sums.
 */
export async function lockCheckTotals(db: Executor): Promise<CheckTotals | null> {
  const [r] = await query<{ weights: Record<string, number>; digest: string }>(
    db,
    'SELECT weights, digest FROM compliance_check_totals FOR UPDATE',
  );
  return r ? { weights: toMap(r.weights), digest: parseDigest(r.digest) } : null;
}

/** The check totals of the tenant's ledger, or null before its first full run. */
export async function checkTotals(db: Executor): Promise<Weights | null> {
  const [r] = await query<{ weights: Record<string, number> }>(
    db,
    'SELECT weights FROM compliance_check_totals',
  );
  return r ? toMap(r.weights) : null;
}

export async function writeCheckTotals(
  db: Executor,
  tenantId: string,
  totals: CheckTotals,
): Promise<void> {
  await query(
    db,
    `INSERT INTO compliance_check_totals (tenant_id, weights, digest) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET weights = excluded.weights, digest = excluded.digest`,
    [
      tenantId,
      JSON.stringify(Object.fromEntries(totals.weights)),
      totals.digest.map((x) => x.toString(16)).join('.'),
    ],
  );
}

/**
 * Makes the ledger rows of `scope` (null: the whole tenant) those of `next`: a subject whose
 * weights changed is rewritten, a new one inserted, one in scope without checks now deleted; the
 * rest is left alone. Returns the rows the scope held before. One read and at most two writes.
 */
export async function replaceChecks(
  db: Executor,
  tenantId: string,
  scope: readonly string[] | null,
  next: ReadonlyMap<string, Weights>,
): Promise<Map<string, Weights>> {
  const rows = await query<{ subjectId: string; weights: Record<string, number> }>(
    db,
    `SELECT subject_id AS "subjectId", weights FROM compliance_checks
     WHERE $1::uuid[] IS NULL OR subject_id = ANY($1::uuid[])`,
    [scope],
  );
  const old = new Map(rows.map((r) => [r.subjectId, toMap(r.weights)]));
  const write: Array<[string, Weights]> = [];
  const gone = [...old.keys()].filter((id) => !next.has(id));
  for (const [id, n] of next) {
    const o = old.get(id);
    if (!o || !sameWeights(n, o)) write.push([id, n]);
  }
  if (gone.length > 0)
    await query(db, 'DELETE FROM compliance_checks WHERE subject_id = ANY($1::uuid[])', [gone]);
  if (write.length > 0)
    await query(
      db,
      `INSERT INTO compliance_checks (tenant_id, subject_id, weights)
       SELECT $1, c.subject_id, c.weights::jsonb
       FROM unnest($2::uuid[], $3::text[]) AS c(subject_id, weights)
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET weights = excluded.weights`,
      [
        tenantId,
        write.map(([id]) => id),
        write.map(([, n]) => JSON.stringify(Object.fromEntries(n))),
      ],
    );
  return old;
}

/**
 * Writes (or overwrites) the day's score rows, one per key, and deletes the day's rows of the
 * keys not among them (an agency that no longer has a check).
 */
export async function writeScores(
  db: Executor,
  tenantId: string,
  day: string,
  rows: ReadonlyArray<{
    agencyId: string | null;
    regulation: string | null;
    checks: number;
    passed: number;
  }>,
): Promise<void> {
  await query(
    db,
    `WITH s AS (SELECT * FROM unnest($3::uuid[], $4::text[], $5::int[], $6::int[])
                  AS s(agency_id, regulation, checks, passed)),
          stale AS (DELETE FROM compliance_scores o
                    WHERE o.day = $2::date
                      AND NOT EXISTS (SELECT 1 FROM s
                                      WHERE s.agency_id IS NOT DISTINCT FROM o.agency_id
                                        AND s.regulation IS NOT DISTINCT FROM o.regulation))
     INSERT INTO compliance_scores (tenant_id, day, agency_id, regulation, checks, passed, score)
     SELECT $1, $2::date, s.agency_id, s.regulation, s.checks, s.passed,
            CASE WHEN s.checks = 0 THEN 100 ELSE round(100.0 * s.passed / s.checks, 2) END
     FROM s
     ON CONFLICT (tenant_id, day, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid),
                  coalesce(regulation, ''))
     DO UPDATE SET checks = excluded.checks, passed = excluded.passed, score = excluded.score`,
    [
      tenantId,
      day,
      rows.map((r) => r.agencyId),
      rows.map((r) => r.regulation),
      rows.map((r) => r.checks),
      rows.map((r) => r.passed),
    ],
  );
}

export async function insertEvaluation(
  db: Executor,
  row: Omit<EvaluationRow, 'id' | 'startedAt'> & { startedAt: Date },
): Promise<EvaluationRow> {
  const [r] = await query<Record<string, unknown>>(
    db,
    `INSERT INTO compliance_evaluations
       (tenant_id, trigger, started_at, duration_ms, rules_evaluated, checks, failures, opened,
        resolved, profile)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id, tenant_id AS "tenantId", trigger, started_at AS "startedAt",
               duration_ms AS "durationMs", rules_evaluated AS "rulesEvaluated", checks, failures,
               opened, resolved, profile`,
    [
      row.tenantId,
      row.trigger,
      row.startedAt,
      row.durationMs,
      row.rulesEvaluated,
      row.checks,
      row.failures,
      row.opened,
      row.resolved,
      row.profile,
    ],
  );
  return r as unknown as EvaluationRow;
}

const EVALUATION_COLUMNS = `id, tenant_id AS "tenantId", trigger, started_at AS "startedAt",
  duration_ms AS "durationMs", rules_evaluated AS "rulesEvaluated", checks, failures, opened,
  resolved, profile`;

export async function lastEvaluation(db: Executor): Promise<EvaluationRow | null> {
  const [r] = await query<Record<string, unknown>>(
    db,
    `SELECT ${EVALUATION_COLUMNS} FROM compliance_evaluations ORDER BY started_at DESC LIMIT 1`,
  );
  return (r as unknown as EvaluationRow) ?? null;
}

// ------------------------------------------------------------------ findings

export interface FindingListRow {
  id: string;
  ruleId: string;
  recordKind: string;
  recordId: string;
  recordName: string;
  agencyId: string | null;
  severity: string;
  state: string;
  detail: Record<string, unknown>;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  exceptionId: string | null;
  exceptionJustification: string | null;
  exceptionApprovedByName: string | null;
  exceptionExpiresOn: string | null;
  exceptionCreatedAt: Date | null;
}

export interface FindingFilter {
  state: 'open' | 'resolved' | 'all';
  agencyIds: string[] | null;
  ruleIds: string[] | null;
  severity: string | null;
  recordId: string | null;
  today: string;
  limit: number;
  offset: number;
}

const FINDING_SELECT = `f.id, f.rule_id AS "ruleId", f.record_kind AS "recordKind",
  f.record_id AS "recordId", f.record_name AS "recordName", f.agency_id AS "agencyId",
  f.severity, f.state, f.detail, f.first_seen_at AS "firstSeenAt",
  f.last_seen_at AS "lastSeenAt", f.resolved_at AS "resolvedAt",
  x.id AS "exceptionId", x.justification AS "exceptionJustification",
  x.approved_by_name AS "exceptionApprovedByName",
  to_char(x.expires_on, 'YYYY-MM-DD') AS "exceptionExpiresOn",
  x.created_at AS "exceptionCreatedAt"`;

const EXCEPTION_JOIN = `LEFT JOIN LATERAL (
    SELECT e.* FROM compliance_exceptions e
    WHERE e.rule_id = f.rule_id AND e.record_id = f.record_id AND e.revoked_at IS NULL
      AND e.expires_on >= $1::date
    ORDER BY e.created_at DESC LIMIT 1) x ON true`;

export async function listFindings(
  db: Executor,
  f: FindingFilter,
): Promise<{ items: FindingListRow[]; total: number }> {
  // $1 (today) is used by the exception join; the count names it too so the numbering holds.
  const where: string[] = ['$1::date IS NOT NULL'];
  const values: unknown[] = [f.today];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (f.state !== 'all') where.push(`f.state = ${param(f.state)}`);
  if (f.agencyIds) where.push(`f.agency_id = ANY(${param(f.agencyIds)}::uuid[])`);
  if (f.ruleIds) where.push(`f.rule_id = ANY(${param(f.ruleIds)}::text[])`);
  if (f.severity) where.push(`f.severity = ${param(f.severity)}`);
  if (f.recordId) where.push(`f.record_id = ${param(f.recordId)}::uuid`);
  const w = `WHERE ${where.join(' AND ')}`;
  const countValues = [...values];
  const limit = param(f.limit);
  const offset = param(f.offset);
  const [items, total] = await inTurn(
    () =>
      query<FindingListRow & Record<string, () => unknown>>(
        db,
        `SELECT ${FINDING_SELECT} FROM compliance_findings f ${EXCEPTION_JOIN} ${w}
       ORDER BY (f.state = 'open') DESC,
                CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC,
                f.first_seen_at ASC, f.id
       LIMIT ${limit} OFFSET ${offset}`,
        values,
      ),
    () =>
      query<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM compliance_findings f ${w}`,
        countValues,
      ),
  );
  return { items, total: total[0]?.n ?? 0 };
}

export async function findFinding(
  db: Executor,
  id: string,
  today: string,
): Promise<FindingListRow | null> {
  const [r] = await query<FindingListRow & Record<string, unknown>>(
    db,
    `SELECT ${FINDING_SELECT} FROM compliance_findings f ${EXCEPTION_JOIN} WHERE f.id = $2::uuid`,
    [today, id],
  );
  return r ?? null;
}

/** Open findings per agency (for the summary). */
export async function openCountsByAgency(db: Executor): Promise<Map<string | null, number>> {
  const rows = await query<{ agencyId: string | null; n: number }>(
    db,
    `SELECT agency_id AS "agencyId", count(*)::int AS n FROM compliance_findings
     WHERE state = 'open' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}

/** Open findings per rule (for the per-regulation counts). */
export async function openCountsByRule(db: Executor): Promise<Map<string, number>> {
  const rows = await query<{ ruleId: string; n: number }>(
    db,
    `SELECT rule_id AS "ruleId", count(*)::int AS n FROM compliance_findings
     WHERE state = 'open' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.ruleId, r.n]));
}

// ------------------------------------------------------------------ scores

export interface ScoreRowView {
  day: string;
  agencyId: string | null;
  regulation: string | null;
  checks: number;
  passed: number;
  score: number;
}

/** The latest day's rows and the tenant-wide trend over the last `days` days. */
export async function scoresView(
  db: Executor,
  days: number,
): Promise<{ latest: ScoreRowView[]; trend: Array<{ day: string; score: number }> }> {
  const [latest, trend] = await inTurn(
    () =>
      query<ScoreRowView & Record<string, () => unknown>>(
        db,
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, agency_id AS "agencyId", regulation, checks,
              passed, score::float8 AS score
       FROM compliance_scores WHERE day = (SELECT max(day) FROM compliance_scores)`,
      ),
    () =>
      query<{ day: string; score: number }>(
        db,
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, score::float8 AS score FROM compliance_scores
       WHERE agency_id IS NULL AND regulation IS NULL
         AND day > (SELECT max(day) FROM compliance_scores) - $1::int
       ORDER BY day`,
        [days],
      ),
  );
  return { latest, trend };
}

// ------------------------------------------------------------------ exceptions

function exceptionColumns(p = ''): string {
  return `${p}id, ${p}rule_id AS "ruleId", ${p}record_id AS "recordId", ${p}justification,
  ${p}approved_by AS "approvedBy", ${p}approved_by_name AS "approvedByName",
  to_char(${p}expires_on, 'YYYY-MM-DD') AS "expiresOn", ${p}created_at AS "createdAt",
  ${p}revoked_at AS "revokedAt", ${p}revoked_by AS "revokedBy", ${p}tenant_id AS "tenantId"`;
}
const EXCEPTION_COLUMNS = exceptionColumns();

export async function insertException(
  db: Executor,
  row: {
    tenantId: string;
    ruleId: string;
    recordId: string;
    justification: string;
    approvedBy: string;
    approvedByName: string;
    expiresOn: string;
  },
): Promise<ExceptionRow> {
  const [r] = await query<Record<string, unknown>>(
    db,
    `INSERT INTO compliance_exceptions
       (tenant_id, rule_id, record_id, justification, approved_by, approved_by_name, expires_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date) RETURNING ${EXCEPTION_COLUMNS}`,
    [
      row.tenantId,
      row.ruleId,
      row.recordId,
      row.justification,
      row.approvedBy,
      row.approvedByName,
      row.expiresOn,
    ],
  );
  return r as unknown as ExceptionRow;
}

export async function revokeException(
  db: Executor,
  id: string,
  by: string | null,
): Promise<ExceptionRow | null> {
  const [r] = await query<Record<string, unknown>>(
    db,
    `UPDATE compliance_exceptions SET revoked_at = now(), revoked_by = $2
     WHERE id = $1::uuid AND revoked_at IS NULL RETURNING ${EXCEPTION_COLUMNS}`,
    [id, by],
  );
  return (r as unknown as ExceptionRow) ?? null;
}

export async function listExceptions(
  db: Executor,
  opts: { state: 'active' | 'expired' | 'revoked' | 'all'; today: string },
): Promise<Array<ExceptionRow & { recordName: string | null; agencyId: string | null }>> {
  const cond = {
    active: 'e.revoked_at IS NULL AND e.expires_on >= $1::date',
    expired: 'e.revoked_at IS NULL AND e.expires_on < $1::date',
    revoked: 'e.revoked_at IS NOT NULL',
    all: 'true',
  }[opts.state];
  return query(
    db,
    `SELECT ${exceptionColumns('e.')}, f.record_name AS "recordName",
            f.agency_id AS "agencyId"
     FROM compliance_exceptions e
     LEFT JOIN LATERAL (SELECT record_name, agency_id FROM compliance_findings
                        WHERE rule_id = e.rule_id AND record_id = e.record_id
                        ORDER BY last_seen_at DESC LIMIT 1) f ON true
     WHERE ${cond} AND $1::date IS NOT NULL
     ORDER BY e.created_at DESC LIMIT 500`,
    [opts.today],
  );
}

export async function findException(db: Executor, id: string): Promise<ExceptionRow | null> {
  const [r] = await query<Record<string, unknown>>(
    db,
    `SELECT ${EXCEPTION_COLUMNS} FROM compliance_exceptions WHERE id = $1::uuid`,
    [id],
  );
  return (r as unknown as ExceptionRow) ?? null;
}

/** The agency of the latest finding of a rule on a record (for permission checks). */
export async function findingAgency(
  db: Executor,
  ruleId: string,
  recordId: string,
): Promise<string | null> {
  const [r] = await query<{ agencyId: string | null }>(
    db,
    `SELECT agency_id AS "agencyId" FROM compliance_findings
     WHERE rule_id = $1 AND record_id = $2::uuid ORDER BY last_seen_at DESC LIMIT 1`,
    [ruleId, recordId],
  );
  return r?.agencyId ?? null;
}
