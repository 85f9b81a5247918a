import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { authorize } from '../auth/permissions.js';
import type { Ctx } from '../context.js';
import type { ModuleManifest, ModuleDeps } from '../module.js';
import { queryAudit, verifyChain, type VerifyResult } from './audit.js';
import { auditVerifications } from './schema.js';
import { inTenantTx } from '../db/database.js';
import { Timestamp } from '../http/schema.js';

const Event = Type.Object({
  seq: Type.Integer(),
  occurredAt: Timestamp,
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorKind: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  beforeDigest: Type.Union([Type.String(), Type.Null()]),
  afterDigest: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

const Query = Type.Object(
  {
    action: Type.Optional(
      Type.String({ maxLength: 100, description: 'Exact action, or a prefix ending in *' }),
    ),
    actorId: Type.Optional(Type.String({ format: 'uuid' })),
    targetType: Type.Optional(Type.String({ maxLength: 50 })),
    targetId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export async function listAuditEvents(ctx: Ctx, q: typeof Query.static) {
  authorize(ctx, 'audit:event:read', null);
  return queryAudit(ctx.tx, ctx.tenantId, {
    ...q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  });
}

/** Verifies one tenant's chain and records the result (job and CLI). */
export async function verifyAndRecord(
  deps: Pick<ModuleDeps, 'database'>,
  tenantId: string,
): Promise<VerifyResult> {
  return inTenantTx(deps.database, { tenantId }, async (tx) => {
    const result = await verifyChain(tx, tenantId);
    await tx.insert(auditVerifications).values({
      tenantId,
      ok: result.ok,
      checked: result.checked,
      brokenSeq: result.brokenSeq,
      message: result.message,
    });
    return result;
  });
}

export async function lastVerification(ctx: Ctx) {
  authorize(ctx, 'audit:event:read', null);
  const rows = await ctx.tx
    .select()
    .from(auditVerifications)
    .where(eq(auditVerifications.tenantId, ctx.tenantId))
    .orderBy(auditVerifications.ranAt);
  return rows.at(-1) ?? null;
}

export const auditModule: ModuleManifest = {
  name: 'audit',
  permissions: {
    'audit:event:read': {
      description: 'Read the audit trail',
      roles: ['ict_admin', 'auditor', 'cio', 'regional_secretary'],
    },
  },
  routes: (app, { run }) => {
    app.get(
      '/api/audit/events',
      {
        schema: {
          tags: ['audit'],
          summary: 'Query the audit trail, newest first',
          querystring: Query,
          response: { 200: Type.Array(Event) },
        },
      },
      (req) => run(req, 'audit:event:read', (ctx) => listAuditEvents(ctx, req.query)),
    );
    app.get(
      '/api/audit/verification',
      {
        schema: {
          tags: ['audit'],
          summary: 'The latest chain verification result',
          response: {
            200: Type.Union([
              Type.Null(),
              Type.Object({
                ranAt: Timestamp,
                ok: Type.Boolean(),
                checked: Type.Integer(),
                brokenSeq: Type.Union([Type.Integer(), Type.Null()]),
                message: Type.Union([Type.String(), Type.Null()]),
              }),
            ]),
          },
        },
      },
      (req) => run(req, 'audit:event:read', (ctx) => lastVerification(ctx)),
    );
  },
  jobs: [
    {
      name: 'audit.verify-chains',
      cron: '30 18 * * *', // 01:30 WIB
      handler: async (deps) => {
        const tenants = await deps.database.pool.query<{ id: string; code: string }>(
          'SELECT id, code FROM tenants',
        );
        for (const t of tenants.rows) {
          const r = await verifyAndRecord(deps, t.id);
          (r.ok ? deps.log.info.bind(deps.log) : deps.log.error.bind(deps.log))(
            { category: 'audit', tenant: t.code, ...r },
            r.ok ? 'audit chain verified' : 'audit chain BROKEN',
          );
        }
      },
    },
  ],
};
