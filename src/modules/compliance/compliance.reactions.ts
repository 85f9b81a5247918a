import { on } from '../../platform/events/events.js';
import type { JobDefinition } from '../../platform/module.js';
import '../catalog/catalog.events.js';
import '../org/org.events.js';
import { asSystem, listTenants } from '../tenancy/tenancy.service.js';
import { evaluateAll, evaluateRecord } from './compliance.service.js';

/** Settings whose change alters which rules apply or how they decide. */
const RELEVANT_SETTINGS = ['regulationProfile', 'officialDomain', 'name'];

let registered = false;

/**
 * Re-evaluates when the registry, the organisation or the tenant's profile changes, in the
 * writer's transaction (platform/events): a finding opens or clears with the change that caused
 * it, or not at all.
 */
export function registerComplianceReactions(): void {
  if (registered) return;
  registered = true;
  on('catalog.record.changed', async (ctx, { kind, id }) => {
    await evaluateRecord(ctx, kind, id);
  });
  on('catalog.record.removed', async (ctx, { kind, id }) => {
    await evaluateRecord(ctx, kind, id);
  });
  on('catalog.records.bulk_changed', async (ctx) => {
    await evaluateAll(ctx, 'change');
  });
  on('tenancy.settings.changed', async (ctx, { changed }) => {
    if (changed.some((c) => RELEVANT_SETTINGS.includes(c))) await evaluateAll(ctx, 'profile');
  });
  on('org.structure.changed', async (ctx, { agencyId }) => {
    if (agencyId) await evaluateRecord(ctx, 'agency', agencyId);
    else await evaluateAll(ctx, 'change');
  });
}

/** Nightly, 01:30 UTC: a full evaluation of every tenant (expired exceptions stop counting). */
export const nightlyEvaluationJob: JobDefinition = {
  name: 'compliance.nightly-evaluation',
  cron: '30 1 * * *',
  handler: async ({ database, log }) => {
    for (const tenant of await listTenants(database.db)) {
      try {
        const ev = await asSystem(database, tenant, (ctx) => evaluateAll(ctx, 'nightly'));
        log.info(
          { category: 'jobs', tenant: tenant.code, checks: ev.checks, failures: ev.failures },
          'compliance evaluated',
        );
      } catch (err) {
        log.error({ category: 'jobs', tenant: tenant.code, err }, 'compliance evaluation failed');
      }
    }
  },
};
