import type { PermissionDefinition } from '../../platform/auth/permissions.js';
import { ROLES } from '../../platform/auth/permissions.js';

const everyone = ROLES;
const ict = ['ict_admin', 'ict_operator'] as const;

/** Who may do what in the org module. Agency-scoped grants apply only to their own agency. */
export const orgPermissions: Record<string, PermissionDefinition> = {
  'org:agency:read': { description: 'Read agencies', roles: everyone },
  'org:agency:write': { description: 'Create, change and remove agencies', roles: ict },
  'org:unit:read': { description: 'Read units and positions', roles: everyone },
  'org:unit:write': { description: 'Manage units and positions', roles: [...ict, 'agency_admin'] },
  'org:employee:read': { description: 'Read employees', roles: everyone },
  'org:employee:write': {
    description: 'Create, change and remove employees, import files',
    roles: [...ict, 'agency_admin', 'agency_operator'],
  },
};
