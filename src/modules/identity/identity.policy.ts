import type { PermissionDefinition } from '../../platform/auth/permissions.js';
import { ROLES } from '../../platform/auth/permissions.js';

export const identityPermissions: Record<string, PermissionDefinition> = {
  'identity:user:read': {
    description: 'Read user accounts',
    roles: ['ict_admin', 'ict_operator', 'agency_admin', 'auditor'],
  },
  'identity:user:write': {
    description: 'Create and change user accounts, reset passwords',
    roles: ['ict_admin', 'ict_operator'],
  },
  'identity:role:assign': { description: 'Grant and revoke roles', roles: ['ict_admin'] },
  'identity:token:own': { description: 'Manage own personal API tokens', roles: ROLES },
  'identity:token:service': { description: 'Manage service API tokens', roles: ['ict_admin'] },
};
