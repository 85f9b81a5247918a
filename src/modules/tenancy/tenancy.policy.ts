import type { PermissionDefinition } from '../../platform/auth/permissions.js';

/** Who may read and change the regional government's own settings. */
export const tenancyPermissions: Record<string, PermissionDefinition> = {
  'tenancy:settings:read': {
    description: "Read the regional government's settings",
    roles: ['ict_admin', 'ict_operator', 'auditor'],
  },
  'tenancy:settings:write': {
    description:
      "Change the regional government's settings (name, domain, time zone, regulations, MFA policy)",
    roles: ['ict_admin'],
  },
};
