import type { ModuleManifest } from '../../platform/module.js';
import './compliance.errors.js';
import { compliancePermissions } from './compliance.policy.js';
import { nightlyEvaluationJob, registerComplianceReactions } from './compliance.reactions.js';
import { complianceRoutes } from './http/compliance.routes.js';

registerComplianceReactions();

/** compliance: the regulations as executable rules over the registry, with cited articles. */
export const complianceModule: ModuleManifest = {
  name: 'compliance',
  permissions: compliancePermissions,
  routes: (app, deps) => {
    complianceRoutes(app, deps);
  },
  jobs: [nightlyEvaluationJob],
};
