import type { ModuleManifest } from '../platform/module.js';
import { auditModule } from '../platform/audit/module.js';
import { tenancyModule } from './tenancy/module.js';
import { orgModule } from './org/module.js';
import { identityModule } from './identity/module.js';
import { catalogModule } from './catalog/module.js';
import { complianceModule } from './compliance/module.js';

/** Every module of Simpul, in dependency order. The composition root knows only this list. */
export const MODULES: ModuleManifest[] = [
  tenancyModule,
  auditModule,
  orgModule,
  identityModule,
  catalogModule,
  complianceModule,
];
