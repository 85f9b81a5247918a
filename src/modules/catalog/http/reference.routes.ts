import type { App, ModuleDeps } from '../../../platform/module.js';

// Filled in by the reference work of issue 4.
export function referenceRoutes(_app: App, _deps: ModuleDeps): void {}
