import type { App, ModuleDeps } from '../../../platform/module.js';

// Filled in by the compliance work of issue 4.
export function complianceRoutes(_app: App, _deps: ModuleDeps): void {}
