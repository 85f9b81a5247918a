import { Type } from '@sinclair/typebox';
import type { App, ModuleDeps } from '../../../platform/module.js';
import { NoContent } from '../../../platform/http/schema.js';
import * as compliance from '../compliance.service.js';
import { agencyReport } from '../compliance.report.js';
import * as s from './compliance.schema.js';

const tags = ['compliance'];
const READ = 'compliance:finding:read';

/** Thin routes: validate by schema, run with a permission, call one service function. */
export function complianceRoutes(app: App, { run }: ModuleDeps): void {
  app.get(
    '/api/compliance/rules',
    {
      schema: {
        tags,
        summary: 'The rules, their citations and whether each applies under the tenant profile',
        response: { 200: s.RuleList },
      },
    },
    (req) => run(req, READ, (ctx) => compliance.listRules(ctx)),
  );

  app.get(
    '/api/compliance/regulations',
    {
      schema: {
        tags,
        summary: 'The regulations the rules cite, with their standing under the tenant profile',
        response: { 200: s.RegulationList },
      },
    },
    (req) => run(req, READ, (ctx) => compliance.listRegulations(ctx)),
  );

  app.get(
    '/api/compliance/regulations/:code/articles/:article',
    {
      schema: {
        tags,
        summary: 'The text of one article (pasal), by paragraph (ayat)',
        params: s.ArticleParams,
        response: { 200: s.ArticleSchema },
      },
    },
    (req) =>
      run(req, READ, (ctx) => compliance.getArticle(ctx, req.params.code, req.params.article)),
  );

  app.get(
    '/api/compliance/findings',
    {
      schema: {
        tags,
        summary: 'Findings, worst first, with the cited article text',
        querystring: s.FindingQuery,
        response: { 200: s.FindingList },
      },
    },
    (req) => run(req, READ, (ctx) => compliance.listFindings(ctx, req.query)),
  );

  app.get(
    '/api/compliance/summary',
    {
      schema: {
        tags,
        summary: 'Scores per agency and per regulation, the trend, and the last evaluation',
        response: { 200: s.SummarySchema },
      },
    },
    (req) => run(req, READ, (ctx) => compliance.summary(ctx)),
  );

  app.post(
    '/api/compliance/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate every rule now (full run)',
        response: { 200: s.EvaluationSchema },
      },
    },
    (req) => run(req, 'compliance:evaluation:run', (ctx) => compliance.runEvaluationNow(ctx)),
  );

  app.get(
    '/api/compliance/exceptions',
    {
      schema: {
        tags,
        summary: 'Exceptions (active by default)',
        querystring: s.ExceptionListQuery,
        response: { 200: s.ExceptionList },
      },
    },
    (req) => run(req, READ, (ctx) => compliance.listExceptions(ctx, req.query)),
  );

  app.post(
    '/api/compliance/exceptions',
    {
      schema: {
        tags,
        summary: 'Accept an open finding as an exception (justified, until a date)',
        body: s.ExceptionCreate,
        response: { 201: s.ExceptionSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await run(req, 'compliance:exception:write', (ctx) =>
            compliance.acceptException(ctx, req.body),
          ),
        ),
  );

  app.delete(
    '/api/compliance/exceptions/:id',
    {
      schema: { tags, summary: 'Revoke an exception', params: s.IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, 'compliance:exception:write', (ctx) =>
        compliance.revokeException(ctx, req.params.id),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/compliance/report.pdf',
    {
      schema: {
        tags,
        summary:
          "Printable compliance report of one agency (its open findings with the law's text)",
        querystring: s.ReportQuery,
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PDF' }),
        },
      },
    },
    async (req, reply) => {
      const file = await run(req, READ, (ctx) => agencyReport(ctx, req.query.agencyId));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );
}
