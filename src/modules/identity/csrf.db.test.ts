import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

describe('CSRF protection and session cookies', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;
  const password = 'kopi tubruk pagi hari 7';

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      const u = await identity.createUserUnchecked(ctx, {
        username: 'sari',
        displayName: 'Sari',
        kind: 'external',
        password,
      });
      await identity.assignRole(ctx, u.id, 'auditor', null);
    });
  });
  after(() => t.close());

  const loginPayload = { login: 'sari', password };

  test('every response sets a readable, SameSite=Strict CSRF cookie; /api/auth/csrf returns it', async () => {
    const res = await t.app.inject({ url: '/api/auth/csrf', headers: { host } });
    assert.equal(res.statusCode, 200);
    const c = res.cookies.find((x) => x.name === 'simpul_csrf')!;
    assert.ok(c, 'cookie set');
    assert.ok(!c.httpOnly);
    assert.equal(c.sameSite, 'Strict');
    assert.equal(c.path, '/');
    assert.equal(res.json().token, c.value);
    // A request that already has the cookie keeps it, and gets the same token.
    const again = await t.app.inject({
      url: '/api/auth/csrf',
      headers: { host, cookie: `simpul_csrf=${c.value}` },
    });
    assert.equal(again.json().token, c.value);
    assert.equal(
      again.cookies.find((x) => x.name === 'simpul_csrf'),
      undefined,
    );
  });

  test('sign-in without the token, or with a different one, is refused', async () => {
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: loginPayload,
    });
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.code, 'platform.csrf_failed');
    const cookieOnly = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, cookie: 'simpul_csrf=aaaaaaaaaaaaaaaaaaaaaaaa' },
      payload: loginPayload,
    });
    assert.equal(cookieOnly.json().error.code, 'platform.csrf_failed');
    const mismatch = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        host,
        cookie: 'simpul_csrf=aaaaaaaaaaaaaaaaaaaaaaaa',
        'x-csrf-token': 'bbbbbbbbbbbbbbbbbbbbbbbb',
      },
      payload: loginPayload,
    });
    assert.equal(mismatch.statusCode, 403);
    assert.equal(mismatch.json().error.code, 'platform.csrf_failed');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        host,
        cookie: 'simpul_csrf=aaaaaaaaaaaaaaaaaaaaaaaa',
        'x-csrf-token': 'aaaaaaaaaaaaaaaaaaaaaaaa',
      },
      payload: loginPayload,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'signed_in');
  });

  test('a signed-in browser cannot be made to write without the token', async () => {
    const b = new ApiClient(t.app, host);
    await b.login('sari', password);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: { host, cookie: `simpul_sid=${b.sid}` },
      payload: { name: 'x', scopes: ['identity:token:own'], expiresInDays: 1 },
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().error.code, 'platform.csrf_failed');
    const real = await b.post('/api/identity/tokens', {
      name: 'x',
      scopes: ['identity:token:own'],
      expiresInDays: 1,
    });
    assert.equal(real.statusCode, 201, real.body);
  });

  test('a foreign Origin is refused even with the token; the own origin passes', async () => {
    const b = new ApiClient(t.app, host);
    await b.login('sari', password);
    const body = { name: 'y', scopes: ['identity:token:own'], expiresInDays: 1 };
    const foreign = await b.post('/api/identity/tokens', body, { origin: 'https://evil.example' });
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().error.code, 'platform.csrf_failed');
    const opaque = await b.post('/api/identity/tokens', body, { origin: 'null' });
    assert.equal(opaque.statusCode, 403);
    const own = await b.post('/api/identity/tokens', body, { origin: b.origin });
    assert.equal(own.statusCode, 201, own.body);
  });

  test('API tokens (bearer) need no CSRF token', async () => {
    const { headers } = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: { ...headers, origin: 'https://elsewhere.example' },
      payload: { name: 'z', scopes: ['identity:token:own'], expiresInDays: 1 },
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  test('the session id rotates at sign-in: the old cookie stops working', async () => {
    const b = new ApiClient(t.app, host);
    await b.login('sari', password);
    const first = b.sid!;
    await b.login('sari', password);
    const second = b.sid!;
    assert.notEqual(first, second);
    const old = await t.app.inject({
      url: '/api/auth/me',
      headers: { host, cookie: `simpul_sid=${first}` },
    });
    assert.equal(old.statusCode, 401);
    assert.equal((await b.get('/api/auth/me')).statusCode, 200);
  });

  test('sign-out ends the session on the server: a kept copy of the cookie is refused', async () => {
    const b = new ApiClient(t.app, host);
    await b.login('sari', password);
    const kept = b.sid!;
    const out = await b.post('/api/auth/logout');
    assert.equal(out.statusCode, 204);
    const replay = await t.app.inject({
      url: '/api/auth/me',
      headers: { host, cookie: `simpul_sid=${kept}` },
    });
    assert.equal(replay.statusCode, 401);
  });
});
