/** The data pages of the console (organisation, users, SSO clients) and their navbar entries. */
import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { RequirePermission } from './components/RequirePermission';
import type { ConsoleRoute, NavItem } from './nav';
import { AgenciesPage } from './pages/org/AgenciesPage';
import { AgencyDetailPage } from './pages/org/AgencyDetailPage';
import { EmployeesPage } from './pages/org/EmployeesPage';
import { ImportPage } from './pages/org/ImportPage';
import { UsersPage } from './pages/users/UsersPage';
import { UserDetailPage } from './pages/users/UserDetailPage';
import { ClientsPage } from './pages/clients/ClientsPage';
import { ClientDetailPage } from './pages/clients/ClientDetailPage';
import { AgencyIcon, ClientsIcon, EmployeesIcon, ImportIcon, UsersIcon } from './components/icons';

/** A page that says "no permission" instead of failing requests when opened by URL. */
const guard = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export const dataRoutes: ConsoleRoute[] = [
  { path: 'org', element: <Navigate to="/console/org/agencies" replace /> },
  { path: 'org/agencies', element: guard('org:agency:read', <AgenciesPage />) },
  { path: 'org/agencies/:id', element: guard('org:agency:read', <AgencyDetailPage />) },
  { path: 'org/employees', element: guard('org:employee:read', <EmployeesPage />) },
  { path: 'org/import', element: guard('org:employee:write', <ImportPage />) },
  { path: 'users', element: guard('identity:user:read', <UsersPage />) },
  { path: 'users/:id', element: guard('identity:user:read', <UserDetailPage />) },
  { path: 'clients', element: guard('identity:client:read', <ClientsPage />) },
  { path: 'clients/:id', element: guard('identity:client:read', <ClientDetailPage />) },
];

/** Shown only to users holding the permission (names from org.policy.ts, identity.policy.ts, oidc.policy.ts). */
export const dataNav: NavItem[] = [
  {
    to: '/console/org/agencies',
    labelKey: 'data:nav.agencies',
    permission: 'org:agency:read',
    icon: <AgencyIcon />,
  },
  {
    to: '/console/org/employees',
    labelKey: 'data:nav.employees',
    permission: 'org:employee:read',
    icon: <EmployeesIcon />,
  },
  {
    to: '/console/org/import',
    labelKey: 'data:nav.import',
    permission: 'org:employee:write',
    icon: <ImportIcon />,
  },
  {
    to: '/console/users',
    labelKey: 'data:nav.users',
    permission: 'identity:user:read',
    icon: <UsersIcon />,
  },
  {
    to: '/console/clients',
    labelKey: 'data:nav.clients',
    permission: 'identity:client:read',
    icon: <ClientsIcon />,
  },
];
