import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import { inTenantTx } from '../../platform/db/database.js';
import { tenants } from './db/schema.js';
import { mfaPolicyOf, type TenantRow } from './tenancy.service.js';

describe('tenant settings API', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let other: TenantRow;
  let admin: Record<string, string>;
  let operator: Record<string, string>;
  let auditor: Record<string, string>;

  const auditCount = async (action: string, tenantId = tenant.id) =>
    (
      await t.tdb.ownerPool.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND tenant_id = $2',
        [action, tenantId],
      )
    ).rows[0].n as number;
  const row = async (id: string) =>
    (await t.tdb.owner.select().from(tenants).where(eq(tenants.id, id)))[0]!;
  const patch = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: '/api/tenancy/settings', headers, payload });

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner, { regulationProfile: ['perbup-batang-50-2019'] });
    other = await makeTenant(t.tdb.owner, { officialDomain: 'lainkab.go.id' });
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    operator = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }]))
      .headers;
    auditor = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }])).headers;
  });
  after(() => t.close());

  test('GET answers the settings with the default MFA policy; readers may read', async () => {
    for (const headers of [admin, operator, auditor]) {
      const res = await t.app.inject({ url: '/api/tenancy/settings', headers });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.code, tenant.code);
      assert.equal(body.timeZone, 'Asia/Jakarta');
      assert.deepEqual(body.regulationProfile, ['perbup-batang-50-2019']);
      assert.deepEqual(body.mfaPolicy, { requiredRoles: ['ict_admin'] });
    }
    const agencyAdmin = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'agency_operator' }])
    ).headers;
    const denied = await t.app.inject({ url: '/api/tenancy/settings', headers: agencyAdmin });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'platform.forbidden');
  });

  test('the regulation profiles are the five known regulations', async () => {
    const res = await t.app.inject({ url: '/api/tenancy/regulation-profiles', headers: auditor });
    assert.equal(res.statusCode, 200);
    const codes = res.json().items.map((i: { code: string }) => i.code);
    assert.deepEqual(codes, [
      'perbup-batang-50-2019',
      'perbup-batang-53-2015',
      'perbup-batang-hari-19-2017',
      'perbup-purbalingga-56-2019',
      'perda-barito-timur-7-2019',
    ]);
    assert.ok(res.json().items.every((i: { title: string }) => i.title.startsWith('Peraturan')));
  });

  test('operators and auditors may not change the settings', async () => {
    const beforeRow = await row(tenant.id);
    for (const headers of [operator, auditor]) {
      const res = await patch(headers, { name: 'Diubah Operator' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'platform.forbidden');
    }
    assert.equal((await row(tenant.id)).name, beforeRow.name);
    assert.equal(await auditCount('tenancy.settings.updated'), 0);
  });

  test('invalid values are refused with their own code and change nothing', async () => {
    const beforeRow = await row(tenant.id);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ name: 'Baru', timeZone: 'Asia/Atlantis' }, 400, 'tenancy.time_zone_invalid'],
      [{ timeZone: '+07:00' }, 400, 'tenancy.time_zone_invalid'],
      [{ officialDomain: 'https://batangkab.go.id/' }, 400, 'tenancy.domain_invalid'],
      [{ officialDomain: 'localhost' }, 400, 'tenancy.domain_invalid'],
      [{ officialDomain: 'LainKab.go.id' }, 409, 'tenancy.domain_taken'],
      [
        { regulationProfile: ['perbup-batang-50-2019', 'perda-x'] },
        400,
        'tenancy.regulation_unknown',
      ],
      [{ mfaPolicy: { requiredRoles: ['ict_admin', 'root'] } }, 400, 'tenancy.mfa_role_unknown'],
      [{ logoUrl: 'javascript:alert(1)' }, 400, 'tenancy.logo_url_invalid'],
      [{ logoUrl: '//evil.example/logo.png' }, 400, 'tenancy.logo_url_invalid'],
      [{ hostnames: ['evil.example'] }, 400, 'platform.validation_failed'],
      [{}, 400, 'platform.validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await patch(admin, payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json().error.code, code, JSON.stringify(payload));
    }
    assert.deepEqual(await row(tenant.id), beforeRow);
    assert.equal(await auditCount('tenancy.settings.updated'), 0);
  });

  test('an ICT admin changes the settings; the change is audited in the same write', async () => {
    const res = await patch(admin, {
      name: '  Pemerintah Kabupaten Uji Baru ',
      timeZone: 'asia/makassar',
      officialDomain: 'Portal.UjiKab.go.id',
      logoUrl: '/files/logo.svg',
      regulationProfile: ['perda-barito-timur-7-2019', 'perda-barito-timur-7-2019'],
      mfaPolicy: { requiredRoles: ['auditor', 'ict_admin', 'auditor'] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.name, 'Pemerintah Kabupaten Uji Baru');
    assert.equal(body.timeZone, 'Asia/Makassar');
    assert.equal(body.officialDomain, 'portal.ujikab.go.id');
    assert.equal(body.logoUrl, '/files/logo.svg');
    assert.deepEqual(body.regulationProfile, ['perda-barito-timur-7-2019']);
    assert.deepEqual(body.mfaPolicy, { requiredRoles: ['ict_admin', 'auditor'] });

    const stored = await row(tenant.id);
    assert.equal(stored.timeZone, 'Asia/Makassar');
    assert.deepEqual((stored.settings as { mfaPolicy: unknown }).mfaPolicy, {
      requiredRoles: ['ict_admin', 'auditor'],
    });
    assert.equal(
      (await asOperator(t.tdb.database, stored, (ctx) => mfaPolicyOf(ctx))).requiredRoles.join(),
      'ict_admin,auditor',
    );

    assert.equal(await auditCount('tenancy.settings.updated'), 1);
    const ev = await t.tdb.ownerPool.query(
      `SELECT target_type, target_id, before_digest, after_digest, data FROM audit_events
        WHERE action = 'tenancy.settings.updated'`,
    );
    assert.equal(ev.rows[0].target_type, 'tenant');
    assert.equal(ev.rows[0].target_id, tenant.id);
    assert.ok(ev.rows[0].before_digest && ev.rows[0].after_digest);
    assert.notEqual(ev.rows[0].before_digest, ev.rows[0].after_digest);
    assert.deepEqual(ev.rows[0].data.changed.sort(), [
      'logoUrl',
      'mfaPolicy',
      'name',
      'officialDomain',
      'regulationProfile',
      'timeZone',
    ]);

    // Other settings keys survive an MFA policy change; clearing the domain and logo works.
    await t.tdb.ownerPool.query(
      `UPDATE tenants SET settings = settings || '{"other": 1}'::jsonb WHERE id = $1`,
      [tenant.id],
    );
    const cleared = await patch(admin, {
      officialDomain: null,
      logoUrl: '',
      mfaPolicy: { requiredRoles: [] },
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().officialDomain, null);
    assert.equal(cleared.json().logoUrl, null);
    assert.deepEqual(cleared.json().mfaPolicy, { requiredRoles: [] });
    assert.equal(((await row(tenant.id)).settings as { other: number }).other, 1);
    assert.equal(await auditCount('tenancy.settings.updated'), 2);
  });

  test('row-level security: one tenant cannot change another', async () => {
    const otherBefore = await row(other.id);
    // A transaction of the first tenant that targets the second tenant's row updates nothing.
    const updated = await inTenantTx(t.tdb.database, { tenantId: tenant.id }, (tx) =>
      tx
        .update(tenants)
        .set({ name: 'Dibajak', timeZone: 'UTC' })
        .where(eq(tenants.id, other.id))
        .returning(),
    );
    assert.deepEqual(updated, []);
    assert.deepEqual(await row(other.id), otherBefore);

    // The first tenant's admin token is not valid on the second tenant's host.
    const res = await patch({ ...admin, host: other.hostnames[0]! }, { name: 'Dibajak lewat API' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(await row(other.id), otherBefore);
    assert.equal(await auditCount('tenancy.settings.updated', other.id), 0);
  });
});
