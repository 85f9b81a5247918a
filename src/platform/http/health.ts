import { timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Database } from '../db/database.js';
import { appliedCount, migrationCount } from '../db/migrate.js';
import type { App } from '../module.js';
import type { Metrics } from './metrics.js';
import { AppError } from './errors.js';

const Check = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('fail')]),
  checks: Type.Record(
    Type.String(),
    Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) }),
  ),
});

/** Loopback callers (a local Prometheus agent) may read metrics; others need METRICS_TOKEN. */
function mayReadMetrics(
  ip: string,
  authorization: string | undefined,
  token: string | null,
): boolean {
  if (ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || ip.startsWith('127.'))
    return true;
  if (!token || !authorization) return false;
  const given = Buffer.from(authorization.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function registerHealthRoutes(
  app: App,
  database: Database,
  metrics: Metrics,
  metricsToken: string | null,
): void {
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
    async (req, reply) => {
      if (!mayReadMetrics(req.ip, req.headers.authorization, metricsToken)) {
        throw new AppError('platform.forbidden', { permission: 'metrics' });
      }
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
