import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from './support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from './support/factories.js';
import * as org from '../src/modules/org/org.service.js';
import * as identity from '../src/modules/identity/identity.service.js';

/**
 * Tenant A's administrator, holding every id of tenant B, can neither see nor change B's records
 * through any route of the API.
 */
describe("no route lets tenant A reach tenant B's records", () => {
  let t: TestApp;
  let adminA: Record<string, string>;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    const a = await makeTenant(t.tdb.owner);
    const b = await makeTenant(t.tdb.owner);
    adminA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }])).headers;
    const bAdmin = await makeUserWithToken(t.tdb.database, b, [{ role: 'ict_admin' }]);
    const agency = await makeAgency(t.tdb.database, b);
    await asOperator(t.tdb.database, b, async (ctx) => {
      const unit = await org.createUnit(ctx, { agencyId: agency.id, code: 'U1', name: 'Unit' });
      const position = await org.createPosition(ctx, {
        agencyId: agency.id,
        name: 'Analis',
        kind: 'functional',
      });
      const employee = await org.createEmployee(ctx, {
        nip: makeNip(5),
        name: 'Dewi',
        agencyId: agency.id,
      });
      const token = await identity.createToken(
        ctx,
        { name: 'b', scopes: ['*'], expiresInDays: 1, userId: bAdmin.userId },
        { checked: false },
      );
      const roles = await identity.assignRole(ctx, bAdmin.userId, 'auditor', null);
      Object.assign(ids, {
        agency: agency.id,
        unit: unit.id,
        position: position.id,
        employee: employee.id,
        user: bAdmin.userId,
        token: token.id,
        role: roles.find((r) => r.role === 'auditor')!.id,
      });
    });
  });
  after(() => t.close());

  const snapshot = async () =>
    (
      await t.tdb.ownerPool.query(
        `SELECT (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM org_agencies x) ||
              (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM org_units x) ||
              (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM org_positions x) ||
              (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM org_employees x) ||
              (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM identity_role_assignments x) ||
              (SELECT md5(string_agg((x.id, x.status, x.password_hash)::text, '' ORDER BY x.id)) FROM identity_users x) ||
              (SELECT md5(string_agg((x.id, x.revoked_at)::text, '' ORDER BY x.id)) FROM identity_api_tokens x) AS h`,
      )
    ).rows[0].h as string;

  test('reads by id answer 404, lists show none of B', async () => {
    for (const url of [
      `/api/org/agencies/${ids.agency}`,
      `/api/org/units/${ids.unit}`,
      `/api/org/positions/${ids.position}`,
      `/api/org/employees/${ids.employee}`,
      `/api/identity/users/${ids.user}`,
    ]) {
      const r = await t.app.inject({ url, headers: adminA });
      assert.equal(r.statusCode, 404, url);
    }
    for (const url of [
      `/api/org/agencies/${ids.agency}/units`,
      `/api/org/agencies/${ids.agency}/positions`,
    ]) {
      assert.equal((await t.app.inject({ url, headers: adminA })).statusCode, 404, url);
    }
    const emps = await t.app.inject({
      url: `/api/org/employees?agencyId=${ids.agency}`,
      headers: adminA,
    });
    assert.deepEqual(emps.json().items, []);
    const users = await t.app.inject({ url: '/api/identity/users', headers: adminA });
    assert.ok(!users.json().some((u: { id: string }) => u.id === ids.user));
    const tokens = await t.app.inject({ url: '/api/identity/tokens?all=true', headers: adminA });
    assert.ok(!tokens.json().some((x: { id: string }) => x.id === ids.token));
    const audit = await t.app.inject({ url: '/api/audit/events?limit=500', headers: adminA });
    assert.ok(
      !audit.json().some((e: { targetId: string }) => Object.values(ids).includes(e.targetId)),
    );
    const csv = await t.app.inject({
      url: '/api/org/employees/export?format=csv',
      headers: adminA,
    });
    assert.ok(!csv.body.includes('Dewi'));
  });

  test('writes by id change nothing', async () => {
    const before = await snapshot();
    const writes: Array<{
      method: 'PATCH' | 'DELETE' | 'PUT' | 'POST';
      url: string;
      payload?: object;
    }> = [
      { method: 'PATCH', url: `/api/org/agencies/${ids.agency}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/org/agencies/${ids.agency}` },
      {
        method: 'POST',
        url: `/api/org/agencies/${ids.agency}/units`,
        payload: { code: 'X', name: 'x' },
      },
      { method: 'PATCH', url: `/api/org/units/${ids.unit}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/org/units/${ids.unit}` },
      { method: 'PATCH', url: `/api/org/positions/${ids.position}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/org/positions/${ids.position}` },
      { method: 'PATCH', url: `/api/org/employees/${ids.employee}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/org/employees/${ids.employee}` },
      {
        method: 'POST',
        url: '/api/org/employees',
        payload: { nip: makeNip(6), name: 'x', agencyId: ids.agency },
      },
      {
        method: 'PUT',
        url: `/api/identity/users/${ids.user}/status`,
        payload: { status: 'disabled' },
      },
      {
        method: 'PUT',
        url: `/api/identity/users/${ids.user}/password`,
        payload: { password: 'a long enough new password' },
      },
      {
        method: 'POST',
        url: `/api/identity/users/${ids.user}/roles`,
        payload: { role: 'ict_admin' },
      },
      { method: 'DELETE', url: `/api/identity/users/${ids.user}/roles/${ids.role}` },
      { method: 'DELETE', url: `/api/identity/tokens/${ids.token}` },
      {
        method: 'POST',
        url: '/api/identity/tokens',
        payload: { name: 'x', scopes: ['*'], expiresInDays: 1, userId: ids.user },
      },
    ];
    for (const w of writes) {
      const r = await t.app.inject({
        method: w.method,
        url: w.url,
        headers: adminA,
        ...(w.payload ? { payload: w.payload } : {}),
      });
      assert.ok(
        r.statusCode === 404 || r.statusCode === 400,
        `${w.method} ${w.url} answered ${r.statusCode}`,
      );
    }
    assert.equal(await snapshot(), before);
  });
});
