import { dayIn } from '../util/dates.js';
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { authorize } from '../auth/permissions.js';
import type { Ctx } from '../context.js';
import type { ModuleManifest, ModuleDeps } from '../module.js';
import { queryAudit, verifyChain, type VerifyResult } from './audit.js';
import {
  auditCsvChunk,
  auditCsvRows,
  nextAuditExportPage,
  startAuditExport,
  type AuditFilters,
} from './audit-export.js';
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

/** The filters of both the listing and the CSV export. */
const filterFields = {
  action: Type.Optional(
    Type.String({ maxLength: 100, description: 'Exact action, or a prefix ending in *' }),
  ),
  actorId: Type.Optional(Type.String({ format: 'uuid', description: 'The acting user' })),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(
    Type.String({ format: 'date-time', description: 'Events at or after this instant' }),
  ),
  to: Type.Optional(
    Type.String({ format: 'date-time', description: 'Events at or before this instant' }),
  ),
};

const Query = Type.Object(
  {
    ...filterFields,
    beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

const ExportQuery = Type.Object(filterFields, { additionalProperties: false });

function toFilters(q: typeof ExportQuery.static): AuditFilters {
  return {
    ...(q.action ? { action: q.action } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
  };
}

/** `audit-<tenant code>-<YYYY-MM-DD>.csv`, letters, digits, dot and dash only. */
function exportFilename(code: string, timeZone: string): string {
  const day = dayIn(timeZone);
  return `audit-${code}-${day}.csv`.replace(/[^A-Za-z0-9.-]+/g, '_');
}

export async function listAuditEvents(ctx: Ctx, q: typeof Query.static) {
  authorize(ctx, 'audit:event:read', null);
  return queryAudit(ctx.tx, ctx.tenantId, {
    ...toFilters(q),
    limit: q.limit,
    ...(q.beforeSeq ? { beforeSeq: q.beforeSeq } : {}),
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
      '/api/audit/events.csv',
      {
        schema: {
          tags: ['audit'],
          summary: 'Download the audit trail as CSV (same filters), newest first',
          description:
            'Streamed in pages; UTF-8 with a BOM, CRLF lines, a header row. Cells that a spreadsheet ' +
            "would run as a formula start with '. The export itself is audited (audit.event.exported).",
          querystring: ExportQuery,
          produces: ['text/csv'],
          response: {
            200: Type.Unsafe<Readable>({
              type: 'string',
              format: 'binary',
              description: 'The CSV file',
            }),
          },
        },
      },
      async (req, reply) => {
        const filters = toFilters(req.query);
        const first = await run(req, 'audit:event:read', (ctx) => startAuditExport(ctx, filters));
        const tenant = req.tenant!;
        async function* csv() {
          yield auditCsvChunk(auditCsvRows(first.rows, tenant.timeZone), true);
          let next = first.nextBeforeSeq;
          while (next !== null) {
            const beforeSeq = next;
            const page = await run(req, 'audit:event:read', (ctx) =>
              nextAuditExportPage(ctx, filters, beforeSeq),
            );
            if (page.rows.length > 0) {
              yield auditCsvChunk(auditCsvRows(page.rows, tenant.timeZone), false);
            }
            next = page.nextBeforeSeq;
          }
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${exportFilename(tenant.code, tenant.timeZone)}"`,
          )
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(Readable.from(csv()));
      },
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
