import { queryOptions } from '@tanstack/react-query';
import type { Language } from './i18n';

/** `kabupaten` or `kota` today; kept open so a new kind does not break the page. */
export type TenantKind = 'kabupaten' | 'kota' | (string & {});

export interface PublicTenant {
  code: string;
  name: string;
  kind: TenantKind;
  officialDomain: string | null;
  logoUrl: string | null;
  timeZone: string;
}

export interface PublicLink {
  key: string;
  href: string;
}

export interface PublicSite {
  tenant: PublicTenant;
  links: PublicLink[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The server's stable error code (`platform.tenant_unknown`, ...), when it sent one. */
  readonly code: string | null;

  constructor(message: string, status: number, code: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A bare host name such as `batangkab.go.id`; anything else is treated as absent. */
function hostnameOrNull(value: unknown): string | null {
  const host = optionalString(value)?.trim().toLowerCase() ?? null;
  return host &&
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(
      host,
    )
    ? host
    : null;
}

/** Accepts same-origin paths and http(s) URLs only; anything else is dropped. */
function isSafeHref(href: string): boolean {
  if (href.startsWith('/')) return !href.startsWith('//');
  return /^https?:\/\//i.test(href);
}

export function parsePublicSite(body: unknown): PublicSite {
  if (!isRecord(body) || !isRecord(body.tenant)) {
    throw new ApiError('Malformed /api/public/site response: missing tenant', 200);
  }
  const t = body.tenant;
  if (typeof t.name !== 'string' || typeof t.code !== 'string') {
    throw new ApiError('Malformed /api/public/site response: tenant.name/code', 200);
  }
  const tenant: PublicTenant = {
    code: t.code,
    name: t.name,
    kind: typeof t.kind === 'string' ? t.kind : 'kabupaten',
    officialDomain: hostnameOrNull(t.officialDomain),
    logoUrl: optionalString(t.logoUrl),
    timeZone: optionalString(t.timeZone) ?? DEFAULT_TIME_ZONE,
  };
  const rawLinks: unknown[] = Array.isArray(body.links) ? body.links : [];
  const links = rawLinks.flatMap((link): PublicLink[] =>
    isRecord(link) &&
    typeof link.key === 'string' &&
    link.key !== '' &&
    typeof link.href === 'string' &&
    isSafeHref(link.href)
      ? [{ key: link.key, href: link.href }]
      : [],
  );
  return { tenant, links };
}

async function getJson(path: string, language: Language, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(path, {
    method: 'GET',
    headers: { Accept: 'application/json', 'Accept-Language': language },
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    let code: string | null = null;
    try {
      const body: unknown = await response.json();
      if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
        code = body.error.code;
      }
    } catch {
      /* not a Simpul error body */
    }
    throw new ApiError(`GET ${path} failed with HTTP ${response.status}`, response.status, code);
  }
  try {
    return await response.json();
  } catch {
    throw new ApiError(`GET ${path} returned a body that is not JSON`, response.status);
  }
}

export async function fetchPublicSite(
  language: Language,
  signal?: AbortSignal,
): Promise<PublicSite> {
  return parsePublicSite(await getJson('/api/public/site', language, signal));
}

export function publicSiteQuery(language: Language) {
  return queryOptions({
    queryKey: ['public-site', language] as const,
    queryFn: ({ signal }) => fetchPublicSite(language, signal),
    staleTime: 5 * 60_000,
  });
}

/** Client errors (4xx) will not heal by retrying; anything else gets one more attempt. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}
