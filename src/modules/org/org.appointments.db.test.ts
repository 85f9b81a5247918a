import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import { on } from '../../platform/events/events.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as org from './org.service.js';
import './org.events.js';

/** ICT manager appointments (PBG19 art.17, BTM19 art.16) and the e-government unit flag. */
describe('org: ICT manager appointments and e-government units', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let admin: Record<string, string>;
  // The second tenant exists before the first request (hostnames are resolved from a cache).
  let tenant2: TenantRow;
  let admin2: Record<string, string>;
  let seq = 500;
  const events: Array<string | null> = [];
  const auditCount = async (action: string, targetId?: string) =>
    (
      await t.tdb.ownerPool.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = $1 AND ($2::text IS NULL OR target_id = $2::text)`,
        [action, targetId ?? null],
      )
    ).rows[0].n as number;
  const appointmentCount = async () =>
    (await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM org_ict_appointments')).rows[0]
      .n as number;

  const employee = (tn: TenantRow, agencyId: string, name = 'Pengelola TIK') =>
    asOperator(t.tdb.database, tn, (ctx) =>
      org.createEmployee(ctx, { nip: makeNip(++seq), name, agencyId }),
    );

  const post = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/org/ict-appointments', headers, payload });

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    tenant2 = await makeTenant(t.tdb.owner);
    admin2 = (await makeUserWithToken(t.tdb.database, tenant2, [{ role: 'ict_admin' }])).headers;
    on('org.structure.changed', async (_ctx, payload) => {
      events.push(payload.agencyId);
    });
  });
  after(() => t.close());

  test('create, list, change and remove an appointment: each audited and announced', async () => {
    const agency = await makeAgency(t.tdb.database, tenant);
    const person = await employee(tenant, agency.id, 'Rina Pratiwi, S.Kom.');
    events.length = 0;

    const created = await post(admin, {
      agencyId: agency.id,
      employeeId: person.id,
      decreeNumber: ' 800/123/2025 ',
      decreeDate: '2025-01-10',
      competence: 'Sertifikasi manajemen layanan TI',
      startsOn: '2025-01-15',
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json();
    assert.equal(a.decreeNumber, '800/123/2025');
    assert.equal(a.employeeName, 'Rina Pratiwi, S.Kom.');
    assert.equal(a.employeeNip, person.nip);
    assert.equal(a.endsOn, null);
    assert.equal(a.active, true);
    assert.equal(await auditCount('org.ict_appointment.created', a.id), 1);
    assert.deepEqual(events, [agency.id]);

    const listed = await t.app.inject({
      url: `/api/org/ict-appointments?agencyId=${agency.id}`,
      headers: admin,
    });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(
      listed.json().items.map((i: { id: string }) => i.id),
      [a.id],
    );

    const ended = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/ict-appointments/${a.id}`,
      headers: admin,
      payload: { endsOn: '2025-06-30' },
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().endsOn, '2025-06-30');
    assert.equal(ended.json().active, false);
    assert.equal(await auditCount('org.ict_appointment.updated', a.id), 1);
    const activeOnly = await t.app.inject({
      url: `/api/org/ict-appointments?agencyId=${agency.id}&active=true`,
      headers: admin,
    });
    assert.equal(activeOnly.json().items.length, 0);
    const inForce = await asOperator(t.tdb.database, tenant, (ctx) => org.activeIctManagers(ctx));
    assert.ok(!inForce.some((m) => m.id === a.id));
    const onDay = await asOperator(t.tdb.database, tenant, (ctx) =>
      org.activeIctManagers(ctx, '2025-03-01'),
    );
    assert.ok(onDay.some((m) => m.id === a.id));

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/org/ict-appointments/${a.id}`,
      headers: admin,
    });
    assert.equal(removed.statusCode, 204);
    assert.equal(await auditCount('org.ict_appointment.deleted', a.id), 1);
    assert.deepEqual(events, [agency.id, agency.id, agency.id]);
    const gone = await t.app.inject({ url: `/api/org/ict-appointments/${a.id}`, headers: admin });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'org.appointment_not_found');
  });

  test('bad input is refused with a stable code and changes nothing', async () => {
    const agency = await makeAgency(t.tdb.database, tenant);
    const other = await makeAgency(t.tdb.database, tenant);
    const mine = await employee(tenant, agency.id);
    const outsider = await employee(tenant, other.id);
    const valid = {
      agencyId: agency.id,
      employeeId: mine.id,
      decreeNumber: '800/1/2025',
      decreeDate: '2025-01-10',
      startsOn: '2025-01-15',
    };
    const countBefore = await appointmentCount();
    const auditBefore = await auditCount('org.ict_appointment.created');
    events.length = 0;

    const cases: Array<[object, number, string]> = [
      [{ ...valid, employeeId: outsider.id }, 400, 'org.appointment_employee_mismatch'],
      [
        { ...valid, employeeId: '00000000-0000-4000-8000-000000000000' },
        404,
        'org.employee_not_found',
      ],
      [{ ...valid, agencyId: '00000000-0000-4000-8000-000000000000' }, 404, 'org.agency_not_found'],
      [{ ...valid, endsOn: '2025-01-14' }, 400, 'org.appointment_ends_before_start'],
      [{ ...valid, decreeNumber: '   ' }, 400, 'org.appointment_decree_required'],
      [{ ...valid, decreeNumber: '' }, 400, 'platform.validation_failed'],
      [{ ...valid, decreeDate: '2025-02-30' }, 400, 'platform.validation_failed'],
      [{ ...valid, decreeDate: undefined }, 400, 'platform.validation_failed'],
      [{ ...valid, extra: true }, 400, 'platform.validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await post(admin, payload);
      assert.equal(r.statusCode, status, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
    }
    // The service checks dates itself too (the seed and other modules skip the HTTP schema).
    await assert.rejects(
      asOperator(t.tdb.database, tenant, (ctx) =>
        org.createIctAppointment(ctx, { ...valid, startsOn: '2025-13-01' }),
      ),
      (e: { code?: string }) => e.code === 'org.appointment_date_invalid',
    );

    const ok = await post(admin, valid);
    assert.equal(ok.statusCode, 201, ok.body);
    const id = ok.json().id as string;
    const patchCases: Array<[object, number, string]> = [
      [{ endsOn: '2024-12-31' }, 400, 'org.appointment_ends_before_start'],
      [{ startsOn: '2026-01-01', endsOn: '2025-12-31' }, 400, 'org.appointment_ends_before_start'],
      [{ employeeId: outsider.id }, 400, 'org.appointment_employee_mismatch'],
      [{ agencyId: other.id }, 400, 'platform.validation_failed'],
      [{}, 400, 'platform.validation_failed'],
    ];
    for (const [payload, status, code] of patchCases) {
      const r = await t.app.inject({
        method: 'PATCH',
        url: `/api/org/ict-appointments/${id}`,
        headers: admin,
        payload,
      });
      assert.equal(r.statusCode, status, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
    }
    const unchanged = await t.app.inject({
      url: `/api/org/ict-appointments/${id}`,
      headers: admin,
    });
    assert.equal(unchanged.json().endsOn, null);
    assert.equal(unchanged.json().startsOn, '2025-01-15');
    assert.equal(unchanged.json().employeeId, mine.id);
    assert.equal(await appointmentCount(), countBefore + 1);
    assert.equal(await auditCount('org.ict_appointment.created'), auditBefore + 1);
    assert.equal(await auditCount('org.ict_appointment.updated', id), 0);
    assert.deepEqual(events, [agency.id]);

    // An appointee cannot be deleted while the decree names them.
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/org/employees/${mine.id}`,
      headers: admin,
    });
    assert.equal(del.statusCode, 409);
    assert.equal(del.json().error.code, 'org.employee_has_appointment');
  });

  test("an agency admin manages their own agency's appointments only; everyone reads", async () => {
    const mine = await makeAgency(t.tdb.database, tenant);
    const other = await makeAgency(t.tdb.database, tenant);
    const myPerson = await employee(tenant, mine.id);
    const otherPerson = await employee(tenant, other.id);
    const agencyAdmin = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'agency_admin', agencyId: mine.id }])
    ).headers;
    const operator = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: mine.id },
      ])
    ).headers;
    const auditor = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }]))
      .headers;
    const base = { decreeNumber: '800/9/2025', decreeDate: '2025-02-01', startsOn: '2025-02-01' };

    const own = await post(agencyAdmin, { ...base, agencyId: mine.id, employeeId: myPerson.id });
    assert.equal(own.statusCode, 201, own.body);
    const foreign = await post(agencyAdmin, {
      ...base,
      agencyId: other.id,
      employeeId: otherPerson.id,
    });
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().error.code, 'platform.forbidden');
    const byOperator = await post(operator, {
      ...base,
      agencyId: mine.id,
      employeeId: myPerson.id,
    });
    assert.equal(byOperator.statusCode, 403);
    const byAuditor = await post(auditor, { ...base, agencyId: mine.id, employeeId: myPerson.id });
    assert.equal(byAuditor.statusCode, 403);

    const theirs = await post(admin, { ...base, agencyId: other.id, employeeId: otherPerson.id });
    assert.equal(theirs.statusCode, 201, theirs.body);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const r = await t.app.inject({
        method,
        url: `/api/org/ict-appointments/${theirs.json().id}`,
        headers: agencyAdmin,
        ...(method === 'PATCH' ? { payload: { endsOn: '2025-12-31' } } : {}),
      });
      assert.equal(r.statusCode, 403, `${method}: ${r.body}`);
    }
    const read = await t.app.inject({
      url: `/api/org/ict-appointments?agencyId=${other.id}`,
      headers: auditor,
    });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().items.length, 1);
    const anon = await t.app.inject({
      url: '/api/org/ict-appointments',
      headers: { host: admin.host! },
    });
    assert.equal(anon.statusCode, 401);
  });

  test("another tenant's appointments, agencies and employees are invisible", async () => {
    const agency = await makeAgency(t.tdb.database, tenant);
    const person = await employee(tenant, agency.id);
    const mine = await post(admin, {
      agencyId: agency.id,
      employeeId: person.id,
      decreeNumber: '800/77/2025',
      decreeDate: '2025-03-01',
      startsOn: '2025-03-01',
    });
    assert.equal(mine.statusCode, 201, mine.body);

    const list2 = await t.app.inject({ url: '/api/org/ict-appointments', headers: admin2 });
    assert.equal(list2.statusCode, 200);
    assert.equal(list2.json().items.length, 0);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const r = await t.app.inject({
        method,
        url: `/api/org/ict-appointments/${mine.json().id}`,
        headers: admin2,
        ...(method === 'PATCH' ? { payload: { endsOn: '2025-12-31' } } : {}),
      });
      assert.equal(r.statusCode, 404, `${method}: ${r.body}`);
    }
    // Tenant 2 cannot appoint tenant 1's employee, even to its own agency.
    const agency2 = await makeAgency(t.tdb.database, tenant2);
    const cross = await post(admin2, {
      agencyId: agency2.id,
      employeeId: person.id,
      decreeNumber: '1/2025',
      decreeDate: '2025-03-01',
      startsOn: '2025-03-01',
    });
    assert.equal(cross.statusCode, 404);
    assert.equal(cross.json().error.code, 'org.employee_not_found');
    const still = await t.app.inject({
      url: `/api/org/ict-appointments/${mine.json().id}`,
      headers: admin,
    });
    assert.equal(still.json().endsOn, null);
  });

  test('the e-government unit flag is accepted, returned, audited and announced when it changes', async () => {
    const agency = await makeAgency(t.tdb.database, tenant);
    events.length = 0;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/org/agencies/${agency.id}/units`,
      headers: admin,
      payload: { code: 'SPBE', name: 'Bidang Penyelenggaraan SPBE', isEgovUnit: true },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().isEgovUnit, true);
    const plain = await t.app.inject({
      method: 'POST',
      url: `/api/org/agencies/${agency.id}/units`,
      headers: admin,
      payload: { code: 'UMUM', name: 'Subbag Umum' },
    });
    assert.equal(plain.json().isEgovUnit, false);
    assert.deepEqual(events, [agency.id]);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/units/${created.json().id}`,
      headers: admin,
      payload: { name: 'Bidang SPBE' },
    });
    assert.equal(renamed.json().isEgovUnit, true);
    assert.deepEqual(events, [agency.id], 'a rename does not touch the e-government structure');

    const unflagged = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/units/${created.json().id}`,
      headers: admin,
      payload: { isEgovUnit: false },
    });
    assert.equal(unflagged.json().isEgovUnit, false);
    assert.deepEqual(events, [agency.id, agency.id]);
    assert.equal(await auditCount('org.unit.created', created.json().id), 1);
    assert.equal(await auditCount('org.unit.updated', created.json().id), 2);

    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/units/${created.json().id}`,
      headers: admin,
      payload: { isEgovUnit: 'yes please' },
    });
    assert.equal(bad.statusCode, 400);
    const listed = await t.app.inject({
      url: `/api/org/agencies/${agency.id}/units`,
      headers: admin,
    });
    assert.ok(listed.json().every((u: { isEgovUnit: boolean }) => u.isEgovUnit === false));
    const flagged = await asOperator(t.tdb.database, tenant, (ctx) => org.egovUnits(ctx));
    assert.ok(!flagged.some((u) => u.agencyId === agency.id));
  });

  test('creating, changing and removing an agency is announced', async () => {
    events.length = 0;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: admin,
      payload: { code: 'EVT-1', name: 'Dinas Peristiwa', shortName: 'DP', kind: 'dinas' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/org/agencies/${id}`,
      headers: admin,
      payload: { shortName: 'DPer' },
    });
    await t.app.inject({ method: 'DELETE', url: `/api/org/agencies/${id}`, headers: admin });
    assert.deepEqual(events, [id, id, id]);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/agencies/${id}`,
      headers: admin,
      payload: { shortName: 'X' },
    });
    assert.equal(refused.statusCode, 404);
    assert.deepEqual(events, [id, id, id]);
  });
});
