import type { ModuleManifest } from '../../platform/module.js';
import './catalog.events.js';
import { catalogPermissions } from './catalog.policy.js';
import { recordsRoutes } from './http/records.routes.js';
import { linksRoutes } from './http/links.routes.js';
import { exchangeRoutes } from './http/exchange.routes.js';
import { referenceRoutes } from './http/reference.routes.js';

/**
 * catalog: the SPBE architecture registry — services, business processes, applications,
 * infrastructure and data assets, their reference-architecture codes, relations and documents.
 */
export const catalogModule: ModuleManifest = {
  name: 'catalog',
  permissions: catalogPermissions,
  routes: (app, deps) => {
    referenceRoutes(app, deps);
    recordsRoutes(app, deps);
    linksRoutes(app, deps);
    exchangeRoutes(app, deps);
  },
};
