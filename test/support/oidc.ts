import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/database.js';
import type { TenantRow } from '../../src/modules/tenancy/db/schema.js';
import { asOperator } from './factories.js';
import * as clients from '../../src/modules/identity/oidc/clients.service.js';
import type { Sealer } from '../../src/platform/crypto/sealer.js';
import { CookieJar } from './cookie-jar.js';

/** A live Simpul session for a user, written straight to the database; returns the cookie. */
export async function makeSession(owner: Db, tenantId: string, userId: string, amr = ['pwd']) {
  const cookie = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(cookie).digest('hex');
  await owner.execute(
    sql`INSERT INTO identity_sessions (tenant_id, token_hash, user_id, expires_at, amr)
        VALUES (${tenantId}, ${hash}, ${userId}, now() + interval '8 hours', string_to_array(${amr.join(',')}, ','))`,
  );
  return cookie;
}

export async function makeClient(
  database: Database,
  tenant: TenantRow,
  sealer: Sealer,
  input: clients.ClientInput,
) {
  return asOperator(database, tenant, (ctx) => clients.createClient(ctx, sealer, input));
}

/** The CSRF double-submit pair the console sends with unsafe requests. */
export async function csrfHeaders(jar: CookieJar, origin: string): Promise<Record<string, string>> {
  let token = jar.get('simpul_csrf');
  if (!token) {
    const res = await jar.fetch(`${origin}/api/auth/csrf`);
    token =
      jar.get('simpul_csrf') ?? ((await res.json().catch(() => ({}))) as { token?: string }).token;
  }
  return token ? { 'x-csrf-token': token } : {};
}

/**
 * Follows an authorization request the way a browser with a Simpul session would: through the
 * interaction page's API (login, then consent when asked), to the redirect back to the client.
 */
export async function authorizeInBrowser(
  jar: CookieJar,
  origin: string,
  authorizationUrl: string,
  opts: { consent?: boolean } = {},
): Promise<{ location: string; consentAsked: boolean }> {
  let res = await jar.fetch(authorizationUrl);
  let consentAsked = false;
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get('location');
    if (!location) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
    const url = new URL(location, origin);
    const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (url.origin !== origin || !m) return { location: url.href, consentAsked };
    const uid = m[1]!;
    const details = (await (await jar.fetch(`${origin}/interaction/${uid}/details`)).json()) as {
      prompt: string;
    };
    const headers = { 'content-type': 'application/json', ...(await csrfHeaders(jar, origin)) };
    let step: Response;
    if (details.prompt === 'login') {
      step = await jar.fetch(`${origin}/interaction/${uid}/login`, {
        method: 'POST',
        headers,
        body: '{}',
      });
    } else {
      consentAsked = true;
      step = await jar.fetch(`${origin}/interaction/${uid}/consent`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ approve: opts.consent ?? true }),
      });
    }
    if (step.status !== 200)
      throw new Error(`interaction step ${step.status}: ${await step.text()}`);
    const { redirectTo } = (await step.json()) as { redirectTo: string };
    res = await jar.fetch(new URL(redirectTo, origin).href);
  }
  throw new Error('too many redirects');
}
