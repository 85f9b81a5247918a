/**
 * The OpenID provider over real HTTP with a standard client library (openid-client): code +
 * PKCE, consent, client credentials, refresh rotation, userinfo, introspection, revocation,
 * and the protocol abuse that must fail safely.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, decodeJwt } from 'jose';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { makeTenant, makeUserWithToken } from '../../../../test/support/factories.js';
import { CookieJar } from '../../../../test/support/cookie-jar.js';
import { authorizeInBrowser, makeClient, makeSession } from '../../../../test/support/oidc.js';
import { TEST_SESSION_SECRET } from '../../../../test/support/secret.js';
import { Sealer } from '../../../platform/crypto/sealer.js';
import type { TenantRow } from '../../tenancy/db/schema.js';

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
  assert.equal((err as { error?: string }).error, code);
  return true;
};

before(async () => {
  t = await createTestApp();
  tenant = await makeTenant(t.tdb.owner, { hostnames: ['127.0.0.1'], isDefault: true });
  const addr = await t.app.listen({ host: '127.0.0.1', port: 0 });
  origin = addr;
  userId = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }])).userId;
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
