import { acceptRawBodies, readMultipart } from '../../../platform/http/multipart.js';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../platform/http/errors.js';
import type { App, ModuleDeps } from '../../../platform/module.js';
import '../catalog-exchange.errors.js';
import { importCodeSet, listCodeSets, listCodes } from '../catalog.reference.js';
import { CODE_PREFIXES, type CodePrefix } from '../db/schema.js';
import * as s from './exchange.schema.js';

const tags = ['catalog'];

/** The reference-architecture code sets (RAB, RAD, RAL, RAA, RAI, RAK), versioned. */
export function referenceRoutes(app: App, { run, config }: ModuleDeps): void {
  app.get(
    '/api/catalog/code-sets',
    {
      schema: {
        tags,
        summary: 'List the reference code sets, every version (current first per prefix)',
        response: { 200: Type.Object({ items: Type.Array(s.CodeSet) }) },
      },
    },
    (req) => run(req, 'catalog:record:read', async (ctx) => ({ items: await listCodeSets(ctx) })),
  );

  app.get(
    '/api/catalog/codes',
    {
      schema: {
        tags,
        summary:
          'List reference codes: of the current set of a prefix, of a given set version, or of every current set',
        querystring: s.CodesQuery,
        response: { 200: Type.Object({ items: Type.Array(s.Code) }) },
      },
    },
    (req) =>
      run(req, 'catalog:record:read', async (ctx) => ({
        items: await listCodes(ctx, {
          ...(req.query.prefix ? { prefix: req.query.prefix } : {}),
          ...(req.query.q ? { q: req.query.q } : {}),
          ...(req.query.codeSetId ? { codeSetId: req.query.codeSetId } : {}),
        }),
      })),
  );

  // The upload, in its own scope so its body parsers stay here.
  void app.register(async (instance) => {
    const scope = instance as unknown as App;
    const limit = config.maxUploadBytes;
    acceptRawBodies(scope, [...s.RAW_UPLOAD_TYPES, 'multipart/form-data'], limit);
    scope.post(
      '/api/catalog/code-sets',
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Load a new version of a reference code set from CSV (it becomes current)',
          description:
            'multipart/form-data with fields file (the CSV), prefix, version and source; or the raw CSV ' +
            'as the body (text/csv) with prefix, version and source in the query. CSV columns: code|kode, ' +
            'name|nama, parent_code|induk (optional), description|keterangan (optional), prefix (optional). ' +
            'Every row is checked first (format, prefix, duplicates, parents); any problem answers 422 ' +
            'catalog.code_set_invalid with details.errors [{row, field, code, message}] and nothing changes. ' +
            'Older versions are kept; records keep the version they cite.',
          querystring: s.CodeSetUploadQuery,
          response: { 201: s.CodeSet },
        },
      },
      async (req, reply) => {
        // Authentication and the permission come first: the body is read inside run.
        const created = await run(req, 'catalog:reference:write', async (ctx) => {
          const body = req.body;
          if (!Buffer.isBuffer(body)) throw new AppError('platform.unsupported_media_type');
          const type = req.headers['content-type'] ?? '';
          let csv: Buffer = body;
          let fields: Record<string, string | undefined> = { ...req.query };
          if (/^multipart\/form-data/i.test(type)) {
            const form = await readMultipart(body, type);
            const file = form.files.file ?? Object.values(form.files)[0];
            if (!file) throw new AppError('platform.validation_failed', { summary: 'file' });
            csv = file.data;
            fields = { ...fields, ...form.fields };
          }
          const prefix = (fields.prefix ?? '').toUpperCase();
          if (!(CODE_PREFIXES as readonly string[]).includes(prefix))
            throw new AppError('platform.validation_failed', { summary: 'prefix' });
          const version = (fields.version ?? '').trim();
          if (!version || version.length > 200)
            throw new AppError('platform.validation_failed', { summary: 'version' });
          const source = (fields.source ?? '').trim().slice(0, 500);
          return importCodeSet(ctx, { prefix: prefix as CodePrefix, version, source, csv });
        });
        return reply.code(201).send(created);
      },
    );
  });
}
