import type { JobDefinition } from '../../../platform/module.js';

/**
 * Hourly: removes expired provider records (codes, tokens, sessions, interactions), spent
 * sign-in steps and signing keys long unpublished, for every tenant at once (migration 0007).
 */
export const purgeExpiredJob: JobDefinition = {
  name: 'identity.purge-expired',
  cron: '17 * * * *',
  handler: async ({ database, log }) => {
    const { rows } = await database.pool.query<{ n: string }>(
      'SELECT identity_purge_expired() AS n',
    );
    log.info(
      { category: 'jobs', removed: Number(rows[0]?.n ?? 0) },
      'expired identity records removed',
    );
  },
};
