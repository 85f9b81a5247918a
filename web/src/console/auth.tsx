/** The signed-in user (GET /api/auth/me), route guards and sign-in helpers for the console. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, http } from './http';
import { FullPageError, FullPageLoader } from './components/states';

export interface RoleGrant {
  id?: string;
  role: string;
  agencyId: string | null;
}

export interface MfaStatus {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  required: boolean;
  enrolmentRequired: boolean;
}

export interface Me {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  kind: string;
  employeeId: string | null;
  status: string;
  lastLoginAt: string | null;
  createdAt: string;
  roles: RoleGrant[];
  mfa: MfaStatus;
  amr: string[];
  permissions: string[];
}

export type MfaMethod = 'totp' | 'webauthn' | 'recovery';

export type LoginResult =
  | { status: 'signed_in'; user: Me; expiresAt: string }
  | { status: 'mfa_required'; flow: string; methods: MfaMethod[]; expiresAt: string };

export const ME_KEY = ['auth', 'me'] as const;

const NO_MFA: MfaStatus = {
  totp: false,
  passkeys: 0,
  recoveryCodesLeft: 0,
  required: false,
  enrolmentRequired: false,
};

/** Fills fields an older server may not send yet, so the UI never reads undefined. */
export function normaliseMe(raw: Me): Me {
  return {
    ...raw,
    roles: Array.isArray(raw.roles) ? raw.roles : [],
    mfa: { ...NO_MFA, ...(raw.mfa ?? {}) },
    amr: Array.isArray(raw.amr) ? raw.amr : [],
    permissions: Array.isArray(raw.permissions) ? raw.permissions : [],
  };
}

/** null when nobody is signed in. */
async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me', {
      redirectOn401: false,
      ...(signal ? { signal } : {}),
    });
    return normaliseMe(me);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function meQuery() {
  return queryOptions({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
  });
}

export function useMe() {
  return useQuery(meQuery());
}

/** The signed-in user inside RequireAuth (which guarantees one). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() used outside <RequireAuth>');
  return data;
}

export function hasPermission(me: Pick<Me, 'permissions'> | null | undefined, permission?: string) {
  if (!permission) return true;
  return me?.permissions.includes(permission) ?? false;
}

/** Where MFA enrolment happens; a session that must enrol is kept here. */
export const MFA_ENROLMENT_PATH = '/console/account/security';

/**
 * A `next` parameter is only honoured when it is a path on this site: it must start with one "/"
 * (never "//" or "/\", which browsers treat as another host). Anything else falls back.
 */
/** The enrolment page, keeping where the user was going for after they have enrolled. */
export function enrolmentPath(next: string): string {
  return next === '/console' || next === MFA_ENROLMENT_PATH
    ? MFA_ENROLMENT_PATH
    : `${MFA_ENROLMENT_PATH}?next=${encodeURIComponent(next)}`;
}

export function safeNext(next: string | null | undefined, fallback = '/console'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex -- control characters never belong in a path
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  return next;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Stores a fresh sign-in in the cache so the console renders without another round trip. */
export function rememberSignIn(client: QueryClient, user: Me): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public-site' });
  client.setQueryData(ME_KEY, normaliseMe(user));
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await http.post('/api/auth/logout', undefined, { redirectOn401: false });
    } finally {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public-site' });
      client.setQueryData(ME_KEY, null);
    }
  };
}

/**
 * Renders its children only for a signed-in user. Nobody signed in: to /login?next=<here>.
 * A session that must enrol a second factor first is kept on the enrolment page.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  const here = location.pathname + location.search + location.hash;

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (!me.data) return <Navigate to={loginPath(here)} replace />;
  if (me.data.mfa.enrolmentRequired && location.pathname !== MFA_ENROLMENT_PATH) {
    return <Navigate to={enrolmentPath(here)} replace />;
  }
  return <>{children}</>;
}
