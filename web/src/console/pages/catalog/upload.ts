/** Multipart uploads (documents) with the console's CSRF header, language and error shape. */
import i18n from 'i18next';
import { toLanguage } from '../../../i18n';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, http, readCookie } from '../../http';

async function csrf(): Promise<string> {
  const cookie = readCookie(CSRF_COOKIE);
  if (cookie) return cookie;
  const body = await http.get<{ token?: string }>('/api/auth/csrf').catch(() => null);
  return readCookie(CSRF_COOKIE) ?? body?.token ?? '';
}

/** PUT (or POST) a multipart form; resolves with the JSON body, throws ApiError otherwise. */
export async function sendForm<T>(method: 'PUT' | 'POST', url: string, form: FormData): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Accept-Language': toLanguage(i18n.resolvedLanguage),
      [CSRF_HEADER]: await csrf(),
    },
    body: form,
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const error =
      body && typeof body === 'object' && 'error' in body
        ? (body as { error: { code?: string; message?: string; details?: unknown } }).error
        : null;
    throw new ApiError(`${method} ${url} failed with HTTP ${res.status}`, {
      status: res.status,
      code: error?.code ?? null,
      details: error?.details,
      serverMessage: error?.message ?? null,
    });
  }
  return body as T;
}
