import type { ModuleManifest } from '../../platform/module.js';
import './identity.errors.js';
import './oidc/oidc.errors.js';
import { oidcRoutes } from './http/oidc.routes.js';
import { oidcPermissions } from './oidc/oidc.policy.js';
import { purgeExpiredJob } from './oidc/purge.js';
import { identityRoutes } from './http/identity.routes.js';
import { accountRoutes } from './http/account.routes.js';
import { identityPermissions } from './identity.policy.js';
import { authLookup, principalFrom } from './identity.service.js';
import type { AuthRow } from './db/identity.repository.js';

/** identity: accounts, passwords, second factors, sessions, API tokens, roles, and the OpenID provider with its clients. */
export const identityModule: ModuleManifest = {
  name: 'identity',
  permissions: { ...identityPermissions, ...oidcPermissions },
  routes: (app, deps) => {
    identityRoutes(app, deps);
    accountRoutes(app, deps);
    oidcRoutes(app, deps);
  },
  jobs: [purgeExpiredJob],
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
