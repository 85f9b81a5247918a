import type { App, ModuleDeps } from '../../../platform/module.js';
import * as tenancy from '../tenancy.service.js';
import * as s from './tenancy.schema.js';

const tags = ['tenancy'];

/** The regional government's own settings, for the console. */
export function tenancyRoutes(app: App, { run }: ModuleDeps): void {
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
          'The new name, domain and time zone reach every server node within 30 seconds (tenant cache).',
        body: s.TenantSettingsPatch,
        response: { 200: s.TenantSettings },
      },
    },
    (req) => run(req, 'tenancy:settings:write', (ctx) => tenancy.updateSettings(ctx, req.body)),
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
