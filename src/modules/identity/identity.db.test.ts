import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeAgency, makeNip, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';
import * as org from '../org/org.service.js';

/** Any value works for the double-submit check, as long as cookie and header agree. */
const CSRF = 'test-csrf-token-0123456789';

describe('accounts, sessions and API tokens', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;
  const password = 'sate kambing batang 2026';

  before(async () => {
    t = await createTestApp({ SESSION_IDLE_MINUTES: '30' });
    tenant = await makeTenant(t.tdb.owner);
    // Second factors have their own tests (mfa.db.test.ts): here no role requires one.
    await t.tdb.ownerPool.query(
      `UPDATE tenants SET settings = settings || '{"mfaPolicy":{"requiredRoles":[]}}' WHERE id = $1`,
      [tenant.id],
    );
    host = tenant.hostnames[0]!;
    const agency = await makeAgency(t.tdb.database, tenant);
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      const emp = await org.createEmployee(ctx, {
        nip: makeNip(3, { birth: '19800101', appointed: '200503', gender: 1 }),
        name: 'Andi Wijaya',
        agencyId: agency.id,
      });
      const u = await identity.createUserUnchecked(ctx, {
        username: 'andi',
        displayName: 'Andi Wijaya',
        email: 'andi@batangkab.example',
        kind: 'employee',
        employeeId: emp.id,
        password,
      });
      await identity.assignRole(ctx, u.id, 'ict_admin', null);
    });
  });
  after(() => t.close());

  const login = (loginName: string, pw: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        host,
        cookie: [cookie, `simpul_csrf=${CSRF}`].filter(Boolean).join('; '),
        'x-csrf-token': CSRF,
      },
      payload: { login: loginName, password: pw },
    });

  test('sign in by username, e-mail or NIP; the cookie is HttpOnly and SameSite', async () => {
    for (const name of ['andi', 'ANDI@batangkab.example', '198001012005031003']) {
      const r = await login(name, password);
      assert.equal(r.statusCode, 200, `${name}: ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'simpul_sid')!;
      assert.ok(c.httpOnly);
      assert.equal(c.sameSite, 'Lax');
      assert.equal(r.json().user.roles[0].role, 'ict_admin');
    }
  });

  test('the session id rotates at sign-in and the old one stops working', async () => {
    const first = (await login('andi', password)).cookies.find(
      (x) => x.name === 'simpul_sid',
    )!.value;
    const me1 = await t.app.inject({
      url: '/api/auth/me',
      headers: { host, cookie: `simpul_sid=${first}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
    });
    assert.equal(me1.statusCode, 200);
    const second = (await login('andi', password, `simpul_sid=${first}`)).cookies.find(
      (x) => x.name === 'simpul_sid',
    )!.value;
    assert.notEqual(second, first);
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: {
            host,
            cookie: `simpul_sid=${first}; simpul_csrf=${CSRF}`,
            'x-csrf-token': CSRF,
          },
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: {
            host,
            cookie: `simpul_sid=${second}; simpul_csrf=${CSRF}`,
            'x-csrf-token': CSRF,
          },
        })
      ).statusCode,
      200,
    );
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { host, cookie: `simpul_sid=${second}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
    });
    assert.equal(out.statusCode, 204);
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: {
            host,
            cookie: `simpul_sid=${second}; simpul_csrf=${CSRF}`,
            'x-csrf-token': CSRF,
          },
        })
      ).statusCode,
      401,
    );
  });

  test('an idle session expires', async () => {
    const sid = (await login('andi', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    await t.tdb.ownerPool.query(
      `UPDATE identity_sessions SET last_seen_at = now() - interval '31 minutes' WHERE revoked_at IS NULL`,
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: { host, cookie: `simpul_sid=${sid}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
        })
      ).statusCode,
      401,
    );
  });

  test('wrong passwords are recorded, audited and slow the account down without locking it for good', async () => {
    await asOperator(t.tdb.database, tenant, (ctx) =>
      identity.createUserUnchecked(ctx, {
        username: 'rina',
        displayName: 'Rina',
        kind: 'external',
        password,
      }),
    );
    for (let i = 0; i < 5; i++) {
      const r = await login('rina', 'wrong password ' + i);
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.code, 'identity.invalid_credentials');
    }
    const throttled = await login('rina', password);
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.json().error.code, 'identity.login_throttled');
    const failed = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identity.login.failed'`,
    );
    assert.ok(failed.rows[0].n >= 6);
    await t.tdb.ownerPool.query(
      `UPDATE identity_users SET locked_until = now() - interval '1 second' WHERE username = 'rina'`,
    );
    assert.equal((await login('rina', password)).statusCode, 200);
    const unknown = await login('nobody', password);
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().error.code, 'identity.invalid_credentials');
  });

  test('API tokens: shown once, stored hashed, scoped, expiring and revocable', async () => {
    const sid = (await login('andi', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const headers = {
      host,
      cookie: `simpul_sid=${sid}; simpul_csrf=${CSRF}`,
      'x-csrf-token': CSRF,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers,
      payload: { name: 'laporan', scopes: ['org:*:read'], expiresInDays: 30 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const token = created.json().token as string;
    assert.match(token, /^spl_/);
    const stored = await t.tdb.ownerPool.query(
      'SELECT token_hash FROM identity_api_tokens WHERE id = $1',
      [created.json().id],
    );
    assert.notEqual(stored.rows[0].token_hash, token);
    assert.ok(!JSON.stringify(stored.rows).includes(token));

    const bearer = { host, authorization: `Bearer ${token}` };
    assert.equal(
      (await t.app.inject({ url: '/api/org/agencies', headers: bearer })).statusCode,
      200,
    );
    assert.equal(
      (await t.app.inject({ url: '/api/identity/users', headers: bearer })).statusCode,
      403,
    );
    const list = await t.app.inject({ url: '/api/identity/tokens', headers });
    assert.ok(list.json().every((x: Record<string, unknown>) => !('token' in x)));

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers,
      payload: { name: 'x', scopes: ['nope:x:y'], expiresInDays: 1 },
    });
    assert.equal(bad.json().error.code, 'identity.token_scope_invalid');

    await t.tdb.ownerPool.query(
      `UPDATE identity_api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [created.json().id],
    );
    assert.equal(
      (await t.app.inject({ url: '/api/org/agencies', headers: bearer })).statusCode,
      401,
    );
    await t.tdb.ownerPool.query(
      `UPDATE identity_api_tokens SET expires_at = now() + interval '1 day' WHERE id = $1`,
      [created.json().id],
    );
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/identity/tokens/${created.json().id}`,
      headers,
    });
    assert.equal(revoked.statusCode, 204);
    assert.equal(
      (await t.app.inject({ url: '/api/org/agencies', headers: bearer })).statusCode,
      401,
    );
  });

  test('service accounts get service tokens from an ICT admin only', async () => {
    const sid = (await login('andi', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const admin = { host, cookie: `simpul_sid=${sid}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF };
    const svc = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: admin,
      payload: { username: 'svc.sipd', displayName: 'SIPD integration', kind: 'service' },
    });
    assert.equal(svc.statusCode, 201, svc.body);
    const grant = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${svc.json().id}/roles`,
      headers: admin,
      payload: { role: 'auditor' },
    });
    assert.equal(grant.statusCode, 200);
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: admin,
      payload: { name: 'sipd', scopes: ['org:*:read'], expiresInDays: 90, userId: svc.json().id },
    });
    assert.equal(tok.statusCode, 201, tok.body);
    assert.equal(tok.json().kind, 'service');
    const bearer = { host, authorization: `Bearer ${tok.json().token}` };
    assert.equal(
      (await t.app.inject({ url: '/api/org/agencies', headers: bearer })).statusCode,
      200,
    );
    // A service account cannot sign in with a password: it has none.
    assert.equal((await login('svc.sipd', password)).statusCode, 401);
    // Someone without identity:token:service cannot mint tokens for another account.
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      const u = await identity.createUserUnchecked(ctx, {
        username: 'ops1',
        displayName: 'Ops',
        kind: 'external',
        password,
      });
      await identity.assignRole(ctx, u.id, 'ict_operator', null);
      return u;
    });
    const opsSid = (await login('ops1', password)).cookies.find(
      (x) => x.name === 'simpul_sid',
    )!.value;
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: { host, cookie: `simpul_sid=${opsSid}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
      payload: { name: 'x', scopes: ['*'], expiresInDays: 1, userId: svc.json().id },
    });
    assert.equal(denied.statusCode, 403);
  });

  test('tenant-level roles cannot be limited to an agency; operators cannot take over admins', async () => {
    const agency = await makeAgency(t.tdb.database, tenant);
    const adminSid = (await login('andi', password)).cookies.find(
      (x) => x.name === 'simpul_sid',
    )!.value;
    const admin = {
      host,
      cookie: `simpul_sid=${adminSid}; simpul_csrf=${CSRF}`,
      'x-csrf-token': CSRF,
    };
    const op = await asOperator(t.tdb.database, tenant, async (ctx) => {
      const u = await identity.createUserUnchecked(ctx, {
        username: 'op2',
        displayName: 'Op',
        kind: 'external',
        password,
      });
      await identity.assignRole(ctx, u.id, 'ict_operator', null);
      return u;
    });
    const scoped = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${op.id}/roles`,
      headers: admin,
      payload: { role: 'ict_admin', agencyId: agency.id },
    });
    assert.equal(scoped.statusCode, 400);
    assert.equal(scoped.json().error.code, 'identity.role_scope_invalid');

    const opSid = (await login('op2', password)).cookies.find(
      (x) => x.name === 'simpul_sid',
    )!.value;
    const asOp = { host, cookie: `simpul_sid=${opSid}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF };
    const andi = (await t.app.inject({ url: '/api/auth/me', headers: admin })).json();
    const takeover = await t.app.inject({
      method: 'PUT',
      url: `/api/identity/users/${andi.id}/password`,
      headers: asOp,
      payload: { password: 'operator owns this now 1' },
    });
    assert.equal(takeover.statusCode, 403);
    const disable = await t.app.inject({
      method: 'PUT',
      url: `/api/identity/users/${andi.id}/status`,
      headers: asOp,
      payload: { status: 'disabled' },
    });
    assert.equal(disable.statusCode, 403);
    const plain = await asOperator(t.tdb.database, tenant, (ctx) =>
      identity.createUserUnchecked(ctx, {
        username: 'plain1',
        displayName: 'Plain',
        kind: 'external',
        password,
      }),
    );
    const reset = await t.app.inject({
      method: 'PUT',
      url: `/api/identity/users/${plain.id}/password`,
      headers: asOp,
      payload: { password: 'a fresh long password 2' },
    });
    assert.equal(reset.statusCode, 204);
  });

  test('parallel wrong passwords each count', async () => {
    await asOperator(t.tdb.database, tenant, (ctx) =>
      identity.createUserUnchecked(ctx, {
        username: 'burst',
        displayName: 'Burst',
        kind: 'external',
        password,
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => login('burst', `wrong guess ${i}`)),
    );
    assert.ok(results.every((r) => r.statusCode === 401));
    const r = await t.tdb.ownerPool.query(
      "SELECT failed_logins FROM identity_users WHERE username = 'burst'",
    );
    assert.equal(r.rows[0].failed_logins, 4);
  });

  test('a token cannot mint a token with scopes it does not hold', async () => {
    const sid = (await login('andi', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: { host, cookie: `simpul_sid=${sid}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
      payload: { name: 'narrow', scopes: ['identity:token:own'], expiresInDays: 1 },
    });
    const bearer = { host, authorization: `Bearer ${created.json().token}` };
    const wider = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: bearer,
      payload: { name: 'wide', scopes: ['*'], expiresInDays: 1 },
    });
    assert.equal(wider.statusCode, 403);
    assert.equal(wider.json().error.code, 'identity.token_scope_exceeds');
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      headers: bearer,
      payload: { name: 'same', scopes: ['identity:token:own'], expiresInDays: 1 },
    });
    assert.equal(same.statusCode, 201);
  });

  test('changing your password ends your other sessions and keeps this one', async () => {
    await asOperator(t.tdb.database, tenant, (ctx) =>
      identity.createUserUnchecked(ctx, {
        username: 'mover',
        displayName: 'Mover',
        kind: 'external',
        password,
      }),
    );
    const a = (await login('mover', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const b = (await login('mover', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { host, cookie: `simpul_sid=${a}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
      payload: { currentPassword: password, newPassword: 'a brand new passphrase 3' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: { host, cookie: `simpul_sid=${a}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/api/auth/me',
          headers: { host, cookie: `simpul_sid=${b}; simpul_csrf=${CSRF}`, 'x-csrf-token': CSRF },
        })
      ).statusCode,
      401,
    );
  });

  test('weak passwords are refused with a localized reason', async () => {
    const sid = (await login('andi', password)).cookies.find((x) => x.name === 'simpul_sid')!.value;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: {
        host,
        cookie: `simpul_sid=${sid}; simpul_csrf=${CSRF}`,
        'x-csrf-token': CSRF,
        'accept-language': 'en',
      },
      payload: { username: 'weak', displayName: 'W', kind: 'external', password: 'short' },
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'identity.password_too_weak');
    assert.match(r.json().error.message, /12 characters/);
  });
});
