import type { ModuleManifest } from '../../platform/module.js';
import './identity.errors.js';
import { identityRoutes } from './http/identity.routes.js';
import { identityPermissions } from './identity.policy.js';
import { authLookup, principalFrom } from './identity.service.js';
import type { AuthRow } from './db/identity.repository.js';

/** identity: accounts, passwords, sessions, API tokens and roles. */
export const identityModule: ModuleManifest = {
  name: 'identity',
  permissions: identityPermissions,
  routes: identityRoutes,
  authenticator: ({ config }) => {
    const settings = {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    };
    return {
      lookup: (creds) => authLookup(creds, settings),
      resolve: (tx, row) => principalFrom(tx, row as AuthRow | undefined),
    };
  },
};
