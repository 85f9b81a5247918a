import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

const password = 'pempek palembang enak 3';

describe('sessions: your own, and an admin revoking access', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
    // This file is about sessions: no role needs a second factor here.
    await t.tdb.ownerPool.query(
      `UPDATE tenants SET settings = settings || '{"mfaPolicy":{"requiredRoles":[]}}' WHERE id = $1`,
      [tenant.id],
    );
    for (const [username, role] of [
      ['lina', 'auditor'],
      ['mira', 'auditor'],
      ['admin1', 'ict_admin'],
      ['oper1', 'ict_operator'],
    ] as const) {
      ids[username] = await asOperator(t.tdb.database, tenant, async (ctx) => {
        const u = await identity.createUserUnchecked(ctx, {
          username,
          displayName: username,
          kind: 'external',
          password,
        });
        await identity.assignRole(ctx, u.id, role, null);
        return u.id;
      });
    }
  });
  after(() => t.close());

  test('/api/auth/me tells second factors, sign-in methods and permissions', async () => {
    const c = new ApiClient(t.app, host);
    await c.login('lina', password);
    const me = (await c.get('/api/auth/me')).json();
    assert.equal(me.username, 'lina');
    assert.deepEqual(me.mfa, {
      totp: false,
      passkeys: 0,
      recoveryCodesLeft: 0,
      required: false,
      enrolmentRequired: false,
    });
    assert.deepEqual(me.amr, ['pwd']);
    assert.ok(me.permissions.includes('identity:user:read'));
    assert.ok(!me.permissions.includes('identity:user:write'));
  });

  test('list your sessions and end another one', async () => {
    const laptop = new ApiClient(t.app, host, { userAgent: 'Laptop', remoteAddress: '10.9.0.1' });
    const phone = new ApiClient(t.app, host, { userAgent: 'Phone', remoteAddress: '10.9.0.2' });
    await laptop.login('mira', password);
    await phone.login('mira', password);
    const list = (await laptop.get('/api/account/sessions')).json();
    assert.equal(list.items.length, 2);
    const mine = list.items.find((s: { current: boolean }) => s.current);
    const other = list.items.find((s: { current: boolean }) => !s.current);
    assert.equal(mine.userAgent, 'Laptop');
    assert.equal(mine.ip, '10.9.0.1');
    assert.deepEqual(mine.amr, ['pwd']);
    assert.equal(other.userAgent, 'Phone');

    // Nobody else's session can be ended from here.
    const lina = new ApiClient(t.app, host);
    await lina.login('lina', password);
    const foreign = await lina.delete(`/api/account/sessions/${other.id}`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().error.code, 'identity.session_not_found');

    assert.equal((await laptop.delete(`/api/account/sessions/${other.id}`)).statusCode, 204);
    assert.equal((await phone.get('/api/auth/me')).statusCode, 401);
    assert.equal((await laptop.get('/api/auth/me')).statusCode, 200);
    assert.equal((await laptop.get('/api/account/sessions')).json().items.length, 1);
    const audit = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identity.session.revoked'`,
    );
    assert.equal(audit.rows[0].n, 1);
  });

  test('API tokens cannot manage account security', async () => {
    const c = new ApiClient(t.app, host);
    await c.login('lina', password);
    const tok = await c.post('/api/identity/tokens', {
      name: 't',
      scopes: ['*'],
      expiresInDays: 1,
    });
    const bearer = { host, authorization: `Bearer ${tok.json().token}` };
    const r = await t.app.inject({ url: '/api/account/sessions', headers: bearer });
    assert.equal(r.statusCode, 403);
    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/account/totp/setup',
      headers: bearer,
    });
    assert.equal(setup.statusCode, 403);
  });

  test('an ICT admin revokes all access of a user: sessions and API tokens', async () => {
    const target = new ApiClient(t.app, host);
    await target.login('lina', password);
    const second = new ApiClient(t.app, host);
    await second.login('lina', password);
    const tok = await target.post('/api/identity/tokens', {
      name: 'script',
      scopes: ['identity:token:own'],
      expiresInDays: 5,
    });
    const bearer = { host, authorization: `Bearer ${tok.json().token}` };
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode, 200);

    const oper = new ApiClient(t.app, host);
    await oper.login('oper1', password);
    // An operator cannot revoke an administrator's access (that would take the account over).
    const denied = await oper.post(`/api/identity/users/${ids.admin1}/revoke-access`);
    assert.equal(denied.statusCode, 403);

    const admin = new ApiClient(t.app, host);
    await admin.login('admin1', password);
    const r = await admin.post(`/api/identity/users/${ids.lina}/revoke-access`);
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json().sessions >= 2);
    assert.ok(r.json().tokens >= 2);
    assert.equal((await target.get('/api/auth/me')).statusCode, 401);
    assert.equal((await second.get('/api/auth/me')).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode, 401);
    const audit = await t.tdb.ownerPool.query(
      `SELECT data FROM audit_events WHERE action = 'identity.user.access_revoked'`,
    );
    assert.deepEqual(audit.rows[0].data, r.json());

    const auditorTry = new ApiClient(t.app, host);
    await auditorTry.login('mira', password);
    assert.equal(
      (await auditorTry.post(`/api/identity/users/${ids.admin1}/revoke-access`)).statusCode,
      403,
    );
  });
});
