import { acceptRawBodies, readMultipart } from '../../../platform/http/multipart.js';
import type { Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { App, ModuleDeps } from '../../../platform/module.js';
import { AppError } from '../../../platform/http/errors.js';
import { IdParams, NoContent } from '../../../platform/http/schema.js';
import '../catalog-links.errors.js';
import * as links from '../catalog-links.service.js';
import * as s from './links.schema.js';

const tags = ['catalog'];

const Binary = (description: string) =>
  s.Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary', description });

/** Media types an OpenAPI document may arrive as; the text itself decides JSON or YAML. */
const OPENAPI_TYPES = [
  'application/json',
  'application/vnd.oai.openapi+json',
  'application/yaml',
  'application/x-yaml',
  'application/vnd.oai.openapi',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/** The document's name for the browser: a plain ASCII fallback and the exact UTF-8 name. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Reads a multipart/form-data body (already bounded by the route's body limit). */
async function readUpload(req: FastifyRequest, body: Buffer) {
  const form = await readMultipart(body, String(req.headers['content-type'] ?? ''));
  const file = form.files.file;
  if (!file) throw new AppError('catalog.document_file_missing');
  const note = form.fields.note ?? null;
  if (note !== null && note.length > 1000) {
    throw new AppError('platform.validation_failed', { summary: 'note' }, [
      { field: 'body/note', problem: 'must be text of at most 1000 characters' },
    ]);
  }
  return {
    content: file.data,
    fileName: file.filename || null,
    note,
  };
}

/**
 * Documents, APIs, relations, the relations graph and the overview of the registry. Thin
 * routes: validate by schema, run with a permission, call one service function.
 */
export function linksRoutes(app: App, { run, storage, config }: ModuleDeps): void {
  // ------------------------------------------------------------ documents
  app.get(
    '/api/catalog/applications/:id/documents',
    {
      schema: {
        tags,
        summary: "An application's documents: every deliverable and justification kind",
        params: s.ApplicationParams,
        response: { 200: s.DocumentList },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.listDocuments(ctx, req.params.id)),
  );

  app.delete(
    '/api/catalog/applications/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: 'Remove a delivered document',
        params: s.DocumentParams,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'catalog:record:write', (ctx) =>
        links.deleteDocument(ctx, req.params.id, req.params.kind),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/catalog/applications/:id/documents/:kind/file',
    {
      schema: {
        tags,
        summary: 'Download a stored document (audited)',
        description:
          'Needs catalog:document:read for the application agency; every download is audited ' +
          '(catalog.document.downloaded). A document delivered as a link answers 409 catalog.document_is_link.',
        params: s.DocumentParams,
        produces: ['application/octet-stream'],
        response: { 200: Binary('The document as delivered') },
      },
    },
    async (req, reply) => {
      const file = await run(req, 'catalog:document:read', (ctx) =>
        links.openDocumentFile(ctx, storage, req.params.id, req.params.kind),
      );
      reply
        .header(
          'content-type',
          file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType,
        )
        .header('content-disposition', attachment(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
      if (file.size !== null) reply.header('content-length', String(file.size));
      return reply.send(file.stream);
    },
  );

  // Uploads get their own scope, so the multipart parser stays here.
  void app.register(async (instance) => {
    const scope = instance as unknown as App;
    const limit = config.maxUploadBytes + 64 * 1024;
    acceptRawBodies(scope, ['multipart/form-data'], limit);

    scope.put(
      '/api/catalog/applications/:id/documents/:kind',
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Deliver a document: a file (multipart) or a link (JSON); replaces the kind',
          description:
            'multipart/form-data with a `file` part (PDF, ZIP/tar.gz, office documents, text, ' +
            'images; the type is decided by the content, executables are refused; at most ' +
            'MAX_UPLOAD_BYTES) and an optional `note`, or application/json `{ url, note? }` with ' +
            'an http(s) link. The current user is recorded as the deliverer.',
          params: s.DocumentParams,
          body: {
            content: {
              'application/json': { schema: s.DocumentLink },
              'multipart/form-data': { schema: s.DocumentUpload },
            },
          },
          response: { 200: s.DocumentItem },
        },
      },
      (req) =>
        run(req, 'catalog:record:write', async (ctx) => {
          const { id, kind } = req.params;
          const body: unknown = req.body;
          if (Buffer.isBuffer(body)) {
            const upload = await readUpload(req, body);
            return links.putDocumentFile(ctx, storage, id, kind, upload, config.maxUploadBytes);
          }
          return links.putDocumentLink(ctx, id, kind, body as Static<typeof s.DocumentLink>);
        }),
    );
  });

  // ------------------------------------------------------------ APIs
  app.get(
    '/api/catalog/applications/:id/apis',
    {
      schema: {
        tags,
        summary: 'The APIs an application offers',
        params: s.ApplicationParams,
        response: { 200: s.ApiList },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.listApis(ctx, req.params.id)),
  );

  app.post(
    '/api/catalog/applications/:id/apis',
    {
      schema: {
        tags,
        summary: 'Register an API of an application',
        params: s.ApplicationParams,
        body: s.ApiCreate,
        response: { 201: s.Api },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await run(req, 'catalog:record:write', (ctx) =>
            links.createApi(ctx, req.params.id, req.body),
          ),
        ),
  );

  app.get(
    '/api/catalog/apis/:apiId',
    {
      schema: { tags, summary: 'Get an API', params: s.ApiParams, response: { 200: s.Api } },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.getApi(ctx, req.params.apiId)),
  );

  app.patch(
    '/api/catalog/apis/:apiId',
    {
      schema: {
        tags,
        summary: 'Change an API',
        params: s.ApiParams,
        body: s.ApiUpdate,
        response: { 200: s.Api },
      },
    },
    (req) =>
      run(req, 'catalog:record:write', (ctx) => links.updateApi(ctx, req.params.apiId, req.body)),
  );

  app.delete(
    '/api/catalog/apis/:apiId',
    {
      schema: { tags, summary: 'Remove an API', params: s.ApiParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, 'catalog:record:write', (ctx) => links.deleteApi(ctx, req.params.apiId));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/catalog/apis/:apiId/openapi',
    {
      schema: {
        tags,
        summary: "An API's OpenAPI document, as uploaded (JSON or YAML)",
        params: s.ApiParams,
        produces: ['application/json', 'application/yaml'],
        response: { 200: Binary('The OpenAPI document') },
      },
    },
    async (req, reply) => {
      const doc = await run(req, 'catalog:record:read', (ctx) =>
        links.getOpenApi(ctx, storage, req.params.apiId),
      );
      return reply
        .header('content-type', doc.contentType)
        .header('content-disposition', attachment(doc.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(doc.body);
    },
  );

  // The OpenAPI upload reads its body raw (JSON is kept byte for byte, YAML is not JSON).
  void app.register(async (instance) => {
    const scope = instance as unknown as App;
    acceptRawBodies(scope, OPENAPI_TYPES, links.OPENAPI_MAX_BYTES);
    scope.put(
      '/api/catalog/apis/:apiId/openapi',
      {
        bodyLimit: links.OPENAPI_MAX_BYTES,
        schema: {
          tags,
          summary: "Upload an API's OpenAPI 3.x document (the JSON or YAML text is the body)",
          description:
            'The document must declare `openapi: 3.x`, an `info` object with title and version, ' +
            'and a `paths` object; otherwise 400 catalog.openapi_invalid. At most 5 MB.',
          params: s.ApiParams,
          body: {
            content: Object.fromEntries(
              OPENAPI_TYPES.map((type) => [type, { schema: s.OpenApiText }]),
            ),
          },
          response: { 200: s.Api },
        },
      },
      (req) =>
        run(req, 'catalog:record:write', (ctx) => {
          const body: unknown = req.body;
          if (!Buffer.isBuffer(body)) throw new AppError('platform.unsupported_media_type');
          return links.putOpenApi(ctx, storage, req.params.apiId, body);
        }),
    );
  });

  // ------------------------------------------------------------ relations
  app.get(
    '/api/catalog/relations',
    {
      schema: {
        tags,
        summary: 'The relations of a record, both directions, with the names of both ends',
        querystring: s.RelationQuery,
        response: { 200: s.RelationList },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.listRelations(ctx, req.query.recordId)),
  );

  app.post(
    '/api/catalog/relations',
    {
      schema: {
        tags,
        summary: 'Record a relation between two records',
        description:
          'Allowed: supports (application → service), delivers (process → service), runs_on ' +
          '(application → infrastructure, infrastructure → infrastructure), reads and writes ' +
          '(application → data_asset), calls (application → application, optionally naming an ' +
          'API of the called application). Needs catalog:record:write for the source agency.',
        body: s.RelationCreate,
        response: { 201: s.Relation },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await run(req, 'catalog:record:write', (ctx) => links.createRelation(ctx, req.body))),
  );

  app.delete(
    '/api/catalog/relations/:id',
    {
      schema: {
        tags,
        summary: 'Remove a relation',
        params: IdParams,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'catalog:record:write', (ctx) => links.deleteRelation(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ graph and overview
  app.get(
    '/api/catalog/graph',
    {
      schema: {
        tags,
        summary: 'The relations around a record, up to three steps away (at most 200 records)',
        querystring: s.GraphQuery,
        response: { 200: s.Graph },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.graph(ctx, req.query)),
  );

  app.get(
    '/api/catalog/overview',
    {
      schema: {
        tags,
        summary: 'Counts of approved records per domain, agency and facet, for the charts',
        response: { 200: s.Overview },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => links.overview(ctx)),
  );
}
