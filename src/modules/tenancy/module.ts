import type { ModuleManifest } from '../../platform/module.js';

/** tenancy: the regional governments this installation serves (managed from the CLI). */
export const tenancyModule: ModuleManifest = { name: 'tenancy' };
