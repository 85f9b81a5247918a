import { acceptRawBodies, readMultipart } from '../../../platform/http/multipart.js';
import { AppError } from '../../../platform/http/errors.js';
import type { App, ModuleDeps } from '../../../platform/module.js';
import '../catalog-exchange.errors.js';
import { exportBackstage } from '../catalog.backstage.js';
import { SEGMENT_KIND, XLSX_MIME, exportRecords, importRecords } from '../catalog.exchange.js';
import { exportArchitecturePdf } from '../catalog.pdf.js';
import type { RecordKind } from '../db/schema.js';
import * as s from './exchange.schema.js';

const tags = ['catalog'];

/** The record kind of a `kind` parameter given as a URL segment or as a kind name. */
function kindOf(param: (typeof s.KIND_PARAMS)[number]): RecordKind {
  return (SEGMENT_KIND as Record<string, RecordKind>)[param] ?? (param as RecordKind);
}

/** Import and export of the registry: CSV/XLSX, the Backstage catalog and the PDF document. */
export function exchangeRoutes(app: App, { run, config, storage }: ModuleDeps): void {
  void app.register(async (instance) => {
    const scope = instance as unknown as App;
    const limit = config.maxUploadBytes;
    acceptRawBodies(scope, [...s.RAW_UPLOAD_TYPES, 'multipart/form-data'], limit);

    scope.post(
      '/api/catalog/import',
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Import registry records from CSV (one kind) or XLSX (a sheet per kind)',
          description:
            'The raw file as the body (text/csv or XLSX), or multipart/form-data with a file field. ' +
            'CSV needs ?kind=; an XLSX file holds sheets named services, processes, applications, ' +
            'infrastructure, data-assets (or, with ?kind=, that sheet or the first one). Columns are those of ' +
            'the export. Every row is checked first: any problem answers 422 catalog.import_invalid with ' +
            'details.errors [{row, sheet?, field, code, message {id, en}}] and nothing changes. A row updates ' +
            'the record with its id (when in this tenant), else the record with the same agency code and name, ' +
            'else creates one; imported records are approved. ICT admins only.',
          querystring: s.ImportQuery,
          response: { 200: s.ImportReport },
        },
      },
      (req) =>
        run(req, 'catalog:import:write', async (ctx) => {
          const body = req.body;
          if (!Buffer.isBuffer(body)) throw new AppError('platform.unsupported_media_type');
          const type = req.headers['content-type'] ?? '';
          let buffer: Buffer = body;
          let filename = req.query.filename ?? 'upload';
          if (/^multipart\/form-data/i.test(type)) {
            const form = await readMultipart(body, type);
            const file = form.files.file ?? Object.values(form.files)[0];
            if (!file) throw new AppError('platform.validation_failed', { summary: 'file' });
            buffer = file.data;
            filename = file.filename || filename;
          }
          return importRecords(
            ctx,
            { buffer, filename },
            {
              ...(req.query.kind ? { kind: kindOf(req.query.kind) } : {}),
              dryRun: req.query.dryRun ?? false,
            },
          );
        }),
    );
  });

  app.get(
    '/api/catalog/export',
    {
      schema: {
        tags,
        summary: 'Export approved registry records as CSV (one kind) or XLSX (a sheet per kind)',
        description:
          'format=csv needs kind; format=xlsx without kind writes every kind. The columns re-import unchanged.',
        querystring: s.ExportQuery,
        produces: ['text/csv', XLSX_MIME],
        response: { 200: s.Binary },
      },
    },
    async (req, reply) => {
      const file = await run(req, 'catalog:export:read', (ctx) =>
        exportRecords(ctx, {
          format: req.query.format ?? 'xlsx',
          ...(req.query.kind ? { kind: kindOf(req.query.kind) } : {}),
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

  app.get(
    '/api/catalog/export/backstage',
    {
      schema: {
        tags,
        summary: 'Export the registry as a Backstage catalog (catalog-info.yaml, multi-document)',
        description:
          'Entities of apiVersion backstage.io/v1alpha1: Group (agencies), User (ICT managers and data ' +
          'stewards), Domain (the SPBE domains), System (services), Component (applications), API, Resource ' +
          '(infrastructure and data assets), with their relations. Annotations simpul.go.id/* carry ids and codes.',
        produces: ['application/yaml'],
        response: { 200: s.Binary },
      },
    },
    async (req, reply) => {
      const file = await run(req, 'catalog:export:read', (ctx) => exportBackstage(ctx, storage));
      return reply
        .header('content-type', 'application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );

  app.get(
    '/api/catalog/export/architecture.pdf',
    {
      schema: {
        tags,
        summary: 'The printable "Arsitektur SPBE" document (PDF), per domain, with diagrams',
        querystring: s.PdfQuery,
        produces: ['application/pdf'],
        response: { 200: s.Binary },
      },
    },
    async (req, reply) => {
      const file = await run(req, 'catalog:export:read', (ctx) =>
        exportArchitecturePdf(ctx, {
          domain: req.query.domain ?? 'all',
          ...(req.query.lang ? { lang: req.query.lang } : {}),
        }),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );
}
