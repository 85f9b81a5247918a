import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, mergeThemeOverrides, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { App, RouteError } from './App';
import { shouldRetry } from './api';
import { setupI18n } from './i18n';
import { theme } from './theme';
import { setUnauthenticatedHandler } from './console/http';
import { ME_KEY, loginPath } from './console/auth';
import { FullPageLoader } from './console/components/states';

const i18n = setupI18n();

/**
 * Mantine's "dimmed" grey (descriptions, divider labels) and its error red (field errors) are
 * below WCAG AA on white; darken both.
 */
/** People who ask their system for less motion get no transitions (WCAG 2.3.3). */
const appTheme = mergeThemeOverrides(theme, { respectReducedMotion: true });

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      retryDelay: 750,
      refetchOnWindowFocus: false,
    },
  },
});

/** The console and the identity pages are one chunk, loaded only when one of them is opened. */
const identity = () => import('./console/PublicRoutes');

const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: '/', element: <App /> },
      { path: '/login', lazy: async () => ({ Component: (await identity()).LoginPage }) },
      {
        path: '/forgot-password',
        lazy: async () => ({ Component: (await identity()).ForgotPasswordPage }),
      },
      {
        path: '/reset-password',
        lazy: async () => ({ Component: (await identity()).ResetPasswordPage }),
      },
      {
        path: '/interaction/:uid',
        lazy: async () => ({ Component: (await identity()).InteractionPage }),
      },
      { path: '/console/*', lazy: async () => ({ Component: (await identity()).ConsoleRoutes }) },
      { path: '*', lazy: async () => ({ Component: (await identity()).NotFoundPage }) },
    ],
  },
]);

// A session that ends while the console is open (expiry, sign-out elsewhere): back to sign-in.
setUnauthenticatedHandler(() => {
  const { pathname, search, hash } = window.location;
  if (!pathname.startsWith('/console')) return;
  queryClient.setQueryData(ME_KEY, null);
  void router.navigate(loginPath(pathname + search + hash), { replace: true });
});

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider
          theme={appTheme}
          forceColorScheme="light"
          cssVariablesResolver={cssVariablesResolver}
        >
          <Notifications position="top-right" />
          <RouterProvider router={router} />
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
