import type { App, ModuleDeps } from '../../../platform/module.js';
import * as tenancy from '../tenancy.service.js';
import * as s from './tenancy.schema.js';

const tags = ['tenancy'];

/** The regional government's own settings, for the console. */
export function tenancyRoutes(app: App, deps: ModuleDeps): void {
  const { run } = deps;
  app.get(
    '/api/tenancy/settings',
    {
      schema: {
        tags,
        summary: "The regional government's settings",
        response: { 200: s.TenantSettings },
      },
    },
    (req) => run(req, 'tenancy:settings:read', (ctx) => tenancy.getSettings(ctx)),
  );

  app.patch(
    '/api/tenancy/settings',
    {
      schema: {
        tags,
        summary: 'Change the settings (only the fields given)',
        description:
          'The new name, domain and time zone apply at once on the node that made the change and within 30 seconds on the others (tenant cache).',
        body: s.TenantSettingsPatch,
        response: { 200: s.TenantSettings },
      },
    },
    async (req) => {
      const updated = await run(req, 'tenancy:settings:write', (ctx) =>
        tenancy.updateSettings(ctx, req.body),
      );
      deps.forgetTenants();
      return updated;
    },
  );

  app.get(
    '/api/tenancy/regulation-profiles',
    {
      schema: {
        tags,
        summary: 'The regional regulations a tenant can choose to apply',
        response: { 200: s.RegulationProfileList },
      },
    },
    (req) => run(req, {}, async () => ({ items: tenancy.listRegulationProfiles() })),
  );
}
