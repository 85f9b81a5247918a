import type { App, ModuleDeps } from '../../../platform/module.js';

// Filled in by the links work of issue 4.
export function linksRoutes(_app: App, _deps: ModuleDeps): void {}
