/** Everything under /console/*: guarded by RequireAuth, laid out by Shell. Loaded on demand. */
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth';
import { Shell } from './Shell';
import { HomePage } from './HomePage';
import { dataRoutes } from './routes.data';
import { ConsoleNotFound, RequirePermission } from './components/RequirePermission';
import { ProfilePage } from './pages/account/ProfilePage';
import { PasswordPage } from './pages/account/PasswordPage';
import { SecurityPage } from './pages/account/SecurityPage';
import { SessionsPage } from './pages/account/SessionsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AuditPage } from './pages/audit/AuditPage';

export function ConsoleRoutes() {
  return (
    <RequireAuth>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="account" element={<ProfilePage />} />
          <Route path="account/password" element={<PasswordPage />} />
          <Route path="account/security" element={<SecurityPage />} />
          <Route path="account/sessions" element={<SessionsPage />} />
          <Route
            path="settings"
            element={
              <RequirePermission permission="tenancy:settings:read">
                <SettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit:event:read">
                <AuditPage />
              </RequirePermission>
            }
          />
          {dataRoutes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<ConsoleNotFound />} />
        </Route>
      </Routes>
    </RequireAuth>
  );
}
