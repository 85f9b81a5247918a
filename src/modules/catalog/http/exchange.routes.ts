import type { App, ModuleDeps } from '../../../platform/module.js';

// Filled in by the exchange work of issue 4.
export function exchangeRoutes(_app: App, _deps: ModuleDeps): void {}
