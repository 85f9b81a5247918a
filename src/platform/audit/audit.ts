import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { deferToCommit, preparedQuery, type Executor, type Tx } from '../db/database.js';
import { auditEvents, auditHeads } from './schema.js';
import { canonicalJson, digest, GENESIS_HASH, sha256Hex } from './canonical-json.js';

/** Who and where a write comes from; carried by every service context. */
export interface AuditOrigin {
  tenantId: string;
  actorId: string | null;
  actorKind: 'user' | 'token' | 'system' | 'anonymous';
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditInput {
  /** `module.resource.verb`, e.g. `org.employee.created` */
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  /** Small, non-secret facts worth reading later (never passwords or tokens). */
  data?: Record<string, unknown>;
}

/** The fields covered by the hash, in the shape both writer and verifier build. */
export function hashedFields(e: {
  tenantId: string;
  occurredAt: Date;
  actorId: string | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}): string {
  return canonicalJson({
    tenantId: e.tenantId,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorKind: e.actorKind,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    beforeDigest: e.beforeDigest,
    afterDigest: e.afterDigest,
    data: e.data ?? {},
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
  });
}

function eventFields(origin: AuditOrigin, input: AuditInput, occurredAt: Date) {
  return {
    tenantId: origin.tenantId,
    occurredAt,
    actorId: origin.actorId,
    actorKind: origin.actorKind,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    beforeDigest: digest(input.before),
    afterDigest: digest(input.after),
    data: input.data ?? {},
    ip: origin.ip,
    userAgent: origin.userAgent,
    requestId: origin.requestId,
  };
}

/**
 * Appends an audit event inside the caller's transaction. The chain head row is updated in the
 * same statement; its row lock makes concurrent writers of one tenant take turns, which is the
 * price of a single verifiable chain per tenant.
 *
 * Inside a request or job transaction the append is queued to run right before COMMIT (same
 * transaction, so the event and the change commit or roll back together); elsewhere it runs now.
 */
export async function writeAudit(tx: Tx, origin: AuditOrigin, input: AuditInput): Promise<void> {
  const occurredAt = new Date();
  const fields = eventFields(origin, input, occurredAt);
  const body = hashedFields(fields);
  const values = [
    body,
    origin.tenantId,
    occurredAt.toISOString(),
    origin.actorId,
    origin.actorKind,
    input.action,
    fields.targetType,
    fields.targetId,
    fields.beforeDigest,
    fields.afterDigest,
    JSON.stringify(fields.data),
    origin.ip,
    origin.userAgent,
    origin.requestId,
  ];
  // Appended at the end of the transaction, just before COMMIT: the chain head's row lock is then
  // held only for the append and the commit, not for the rest of the writer's work.
  const query = { name: 'audit_append', text: APPEND_SQL, values };
  if (!deferToCommit(tx, query)) await preparedQuery(tx, query.name, query.text, values);
}

/**
 * Advances the tenant's chain head and inserts the event from it, in one prepared statement.
 * The event takes seq and hashes through scalar subqueries: without a chain head they are NULL,
 * the NOT NULL constraints fail and the whole transaction rolls back (no event is ever lost).
 */
const APPEND_SQL = `
  WITH head AS (
    UPDATE audit_heads
       SET seq = seq + 1,
           prev_hash = hash,
           hash = encode(sha256(convert_to(hash || $1::text, 'UTF8')), 'hex')
     WHERE tenant_id = $2::uuid
    RETURNING seq, prev_hash, hash
  )
  INSERT INTO audit_events (tenant_id, seq, occurred_at, actor_id, actor_kind, action, target_type,
    target_id, before_digest, after_digest, data, ip, user_agent, request_id, prev_hash, hash)
  VALUES ($2::uuid, (SELECT seq FROM head), $3::timestamptz, $4::uuid, $5, $6, $7, $8, $9, $10,
          $11::jsonb, $12, $13, $14, (SELECT prev_hash FROM head), (SELECT hash FROM head))`;

/**
 * Appends many events at once (bulk imports): the chain head is locked once, the hashes are
 * chained here, and the events are inserted in multi-row statements, all in the caller's
 * transaction. The chain is the same as if each event had been written by writeAudit.
 */
export async function writeAuditBatch(
  tx: Tx,
  origin: AuditOrigin,
  inputs: AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const [head] = await preparedQuery<{ seq: number; hash: string }>(
    tx,
    'audit_head_lock',
    'SELECT seq, hash FROM audit_heads WHERE tenant_id = $1 FOR UPDATE',
    [origin.tenantId],
  );
  if (!head) throw new Error(`no audit chain for tenant ${origin.tenantId}`);
  const occurredAt = new Date();
  let { seq, hash: prev } = head;
  let prevOfLast = prev;
  const rows = inputs.map((input) => {
    const fields = eventFields(origin, input, occurredAt);
    const hash = sha256Hex(prev + hashedFields(fields));
    const row = { ...fields, seq: ++seq, prevHash: prev, hash };
    prevOfLast = prev;
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
  }
  await tx
    .update(auditHeads)
    .set({ seq, prevHash: prevOfLast, hash: prev })
    .where(eq(auditHeads.tenantId, origin.tenantId));
}

/** Creates the chain head for a new tenant. */
export async function startChain(tx: Executor, tenantId: string): Promise<void> {
  await tx
    .insert(auditHeads)
    .values({ tenantId, seq: 0, prevHash: GENESIS_HASH, hash: GENESIS_HASH })
    .onConflictDoNothing();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenSeq: number | null;
  message: string | null;
}

/**
 * Walks a tenant's chain in order and recomputes every hash. Reports the first broken link:
 * an altered row, a missing row (gap in seq or prev_hash mismatch) or a head that disagrees.
 */
export async function verifyChain(
  db: Executor,
  tenantId: string,
  batch = 5000,
): Promise<VerifyResult> {
  // The head first: every event up to its seq is committed (head and event commit together);
  // events appended while this runs lie beyond it and are left for the next verification.
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  const lastSeq = head?.seq ?? Number.MAX_SAFE_INTEGER;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.tenantId, tenantId),
          gt(auditEvents.seq, expectedSeq - 1),
          lte(auditEvents.seq, lastSeq),
        ),
      )
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        return broken(
          checked,
          expectedSeq,
          `event ${expectedSeq} is missing (next found: ${r.seq})`,
        );
      }
      if (r.prevHash !== prev) {
        return broken(checked, r.seq, `event ${r.seq} does not link to event ${r.seq - 1}`);
      }
      const expected = sha256Hex(prev + hashedFields({ ...r, data: r.data }));
      if (expected !== r.hash) {
        return broken(checked, r.seq, `event ${r.seq} was altered (hash mismatch)`);
      }
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
    return broken(
      checked,
      expectedSeq,
      `the chain head (seq ${head.seq}) does not match the last event`,
    );
  }
  return { ok: true, checked, brokenSeq: null, message: null };
}

function broken(checked: number, seq: number, message: string): VerifyResult {
  return { ok: false, checked, brokenSeq: seq, message };
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Return events with seq below this (keyset pagination, newest first). */
  beforeSeq?: number;
}

export async function queryAudit(db: Executor, tenantId: string, q: AuditQuery) {
  const where: SQL[] = [eq(auditEvents.tenantId, tenantId)];
  if (q.action)
    where.push(
      q.action.endsWith('*')
        ? sql`${auditEvents.action} LIKE ${q.action.slice(0, -1).replace(/[%_\\]/g, '\\$&') + '%'}`
        : eq(auditEvents.action, q.action),
    );
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  if (q.targetType) where.push(eq(auditEvents.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditEvents.targetId, q.targetId));
  if (q.from) where.push(gte(auditEvents.occurredAt, q.from));
  if (q.to) where.push(lte(auditEvents.occurredAt, q.to));
  if (q.beforeSeq) where.push(sql`${auditEvents.seq} < ${q.beforeSeq}`);
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(q.limit);
}
