import { stringify } from 'csv-stringify/sync';
import { authorize } from '../auth/permissions.js';
import type { Ctx } from '../context.js';
import { queryAudit, writeAudit, type AuditQuery } from './audit.js';

/**
 * CSV export of the audit trail. The file is produced in pages (newest first, keyset on seq),
 * each page read in its own short transaction, so a slow download never holds a database
 * connection and memory stays flat however long the trail is. The first page fixes the upper
 * seq, so events appended during the download are not mixed in.
 */

export const AUDIT_CSV_PAGE = 2_000;

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'occurred_at_local',
  'actor_kind',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'request_id',
  'before_digest',
  'after_digest',
  'data',
  'hash',
] as const;

export type AuditFilters = Omit<AuditQuery, 'limit' | 'beforeSeq'>;

type AuditEventRow = Awaited<ReturnType<typeof queryAudit>>[number];

/**
 * Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) get a
 * leading `'`: user agents, target ids and JSON data come from outside and must not execute.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `YYYY-MM-DD HH:mm:ss` in the tenant's time zone (the UTC column stays exact). */
function localTime(date: Date, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  } catch {
    return date.toISOString();
  }
}

export function auditCsvRows(rows: AuditEventRow[], timeZone: string): string[][] {
  return rows.map((e) =>
    [
      String(e.seq),
      e.occurredAt.toISOString(),
      localTime(e.occurredAt, timeZone),
      e.actorKind,
      e.actorId ?? '',
      e.action,
      e.targetType ?? '',
      e.targetId ?? '',
      e.ip ?? '',
      e.userAgent ?? '',
      e.requestId ?? '',
      e.beforeDigest ?? '',
      e.afterDigest ?? '',
      JSON.stringify(e.data ?? {}),
      e.hash,
    ].map(guardCell),
  );
}

/** CSV text of some rows; `header` adds the BOM (Excel reads UTF-8 then) and the header row. */
export function auditCsvChunk(rows: string[][], header: boolean): string {
  return stringify(header ? [[...AUDIT_CSV_COLUMNS], ...rows] : rows, {
    bom: header,
    record_delimiter: 'windows',
  });
}

export interface AuditExportPage {
  rows: AuditEventRow[];
  /** Pass as beforeSeq for the next page; null when this was the last one. */
  nextBeforeSeq: number | null;
}

async function page(ctx: Ctx, filters: AuditFilters, beforeSeq?: number) {
  const rows = await queryAudit(ctx.tx, ctx.tenantId, {
    ...filters,
    limit: AUDIT_CSV_PAGE,
    ...(beforeSeq ? { beforeSeq } : {}),
  });
  const nextBeforeSeq = rows.length === AUDIT_CSV_PAGE ? rows.at(-1)!.seq : null;
  return { rows, nextBeforeSeq };
}

/**
 * The first page of an export. Checks the permission and records the export itself in the
 * audit trail (who exported what, with which filters) in the same transaction.
 */
export async function startAuditExport(ctx: Ctx, filters: AuditFilters): Promise<AuditExportPage> {
  authorize(ctx, 'audit:event:read', null);
  const first = await page(ctx, filters);
  await writeAudit(ctx.tx, ctx, {
    action: 'audit.event.exported',
    data: {
      format: 'csv',
      filters: {
        ...filters,
        from: filters.from?.toISOString(),
        to: filters.to?.toISOString(),
      },
      upToSeq: first.rows[0]?.seq ?? null,
    },
  });
  return first;
}

/** A further page (the permission is checked again: the session may have ended meanwhile). */
export async function nextAuditExportPage(
  ctx: Ctx,
  filters: AuditFilters,
  beforeSeq: number,
): Promise<AuditExportPage> {
  authorize(ctx, 'audit:event:read', null);
  return page(ctx, filters, beforeSeq);
}
