/**
 * The OpenID provider over real HTTP with a standard client library (openid-client): code +
 * PKCE, consent, client credentials, refresh rotation, userinfo, introspection, revocation,
 * and the protocol abuse that must fail safely.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, decodeJwt } from 'jose';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../../test/support/factories.js';
import { CookieJar } from '../../../../test/support/cookie-jar.js';
import {
  authorizeInBrowser,
  csrfHeaders,
  makeClient,
  makeSession,
} from '../../../../test/support/oidc.js';
import { TEST_SESSION_SECRET } from '../../../../test/support/secret.js';
import { Sealer } from '../../../platform/crypto/sealer.js';
import type { TenantRow } from '../../tenancy/tenancy.service.js';
import { rotateKeys } from './keys.js';
import * as org from '../../org/org.service.js';
import * as identity from '../identity.service.js';
import { providersFor } from '../http/oidc.routes.js';

const sealer = new Sealer(TEST_SESSION_SECRET);
let t: TestApp;
let origin: string;
let tenant: TenantRow;
let userId: string;
const REDIRECT = 'http://127.0.0.1:9/callback';

async function discover(clientId: string, secret: string | null) {
  return oidc.discovery(
    new URL(`${origin}/oidc`),
    clientId,
    secret ?? undefined,
    secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
    { execute: [oidc.allowInsecureRequests] },
  );
}

async function signedInJar() {
  const jar = new CookieJar();
  jar.set('simpul_sid', await makeSession(t.tdb.owner, tenant.id, userId));
  return jar;
}

/** Code + PKCE through the interaction API; returns the tokens and the code used. */
async function codeFlow(config: oidc.Configuration, jar: CookieJar, scope = 'openid profile') {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const { location, consentAsked } = await authorizeInBrowser(jar, origin, url.href);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return { tokens, location, verifier, consentAsked };
}

/** Matches an openid-client error carrying an OAuth error code. */
const oauthError = (code: string) => (err: unknown) => {
  assert.equal((err as { error?: string }).error, code, String(err));
  return true;
};

before(async () => {
  t = await createTestApp();
  tenant = await makeTenant(t.tdb.owner, { hostnames: ['127.0.0.1'], isDefault: true });
  const addr = await t.app.listen({ host: '127.0.0.1', port: 0 });
  origin = addr;
  userId = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }])).userId;
  // A second tenant on another host name, known to the tenant directory from the start.
  await makeTenant(t.tdb.owner, { hostnames: ['localhost'] });
});
after(async () => t?.close());

describe('OpenID provider', () => {
  test('discovery and JWKS publish ES256 and RS256 keys under the tenant issuer', async () => {
    const meta = (await (
      await fetch(`${origin}/oidc/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    assert.equal(meta.issuer, `${origin}/oidc`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    const jwks = (await (await fetch(meta.jwks_uri as string)).json()) as {
      keys: Array<{ alg: string; d?: string }>;
    };
    assert.deepEqual(new Set(jwks.keys.map((k) => k.alg)), new Set(['ES256', 'RS256']));
    assert.ok(
      jwks.keys.every((k) => k.d === undefined),
      'no private parts published',
    );
  });

  test('code + PKCE with a trusted client: no consent, ID token, userinfo, refresh rotation', async () => {
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Trusted app',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'profile', 'email', 'simpul:roles'],
      trusted: true,
    });
    const config = await discover(client.clientId, secret);
    const jar = await signedInJar();
    const { tokens, consentAsked } = await codeFlow(config, jar, 'openid profile simpul:roles');
    assert.equal(consentAsked, false);
    const claims = tokens.claims()!;
    assert.equal(claims.sub, userId);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, userId);
    assert.ok(info.preferred_username);
    assert.deepEqual(info.roles, ['ict_operator']);
    assert.ok(tokens.refresh_token);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'refresh tokens rotate');
    // Reusing the rotated refresh token is refused and revokes the whole grant.
    await assert.rejects(
      oidc.refreshTokenGrant(config, tokens.refresh_token!),
      oauthError('invalid_grant'),
    );
    await assert.rejects(
      oidc.refreshTokenGrant(config, refreshed.refresh_token!),
      oauthError('invalid_grant'),
    );
    const intro = await oidc.tokenIntrospection(config, refreshed.access_token);
    assert.equal(intro.active, false, 'tokens of a reused grant are revoked');
  });

  test('an untrusted client asks for consent; a refusal returns access_denied', async () => {
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Vendor app',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'profile'],
    });
    const config = await discover(client.clientId, secret);
    const { consentAsked, tokens } = await codeFlow(config, await signedInJar());
    assert.equal(consentAsked, true);
    assert.ok(tokens.access_token);

    const jar = await signedInJar();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const { location } = await authorizeInBrowser(jar, origin, url.href, { consent: false });
    assert.equal(new URL(location).searchParams.get('error'), 'access_denied');
  });

  test('client credentials give a JWT access token that verifies with the JWKS', async () => {
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Service',
      kind: 'service',
      scopes: ['simpul:org'],
    });
    const config = await discover(client.clientId, secret);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'simpul:org' });
    const jwks = createRemoteJWKSet(new URL(`${origin}/oidc/jwks`));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: `${origin}/oidc`,
      audience: 'urn:simpul:api',
    });
    assert.equal(payload.client_id, client.clientId);
    const wrong = await fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:wrong-secret`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');
  });
});

describe('protocol abuse fails safely', () => {
  let config: oidc.Configuration;
  let clientId: string;
  let secret: string;

  before(async () => {
    const made = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Abused app',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'profile'],
      trusted: true,
    });
    clientId = made.client.clientId;
    secret = made.secret!;
    config = await discover(clientId, secret);
  });

  const authUrl = async (params: Record<string, string>) => {
    const url = new URL(`${origin}/oidc/auth`);
    const base = {
      client_id: clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT,
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries({ ...base, ...params })) {
      if (v !== '') url.searchParams.set(k, v);
    }
    return url.href;
  };

  test('a redirect URI that is not registered exactly is refused without redirecting', async () => {
    for (const bad of [
      'http://127.0.0.1:9/callback/',
      'http://127.0.0.1:9/callback?x=1',
      'http://127.0.0.1:9/CALLBACK',
      'https://evil.example/callback',
    ]) {
      const res = await fetch(await authUrl({ redirect_uri: bad }), { redirect: 'manual' });
      assert.equal(res.status, 400, bad);
      assert.equal(res.headers.get('location'), null, 'never redirects to an unregistered URI');
      assert.match(await res.text(), /redirect_uri/);
    }
  });

  test('PKCE is required and only S256 is accepted', async () => {
    const jar = await signedInJar();
    for (const params of [
      { code_challenge: '', code_challenge_method: '' },
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
    ]) {
      const res = await jar.fetch(await authUrl(params));
      const location = new URL(res.headers.get('location')!);
      assert.equal(location.origin + location.pathname, REDIRECT);
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.equal(location.searchParams.get('code'), null);
    }
  });

  test('a code that does not match its PKCE verifier is refused', async () => {
    const jar = await signedInJar();
    const { location } = await authorizeInBrowser(jar, origin, await authUrl({}));
    await assert.rejects(
      oidc.authorizationCodeGrant(config, new URL(location), {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      }),
      oauthError('invalid_grant'),
    );
  });

  test('reusing an authorization code fails and revokes the tokens it produced', async () => {
    const { tokens, location, verifier } = await codeFlow(config, await signedInJar());
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, true);
    const again = await fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: new URL(location).searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
    assert.equal((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active, false);
    const userinfo = await fetch(`${origin}/oidc/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(userinfo.status, 401);
    const [event] = await t.tdb.owner
      .execute<{ data: { error: string } }>(
        sql`SELECT data FROM audit_events WHERE tenant_id = ${tenant.id}
          AND action = 'identity.oidc.token_failed' ORDER BY seq DESC LIMIT 1`,
      )
      .then((r) => r.rows);
    assert.equal(event?.data.error, 'invalid_grant', 'the failure is audited');
  });

  test('a tampered or expired ID token does not verify', async () => {
    const { tokens } = await codeFlow(config, await signedInJar());
    const idToken = tokens.id_token!;
    const jwks = createRemoteJWKSet(new URL(`${origin}/oidc/jwks`));
    const opts = { issuer: `${origin}/oidc`, audience: clientId };
    await jwtVerify(idToken, jwks, opts);
    const [h, p, sig] = idToken.split('.');
    const claims = decodeJwt(idToken);
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString(
      'base64url',
    );
    await assert.rejects(jwtVerify(`${h}.${forged}.${sig}`, jwks, opts), /signature/);
    // Change the signature's first character (the last may carry only padding bits).
    const flipped = `${h}.${p}.${sig!.startsWith('A') ? 'B' : 'A'}${sig!.slice(1)}`;
    await assert.rejects(jwtVerify(flipped, jwks, opts));
    await assert.rejects(
      jwtVerify(idToken, jwks, { ...opts, currentDate: new Date((claims.exp! + 120) * 1000) }),
      /"exp" claim/,
    );
  });

  test('revocation ends an access token; introspection needs client authentication', async () => {
    const { tokens } = await codeFlow(config, await signedInJar());
    await oidc.tokenRevocation(config, tokens.access_token);
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
    const anonymous = await fetch(`${origin}/oidc/token/introspection`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${tokens.refresh_token}`,
    });
    assert.equal(anonymous.status, 400);
  });
});

describe('logout and keys', () => {
  test('RP-initiated logout ends the Simpul session and notifies apps by back-channel', async () => {
    const received: string[] = [];
    const rp = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => rp.listen(0, '127.0.0.1', r));
    const rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
    try {
      const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
        name: 'Logout app',
        kind: 'confidential',
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: [`${rpOrigin}/bye`],
        backchannelLogoutUri: `${rpOrigin}/backchannel`,
        scopes: ['openid'],
        trusted: true,
      });
      const config = await discover(client.clientId, secret!);
      const jar = await signedInJar();
      const { tokens } = await codeFlow(config, jar, 'openid');
      const sid = tokens.claims()!.sid;
      assert.ok(sid, 'the ID token carries the session id');

      const end = oidc.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: `${rpOrigin}/bye`,
      });
      const page = await jar.fetch(end.href);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Keluar dari Simpul\?|Sign out of Simpul\?/);
      const action = /action="([^"]+)"/.exec(html)![1]!;
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
      const confirm = await jar.fetch(new URL(action, origin).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      });
      assert.equal(confirm.status, 303);
      assert.equal(confirm.headers.get('location'), `${rpOrigin}/bye`);

      assert.equal(received.length, 1, 'one back-channel logout token');
      const jwks = createRemoteJWKSet(new URL(`${origin}/oidc/jwks`));
      const { payload } = await jwtVerify(received[0]!, jwks, {
        issuer: `${origin}/oidc`,
        audience: client.clientId,
      });
      assert.equal(payload.sub, userId);
      assert.equal(payload.sid, sid);
      assert.ok(
        (payload.events as Record<string, unknown>)[
          'http://schemas.openid.net/event/backchannel-logout'
        ],
      );
      const me = await jar.fetch(`${origin}/api/auth/me`);
      assert.equal(me.status, 401, 'the Simpul session ended too');
      assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
    } finally {
      rp.close();
    }
  });

  test('signing out of Simpul logs the browser out of its applications by back-channel', async () => {
    const received: string[] = [];
    const rp = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => rp.listen(0, '127.0.0.1', r));
    const rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
    try {
      const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
        name: 'Back-channel app',
        kind: 'confidential',
        redirectUris: [REDIRECT],
        backchannelLogoutUri: `${rpOrigin}/backchannel`,
        scopes: ['openid'],
        trusted: true,
      });
      const config = await discover(client.clientId, secret!);
      const jar = await signedInJar();
      const { tokens } = await codeFlow(config, jar, 'openid');
      const out = await jar.fetch(`${origin}/api/auth/logout`, {
        method: 'POST',
        headers: await csrfHeaders(jar, origin),
      });
      assert.equal(out.status, 204);
      assert.equal(received.length, 1);
      const { payload } = await jwtVerify(
        received[0]!,
        createRemoteJWKSet(new URL(`${origin}/oidc/jwks`)),
        { issuer: `${origin}/oidc`, audience: client.clientId },
      );
      assert.equal(payload.sub, userId);
      assert.equal(payload.sid, tokens.claims()!.sid);
      assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
      assert.equal((await jar.fetch(`${origin}/api/auth/me`)).status, 401);
    } finally {
      rp.close();
    }
  });

  test('key rotation publishes the new keys and keeps the old ones until their tokens expire', async () => {
    const jwksOf = async () =>
      (
        (await (await fetch(`${origin}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> }
      ).keys.map((k) => k.kid);
    const before = await jwksOf();
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Rotation app',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      scopes: ['openid'],
      trusted: true,
    });
    const config = await discover(client.clientId, secret!);
    const { tokens } = await codeFlow(config, await signedInJar(), 'openid');
    const kids = await asOperator(t.tdb.database, tenant, (ctx) => rotateKeys(ctx, sealer));
    providersFor(t.tdb.database)!.invalidate(tenant.id);
    const after = await jwksOf();
    assert.equal(after.length, before.length + 2);
    for (const kid of [...before, ...kids]) assert.ok(after.includes(kid));
    // Tokens signed before the rotation still verify against the published set.
    await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${origin}/oidc/jwks`)), {
      issuer: `${origin}/oidc`,
    });
    const rows = await t.tdb.owner.execute<{ kid: string; unpublish_at: Date | null }>(
      sql`SELECT kid, unpublish_at FROM identity_signing_keys WHERE tenant_id = ${tenant.id}`,
    );
    for (const r of rows.rows) {
      if (before.includes(r.kid)) assert.ok(r.unpublish_at, 'old keys have an end date');
      else assert.equal(r.unpublish_at, null);
    }
    const [audit] = (
      await t.tdb.owner.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = ${tenant.id}
            AND action = 'identity.oidc.keys_rotated'`,
      )
    ).rows;
    assert.equal(audit?.n, 1);
  });
});

test('the hourly purge removes expired provider records of every tenant and nothing else', async () => {
  const other = await makeTenant(t.tdb.owner);
  for (const [tid, id, age] of [
    [tenant.id, 'old-a', '-2 hours'],
    [other.id, 'old-b', '-2 hours'],
    [tenant.id, 'live-a', '+2 hours'],
  ] as const) {
    await t.tdb.owner.execute(
      sql`INSERT INTO identity_oidc_payloads (tenant_id, model, id, payload, expires_at)
          VALUES (${tid}, 'AccessToken', ${id}, '{}'::jsonb, now() + ${age}::interval)`,
    );
  }
  const { rows } = await t.tdb.database.pool.query<{ n: string }>(
    'SELECT identity_purge_expired() AS n',
  );
  assert.ok(Number(rows[0]!.n) >= 2);
  const left = await t.tdb.owner.execute<{ id: string }>(
    sql`SELECT id FROM identity_oidc_payloads WHERE id IN ('old-a', 'old-b', 'live-a')`,
  );
  assert.deepEqual(
    left.rows.map((r) => r.id),
    ['live-a'],
  );
});

describe('isolation and revocation', () => {
  test('tenants have separate issuers, keys and clients', async () => {
    const port = new URL(origin).port;
    const otherOrigin = `http://localhost:${port}`;
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Only here',
      kind: 'service',
      scopes: ['simpul:org'],
    });
    const meta = (await (
      await fetch(`${otherOrigin}/oidc/.well-known/openid-configuration`)
    ).json()) as { issuer: string };
    assert.equal(meta.issuer, `${otherOrigin}/oidc`);
    const kidsOf = async (o: string) =>
      ((await (await fetch(`${o}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys.map(
        (k) => k.kid,
      );
    const mine = await kidsOf(origin);
    assert.ok((await kidsOf(otherOrigin)).every((k) => !mine.includes(k)));
    const grant = (o: string) =>
      fetch(`${o}/oidc/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=simpul:org',
      });
    assert.equal((await grant(origin)).status, 200);
    const elsewhere = await grant(otherOrigin);
    assert.equal(elsewhere.status, 401, 'a client of one tenant is unknown to another');
  });

  test('an administrator revoking access ends the user’s SSO sessions and tokens', async () => {
    const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
      name: 'Revoked app',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      scopes: ['openid', 'offline_access'],
      trusted: true,
    });
    const config = await discover(client.clientId, secret!);
    const { tokens } = await codeFlow(config, await signedInJar(), 'openid offline_access');
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, true);
    const admin = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }]);
    const res = await fetch(`${origin}/api/identity/users/${userId}/revoke-access`, {
      method: 'POST',
      headers: { authorization: admin.headers.authorization! },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
    await assert.rejects(
      oidc.refreshTokenGrant(config, tokens.refresh_token!),
      oauthError('invalid_grant'),
    );
  });
});

test('userinfo releases the organisation claims behind simpul:org, and only those granted', async () => {
  const agency = await makeAgency(t.tdb.database, tenant, {
    code: 'DINKES',
    name: 'Dinas Kesehatan',
  });
  const staff = await asOperator(t.tdb.database, tenant, async (ctx) => {
    const unit = await org.createUnit(ctx, {
      agencyId: agency.id,
      code: 'YANKES',
      name: 'Bidang Pelayanan Kesehatan',
    });
    const position = await org.createPosition(ctx, {
      agencyId: agency.id,
      name: 'Analis Kebijakan',
      kind: 'functional',
    });
    const emp = await org.createEmployee(ctx, {
      nip: makeNip(41),
      name: 'Siti Rahayu',
      agencyId: agency.id,
      unitId: unit.id,
      positionId: position.id,
    });
    return identity.createUserUnchecked(ctx, {
      username: 'siti.rahayu',
      displayName: 'Siti Rahayu',
      email: 'siti@dinkes.example.go.id',
      kind: 'employee',
      employeeId: emp.id,
    });
  });
  const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
    name: 'Claims app',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    scopes: ['openid', 'profile', 'email', 'simpul:org'],
    trusted: true,
  });
  const config = await discover(client.clientId, secret!);
  const jar = new CookieJar();
  jar.set('simpul_sid', await makeSession(t.tdb.owner, tenant.id, staff.id));
  const { tokens } = await codeFlow(config, jar, 'openid profile simpul:org');
  const info = await oidc.fetchUserInfo(config, tokens.access_token, staff.id);
  assert.equal(info.name, 'Siti Rahayu');
  assert.equal(info.preferred_username, 'siti.rahayu');
  assert.equal(info.nip, makeNip(41));
  assert.deepEqual(info.agency, { code: 'DINKES', name: 'Dinas Kesehatan' });
  assert.equal(info.unit, 'Bidang Pelayanan Kesehatan');
  assert.equal(info.position, 'Analis Kebijakan');
  assert.equal(info.email, undefined, 'email was not asked for');
  assert.equal(info.roles, undefined, 'roles were not asked for');
});

test('a password reset ends what the old password gave: SSO sign-in, tokens and refresh', async () => {
  const { client, secret } = await makeClient(t.tdb.database, tenant, sealer, {
    name: 'Reset app',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    scopes: ['openid'],
    trusted: true,
  });
  const config = await discover(client.clientId, secret!);
  const victim = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }]);
  const jar = new CookieJar();
  jar.set('simpul_sid', await makeSession(t.tdb.owner, tenant.id, victim.userId));
  const { tokens } = await codeFlow(config, jar, 'openid');
  const admin = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }]);
  const reset = await fetch(`${origin}/api/identity/users/${victim.userId}/password`, {
    method: 'PUT',
    headers: { authorization: admin.headers.authorization!, 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'a brand new passphrase 2026' }),
  });
  assert.equal(reset.status, 204, await reset.clone().text());
  assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
  await assert.rejects(
    oidc.refreshTokenGrant(config, tokens.refresh_token!),
    oauthError('invalid_grant'),
  );
  // The browser's provider session no longer answers: the user must sign in again.
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  const res = await jar.fetch(url.href);
  const location = new URL(res.headers.get('location')!, origin);
  assert.match(location.pathname, /^\/interaction\//);
  const details = (await (await jar.fetch(`${origin}${location.pathname}/details`)).json()) as {
    prompt: string;
    signedIn: boolean;
  };
  assert.deepEqual([details.prompt, details.signedIn], ['login', false]);
});
