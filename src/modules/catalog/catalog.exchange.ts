import { dayIn } from '../../platform/util/dates.js';
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { authorize } from '../../platform/auth/permissions.js';
import { writeAudit, writeAuditBatch, type AuditInput } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode } from '../../platform/db/database.js';
import { emit } from '../../platform/events/events.js';
import { AppError } from '../../platform/http/errors.js';
import { interpolate, type Localized } from '../../platform/i18n/i18n.js';
import * as org from '../org/org.service.js';
import {
  ROW_PROBLEMS,
  UNREADABLE_REASONS,
  type RowProblem,
  type UnreadableReason,
} from './catalog-exchange.errors.js';
import { codeResolver, CODE_FORMAT } from './catalog.reference.js';
import { INFRA_PARENTS } from './catalog.service.js';
import * as repo from './db/exchange.repository.js';
import type { AnyRecordRow } from './db/exchange.repository.js';
import {
  APPLICATION_KINDS,
  ASSESSMENT_RESULTS,
  DATA_CLASSIFICATIONS,
  DATABASE_GROUPS,
  DEVELOPERS,
  HOSTINGS,
  INFRA_KINDS,
  LICENCE_KINDS,
  LIFECYCLES,
  RECORD_KINDS,
  SECURITY_CLASSES,
  SERVICE_CHANNELS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  type CodePrefix,
  type RecordKind,
} from './db/schema.js';

/*
 * Export and import of the registry as CSV (one record kind) or XLSX (a sheet per kind), with
 * stable English column names. An export re-imports unchanged: references between records and
 * to other modules travel as natural keys (agency code, record name, employee NIP), never as
 * database ids, so a file moves between tenants that share agency codes. Only approved records
 * are exported; imported records are approved at once (the import is an ICT-admin action).
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_MAX_REPORTED_ERRORS = 5_000;

export type Segment = 'services' | 'processes' | 'applications' | 'infrastructure' | 'data-assets';
export const KIND_SEGMENT: Record<RecordKind, Segment> = {
  service: 'services',
  process: 'processes',
  application: 'applications',
  infrastructure: 'infrastructure',
  data_asset: 'data-assets',
};
export const SEGMENT_KIND = Object.fromEntries(
  Object.entries(KIND_SEGMENT).map(([k, s]) => [s, k]),
) as Record<Segment, RecordKind>;
/** The reference-code prefix each kind cites. */
export const KIND_PREFIX: Record<RecordKind, CodePrefix> = {
  service: 'RAL',
  process: 'RAB',
  application: 'RAA',
  infrastructure: 'RAI',
  data_asset: 'RAD',
};

type FieldType = 'text' | 'enum' | 'list' | 'url_list' | 'url' | 'bool' | 'date' | 'country';

interface FieldSpec {
  column: string;
  /** The record property. */
  field: string;
  type: FieldType;
  values?: readonly string[];
  required?: boolean;
  max?: number;
  /** Used when a new record's cell is blank or its column absent. */
  default?: unknown;
}

/** A reference to another record of the same kind, by its agency code and name. */
interface RefSpec {
  field: 'duplicatesId' | 'parentId';
  agencyColumn: string;
  nameColumn: string;
}

const text = (column: string, field: string, max = 500, required = false): FieldSpec => ({
  column,
  field,
  type: 'text',
  max,
  required,
});
const enumOf = (
  column: string,
  field: string,
  values: readonly string[],
  opts: { required?: boolean; default?: unknown } = {},
): FieldSpec => ({ column, field, type: 'enum', values, ...opts });

/** The columns of each kind after the common ones, in export order. */
const KIND_FIELDS: Record<RecordKind, FieldSpec[]> = {
  service: [
    enumOf('kind', 'kind', SERVICE_KINDS, { required: true }),
    text('target_users', 'targetUsers', 500, true),
    { column: 'channels', field: 'channels', type: 'list', values: SERVICE_CHANNELS, default: [] },
    text('service_standard', 'serviceStandard', 1000),
    enumOf('status', 'status', SERVICE_STATUSES, { default: 'active' }),
  ],
  process: [],
  application: [
    enumOf('kind', 'kind', APPLICATION_KINDS, { required: true }),
    enumOf('developer', 'developer', DEVELOPERS, { required: true }),
    text('vendor_name', 'vendorName', 300),
    text('contract_ref', 'contractRef', 300),
    enumOf('licence', 'licence', LICENCE_KINDS, { required: true }),
    text('licence_name', 'licenceName', 200),
    { column: 'repository_url', field: 'repositoryUrl', type: 'url', max: 1000 },
    text('copyright_holder', 'copyrightHolder', 300),
    enumOf('hosting', 'hosting', HOSTINGS, { required: true }),
    { column: 'hosting_country', field: 'hostingCountry', type: 'country', default: 'ID' },
    text('hosting_provider', 'hostingProvider', 300),
    { column: 'provider_indonesian_entity', field: 'providerIndonesianEntity', type: 'bool' },
    { column: 'urls', field: 'urls', type: 'url_list', default: [] },
    text('sso_client_id', 'ssoClientId', 200),
    enumOf('security_class', 'securityClass', SECURITY_CLASSES, { default: 'T' }),
    enumOf('lifecycle', 'lifecycle', LIFECYCLES, { required: true }),
    { column: 'assessed_at', field: 'assessedAt', type: 'date' },
    enumOf('assessment_result', 'assessmentResult', ASSESSMENT_RESULTS),
    { column: 'ran_before_shared', field: 'ranBeforeShared', type: 'bool' },
  ],
  infrastructure: [
    enumOf('kind', 'kind', INFRA_KINDS, { required: true }),
    text('location', 'location', 500),
    { column: 'country', field: 'country', type: 'country', default: 'ID' },
    text('provider', 'provider', 300),
    text('hostname', 'hostname', 253),
    text('ip_address', 'ipAddress', 100),
    enumOf('status', 'status', ['active', 'retired'], { default: 'active' }),
  ],
  data_asset: [
    enumOf('database_group', 'databaseGroup', DATABASE_GROUPS, { required: true }),
    enumOf('classification', 'classification', DATA_CLASSIFICATIONS, { required: true }),
  ],
};

const KIND_REFS: Partial<Record<RecordKind, RefSpec>> = {
  application: {
    field: 'duplicatesId',
    agencyColumn: 'duplicates_agency_code',
    nameColumn: 'duplicates_name',
  },
  infrastructure: {
    field: 'parentId',
    agencyColumn: 'parent_agency_code',
    nameColumn: 'parent_name',
  },
};

const COMMON_HEAD = ['id', 'agency_code', 'name', 'description', 'ref_code'] as const;
/** Written by the export for people to read; the import ignores them. */
const EXPORT_ONLY = ['ref_code_name', 'ref_code_version'] as const;

/** The columns of a kind, in export order. */
export function columnsOf(kind: RecordKind): string[] {
  const refs = KIND_REFS[kind];
  return [
    ...COMMON_HEAD,
    ...EXPORT_ONLY,
    ...KIND_FIELDS[kind].map((f) => f.column),
    ...(refs ? [refs.agencyColumn, refs.nameColumn] : []),
    ...(kind === 'infrastructure' ? ['managing_agency_code'] : []),
    ...(kind === 'data_asset' ? ['steward_nip'] : []),
  ];
}

// ------------------------------------------------------------------ shared helpers

/** Cells a spreadsheet would run as a formula get a leading `'` (the import removes it). */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function safeFilename(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'export'
  );
}

function localized(code: RowProblem, params: Record<string, unknown> = {}): Localized {
  const m = ROW_PROBLEMS[code];
  return { id: interpolate(m.id, params), en: interpolate(m.en, params) };
}

function unreadable(reason: UnreadableReason, params?: Record<string, unknown>): AppError {
  const m = UNREADABLE_REASONS[reason];
  return new AppError(
    'catalog.import_unreadable',
    { reason: interpolate(m.en, params) },
    { reason, message: { id: interpolate(m.id, params), en: interpolate(m.en, params) } },
  );
}

interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

/** Every agency of the tenant, through the org module's service. */
export async function tenantAgencies(ctx: Ctx): Promise<AgencyRef[]> {
  return (await org.agencyDirectory(ctx)).map((a) => ({ id: a.id, code: a.code, name: a.name }));
}

// ------------------------------------------------------------------ export

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer;
  rows: number;
}

/** The export rows of a kind: header first, then one row per approved record, in a stable order. */
export async function exportRows(
  ctx: Ctx,
  kind: RecordKind,
  agencies: Map<string, AgencyRef>,
): Promise<string[][]> {
  const rows = (await repo.recordsOfKind(ctx.tx, kind, { approvedOnly: true })) as Array<
    AnyRecordRow & Record<string, unknown>
  >;
  const sets = new Map((await repo.listCodeSets(ctx.tx)).map((s) => [s.id, s]));
  const names = await repo.codeNames(
    ctx.tx,
    rows.flatMap((r) =>
      r.refCode && r.refCodeSetId ? [{ codeSetId: r.refCodeSetId, code: r.refCode }] : [],
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stewards = new Map<string, string>();
  if (kind === 'data_asset') {
    for (const r of rows) {
      const id = r.stewardEmployeeId as string | null;
      if (id && !stewards.has(id)) stewards.set(id, (await org.findEmployee(ctx, id))?.nip ?? '');
    }
  }
  const code = (agencyId: unknown) => agencies.get(agencyId as string)?.code ?? '';
  const refs = KIND_REFS[kind];
  const body = rows.map((r) => {
    const out: string[] = [
      r.id,
      code(r.agencyId),
      r.name,
      r.description ?? '',
      r.refCode ?? '',
      r.refCode && r.refCodeSetId ? (names.get(`${r.refCodeSetId} ${r.refCode}`) ?? '') : '',
      r.refCodeSetId ? (sets.get(r.refCodeSetId)?.version ?? '') : '',
    ];
    for (const f of KIND_FIELDS[kind]) out.push(formatValue(f, r[f.field]));
    if (refs) {
      const target = r[refs.field] ? byId.get(r[refs.field] as string) : undefined;
      out.push(target ? code(target.agencyId) : '', target ? target.name : '');
    }
    if (kind === 'infrastructure') out.push(code(r.managingAgencyId));
    if (kind === 'data_asset')
      out.push(r.stewardEmployeeId ? (stewards.get(r.stewardEmployeeId as string) ?? '') : '');
    return out;
  });
  // Stable order: agency code, then name, then id.
  body.sort((a, b) => cmp(a[1]!, b[1]!) || cmp(a[2]!, b[2]!) || cmp(a[0]!, b[0]!));
  return [columnsOf(kind), ...body];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatValue(f: FieldSpec, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(';');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export async function exportRecords(
  ctx: Ctx,
  opts: { format: 'csv' | 'xlsx'; kind?: RecordKind },
): Promise<ExportedFile> {
  authorize(ctx, 'catalog:export:read');
  if (opts.format === 'csv' && !opts.kind) throw new AppError('catalog.export_kind_required');
  const agencies = new Map((await tenantAgencies(ctx)).map((a) => [a.id, a]));
  const kinds = opts.kind ? [opts.kind] : [...RECORD_KINDS];
  const base = safeFilename(
    [
      'arsitektur',
      ctx.tenant.code,
      opts.kind ? KIND_SEGMENT[opts.kind] : null,
      dayIn(ctx.tenant.timeZone),
    ]
      .filter(Boolean)
      .join('-'),
  );
  let file: ExportedFile;
  let total = 0;
  if (opts.format === 'csv') {
    const rows = await exportRows(ctx, kinds[0]!, agencies);
    total = rows.length - 1;
    const body = stringify(
      rows.map((r) => r.map(guardFormula)),
      { bom: true, record_delimiter: 'windows' },
    );
    file = {
      filename: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(body, 'utf8'),
      rows: total,
    };
  } else {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Simpul';
    // A fixed date keeps the file reproducible for the same data.
    wb.created = new Date(0);
    wb.modified = new Date(0);
    for (const kind of kinds) {
      const [header, ...rows] = await exportRows(ctx, kind, agencies);
      total += rows.length;
      const sheet = wb.addWorksheet(KIND_SEGMENT[kind], {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = header!.map((key) => ({
        header: key,
        key,
        width: key === 'name' || key === 'description' ? 40 : key === 'id' ? 38 : 18,
        // Text: codes, NIPs and dates stay text.
        style: { numFmt: '@' },
      }));
      sheet.getRow(1).font = { bold: true };
      for (const r of rows) sheet.addRow(r);
    }
    const out = await wb.xlsx.writeBuffer();
    file = {
      filename: `${base}.xlsx`,
      contentType: XLSX_MIME,
      body: Buffer.from(out as ArrayBuffer),
      rows: total,
    };
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.records.exported',
    data: { format: opts.format, kind: opts.kind ?? null, rows: total },
  });
  return file;
}

// ------------------------------------------------------------------ import: reading

export interface SheetRows {
  kind: RecordKind;
  /** The sheet name (XLSX) or null (CSV). */
  sheet: string | null;
  columns: string[];
  ignoredColumns: string[];
  rows: Array<{ row: number; values: Record<string, string>; extra: boolean }>;
}

function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
}

function sniff(buffer: Buffer): 'xlsx' | 'xls' | 'text' {
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  return 'text';
}

function decodeText(buffer: Buffer): string {
  let bytes = buffer;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    bytes = bytes.subarray(3);
  if (bytes.includes(0)) throw unreadable('not_text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  return [',', ';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

function buildSheet(
  kind: RecordKind,
  sheet: string | null,
  lines: Array<{ row: number; cells: string[] }>,
): SheetRows {
  const blank = (cells: string[]) => cells.every((c) => c.trim() === '');
  const headerIndex = lines.findIndex((l) => !blank(l.cells));
  if (headerIndex < 0) throw unreadable('empty');
  const known = new Set(columnsOf(kind));
  const header = lines[headerIndex]!.cells.map(normalizeHeader);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const ignoredColumns: string[] = [];
  header.forEach((h, i) => {
    if (!known.has(h)) {
      const raw = lines[headerIndex]!.cells[i]!.trim();
      if (raw) ignoredColumns.push(raw);
      return;
    }
    if (seen.has(h)) repeated.add(h);
    seen.add(h);
  });
  if (repeated.size > 0)
    throw unreadable('columns_repeated', { columns: [...repeated].join(', ') });
  const missing = ['agency_code', 'name'].filter((c) => !seen.has(c));
  if (missing.length > 0) throw unreadable('columns_missing', { columns: missing.join(', ') });
  const data = lines.slice(headerIndex + 1).filter((l) => !blank(l.cells));
  const rows = data.map((l) => {
    const values: Record<string, string> = {};
    l.cells.forEach((cell, i) => {
      const h = header[i];
      if (h && known.has(h)) values[h] = unguard(cell).trim();
    });
    const extra = l.cells.slice(header.length).some((c) => c.trim() !== '');
    return { row: l.row, values, extra };
  });
  return { kind, sheet, columns: [...seen], ignoredColumns, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('hyperlink' in value) {
    const t = value.text as unknown;
    return typeof t === 'string' ? t : cellText(t as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (
      result === undefined ||
      (typeof result === 'object' && result !== null && 'error' in result)
    )
      return '';
    return cellText(result as ExcelJS.CellValue);
  }
  return '';
}

/** Reads an uploaded CSV (one kind) or XLSX (a sheet per kind, named like the URL segments). */
export async function readImportFile(
  buffer: Buffer,
  kind: RecordKind | undefined,
): Promise<{ format: 'csv' | 'xlsx'; sheets: SheetRows[] }> {
  const format = sniff(buffer);
  if (format === 'xls') throw unreadable('xls_legacy');
  if (format === 'text') {
    if (!kind) throw unreadable('kind_required');
    const text = decodeText(buffer);
    let records: Array<{ record: string[]; info: { lines: number } }>;
    try {
      records = parseCsv(text, {
        delimiter: detectDelimiter(text),
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown as typeof records;
    } catch (err) {
      const line = (err as { lines?: unknown }).lines;
      throw unreadable('csv_malformed', { line: typeof line === 'number' ? line : '?' });
    }
    const lines = records.map((r) => ({ row: r.info.lines, cells: r.record }));
    return { format: 'csv', sheets: [buildSheet(kind, null, lines)] };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('xlsx_malformed');
  }
  const read = (ws: ExcelJS.Worksheet) => {
    const lines: Array<{ row: number; cells: string[] }> = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
      lines.push({ row: rowNumber, cells });
    });
    return lines;
  };
  const bySegment = (name: string) =>
    SEGMENT_KIND[name.trim().toLowerCase().replace(/_/g, '-') as Segment] as RecordKind | undefined;
  const sheets: SheetRows[] = [];
  if (kind) {
    const ws = wb.worksheets.find((w) => bySegment(w.name) === kind) ?? wb.worksheets[0];
    if (!ws) throw unreadable('empty');
    sheets.push(buildSheet(kind, ws.name, read(ws)));
  } else {
    for (const ws of wb.worksheets) {
      const k = bySegment(ws.name);
      if (!k) continue;
      if (ws.actualRowCount === 0) continue;
      sheets.push(buildSheet(k, ws.name, read(ws)));
    }
    if (sheets.length === 0) throw unreadable('no_sheets');
  }
  return { format: 'xlsx', sheets };
}

// ------------------------------------------------------------------ import: validation

export interface RowError {
  row: number;
  sheet?: string;
  field: string;
  code: RowProblem;
  message: Localized;
}

interface Plan {
  kind: RecordKind;
  row: number;
  sheet: string | null;
  action: 'create' | 'update' | 'unchanged';
  id: string;
  before: (AnyRecordRow & Record<string, unknown>) | null;
  /** Every writable column (refs included) with its final value. */
  values: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTRY = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TRUE = new Set(['true', 'yes', 'ya', 'y', '1']);
const FALSE = new Set(['false', 'no', 'tidak', 'n', '0']);

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const keyOf = (agencyId: string, name: string) => `${agencyId}\u0000${name.trim().toLowerCase()}`;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if (a instanceof Date) a = a.toISOString().slice(0, 10);
  if (b instanceof Date) b = b.toISOString().slice(0, 10);
  return (a ?? null) === (b ?? null);
}

/** What the import checks rows against. */
interface ImportData {
  agencies: AgencyRef[];
  existing: Map<RecordKind, Array<AnyRecordRow & Record<string, unknown>>>;
  resolve: Awaited<ReturnType<typeof codeResolver>>;
  stewards: Map<string, string | null>;
}

/**
 * The registry's own placement rules, over the file and the stored records together: a rack sits
 * in a room, a server in a rack and so on (INFRA_PARENTS), and only a specific application may
 * imitate, and only a shared one (BTG19 art.18).
 */
function misplacedReferences(plans: Plan[], existing: ImportData['existing']): RowError[] {
  const kindOf = new Map<string, unknown>();
  for (const rows of existing.values()) for (const row of rows) kindOf.set(row.id, row.kind);
  for (const p of plans) kindOf.set(p.id, p.values.kind ?? p.before?.kind);
  const errors: RowError[] = [];
  for (const p of plans) {
    const refs = KIND_REFS[p.kind];
    const target = refs ? p.values[refs.field] : null;
    if (!refs || typeof target !== 'string') continue;
    const kind = String(p.values.kind ?? p.before?.kind);
    const targetKind = String(kindOf.get(target));
    const rule =
      p.kind === 'infrastructure'
        ? (INFRA_PARENTS[kind] ?? []).includes(targetKind)
          ? null
          : `${kind} ⊄ ${targetKind}`
        : kind === 'specific' && targetKind === 'shared'
          ? null
          : `${kind} → ${targetKind}`;
    if (rule === null) continue;
    const params = { value: target, rule };
    errors.push({
      row: p.row,
      ...(p.sheet ? { sheet: p.sheet } : {}),
      field: refs.nameColumn,
      code: 'reference_misplaced',
      message: localized('reference_misplaced', params),
    });
  }
  return errors;
}

function validate(sheets: SheetRows[], data: ImportData): { plans: Plan[]; errors: RowError[] } {
  const agencyExact = new Map(data.agencies.map((a) => [a.code, a]));
  const agencyLoose = new Map<string, AgencyRef[]>();
  for (const a of data.agencies) {
    const k = a.code.toLowerCase();
    agencyLoose.set(k, [...(agencyLoose.get(k) ?? []), a]);
  }
  const findAgency = (code: string) => {
    const loose = agencyLoose.get(code.toLowerCase());
    return agencyExact.get(code) ?? (loose?.length === 1 ? loose[0] : undefined);
  };
  const errors: RowError[] = [];
  const plans: Plan[] = [];

  for (const sheet of sheets) {
    const kind = sheet.kind;
    const existing = data.existing.get(kind) ?? [];
    const byId = new Map(existing.map((r) => [r.id, r]));
    const byKey = new Map<string, Array<(typeof existing)[number]>>();
    for (const r of existing) {
      const k = keyOf(r.agencyId, r.name);
      byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    const has = (c: string) => sheet.columns.includes(c);
    const refs = KIND_REFS[kind];
    // Rows by record key and by id, to find duplicates and references within the file.
    const fileKeys = new Map<string, number[]>();
    const fileIds = new Map<string, number[]>();
    const rowInfo = sheet.rows.map((r) => {
      const agency = findAgency(r.values.agency_code ?? '');
      const name = r.values.name ?? '';
      const id = r.values.id ?? '';
      const matched =
        id && UUID.test(id) && byId.has(id.toLowerCase())
          ? byId.get(id.toLowerCase())!
          : agency && name
            ? (byKey.get(keyOf(agency.id, name)) ?? [])
            : [];
      const match = Array.isArray(matched)
        ? matched.length === 1
          ? matched[0]
          : undefined
        : matched;
      const ambiguous = Array.isArray(matched) && matched.length > 1;
      if (agency && name) {
        const k = keyOf(agency.id, name);
        fileKeys.set(k, [...(fileKeys.get(k) ?? []), r.row]);
      }
      if (match) fileIds.set(match.id, [...(fileIds.get(match.id) ?? []), r.row]);
      return { agency, name, match, ambiguous, newId: match ? match.id : randomUUID() };
    });
    // Where each (agency, name) will point after the import: rows of the file win over
    // records already stored (a row may rename a stored record away from its old name).
    const finalIds = new Map<string, string>();
    for (const r of existing) finalIds.set(keyOf(r.agencyId, r.name), r.id);
    rowInfo.forEach((info) => {
      if (info.agency && info.name) finalIds.set(keyOf(info.agency.id, info.name), info.newId);
    });

    sheet.rows.forEach((r, index) => {
      const info = rowInfo[index]!;
      const v = r.values;
      const found: RowError[] = [];
      const add = (field: string, code: RowProblem, params: Record<string, unknown> = {}) =>
        found.push({
          row: r.row,
          ...(sheet.sheet ? { sheet: sheet.sheet } : {}),
          field,
          code,
          message: localized(code, params),
        });
      if (r.extra) add('row', 'extra_cells');
      const id = v.id ?? '';
      if (id && !UUID.test(id)) add('id', 'uuid_invalid', { value: id });
      const agencyCode = v.agency_code ?? '';
      if (!agencyCode) add('agency_code', 'required');
      else if (!info.agency) add('agency_code', 'agency_unknown', { value: agencyCode });
      if (!info.name) add('name', 'required');
      else if (info.name.length > 300) add('name', 'too_long', { max: 300 });
      if ((v.description ?? '').length > 5000) add('description', 'too_long', { max: 5000 });
      if (info.ambiguous) add('name', 'record_ambiguous', { value: info.name });
      if (info.agency && info.name) {
        const others = (fileKeys.get(keyOf(info.agency.id, info.name)) ?? []).filter(
          (n) => n !== r.row,
        );
        if (others.length > 0) add('name', 'record_duplicate', { rows: others.join(', ') });
      }
      if (info.match) {
        const others = (fileIds.get(info.match.id) ?? []).filter((n) => n !== r.row);
        if (others.length > 0 && !found.some((f) => f.code === 'record_duplicate'))
          add('id', 'record_duplicate', { rows: others.join(', ') });
      }

      const before = info.match ?? null;
      const values: Record<string, unknown> = {};
      const keepOrDefault = (field: string, dflt: unknown) =>
        before ? before[field] : dflt === undefined ? null : dflt;

      // Reference code
      if (has('ref_code')) {
        const code = (v.ref_code ?? '').toUpperCase();
        if (!code) {
          values.refCode = null;
          values.refCodeSetId = null;
        } else if (!CODE_FORMAT.test(code) || !code.startsWith(`${KIND_PREFIX[kind]}.`)) {
          add('ref_code', 'code_format', { value: code });
        } else if (before && before.refCode === code && before.refCodeSetId) {
          // An unchanged code keeps the version it was coded against, even when a newer
          // version of the set no longer lists it.
          values.refCode = code;
          values.refCodeSetId = before.refCodeSetId;
        } else {
          const resolved = data.resolve(KIND_PREFIX[kind], code);
          if (!resolved)
            add('ref_code', 'ref_code_unknown', { value: code, prefix: KIND_PREFIX[kind] });
          else {
            values.refCode = code;
            values.refCodeSetId = resolved.codeSetId;
          }
        }
      } else {
        values.refCode = keepOrDefault('refCode', null);
        values.refCodeSetId = keepOrDefault('refCodeSetId', null);
      }
      values.agencyId = info.agency?.id;
      values.name = info.name;
      values.description = has('description')
        ? v.description || null
        : keepOrDefault('description', null);

      for (const f of KIND_FIELDS[kind]) {
        if (!has(f.column)) {
          const kept = keepOrDefault(f.field, f.default);
          if (kept === null && f.required) add(f.column, 'required');
          values[f.field] = kept;
          continue;
        }
        const raw = v[f.column] ?? '';
        if (!raw) {
          if (f.required) add(f.column, 'required');
          values[f.field] = f.default === undefined ? null : f.default;
          continue;
        }
        if (f.max && raw.length > f.max) {
          add(f.column, 'too_long', { max: f.max });
          continue;
        }
        switch (f.type) {
          case 'text':
            values[f.field] = raw;
            break;
          case 'enum': {
            const value = raw.toLowerCase() === raw ? raw : raw.toLowerCase();
            const allowed = f.values!;
            const hit =
              allowed.find((a) => a === raw) ?? allowed.find((a) => a.toLowerCase() === value);
            if (!hit) add(f.column, 'value_invalid', { value: raw, allowed: allowed.join(', ') });
            else values[f.field] = hit;
            break;
          }
          case 'list':
          case 'url_list': {
            const items = raw
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean);
            const bad =
              f.type === 'list'
                ? items.filter((i) => !f.values!.includes(i.toLowerCase()))
                : items.filter((i) => !isHttpUrl(i));
            if (bad.length > 0) {
              if (f.type === 'list')
                add(f.column, 'value_invalid', { value: bad[0], allowed: f.values!.join(', ') });
              else add(f.column, 'url_invalid', { value: bad[0] });
            } else values[f.field] = f.type === 'list' ? items.map((i) => i.toLowerCase()) : items;
            break;
          }
          case 'url':
            if (!isHttpUrl(raw)) add(f.column, 'url_invalid', { value: raw });
            else values[f.field] = raw;
            break;
          case 'bool': {
            const b = raw.toLowerCase();
            if (TRUE.has(b)) values[f.field] = true;
            else if (FALSE.has(b)) values[f.field] = false;
            else add(f.column, 'boolean_invalid', { value: raw });
            break;
          }
          case 'date':
            if (!validDate(raw)) add(f.column, 'date_invalid', { value: raw });
            else values[f.field] = raw;
            break;
          case 'country': {
            const c = raw.toUpperCase();
            if (!COUNTRY.test(c)) add(f.column, 'country_invalid', { value: raw });
            else values[f.field] = c;
            break;
          }
        }
      }

      // A reference to a record of the same kind, stored or in the file.
      if (refs) {
        if (has(refs.agencyColumn) || has(refs.nameColumn)) {
          const refAgencyCode = v[refs.agencyColumn] ?? '';
          const refName = v[refs.nameColumn] ?? '';
          if (!refAgencyCode && !refName) values[refs.field] = null;
          else if (!refAgencyCode) add(refs.agencyColumn, 'required');
          else if (!refName) add(refs.nameColumn, 'required');
          else {
            const refAgency = findAgency(refAgencyCode);
            if (!refAgency) add(refs.agencyColumn, 'agency_unknown', { value: refAgencyCode });
            else {
              const target = finalIds.get(keyOf(refAgency.id, refName));
              if (!target || target === info.newId)
                add(refs.nameColumn, 'reference_unknown', { value: `${refAgencyCode}/${refName}` });
              else values[refs.field] = target;
            }
          }
        } else values[refs.field] = keepOrDefault(refs.field, null);
      }
      if (kind === 'infrastructure') {
        const managing = v.managing_agency_code ?? '';
        if (has('managing_agency_code') && managing) {
          const a = findAgency(managing);
          if (!a) add('managing_agency_code', 'agency_unknown', { value: managing });
          else values.managingAgencyId = a.id;
        } else if (!has('managing_agency_code') && before) {
          values.managingAgencyId = before.managingAgencyId;
        } else values.managingAgencyId = info.agency?.id;
      }
      if (kind === 'data_asset') {
        if (has('steward_nip')) {
          const nip = (v.steward_nip ?? '').replace(/\s+/g, '');
          if (!nip) values.stewardEmployeeId = null;
          else {
            const employeeId = data.stewards.get(nip);
            if (!employeeId) add('steward_nip', 'reference_unknown', { value: nip });
            else values.stewardEmployeeId = employeeId;
          }
        } else values.stewardEmployeeId = keepOrDefault('stewardEmployeeId', null);
      }

      if (found.length > 0) {
        errors.push(...found);
        return;
      }
      const changed =
        !before ||
        before.reviewState !== 'approved' ||
        Object.keys(values).some((k) => !sameValue(values[k], before[k]));
      plans.push({
        kind,
        row: r.row,
        sheet: sheet.sheet,
        action: !before ? 'create' : changed ? 'update' : 'unchanged',
        id: info.newId,
        before,
        values,
      });
    });
  }
  errors.push(...misplacedReferences(plans, data.existing));
  errors.sort(
    (a, b) => cmp(a.sheet ?? '', b.sheet ?? '') || a.row - b.row || cmp(a.field, b.field),
  );
  return { plans, errors };
}

// ------------------------------------------------------------------ import: the service

export interface ImportReport {
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  byKind: Record<string, { created: number; updated: number; unchanged: number }>;
  ignoredColumns: string[];
  errors: RowError[];
}

/**
 * Imports records from CSV (one kind) or XLSX (a sheet per kind). Every row is checked first;
 * one problem refuses the whole file (catalog.import_invalid with the per-row errors in
 * details) and nothing changes. Rows update the record with their id when it is in the tenant,
 * else the record of the same agency and name, else create one; all end approved. Each written
 * record is audited; `catalog.records.bulk_changed` is emitted once.
 */
export async function importRecords(
  ctx: Ctx,
  file: { buffer: Buffer; filename: string },
  opts: { kind?: RecordKind; dryRun?: boolean } = {},
): Promise<ImportReport> {
  authorize(ctx, 'catalog:import:write', null);
  const dryRun = opts.dryRun ?? false;
  const parsed = await readImportFile(file.buffer, opts.kind);
  const totalRows = parsed.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (totalRows > IMPORT_MAX_ROWS)
    throw new AppError('catalog.import_too_many_rows', { limit: IMPORT_MAX_ROWS });

  const existing = new Map<RecordKind, Array<AnyRecordRow & Record<string, unknown>>>();
  for (const s of parsed.sheets)
    existing.set(
      s.kind,
      (await repo.recordsOfKind(ctx.tx, s.kind, { approvedOnly: false })) as Array<
        AnyRecordRow & Record<string, unknown>
      >,
    );
  const stewards = new Map<string, string | null>();
  for (const s of parsed.sheets) {
    if (s.kind !== 'data_asset') continue;
    for (const r of s.rows) {
      const nip = (r.values.steward_nip ?? '').replace(/\s+/g, '');
      if (nip && !stewards.has(nip))
        stewards.set(nip, (await org.findEmployeeByNip(ctx, nip))?.id ?? null);
    }
  }
  const { plans, errors } = validate(parsed.sheets, {
    agencies: await tenantAgencies(ctx),
    existing,
    resolve: await codeResolver(ctx),
    stewards,
  });

  const byKind: ImportReport['byKind'] = {};
  for (const p of plans) {
    const k = (byKind[KIND_SEGMENT[p.kind]] ??= { created: 0, updated: 0, unchanged: 0 });
    if (p.action === 'create') k.created++;
    else if (p.action === 'update') k.updated++;
    else k.unchanged++;
  }
  const count = (a: Plan['action']) => plans.filter((p) => p.action === a).length;
  const report: ImportReport = {
    format: parsed.format,
    dryRun,
    totalRows,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    byKind,
    ignoredColumns: [...new Set(parsed.sheets.flatMap((s) => s.ignoredColumns))],
    errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
  };
  if (errors.length > 0) {
    throw new AppError(
      'catalog.import_invalid',
      { count: errors.length },
      { ...report, created: 0, updated: 0, unchanged: 0, totalErrors: errors.length },
    );
  }
  if (dryRun) return report;

  const audits: AuditInput[] = [];
  const userId = ctx.principal?.userId ?? null;
  try {
    for (const kind of RECORD_KINDS) {
      const mine = plans.filter((p) => p.kind === kind);
      if (mine.length === 0) continue;
      const refField = KIND_REFS[kind]?.field;
      // Creates first without references (their targets may be created in the same batch).
      const creates = mine.filter((p) => p.action === 'create');
      const created = await repo.insertRecords(
        ctx.tx,
        kind,
        creates.map((p) => ({
          ...p.values,
          ...(refField ? { [refField]: null } : {}),
          id: p.id,
          tenantId: ctx.tenantId,
          reviewState: 'approved',
          version: 1,
          createdBy: userId,
        })),
      );
      const createdById = new Map(created.map((r) => [r.id, r as AnyRecordRow]));
      for (const p of creates) {
        let row = createdById.get(p.id)!;
        if (refField && p.values[refField])
          row = await repo.updateRecord(ctx.tx, kind, p.id, { [refField]: p.values[refField] });
        audits.push({
          action: `catalog.${kind}.created`,
          targetType: kind,
          targetId: p.id,
          after: row,
          data: { via: 'import' },
        });
      }
      for (const p of mine.filter((x) => x.action === 'update')) {
        const after = await repo.updateRecord(ctx.tx, kind, p.id, {
          ...p.values,
          reviewState: 'approved',
          version: (p.before!.version as number) + 1,
          updatedAt: new Date(),
        });
        audits.push({
          action: `catalog.${kind}.updated`,
          targetType: kind,
          targetId: p.id,
          before: p.before,
          after,
          data: { via: 'import' },
        });
      }
    }
  } catch (e) {
    // A concurrent writer changed the same records (or a referenced row) after we looked.
    if (pgCode(e) === '23505' || pgCode(e) === '23503') throw new AppError('platform.conflict');
    throw e;
  }
  // Records that were proposals are approved by the import: their open proposals are decided
  // (left open, a later rejection would take an approved record out of the registry).
  const decided = await repo.approveOpenCreates(
    ctx.tx,
    plans
      .filter((p) => p.action === 'update' && p.before && p.before.reviewState !== 'approved')
      .map((p) => p.id),
    { reviewedBy: userId, reviewedByName: ctx.principal?.username ?? null },
  );
  for (const id of decided)
    audits.push({
      action: 'catalog.change.approved',
      targetType: 'change_request',
      targetId: id,
      data: { via: 'import' },
    });
  await writeAuditBatch(ctx.tx, ctx, audits);
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.records.imported',
    data: {
      filename: file.filename.slice(0, 200),
      format: report.format,
      totalRows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    },
  });
  if (report.created + report.updated > 0) await emit(ctx, 'catalog.records.bulk_changed', {});
  return report;
}
