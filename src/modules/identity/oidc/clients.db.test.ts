/** The SSO clients API: who may do what, bad input changes nothing, every change is audited. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { makeTenant, makeUserWithToken } from '../../../../test/support/factories.js';
import type { TenantRow } from '../../tenancy/tenancy.service.js';

let t: TestApp;
let tenant: TenantRow;
let admin: Record<string, string>;
let operator: Record<string, string>;
let otherAdmin: Record<string, string>;

const valid = {
  name: 'SIMPEG',
  kind: 'confidential',
  redirectUris: ['https://simpeg.batangkab.go.id/callback'],
  scopes: ['openid', 'profile'],
};

before(async () => {
  t = await createTestApp();
  tenant = await makeTenant(t.tdb.owner);
  admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
  operator = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }])).headers;
  // Both tenants exist before the first request, so the tenant directory knows them both.
  const other = await makeTenant(t.tdb.owner);
  otherAdmin = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
});
after(async () => t?.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

async function count(table: 'identity_oidc_clients' | 'audit_events', action?: string) {
  const rows = await t.tdb.owner.execute<{ n: number }>(
    table === 'audit_events'
      ? sql`SELECT count(*)::int AS n FROM audit_events
             WHERE tenant_id = ${tenant.id} AND action = ${action ?? ''}`
      : sql`SELECT count(*)::int AS n FROM identity_oidc_clients WHERE tenant_id = ${tenant.id}`,
  );
  return rows.rows[0]!.n;
}

test('an ICT admin registers, changes, rotates and disables a client; each step is audited', async () => {
  const created = await call('POST', '/api/identity/clients', admin, valid);
  assert.equal(created.statusCode, 201, created.body);
  const { client, secret } = created.json();
  assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(client.hasSecret, true);
  assert.equal(JSON.stringify(client).includes(secret), false, 'the secret is not in the record');

  const listed = await call('GET', '/api/identity/clients', admin);
  assert.equal(JSON.stringify(listed.json()).includes(secret), false, 'nor in the list');

  const patched = await call('PATCH', `/api/identity/clients/${client.id}`, admin, {
    trusted: true,
    backchannelLogoutUri: 'https://simpeg.batangkab.go.id/logout',
  });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().trusted, true);

  const rotated = await call('POST', `/api/identity/clients/${client.id}/secret`, admin);
  assert.equal(rotated.statusCode, 200);
  assert.notEqual(rotated.json().secret, secret);

  const disabled = await call('POST', `/api/identity/clients/${client.id}/status`, admin, {
    status: 'disabled',
  });
  assert.equal(disabled.json().status, 'disabled');

  for (const action of [
    'identity.client.created',
    'identity.client.updated',
    'identity.client.secret_rotated',
    'identity.client.disabled',
  ]) {
    assert.equal(await count('audit_events', action), 1, action);
  }
});

test('operators may read clients but not change them', async () => {
  assert.equal((await call('GET', '/api/identity/clients', operator)).statusCode, 200);
  const refused = await call('POST', '/api/identity/clients', operator, valid);
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().error.code, 'platform.forbidden');
});

test('bad clients are refused with a stable code and change nothing', async () => {
  const before = await count('identity_oidc_clients');
  const audited = await count('audit_events', 'identity.client.created');
  for (const [body, problem] of [
    [{ ...valid, redirectUris: ['http://simpeg.example/callback'] }, 'redirect_invalid'],
    [{ ...valid, redirectUris: ['https://simpeg.example/cb#x'] }, 'redirect_invalid'],
    [{ ...valid, redirectUris: [] }, 'redirect_required'],
    [{ ...valid, scopes: ['profile'] }, 'openid_required'],
    [{ ...valid, kind: 'public', trusted: true }, 'public_trusted'],
    [{ ...valid, kind: 'service' }, 'service_no_redirect'],
  ] as const) {
    const res = await call('POST', '/api/identity/clients', admin, body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error.code, 'identity.client_invalid');
    assert.equal(res.json().error.details[0].problem, problem);
  }
  const taken = await call('POST', '/api/identity/clients', admin, {
    ...valid,
    clientId: 'dup-app',
  });
  assert.equal(taken.statusCode, 201);
  const again = await call('POST', '/api/identity/clients', admin, {
    ...valid,
    clientId: 'dup-app',
  });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'identity.client_id_taken');
  assert.equal(await count('identity_oidc_clients'), before + 1);
  assert.equal(await count('audit_events', 'identity.client.created'), audited + 1);
});

test("one tenant's clients are invisible to another", async () => {
  const mine = (
    await call('POST', '/api/identity/clients', admin, { ...valid, name: 'Mine' })
  ).json().client;
  const list = await call('GET', '/api/identity/clients', otherAdmin);
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(list.json().items, []);
  const read = await call('GET', `/api/identity/clients/${mine.id}`, otherAdmin);
  assert.equal(read.statusCode, 404);
  assert.equal(read.json().error.code, 'identity.client_not_found');
  const rotate = await call('POST', `/api/identity/clients/${mine.id}/secret`, otherAdmin);
  assert.equal(rotate.statusCode, 404);
});
