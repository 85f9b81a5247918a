import { Type } from '@sinclair/typebox';
import type { Database } from '../db/database.js';
import { appliedCount, migrationCount } from '../db/migrate.js';
import type { App } from '../module.js';
import type { Metrics } from './metrics.js';

const Check = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('fail')]),
  checks: Type.Record(
    Type.String(),
    Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) }),
  ),
});

export function registerHealthRoutes(app: App, database: Database, metrics: Metrics): void {
  app.get(
    '/health/live',
    {
      schema: { tags: ['health'], summary: 'The process is running', response: { 200: Check } },
      config: { rateLimit: false },
    },
    async () => ({ status: 'ok' as const, checks: {} }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and the migrations are current',
        response: { 200: Check, 503: Check },
      },
    },
    async (_req, reply) => {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      try {
        const applied = await appliedCount(database.pool);
        const expected = migrationCount();
        checks.database = { ok: true };
        checks.migrations =
          applied === expected
            ? { ok: true }
            : { ok: false, detail: `${applied} of ${expected} migrations applied` };
      } catch (err) {
        checks.database = { ok: false, detail: (err as Error).message };
      }
      const ok = Object.values(checks).every((c) => c.ok);
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'fail', checks });
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['health'], summary: 'Prometheus metrics', hide: false } },
    async (_req, reply) => {
      const pool = database.pool;
      return reply.type('text/plain; version=0.0.4').send(
        metrics.render({
          simpul_db_pool_total: pool.totalCount,
          simpul_db_pool_idle: pool.idleCount,
          simpul_db_pool_waiting: pool.waitingCount,
        }),
      );
    },
  );
}
