import { dayIn } from '../../platform/util/dates.js';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { agencyScope, authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import * as repo from './db/org.repository.js';
import { IMPORT_COLUMNS, XLSX_MIME, type ImportFormat } from './org.import.js';

/**
 * Export of employees as CSV or XLSX with the import columns, so an export re-imports unchanged.
 * Agency-scoped readers get only their agencies. Exporting personal data is audited.
 */

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer;
  rows: number;
}

export interface ExportOptions {
  format: ImportFormat;
  agencyId?: string;
}

/** Cells a spreadsheet would run as a formula get a leading `'` (the import removes it). */
export function guardFormula(value: string): string {
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (/^\+?[0-9 ()-]+$/.test(value)) return value; // a phone number such as +62 812 ...
  return `'${value}`;
}

/** Only letters, digits, dot, dash and underscore: safe in a Content-Disposition header and on disk. */
export function safeFilename(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'export'
  );
}

export async function exportEmployees(ctx: Ctx, opts: ExportOptions): Promise<ExportedFile> {
  authorize(ctx, 'org:employee:read', opts.agencyId);
  let agencyIds: string[] | undefined;
  let agencyCode: string | null = null;
  if (opts.agencyId) {
    const agency = await repo.findAgency(ctx.tx, opts.agencyId);
    if (!agency) throw new AppError('org.agency_not_found');
    agencyIds = [agency.id];
    agencyCode = agency.code;
  } else {
    agencyIds = agencyScope(ctx.principal, 'org:employee:read') ?? undefined;
  }

  const employees = await repo.allEmployees(ctx.tx, agencyIds);
  const agencies = new Map((await repo.allAgencies(ctx.tx)).map((a) => [a.id, a.code]));
  const units = new Map((await repo.unitsOfAgencies(ctx.tx, agencyIds)).map((u) => [u.id, u.code]));
  const positions = new Map(
    (await repo.positionsOfAgencies(ctx.tx, agencyIds)).map((p) => [p.id, p.name]),
  );
  const rows = employees.map((e) => [
    e.nip,
    e.name,
    agencies.get(e.agencyId) ?? '',
    e.unitId ? (units.get(e.unitId) ?? '') : '',
    e.positionId ? (positions.get(e.positionId) ?? '') : '',
    e.status,
    e.email ?? '',
    e.phone ?? '',
  ]);

  const base = safeFilename(
    ['pegawai', ctx.tenant.code, agencyCode, dayIn(ctx.tenant.timeZone)].filter(Boolean).join('-'),
  );
  let file: ExportedFile;
  if (opts.format === 'csv') {
    // A BOM so that Excel opens the UTF-8 text correctly; the import strips it.
    const text = stringify([[...IMPORT_COLUMNS], ...rows.map((r) => r.map(guardFormula))], {
      bom: true,
      record_delimiter: 'windows',
    });
    file = {
      filename: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(text, 'utf8'),
      rows: rows.length,
    };
  } else {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Simpul';
    const sheet = wb.addWorksheet('Pegawai', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = IMPORT_COLUMNS.map((key) => ({
      header: key,
      key,
      width: key === 'name' || key === 'position' ? 40 : key === 'nip' || key === 'email' ? 24 : 16,
      // Text format: a NIP (18 digits) or a phone number must not become a number.
      style: { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
    const out = await wb.xlsx.writeBuffer();
    file = {
      filename: `${base}.xlsx`,
      contentType: XLSX_MIME,
      body: Buffer.from(out as ArrayBuffer),
      rows: rows.length,
    };
  }

  await writeAudit(ctx.tx, ctx, {
    action: 'org.employee.exported',
    data: {
      format: opts.format,
      rows: rows.length,
      agencyId: opts.agencyId ?? null,
      scoped: agencyIds !== undefined,
    },
  });
  return file;
}
