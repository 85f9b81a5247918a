import type { ModuleManifest } from '../../platform/module.js';
import './tenancy.errors.js';
import { tenancyRoutes } from './http/tenancy.routes.js';
import { tenancyPermissions } from './tenancy.policy.js';

/**
 * tenancy: the regional governments this installation serves. Tenants are created from the CLI;
 * a tenant's own settings are edited in the console.
 */
export const tenancyModule: ModuleManifest = {
  name: 'tenancy',
  permissions: tenancyPermissions,
  routes: (app, deps) => tenancyRoutes(app, deps),
};
