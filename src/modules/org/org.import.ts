import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { authorize, can } from '../../platform/auth/permissions.js';
import { writeAudit, writeAuditBatch } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { interpolate, type Locale } from '../../platform/i18n/i18n.js';
import * as repo from './db/org.repository.js';
import {
  EMPLOYEE_STATUSES,
  type AgencyRow,
  type EmployeeRow,
  type PositionRow,
  type UnitRow,
} from './db/schema.js';
import { parseNip } from './nip.js';
import {
  IMPORT_PROBLEMS,
  IMPORT_UNREADABLE_REASONS,
  NIP_REASONS,
  type ImportProblem,
} from './org.errors.js';

/**
 * Import of employees (pegawai) from CSV or XLSX, in three steps:
 *   1. parseEmployeeFile: bytes -> header-mapped rows (pure; throws org.import_unreadable)
 *   2. validateRows: rows + the tenant's reference data -> a plan per row and a per-row report (pure)
 *   3. importEmployees: loads the reference data, validates, and writes in bulk with audit events
 * An existing NIP updates that employee ("upsert"). In all_or_nothing mode one bad row means
 * nothing is written; in valid_only mode the good rows are written and the bad ones reported.
 */

export const IMPORT_MAX_ROWS = 20_000;
/** Errors listed in a report; the counts stay exact beyond this. */
export const IMPORT_MAX_REPORTED_ERRORS = 5_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns, in export order. Export and import share them, so an export re-imports unchanged. */
export const IMPORT_COLUMNS = [
  'nip',
  'name',
  'agency_code',
  'unit_code',
  'position',
  'status',
  'email',
  'phone',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ['nip', 'name', 'agency_code'];

/** Header names accepted (after normalising: lower case, spaces and dashes to underscores). */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  nip: 'nip',
  name: 'name',
  nama: 'name',
  nama_pegawai: 'name',
  agency_code: 'agency_code',
  kode_pd: 'agency_code',
  kode_perangkat_daerah: 'agency_code',
  unit_code: 'unit_code',
  kode_unit: 'unit_code',
  position: 'position',
  jabatan: 'position',
  status: 'status',
  email: 'email',
  e_mail: 'email',
  surel: 'email',
  phone: 'phone',
  telepon: 'phone',
  telp: 'phone',
  no_hp: 'phone',
};

/** Status words accepted besides the stored English values. */
const STATUS_ALIASES: Record<string, EmployeeRow['status']> = {
  aktif: 'active',
  cuti: 'leave',
  mutasi: 'transferred',
  pindah: 'transferred',
  pensiun: 'retired',
  diberhentikan: 'dismissed',
  meninggal: 'deceased',
  wafat: 'deceased',
};

const MAX_LENGTH: Partial<Record<ImportColumn, number>> = {
  name: 200,
  email: 254,
  position: 200,
  unit_code: 32,
  agency_code: 32,
};
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export type ImportFormat = 'csv' | 'xlsx';

/** A problem before localisation; field is an import column, or 'row' for the whole row. */
export interface RowIssue {
  row: number;
  field: ImportColumn | 'row';
  code: ImportProblem;
  params?: Record<string, string | number>;
}

export interface SheetRow {
  /** The spreadsheet row number (the header is row 1 when it is the first line). */
  row: number;
  values: Partial<Record<ImportColumn, string>>;
  /** Problems seen while reading the cells (a NIP stored as a number, too many cells). */
  issues: RowIssue[];
}

export interface ParsedFile {
  format: ImportFormat;
  columns: ImportColumn[];
  /** Header cells that are not import columns; their values are not read. */
  ignoredColumns: string[];
  rows: SheetRow[];
}

export interface ImportError {
  row: number;
  field: ImportColumn | 'row';
  code: ImportProblem;
  message: string;
}

export interface ImportReport {
  format: ImportFormat;
  mode: ImportMode;
  dryRun: boolean;
  /** Data rows read (blank rows are not counted). */
  totalRows: number;
  created: number;
  updated: number;
  /** Rows whose employee already had exactly these values: nothing written. */
  unchanged: number;
  /** Rows not written because they have problems (valid_only), or every row (all_or_nothing with problems). */
  skipped: number;
  invalidRows: number;
  ignoredColumns: string[];
  errors: ImportError[];
  errorsTruncated: boolean;
}

export type ImportMode = 'all_or_nothing' | 'valid_only';

function unreadable(
  locale: Locale,
  reason: keyof typeof IMPORT_UNREADABLE_REASONS,
  params?: Record<string, unknown>,
): AppError {
  return new AppError(
    'org.import_unreadable',
    { reason: interpolate(IMPORT_UNREADABLE_REASONS[reason][locale], params) },
    { reason },
  );
}

// ------------------------------------------------------------------ step 1: reading the file

/** What the bytes are, by content: a zip (XLSX), an OLE2 compound file (old XLS), else text. */
export function sniffFormat(buffer: Buffer): 'xlsx' | 'xls' | 'text' {
  if (
    buffer.length >= 4 &&
    buffer[0] === 0x50 &&
    buffer[1] === 0x4b &&
    buffer[2] === 0x03 &&
    buffer[3] === 0x04
  )
    return 'xlsx';
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  return 'text';
}

export async function parseEmployeeFile(
  buffer: Buffer,
  opts: { mime?: string; locale: Locale },
): Promise<ParsedFile> {
  const kind = sniffFormat(buffer);
  if (kind === 'xls') throw unreadable(opts.locale, 'xls_legacy');
  if (kind === 'xlsx') return readXlsx(buffer, opts.locale);
  if ((opts.mime ?? '').toLowerCase().startsWith(XLSX_MIME))
    throw unreadable(opts.locale, 'xlsx_malformed');
  return readCsv(buffer, opts.locale);
}

/** UTF-8 (BOM stripped); a file that is not valid UTF-8 is read as Windows-1252 (Excel's "CSV" on Windows). */
function decodeText(buffer: Buffer, locale: Locale): string {
  let bytes = buffer;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    bytes = bytes.subarray(3);
  if (bytes.includes(0)) throw unreadable(locale, 'not_text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The delimiter of the header line: the most frequent of `,` `;` and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Undoes the spreadsheet-formula guard written by the CSV export (a `'` before = + - @). */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function readCsv(buffer: Buffer, locale: Locale): ParsedFile {
  const text = decodeText(buffer, locale);
  let records: Array<{ record: string[]; info: { records: number; empty_lines: number } }>;
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    throw unreadable(locale, 'csv_malformed', { line: typeof line === 'number' ? line : '?' });
  }
  const lines = records.map((r) => ({
    row: r.info.records + r.info.empty_lines,
    cells: r.record.map((c) => ({ text: unguard(c) })),
  }));
  return buildRows('csv', lines, locale);
}

interface RawCell {
  text: string;
  /** The spreadsheet holds a number here (matters for the NIP). */
  number?: number;
}

function cellOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('richText' in value) return { text: value.richText.map((p) => p.text).join('') };
  if ('hyperlink' in value) {
    const t = value.text as unknown;
    return cellOf(typeof t === 'object' && t !== null ? (t as ExcelJS.CellValue) : (t as string));
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (
      result === undefined ||
      (typeof result === 'object' && result !== null && 'error' in result)
    )
      return { text: '' };
    return cellOf(result as ExcelJS.CellValue);
  }
  return { text: '' };
}

async function readXlsx(buffer: Buffer, locale: Locale): Promise<ParsedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable(locale, 'xlsx_malformed');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw unreadable(locale, 'empty');
  const lines: Array<{ row: number; cells: RawCell[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    const values = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
    lines.push({ row: rowNumber, cells });
  });
  return buildRows('xlsx', lines, locale);
}

function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
}

function buildRows(
  format: ImportFormat,
  lines: Array<{ row: number; cells: RawCell[] }>,
  locale: Locale,
): ParsedFile {
  const blank = (cells: RawCell[]) => cells.every((c) => c.text.trim() === '');
  const headerIndex = lines.findIndex((l) => !blank(l.cells));
  if (headerIndex < 0) throw unreadable(locale, 'empty');
  const header = lines[headerIndex]!.cells.map((c) => c.text);

  const byIndex: Array<ImportColumn | null> = [];
  const seen = new Set<ImportColumn>();
  const repeated = new Set<string>();
  const ignoredColumns: string[] = [];
  for (const h of header) {
    const column = HEADER_ALIASES[normalizeHeader(h)] ?? null;
    if (column && seen.has(column)) repeated.add(column);
    if (column) seen.add(column);
    else if (h.trim() !== '') ignoredColumns.push(h.trim());
    byIndex.push(column);
  }
  if (repeated.size > 0)
    throw unreadable(locale, 'columns_repeated', { columns: [...repeated].join(', ') });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0)
    throw unreadable(locale, 'columns_missing', { columns: missing.join(', ') });

  const data = lines.slice(headerIndex + 1).filter((l) => !blank(l.cells));
  if (data.length > IMPORT_MAX_ROWS)
    throw new AppError('org.import_too_many_rows', { limit: IMPORT_MAX_ROWS });

  const rows = data.map((line): SheetRow => {
    const values: SheetRow['values'] = {};
    const issues: RowIssue[] = [];
    line.cells.forEach((cell, i) => {
      const column = byIndex[i];
      if (column) {
        values[column] = cell.text.trim();
        if (column === 'nip' && cell.number !== undefined && Math.abs(cell.number) >= 1e15) {
          issues.push({ row: line.row, field: 'nip', code: 'nip_not_text' });
        }
      } else if (i >= header.length && format === 'csv' && cell.text.trim() !== '') {
        if (!issues.some((x) => x.code === 'extra_cells'))
          issues.push({ row: line.row, field: 'row', code: 'extra_cells' });
      }
    });
    return { row: line.row, values, issues };
  });
  return { format, columns: IMPORT_COLUMNS.filter((c) => seen.has(c)), ignoredColumns, rows };
}

// ------------------------------------------------------------------ step 2: validation

/** The tenant's reference data the rows are checked against. */
export interface ImportData {
  agencies: Array<Pick<AgencyRow, 'id' | 'code'>>;
  units: Array<Pick<UnitRow, 'id' | 'agencyId' | 'code'>>;
  positions: Array<Pick<PositionRow, 'id' | 'agencyId' | 'unitId' | 'name'>>;
  /** Employees already registered with NIPs that appear in the file. */
  employees: EmployeeRow[];
  /** May the actor write employees of this agency? */
  canWrite: (agencyId: string) => boolean;
}

export type NewEmployee = Omit<repo.EmployeeBulkUpdate, 'id'> & {
  nip: string;
  birthDate: string;
  gender: 'male' | 'female';
};

export type RowPlan =
  | { row: number; kind: 'create'; values: NewEmployee }
  | { row: number; kind: 'update'; before: EmployeeRow; values: repo.EmployeeBulkUpdate }
  | { row: number; kind: 'unchanged'; before: EmployeeRow };

export interface Validation {
  plans: RowPlan[];
  issues: RowIssue[];
  invalidRows: number;
}

const lower = (s: string) => s.trim().toLowerCase();

export function parseStatus(raw: string): EmployeeRow['status'] | null {
  const v = lower(raw);
  if ((EMPLOYEE_STATUSES as readonly string[]).includes(v)) return v as EmployeeRow['status'];
  return STATUS_ALIASES[v] ?? null;
}

export function validateRows(
  file: Pick<ParsedFile, 'columns' | 'rows'>,
  data: ImportData,
): Validation {
  const has = (c: ImportColumn) => file.columns.includes(c);

  // Agency codes match exactly, or ignoring case when that is unambiguous.
  const agencyExact = new Map(data.agencies.map((a) => [a.code, a]));
  const agencyLoose = new Map<string, Array<(typeof data.agencies)[number]>>();
  for (const a of data.agencies)
    agencyLoose.set(lower(a.code), [...(agencyLoose.get(lower(a.code)) ?? []), a]);
  const findAgency = (code: string) => {
    const exact = agencyExact.get(code);
    if (exact) return exact;
    const loose = agencyLoose.get(lower(code));
    return loose?.length === 1 ? loose[0] : undefined;
  };
  const unitKey = (agencyId: string, code: string) => `${agencyId}\u0000${lower(code)}`;
  const unitsByKey = new Map(data.units.map((u) => [unitKey(u.agencyId, u.code), u]));
  const positionsByKey = new Map<string, Array<(typeof data.positions)[number]>>();
  for (const p of data.positions) {
    const k = unitKey(p.agencyId, p.name);
    positionsByKey.set(k, [...(positionsByKey.get(k) ?? []), p]);
  }
  const employeesByNip = new Map(data.employees.map((e) => [e.nip, e]));

  // NIPs that appear in more than one row.
  const rowsByNip = new Map<string, number[]>();
  for (const r of file.rows) {
    const nip = (r.values.nip ?? '').replace(/\s+/g, '');
    if (nip) rowsByNip.set(nip, [...(rowsByNip.get(nip) ?? []), r.row]);
  }

  const plans: RowPlan[] = [];
  const issues: RowIssue[] = [];
  let invalidRows = 0;

  for (const r of file.rows) {
    const v = r.values;
    const found: RowIssue[] = [...r.issues];
    const add = (field: ImportColumn, code: ImportProblem, params?: RowIssue['params']) =>
      found.push({ row: r.row, field, code, ...(params ? { params } : {}) });
    for (const [column, max] of Object.entries(MAX_LENGTH) as Array<[ImportColumn, number]>) {
      if ((v[column] ?? '').length > max) add(column, 'too_long', { max });
    }

    // NIP
    const nip = (v.nip ?? '').replace(/\s+/g, '');
    let nipParts: { birthDate: string; gender: 'male' | 'female' } | null = null;
    if (!found.some((x) => x.field === 'nip')) {
      if (!nip) add('nip', 'required');
      else {
        const parsed = parseNip(nip);
        if (!parsed.ok) add('nip', 'nip_invalid', { problem: parsed.problem });
        else nipParts = parsed.parts;
        const others = (rowsByNip.get(nip) ?? []).filter((n) => n !== r.row);
        if (others.length > 0) add('nip', 'nip_duplicate', { nip, rows: others.join(', ') });
      }
    }
    const existing = nip ? employeesByNip.get(nip) : undefined;
    if (existing && !data.canWrite(existing.agencyId)) add('nip', 'employee_forbidden', { nip });

    const name = v.name ?? '';
    if (!name) add('name', 'required');

    // Agency, unit, position
    const agencyCode = v.agency_code ?? '';
    const agency = agencyCode ? findAgency(agencyCode) : undefined;
    if (!agencyCode) add('agency_code', 'required');
    else if (!agency) add('agency_code', 'agency_unknown', { code: agencyCode });
    else if (!data.canWrite(agency.id))
      add('agency_code', 'agency_forbidden', { code: agency.code });

    let unitId: string | null = null;
    const unitCode = v.unit_code ?? '';
    if (agency && unitCode) {
      const unit = unitsByKey.get(unitKey(agency.id, unitCode));
      if (!unit) add('unit_code', 'unit_unknown', { code: unitCode });
      else unitId = unit.id;
    }
    let positionId: string | null = null;
    const positionName = v.position ?? '';
    if (agency && positionName) {
      let candidates = positionsByKey.get(unitKey(agency.id, positionName)) ?? [];
      if (candidates.length > 1 && unitId) {
        const inUnit = candidates.filter((p) => p.unitId === unitId);
        if (inUnit.length > 0) candidates = inUnit;
      }
      if (candidates.length === 0) add('position', 'position_unknown', { name: positionName });
      else if (candidates.length > 1) add('position', 'position_ambiguous', { name: positionName });
      else positionId = candidates[0]!.id;
    }

    let status: EmployeeRow['status'] | null = null;
    if (v.status) {
      status = parseStatus(v.status);
      if (!status)
        add('status', 'status_invalid', { value: v.status, allowed: EMPLOYEE_STATUSES.join(', ') });
    }
    const email = v.email ?? '';
    if (email && !EMAIL.test(email)) add('email', 'email_invalid');
    const phone = v.phone ?? '';
    if (phone && !PHONE.test(phone)) add('phone', 'phone_invalid');

    if (found.length > 0 || !agency || !nipParts) {
      invalidRows++;
      issues.push(...found);
      continue;
    }

    // A column left out of the file keeps the stored value; a blank cell clears it.
    const sameAgency = existing?.agencyId === agency.id;
    const values = {
      name,
      agencyId: agency.id,
      unitId: has('unit_code') ? unitId : sameAgency ? existing!.unitId : null,
      positionId: has('position') ? positionId : sameAgency ? existing!.positionId : null,
      status: status ?? existing?.status ?? 'active',
      email: has('email') ? email || null : (existing?.email ?? null),
      phone: has('phone') ? phone || null : (existing?.phone ?? null),
    };
    if (!existing) {
      plans.push({
        row: r.row,
        kind: 'create',
        values: { ...values, nip, birthDate: nipParts.birthDate, gender: nipParts.gender },
      });
    } else if (
      (Object.keys(values) as Array<keyof typeof values>).every((k) => values[k] === existing[k])
    ) {
      plans.push({ row: r.row, kind: 'unchanged', before: existing });
    } else {
      plans.push({
        row: r.row,
        kind: 'update',
        before: existing,
        values: { ...values, id: existing.id },
      });
    }
  }
  const fieldOrder = (f: string) => (f === 'row' ? -1 : IMPORT_COLUMNS.indexOf(f as ImportColumn));
  issues.sort((a, b) => a.row - b.row || fieldOrder(a.field) - fieldOrder(b.field));
  return { plans, issues, invalidRows };
}

export function localizeIssue(issue: RowIssue, locale: Locale): ImportError {
  const params: Record<string, string | number> = { ...issue.params };
  const problem = params.problem as keyof typeof NIP_REASONS | undefined;
  if (problem && problem in NIP_REASONS) params.reason = NIP_REASONS[problem][locale];
  return {
    row: issue.row,
    field: issue.field,
    code: issue.code,
    message: interpolate(IMPORT_PROBLEMS[issue.code][locale], params),
  };
}

// ------------------------------------------------------------------ step 3: the service

export interface ImportFile {
  buffer: Buffer;
  filename: string;
  mime: string;
}

export interface ImportOptions {
  mode: ImportMode;
  dryRun?: boolean;
}

export async function importEmployees(
  ctx: Ctx,
  file: ImportFile,
  opts: ImportOptions,
): Promise<ImportReport> {
  authorize(ctx, 'org:employee:write');
  const dryRun = opts.dryRun ?? false;
  const parsed = await parseEmployeeFile(file.buffer, { mime: file.mime, locale: ctx.locale });

  const agencies = await repo.allAgencies(ctx.tx);
  const codes = new Set(parsed.rows.map((r) => lower(r.values.agency_code ?? '')));
  const touched = agencies.filter((a) => codes.has(lower(a.code))).map((a) => a.id);
  const nips = [
    ...new Set(
      parsed.rows
        .map((r) => (r.values.nip ?? '').replace(/\s+/g, ''))
        .filter((n) => /^\d{18}$/.test(n)),
    ),
  ];
  const data: ImportData = {
    agencies,
    units: await repo.unitsOfAgencies(ctx.tx, touched),
    positions: await repo.positionsOfAgencies(ctx.tx, touched),
    employees: await repo.employeesByNips(ctx.tx, nips),
    canWrite: (agencyId) => can(ctx.principal, 'org:employee:write', agencyId),
  };
  const result = validateRows(parsed, data);

  const count = (kind: RowPlan['kind']) => result.plans.filter((p) => p.kind === kind).length;
  const report: ImportReport = {
    format: parsed.format,
    mode: opts.mode,
    dryRun,
    totalRows: parsed.rows.length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    skipped: result.invalidRows,
    invalidRows: result.invalidRows,
    ignoredColumns: parsed.ignoredColumns,
    errors: result.issues
      .slice(0, IMPORT_MAX_REPORTED_ERRORS)
      .map((i) => localizeIssue(i, ctx.locale)),
    errorsTruncated: result.issues.length > IMPORT_MAX_REPORTED_ERRORS,
  };
  if (result.invalidRows > 0 && opts.mode === 'all_or_nothing') {
    throw new AppError(
      'org.import_invalid',
      { count: result.invalidRows },
      { ...report, created: 0, updated: 0, unchanged: 0, skipped: report.totalRows },
    );
  }
  if (dryRun) return report;

  const creates = result.plans.flatMap((p) => (p.kind === 'create' ? [p.values] : []));
  const updates = result.plans.flatMap((p) => (p.kind === 'update' ? [p] : []));
  let created: EmployeeRow[];
  try {
    created = await repo.insertEmployeesBulk(
      ctx.tx,
      creates.map((v) => ({ ...v, tenantId: ctx.tenantId })),
    );
  } catch (e) {
    // Another request registered one of these NIPs after we looked.
    if (pgCode(e) === '23505') throw new AppError('platform.conflict');
    throw e;
  }
  const updated = await repo.updateEmployeesBulk(
    ctx.tx,
    updates.map((u) => u.values),
  );
  const updatedById = new Map(updated.map((row) => [row.id, row]));

  await writeAuditBatch(ctx.tx, ctx, [
    ...created.map((row) => ({
      action: 'org.employee.created',
      targetType: 'employee',
      targetId: row.id,
      after: row,
      data: { via: 'import' },
    })),
    ...updates.map((u) => ({
      action: 'org.employee.updated',
      targetType: 'employee',
      targetId: u.before.id,
      before: u.before,
      after: updatedById.get(u.before.id),
      data: { via: 'import' },
    })),
  ]);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.employee.imported',
    data: {
      filename: file.filename.slice(0, 200),
      format: report.format,
      mode: report.mode,
      totalRows: report.totalRows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.skipped,
    },
  });
  return report;
}
