import { acceptRawBodies } from '../../../platform/http/multipart.js';
import { Type } from '@sinclair/typebox';
import type { App, ModuleDeps } from '../../../platform/module.js';
import { AppError } from '../../../platform/http/errors.js';
import { Id, StrEnum } from '../../../platform/http/schema.js';
import { exportEmployees } from '../org.export.js';
import { IMPORT_COLUMNS, XLSX_MIME, importEmployees } from '../org.import.js';
import { IMPORT_PROBLEMS } from '../org.errors.js';

const tags = ['org'];

/** Raw upload types; the format is decided by the content (a zip is XLSX), not by this header. */
const UPLOAD_TYPES = [
  'text/csv',
  XLSX_MIME,
  'application/vnd.ms-excel',
  'application/octet-stream',
];

const ImportQuery = Type.Object(
  {
    mode: Type.Optional(StrEnum(['all_or_nothing', 'valid_only'] as const)),
    dryRun: Type.Optional(Type.Boolean()),
    /** The client's file name, recorded in the audit event only. */
    filename: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ImportReportSchema = Type.Object({
  format: StrEnum(['csv', 'xlsx'] as const),
  mode: StrEnum(['all_or_nothing', 'valid_only'] as const),
  dryRun: Type.Boolean(),
  totalRows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  invalidRows: Type.Integer(),
  ignoredColumns: Type.Array(Type.String()),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'Spreadsheet row number; the header is row 1' }),
      field: Type.Union([StrEnum(IMPORT_COLUMNS), Type.Literal('row')]),
      code: StrEnum(Object.keys(IMPORT_PROBLEMS) as Array<keyof typeof IMPORT_PROBLEMS>),
      message: Type.String(),
    }),
  ),
  errorsTruncated: Type.Boolean(),
});

const ExportQuery = Type.Object(
  {
    format: Type.Optional(StrEnum(['csv', 'xlsx'] as const)),
    agencyId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** Employee import and export (CSV, XLSX), in their own scope so the upload parsers stay here. */
export async function orgFileRoutes(app: App, { run, config }: ModuleDeps): Promise<void> {
  await app.register(async (instance) => {
    const scope = instance as unknown as App;
    const limit = config.maxUploadBytes;
    acceptRawBodies(scope, UPLOAD_TYPES, limit);

    scope.post(
      '/api/org/employees/import',
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Import employees from a CSV or XLSX file (the raw file is the body)',
          description:
            'Columns (header row, any order, case-insensitive): nip, name|nama, agency_code|kode_pd, unit_code|kode_unit, ' +
            'position|jabatan, status, email, phone|telepon. An existing NIP updates that employee. ' +
            'mode=all_or_nothing (default) writes nothing when any row is invalid and answers 422 org.import_invalid ' +
            'with this report in error.details; mode=valid_only writes the valid rows and reports the others. ' +
            'dryRun=true checks and counts without writing.',
          querystring: ImportQuery,
          response: { 200: ImportReportSchema },
        },
      },
      async (req) => {
        const body = req.body;
        if (!Buffer.isBuffer(body)) throw new AppError('platform.unsupported_media_type');
        const mime = req.headers['content-type'] ?? '';
        return run(req, 'org:employee:write', (ctx) =>
          importEmployees(
            ctx,
            { buffer: body, filename: req.query.filename ?? 'upload', mime },
            { mode: req.query.mode ?? 'all_or_nothing', dryRun: req.query.dryRun ?? false },
          ),
        );
      },
    );

    scope.get(
      '/api/org/employees/export',
      {
        schema: {
          tags,
          summary: 'Export employees as CSV or XLSX (the import columns; re-imports unchanged)',
          querystring: ExportQuery,
          produces: ['text/csv', XLSX_MIME],
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }),
          },
        },
      },
      async (req, reply) => {
        const file = await run(req, 'org:employee:read', (ctx) =>
          exportEmployees(ctx, {
            format: req.query.format ?? 'csv',
            ...(req.query.agencyId ? { agencyId: req.query.agencyId } : {}),
          }),
        );
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(file.body);
      },
    );
  });
}
