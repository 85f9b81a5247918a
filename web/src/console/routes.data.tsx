/** The data pages of the console (organisation, users, SSO clients) and their navbar entries. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { RequirePermission } from './components/RequirePermission';
import { PageLoader } from './components/states';
import type { ConsoleRoute, NavItem } from './nav';
import { AgenciesPage } from './pages/org/AgenciesPage';
import { AgencyDetailPage } from './pages/org/AgencyDetailPage';
import { EmployeesPage } from './pages/org/EmployeesPage';
import { ImportPage } from './pages/org/ImportPage';
import { UsersPage } from './pages/users/UsersPage';
import { UserDetailPage } from './pages/users/UserDetailPage';
import { ClientsPage } from './pages/clients/ClientsPage';
import { ClientDetailPage } from './pages/clients/ClientDetailPage';
import { AppsIcon, CatalogIcon } from './pages/catalog/icons';
import {
  AgencyIcon,
  AuditIcon,
  ClientsIcon,
  EmployeesIcon,
  ImportIcon,
  ShieldIcon,
  UsersIcon,
} from './components/icons';

/** The registry and compliance pages come in their own chunk (charts, graph layout). */
const registry = () => import('./pages/catalog/pages');
const OverviewPage = lazy(async () => ({ default: (await registry()).OverviewPage }));
const RecordListPage = lazy(async () => ({ default: (await registry()).RecordListPage }));
const RecordFormPage = lazy(async () => ({ default: (await registry()).RecordFormPage }));
const RecordDetailPage = lazy(async () => ({ default: (await registry()).RecordDetailPage }));
const ChangesPage = lazy(async () => ({ default: (await registry()).ChangesPage }));
const DashboardPage = lazy(async () => ({ default: (await registry()).DashboardPage }));
const RulesPage = lazy(async () => ({ default: (await registry()).RulesPage }));

/** A lazily loaded page behind its permission, with the page skeleton while its code loads. */
const lazyGuard = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageLoader />}>{page}</Suspense>
  </RequirePermission>
);

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
  // The SPBE architecture registry (catalog.policy.ts) and the compliance dashboard.
  { path: 'catalog', element: lazyGuard('catalog:record:read', <OverviewPage />) },
  { path: 'catalog/changes', element: lazyGuard('catalog:record:read', <ChangesPage />) },
  { path: 'catalog/:seg', element: lazyGuard('catalog:record:read', <RecordListPage />) },
  { path: 'catalog/:seg/new', element: lazyGuard('catalog:record:write', <RecordFormPage />) },
  { path: 'catalog/:seg/:id', element: lazyGuard('catalog:record:read', <RecordDetailPage />) },
  { path: 'catalog/:seg/:id/edit', element: lazyGuard('catalog:record:write', <RecordFormPage />) },
  { path: 'compliance', element: lazyGuard('compliance:finding:read', <DashboardPage />) },
  { path: 'compliance/rules', element: lazyGuard('compliance:finding:read', <RulesPage />) },
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
  {
    to: '/console/catalog',
    labelKey: 'catalog:nav.catalog',
    permission: 'catalog:record:read',
    icon: <CatalogIcon />,
  },
  {
    to: '/console/catalog/applications',
    labelKey: 'catalog:nav.applications',
    permission: 'catalog:record:read',
    icon: <AppsIcon />,
  },
  {
    to: '/console/catalog/changes',
    labelKey: 'catalog:nav.changes',
    permission: 'catalog:record:approve',
    icon: <AuditIcon />,
  },
  {
    to: '/console/compliance',
    labelKey: 'compliance:nav.compliance',
    permission: 'compliance:finding:read',
    icon: <ShieldIcon />,
  },
];
