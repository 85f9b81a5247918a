/**
 * The console's fetch wrapper: JSON in and out, same-origin cookies, the CSRF header on unsafe
 * methods, Accept-Language from the UI language, and one error type (ApiError) for every failure.
 */
import i18n from 'i18next';
import { ApiError as BaseApiError } from '../api';
import { toLanguage } from '../i18n';

export const CSRF_COOKIE = 'simpul_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** A failed API call, with the server's stable error code when it sent one. */
export class ApiError extends BaseApiError {
  /** Field-level problems (validation) or other structured details from the server. */
  readonly details: unknown;
  /** Seconds until a throttled request may be retried (429), when the server said so. */
  readonly retryAfter: number | null;
  /** The server's localized message, to show when the code has no translation of its own. */
  readonly serverMessage: string | null;
  readonly requestId: string | null;

  constructor(
    message: string,
    init: {
      status: number;
      code?: string | null;
      details?: unknown;
      retryAfter?: number | null;
      serverMessage?: string | null;
      requestId?: string | null;
    },
  ) {
    super(message, init.status, init.code ?? null);
    this.details = init.details;
    this.retryAfter = init.retryAfter ?? null;
    this.serverMessage = init.serverMessage ?? null;
    this.requestId = init.requestId ?? null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

let pendingCsrf: Promise<string> | null = null;

/** The CSRF token from its cookie; asks the server for one when the cookie is missing. */
async function csrfToken(): Promise<string> {
  const fromCookie = readCookie(CSRF_COOKIE);
  if (fromCookie) return fromCookie;
  pendingCsrf ??= (async () => {
    try {
      const res = await fetch('/api/auth/csrf', {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      const body: unknown = res.ok ? await res.json().catch(() => null) : null;
      const token = readCookie(CSRF_COOKIE) ?? (isRecord(body) ? body.token : null);
      return typeof token === 'string' ? token : '';
    } finally {
      pendingCsrf = null;
    }
  })();
  return pendingCsrf;
}

type Unauthenticated = () => void;

/** What happens when the session is gone (401 on a call that expects one). */
let onUnauthenticated: Unauthenticated = () => {
  const here = window.location.pathname + window.location.search;
  if (!here.startsWith('/console')) return;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};

export function setUnauthenticatedHandler(handler: Unauthenticated): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Whether a 401 should send the browser to the sign-in page (default true). */
  redirectOn401?: boolean;
}

/** `/api/x` plus a query string of the defined, non-empty values. */
export function apiUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(method: string, path: string, res: Response): Promise<ApiError> {
  let code: string | null = null;
  let serverMessage: string | null = null;
  let requestId: string | null = res.headers.get('x-request-id');
  let details: unknown;
  let retryAfter: number | null = null;
  try {
    const body: unknown = await res.json();
    if (isRecord(body) && isRecord(body.error)) {
      const e = body.error;
      if (typeof e.code === 'string') code = e.code;
      if (typeof e.message === 'string') serverMessage = e.message;
      if (typeof e.requestId === 'string') requestId = e.requestId;
      details = e.details;
      if (isRecord(e.details) && typeof e.details.retryAfter === 'number') {
        retryAfter = e.details.retryAfter;
      }
    }
  } catch {
    /* not a Simpul error body */
  }
  const header = Number(res.headers.get('retry-after'));
  if (retryAfter === null && Number.isFinite(header) && header > 0) retryAfter = header;
  return new ApiError(`${method} ${path} failed with HTTP ${res.status}`, {
    status: res.status,
    code,
    details,
    retryAfter,
    serverMessage,
    requestId,
  });
}

/** Calls the Simpul API and returns the parsed JSON body (undefined for 204). */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': toLanguage(i18n.resolvedLanguage),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = await csrfToken();

  const url = apiUrl(path, options.query);
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok) {
    const error = await toApiError(method, path, res);
    if (
      res.status === 401 &&
      options.redirectOn401 !== false &&
      (error.code === null || error.code === 'platform.unauthenticated')
    ) {
      onUnauthenticated();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`${method} ${path} returned a body that is not JSON`, {
      status: res.status,
    });
  }
}

/** Same as api(), for the common verbs. */
export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    api<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    api<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body }),
  delete: <T = void>(path: string, body?: unknown) =>
    api<T>(path, { method: 'DELETE', ...(body !== undefined ? { body } : {}) }),
};
