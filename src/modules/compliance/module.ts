import type { ModuleManifest } from '../../platform/module.js';
import { compliancePermissions } from './compliance.policy.js';
import { complianceRoutes } from './http/compliance.routes.js';

/** compliance: the regulations as executable rules over the registry, with cited articles. */
export const complianceModule: ModuleManifest = {
  name: 'compliance',
  permissions: compliancePermissions,
  routes: (app, deps) => {
    complianceRoutes(app, deps);
  },
};
