import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';

describe('org API', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let admin: Record<string, string>;
  const auditCount = async (action: string) =>
    (
      await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [
        action,
      ])
    ).rows[0].n as number;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
  });
  after(() => t.close());

  test('agencies: create, list, get, update, delete, each audited', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: admin,
      payload: {
        code: 'DISKOMINFO',
        name: 'Dinas Komunikasi dan Informatika',
        shortName: 'Diskominfo',
        kind: 'dinas',
        isIctOffice: true,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const agency = created.json();
    assert.equal(agency.isIctOffice, true);
    assert.equal(await auditCount('org.agency.created'), 1);

    const list = await t.app.inject({
      url: '/api/org/agencies?limit=50&q=komunikasi',
      headers: admin,
    });
    assert.equal(list.json().total, 1);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/agencies/${agency.id}`,
      headers: admin,
      payload: { shortName: 'Kominfo' },
    });
    assert.equal(patched.json().shortName, 'Kominfo');
    assert.equal(await auditCount('org.agency.updated'), 1);

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: admin,
      payload: { code: 'DISKOMINFO', name: 'X', shortName: 'X', kind: 'dinas' },
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'org.agency_code_taken');

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/org/agencies/${agency.id}`,
      headers: admin,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await auditCount('org.agency.deleted'), 1);
  });

  test('units form a tree inside one agency; cycles and cross-agency parents are refused', async () => {
    const a = await makeAgency(t.tdb.database, tenant);
    const b = await makeAgency(t.tdb.database, tenant);
    const post = (agencyId: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/org/agencies/${agencyId}/units`,
        headers: admin,
        payload,
      });
    const root = (await post(a.id, { code: 'SEKRE', name: 'Sekretariat' })).json();
    const child = (
      await post(a.id, { code: 'UMUM', name: 'Subbag Umum', parentId: root.id })
    ).json();
    assert.equal(child.parentId, root.id);
    const cross = await post(b.id, { code: 'X', name: 'X', parentId: root.id });
    assert.equal(cross.json().error.code, 'org.unit_parent_invalid');
    const cycle = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/units/${root.id}`,
      headers: admin,
      payload: { parentId: child.id },
    });
    assert.equal(cycle.json().error.code, 'org.unit_parent_invalid');
    const inUse = await t.app.inject({
      method: 'DELETE',
      url: `/api/org/units/${root.id}`,
      headers: admin,
    });
    assert.equal(inUse.json().error.code, 'org.unit_in_use');
    const units = await t.app.inject({ url: `/api/org/agencies/${a.id}/units`, headers: admin });
    assert.equal(units.json().length, 2);
  });

  test('employees: NIP is validated and unique; birth date and gender come from it', async () => {
    const a = await makeAgency(t.tdb.database, tenant);
    const nip = makeNip(7, { birth: '19870412', appointed: '201203', gender: 2 });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: { nip, name: 'Siti Rahayu', agencyId: a.id },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().birthDate, '1987-04-12');
    assert.equal(ok.json().gender, 'female');
    assert.equal(await auditCount('org.employee.created'), 1);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: { nip, name: 'Other', agencyId: a.id },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'org.nip_taken');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: { ...admin, 'accept-language': 'en' },
      payload: { nip: '198702302012031001', name: 'X', agencyId: a.id },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'org.nip_invalid');
    assert.match(bad.json().error.message, /birth date/);
    const badId = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: { nip: '198702302012031001', name: 'X', agencyId: a.id },
    });
    assert.match(badId.json().error.message, /tanggal lahir/);
    assert.equal(await auditCount('org.employee.created'), 1);
  });

  test("an employee's unit and position must belong to the employee's agency", async () => {
    const a = await makeAgency(t.tdb.database, tenant);
    const b = await makeAgency(t.tdb.database, tenant);
    const unitOfB = (
      await t.app.inject({
        method: 'POST',
        url: `/api/org/agencies/${b.id}/units`,
        headers: admin,
        payload: { code: 'UB', name: 'Unit B' },
      })
    ).json();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: { nip: makeNip(21), name: 'Salah Unit', agencyId: a.id, unitId: unitOfB.id },
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'org.reference_mismatch');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: {
        nip: makeNip(22),
        name: 'Tanpa PD',
        agencyId: '00000000-0000-4000-8000-000000000000',
      },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'org.agency_not_found');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: admin,
      payload: { nip: makeNip(23), name: 'Benar', agencyId: b.id, unitId: unitOfB.id },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/employees/${ok.json().id}`,
      headers: admin,
      payload: { agencyId: a.id },
    });
    assert.equal(moved.json().error.code, 'org.reference_mismatch');
  });

  test('malformed input gets 400 with a stable code and changes nothing', async () => {
    const before = (await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM org_agencies'))
      .rows[0].n;
    for (const payload of [
      { code: 'has space', name: 'X', shortName: 'X', kind: 'dinas' },
      { code: 'OK', name: 'X', shortName: 'X', kind: 'galaxy' },
      { code: 'OK', name: 'X', shortName: 'X', kind: 'dinas', extra: 1 },
    ]) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/org/agencies',
        headers: admin,
        payload,
      });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json().error.code, 'platform.validation_failed');
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"code":',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'platform.malformed_body');
    const after = (await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM org_agencies'))
      .rows[0].n;
    assert.equal(after, before);
  });

  test('agency-scoped roles act only on their agency', async () => {
    const mine = await makeAgency(t.tdb.database, tenant);
    const other = await makeAgency(t.tdb.database, tenant);
    const op = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: mine.id },
      ])
    ).headers;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: op,
      payload: { nip: makeNip(11), name: 'Budi', agencyId: mine.id },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const no = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees',
      headers: op,
      payload: { nip: makeNip(12), name: 'Budi', agencyId: other.id },
    });
    assert.equal(no.statusCode, 403);
    assert.equal(no.json().error.code, 'platform.forbidden');
    const noAgency = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: op,
      payload: { code: 'NEW', name: 'X', shortName: 'X', kind: 'dinas' },
    });
    assert.equal(noAgency.statusCode, 403);
    const listed = await t.app.inject({ url: '/api/org/employees', headers: op });
    assert.ok(listed.json().items.every((e: { agencyId: string }) => e.agencyId === mine.id));
  });

  test('no credentials: 401; a token without the scope: 403', async () => {
    const anon = await t.app.inject({ url: '/api/org/agencies', headers: { host: admin.host! } });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'platform.unauthenticated');
    const readOnly = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }], ['org:*:read'])
    ).headers;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: readOnly,
      payload: { code: 'RO', name: 'X', shortName: 'X', kind: 'dinas' },
    });
    assert.equal(r.statusCode, 403);
    assert.equal(
      (await t.app.inject({ url: '/api/org/agencies', headers: readOnly })).statusCode,
      200,
    );
  });
});
