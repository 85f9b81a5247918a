import type { ModuleManifest } from '../../platform/module.js';
import './org.errors.js';
import './org.events.js';
import { orgRoutes } from './http/org.routes.js';
import { orgFileRoutes } from './http/org-files.routes.js';
import { orgPermissions } from './org.policy.js';

/** org: the regional government's agencies (Perangkat Daerah), units, positions and employees. */
export const orgModule: ModuleManifest = {
  name: 'org',
  permissions: orgPermissions,
  routes: async (app, deps) => {
    orgRoutes(app, deps);
    await orgFileRoutes(app, deps);
  },
};
