import type { App, ModuleDeps } from '../../../platform/module.js';

// Filled in by the records work of issue 4.
export function recordsRoutes(_app: App, _deps: ModuleDeps): void {}
