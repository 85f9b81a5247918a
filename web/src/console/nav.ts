import type { ReactNode } from 'react';

/** One entry in the console navbar; hidden unless the user holds `permission` (when set). */
export interface NavItem {
  /** Absolute console path, e.g. `/console/org`. */
  to: string;
  /** i18n key; looked up in the `data` namespace, then `console` (or prefix `ns:` explicitly). */
  labelKey: string;
  permission?: string;
  icon?: ReactNode;
}

/** A console page; `path` is relative to `/console` (e.g. `org`, `org/:id`). */
export interface ConsoleRoute {
  path: string;
  element: ReactNode;
}
