import type { App, ModuleDeps } from '../../../platform/module.js';
import { NoContent } from '../../../platform/http/schema.js';
import '../catalog.errors.js';
import * as catalog from '../catalog.service.js';
import type { ChangeListQuery, ListRecordsQuery, RecordInput } from '../catalog.service.js';
import * as s from './records.schema.js';

const tags = ['catalog'];

const LABELS: Record<catalog.RecordKind, string> = {
  service: 'services (Layanan SPBE, RAL)',
  process: 'business processes (RAB)',
  application: 'applications (RAA)',
  infrastructure: 'infrastructure (RAI)',
  data_asset: 'data assets (RAD)',
};

type IdReq = { params: { id: string } };

/**
 * The registry records of every kind, and the review queue. Thin routes: the schema validates,
 * the runner authenticates and checks the permission, the service decides the rest.
 */
export function recordsRoutes(app: App, { run }: ModuleDeps): void {
  for (const kind of catalog.RECORD_KINDS) {
    const base = `/api/catalog/${catalog.KIND_SEGMENTS[kind]}`;
    const sc = s.RECORD_SCHEMAS[kind];
    const label = LABELS[kind];

    app.get(
      base,
      {
        schema: {
          tags,
          summary: `List ${label} with search, filters and facets`,
          querystring: sc.listQuery,
          response: { 200: sc.list },
        },
      },
      (req) =>
        run(req, 'catalog:record:read', (ctx) =>
          catalog.listRecords(ctx, kind, req.query as ListRecordsQuery),
        ),
    );

    app.post(
      base,
      {
        schema: {
          tags,
          summary: `Register one of the ${label} (agency staff: a proposal for review)`,
          body: sc.create,
          response: { 201: sc.record },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await run(req, 'catalog:record:write', (ctx) =>
              catalog.createRecord(ctx, kind, req.body as RecordInput),
            ),
          ),
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `Get one of the ${label}, with its open change request`,
          params: s.IdParams,
          response: { 200: sc.record },
        },
      },
      (req) =>
        run(req, 'catalog:record:read', (ctx) =>
          catalog.getRecord(ctx, kind, (req as IdReq).params.id),
        ),
    );

    app.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `Change one of the ${label} (202: proposed for review, record unchanged)`,
          params: s.IdParams,
          body: sc.update,
          response: { 200: sc.record, 202: sc.record },
        },
      },
      async (req, reply) => {
        const view = await run(req, 'catalog:record:write', (ctx) =>
          catalog.updateRecord(
            ctx,
            kind,
            (req as IdReq).params.id,
            req.body as Partial<RecordInput> & { version: number },
          ),
        );
        return reply.status(view.applied === false ? 202 : 200).send(view);
      },
    );

    app.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `Remove one of the ${label} (202: removal proposed for review)`,
          params: s.IdParams,
          response: { ...NoContent, 202: s.Change },
        },
      },
      async (req, reply) => {
        const result = await run(req, 'catalog:record:write', (ctx) =>
          catalog.deleteRecord(ctx, kind, (req as IdReq).params.id),
        );
        return result.applied ? reply.status(204).send() : reply.status(202).send(result.change);
      },
    );
  }

  app.get(
    '/api/catalog/changes',
    {
      schema: {
        tags,
        summary: 'List change requests (the review queue), newest first',
        querystring: s.ChangeListQuery,
        response: { 200: s.ChangeList },
      },
    },
    (req) =>
      run(req, 'catalog:record:read', (ctx) =>
        catalog.listChangeRequests(ctx, req.query as ChangeListQuery),
      ),
  );

  app.get(
    '/api/catalog/changes/:id',
    {
      schema: {
        tags,
        summary: 'Get a change request',
        params: s.IdParams,
        response: { 200: s.Change },
      },
    },
    (req) => run(req, 'catalog:record:read', (ctx) => catalog.getChangeRequest(ctx, req.params.id)),
  );

  app.post(
    '/api/catalog/changes/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a change request and apply it (ICT office)',
        params: s.IdParams,
        body: s.ApproveBody,
        response: { 200: s.Change },
      },
      // The comment is optional, and so is the body carrying it.
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    (req) =>
      run(req, 'catalog:record:approve', (ctx) =>
        catalog.approveChange(ctx, req.params.id, req.body ?? {}),
      ),
  );

  app.post(
    '/api/catalog/changes/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a change request, saying why (ICT office)',
        params: s.IdParams,
        body: s.RejectBody,
        response: { 200: s.Change },
      },
    },
    (req) =>
      run(req, 'catalog:record:approve', (ctx) =>
        catalog.rejectChange(ctx, req.params.id, req.body),
      ),
  );

  app.post(
    '/api/catalog/changes/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw one’s own change request',
        params: s.IdParams,
        response: { 200: s.Change },
      },
    },
    (req) => run(req, 'catalog:record:write', (ctx) => catalog.withdrawChange(ctx, req.params.id)),
  );
}
