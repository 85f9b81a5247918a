import type { ModuleManifest } from '../../platform/module.js';
import './identity.errors.js';
import { identityRoutes } from './http/identity.routes.js';
import { identityPermissions } from './identity.policy.js';
import { authenticate } from './identity.service.js';

/** identity: accounts, passwords, sessions, API tokens and roles. */
export const identityModule: ModuleManifest = {
  name: 'identity',
  permissions: identityPermissions,
  routes: identityRoutes,
  authenticator: ({ config }) => ({
    authenticate: (tx, tenant, creds) =>
      authenticate(tx, tenant, creds, {
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
      }),
  }),
};
