import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { makeAgency, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import { on } from '../../platform/events/events.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';

type Headers = Record<string, string>;

/** Every registry event raised while the tests run, in order. */
const events: Array<{ name: string; kind: string; id: string }> = [];
on('catalog.record.changed', async (_ctx, p) => {
  events.push({ name: 'changed', ...p });
});
on('catalog.record.removed', async (_ctx, p) => {
  events.push({ name: 'removed', ...p });
});

describe('catalog records API', () => {
  let t: TestApp;
  let tenant: TenantRow;
  /** An ICT admin of a second tenant (made before the first request: tenants are cached). */
  let otherAdmin: Headers;
  let ict: Headers;
  let agencyA: { id: string };
  let agencyB: { id: string };

  const inject = (method: string, url: string, headers: Headers, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const count = async (table: string) =>
    (await t.tdb.ownerPool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  const auditCount = async (action: string) =>
    (
      await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [
        action,
      ])
    ).rows[0].n as number;

  const app = (agencyId: string, extra: object = {}) => ({
    agencyId,
    name: 'Sistem Informasi Kepegawaian',
    kind: 'specific',
    developer: 'in_house',
    licence: 'closed',
    licenceName: 'Proprietary',
    hosting: 'regional_dc',
    lifecycle: 'production',
    ...extra,
  });

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    const other = await makeTenant(t.tdb.owner);
    otherAdmin = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
    ict = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    agencyA = await makeAgency(t.tdb.database, tenant);
    agencyB = await makeAgency(t.tdb.database, tenant);
  });
  after(() => t.close());

  test('the ICT office registers, reads, changes and removes each kind directly, audited', async () => {
    const samples: Record<string, object> = {
      services: {
        agencyId: agencyA.id,
        name: 'Pembuatan KTP-el',
        kind: 'public',
        targetUsers: 'Penduduk',
        channels: ['counter', 'web', 'web'],
        refCode: 'RAL.01.23',
      },
      processes: { agencyId: agencyA.id, name: 'Pengelolaan Keuangan', refCode: 'RAB.09.02' },
      applications: app(agencyA.id, {
        refCode: 'RAA.02.02',
        urls: ['https://simpeg.example.go.id'],
      }),
      infrastructure: { agencyId: agencyA.id, name: 'Pusat Data Daerah', kind: 'data_center' },
      'data-assets': {
        agencyId: agencyA.id,
        name: 'Data Kepegawaian',
        databaseGroup: 'staffing',
        classification: 'limited',
        refCode: 'RAD.01',
      },
    };
    const kinds: Record<string, string> = {
      services: 'service',
      processes: 'process',
      applications: 'application',
      infrastructure: 'infrastructure',
      'data-assets': 'data_asset',
    };
    for (const [seg, body] of Object.entries(samples)) {
      const kind = kinds[seg]!;
      const created = await inject('POST', `/api/catalog/${seg}`, ict, body);
      assert.equal(created.statusCode, 201, created.body);
      const rec = created.json();
      assert.equal(rec.reviewState, 'approved');
      assert.equal(rec.version, 1);
      assert.equal(rec.applied, true);
      assert.equal(await auditCount(`catalog.${kind}.created`), 1);
      assert.deepEqual(events.at(-1), { name: 'changed', kind, id: rec.id });
      if ('refCode' in body) {
        assert.ok(rec.refCodeSetId, 'the cited code set is stamped');
        assert.ok(rec.refCodeName);
      }

      const got = await inject('GET', `/api/catalog/${seg}/${rec.id}`, ict);
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().agencyName !== null, true);
      assert.equal(got.json().pendingChange, null);

      const patched = await inject('PATCH', `/api/catalog/${seg}/${rec.id}`, ict, {
        version: 1,
        description: 'Diperbarui',
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().version, 2);
      assert.equal(patched.json().description, 'Diperbarui');
      assert.equal(await auditCount(`catalog.${kind}.updated`), 1);
      const trail = await t.tdb.ownerPool.query(
        `SELECT before_digest, after_digest, target_id FROM audit_events WHERE action = $1`,
        [`catalog.${kind}.updated`],
      );
      assert.equal(trail.rows[0].target_id, rec.id);
      assert.ok(trail.rows[0].before_digest && trail.rows[0].after_digest, 'before and after kept');
      assert.notEqual(trail.rows[0].before_digest, trail.rows[0].after_digest);

      const conflict = await inject('PATCH', `/api/catalog/${seg}/${rec.id}`, ict, {
        version: 1,
        description: 'Lama',
      });
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().error.code, 'catalog.version_conflict');

      const removed = await inject('DELETE', `/api/catalog/${seg}/${rec.id}`, ict);
      assert.equal(removed.statusCode, 204);
      assert.equal(await auditCount(`catalog.${kind}.deleted`), 1);
      assert.deepEqual(events.at(-1), { name: 'removed', kind, id: rec.id });
      const gone = await inject('GET', `/api/catalog/${seg}/${rec.id}`, ict);
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error.code, 'catalog.record_not_found');
    }
    const services = (await inject('POST', '/api/catalog/services', ict, samples.services!)).json();
    assert.deepEqual(services.channels, ['counter', 'web']);
  });

  test('bad input is refused with a stable code naming the field, and changes nothing', async () => {
    const shared = (
      await inject('POST', '/api/catalog/applications', ict, app(agencyA.id, { kind: 'shared' }))
    ).json();
    const specific = (
      await inject('POST', '/api/catalog/applications', ict, app(agencyA.id, { name: 'Khusus' }))
    ).json();
    const room = (
      await inject('POST', '/api/catalog/infrastructure', ict, {
        agencyId: agencyA.id,
        name: 'Ruang Server',
        kind: 'room',
      })
    ).json();
    const nowhere = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, object, string, string | null]> = [
      [
        'applications',
        app(agencyA.id, { urls: ['ftp://x.example'] }),
        'platform.validation_failed',
        null,
      ],
      [
        'applications',
        app(agencyA.id, { hostingCountry: 'id' }),
        'platform.validation_failed',
        null,
      ],
      [
        'applications',
        app(agencyA.id, { hostingCountry: 'XX' }),
        'catalog.field_invalid',
        'hostingCountry',
      ],
      [
        'applications',
        app(agencyA.id, { developer: 'vendor' }),
        'catalog.field_required',
        'contractRef',
      ],
      [
        'applications',
        app(agencyA.id, { licenceName: null }),
        'catalog.field_required',
        'licenceName',
      ],
      [
        'applications',
        app(agencyA.id, { assessedAt: '2025-01-10' }),
        'catalog.field_required',
        'assessmentResult',
      ],
      [
        'applications',
        app(agencyA.id, { duplicatesId: specific.id }),
        'catalog.duplicate_target_invalid',
        'duplicatesId',
      ],
      [
        'applications',
        app(agencyA.id, { kind: 'shared', duplicatesId: shared.id }),
        'catalog.duplicate_target_invalid',
        'duplicatesId',
      ],
      [
        'applications',
        app(agencyA.id, { ranBeforeShared: true }),
        'catalog.field_invalid',
        'ranBeforeShared',
      ],
      ['applications', app(nowhere), 'catalog.agency_unknown', 'agencyId'],
      ['applications', app(agencyA.id, { refCode: 'RAL.01' }), 'catalog.code_invalid', null],
      ['applications', app(agencyA.id, { refCode: 'RAA.77' }), 'catalog.code_unknown', null],
      ['applications', app(agencyA.id, { extra: 1 }), 'platform.validation_failed', null],
      [
        'infrastructure',
        { agencyId: agencyA.id, name: 'R', kind: 'rack', managingAgencyId: nowhere },
        'catalog.agency_unknown',
        'managingAgencyId',
      ],
      [
        'infrastructure',
        { agencyId: agencyA.id, name: 'S', kind: 'server', parentId: room.id },
        'catalog.parent_invalid',
        'parentId',
      ],
      [
        'infrastructure',
        { agencyId: agencyA.id, name: 'DC', kind: 'data_center', parentId: room.id },
        'catalog.parent_invalid',
        'parentId',
      ],
      [
        'infrastructure',
        { agencyId: agencyA.id, name: 'VM', kind: 'virtual_machine', ipAddress: '10.0.0.300' },
        'catalog.field_invalid',
        'ipAddress',
      ],
      [
        'data-assets',
        {
          agencyId: agencyA.id,
          name: 'D',
          databaseGroup: 'staffing',
          classification: 'open',
          stewardEmployeeId: nowhere,
        },
        'catalog.field_invalid',
        'stewardEmployeeId',
      ],
      [
        'data-assets',
        { agencyId: agencyA.id, name: 'D', databaseGroup: 'galaxy', classification: 'open' },
        'platform.validation_failed',
        null,
      ],
    ];
    const tables = ['catalog_applications', 'catalog_infrastructure', 'catalog_data_assets'];
    const counts = async () => Promise.all(tables.map(count));
    const beforeCounts = await counts();
    const auditBefore = await count('audit_events');
    for (const [seg, body, code, field] of cases) {
      const r = await inject('POST', `/api/catalog/${seg}`, ict, body);
      assert.equal(r.json().error?.code, code, `${JSON.stringify(body)}: ${r.body}`);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500);
      if (field) assert.equal(r.json().error.details.field, field, r.body);
    }
    assert.deepEqual(await counts(), beforeCounts);
    // The built-in code sets may load on the first code lookup; no record was written.
    const audited = await t.tdb.ownerPool.query(
      `SELECT action FROM audit_events ORDER BY occurred_at OFFSET $1`,
      [auditBefore],
    );
    assert.ok(audited.rows.every((r) => r.action === 'catalog.code_set.loaded'));

    // The same rules hold on update, and a refused update changes nothing.
    const r = await inject('PATCH', `/api/catalog/applications/${specific.id}`, ict, {
      version: specific.version,
      developer: 'vendor',
    });
    assert.equal(r.json().error.code, 'catalog.field_required');
    const still = (await inject('GET', `/api/catalog/applications/${specific.id}`, ict)).json();
    assert.equal(still.developer, 'in_house');
    assert.equal(still.version, specific.version);
  });

  test('the infrastructure hierarchy: room in a data center, rack in a room, server in a rack, VM on a server', async () => {
    const post = async (body: object) => {
      const r = await inject('POST', '/api/catalog/infrastructure', ict, {
        agencyId: agencyA.id,
        ...body,
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json();
    };
    const dc = await post({ name: 'DC Batang', kind: 'data_center', managingAgencyId: agencyB.id });
    assert.equal(dc.managingAgencyId, agencyB.id);
    const room = await post({ name: 'Ruang 1', kind: 'room', parentId: dc.id });
    const rack = await post({ name: 'Rak A', kind: 'rack', parentId: room.id });
    const server = await post({
      name: 'Srv 1',
      kind: 'server',
      parentId: rack.id,
      ipAddress: '10.1.1.5',
    });
    const vm = await post({ name: 'VM 1', kind: 'virtual_machine', parentId: server.id });
    assert.equal(vm.parentId, server.id);
    assert.equal(rack.managingAgencyId, agencyA.id, 'the owner manages unless told otherwise');

    const children = await inject('GET', `/api/catalog/infrastructure?parentId=${rack.id}`, ict);
    assert.deepEqual(
      children.json().items.map((i: { id: string }) => i.id),
      [server.id],
    );
    // A room turned into a server would orphan its racks; a room with racks cannot be removed.
    const morph = await inject('PATCH', `/api/catalog/infrastructure/${room.id}`, ict, {
      version: room.version,
      kind: 'server',
      parentId: null,
    });
    assert.equal(morph.json().error.code, 'catalog.parent_invalid');
    const del = await inject('DELETE', `/api/catalog/infrastructure/${room.id}`, ict);
    assert.equal(del.statusCode, 409);
    assert.equal(del.json().error.code, 'catalog.record_in_use');
  });

  test('a shared application duplicated by a look-alike cannot be removed or made specific', async () => {
    const shared = (
      await inject(
        'POST',
        '/api/catalog/applications',
        ict,
        app(agencyA.id, { kind: 'shared', name: 'SRIKANDI' }),
      )
    ).json();
    const lookAlike = await inject(
      'POST',
      '/api/catalog/applications',
      ict,
      app(agencyB.id, { name: 'e-Surat', duplicatesId: shared.id, ranBeforeShared: true }),
    );
    assert.equal(lookAlike.statusCode, 201, lookAlike.body);
    const del = await inject('DELETE', `/api/catalog/applications/${shared.id}`, ict);
    assert.equal(del.json().error.code, 'catalog.record_in_use');
    const morph = await inject('PATCH', `/api/catalog/applications/${shared.id}`, ict, {
      version: shared.version,
      kind: 'specific',
    });
    assert.equal(morph.json().error.code, 'catalog.record_in_use');
  });

  test('lists: search, filters, facets that count under the other filters, paging and sorting', async () => {
    const agencyC = await makeAgency(t.tdb.database, tenant);
    const agencyD = await makeAgency(t.tdb.database, tenant);
    const specs = [
      {
        name: 'Zeta Portal',
        lifecycle: 'production',
        hosting: 'regional_dc',
        urls: ['https://zeta.batang.go.id'],
      },
      { name: 'Alpha Kasir', lifecycle: 'production', hosting: 'commercial_cloud' },
      { name: 'Beta Arsip', lifecycle: 'development', hosting: 'commercial_cloud' },
      { name: 'Gamma Gaji', lifecycle: 'retired', hosting: 'regional_dc', agencyId: agencyD.id },
    ];
    for (const sp of specs) {
      const r = await inject('POST', '/api/catalog/applications', ict, app(agencyC.id, sp));
      assert.equal(r.statusCode, 201, r.body);
    }
    const list = async (qs: string) => {
      const r = await inject('GET', `/api/catalog/applications?${qs}`, ict);
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const mine = `agencyId=${agencyC.id}&agencyId=${agencyD.id}`;
    const all = await list(mine);
    assert.equal(all.total, 4);
    assert.deepEqual(
      all.items.map((i: { name: string }) => i.name),
      ['Alpha Kasir', 'Beta Arsip', 'Gamma Gaji', 'Zeta Portal'],
    );
    const agencyFacet = Object.fromEntries(
      all.facets.agencyId.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    assert.equal(agencyFacet[agencyC.id], 3);
    assert.equal(agencyFacet[agencyD.id], 1);
    assert.ok(Object.keys(agencyFacet).length > 2, 'the agency facet ignores its own filter');

    const prod = await list(`${mine}&lifecycle=production`);
    assert.equal(prod.total, 2);
    const lifecycles = Object.fromEntries(
      prod.facets.lifecycle.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    assert.deepEqual(lifecycles, { production: 2, development: 1, retired: 1 });
    const hostings = Object.fromEntries(
      prod.facets.hosting.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    assert.deepEqual(
      hostings,
      { regional_dc: 1, commercial_cloud: 1 },
      'under the lifecycle filter',
    );

    const two = await list(`${mine}&lifecycle=production&lifecycle=development`);
    assert.equal(two.total, 3);

    const search = await list(`${mine}&q=ZETA.BATANG`);
    assert.deepEqual(
      search.items.map((i: { name: string }) => i.name),
      ['Zeta Portal'],
      'search covers URLs, case-insensitively',
    );
    const page2 = await list(`${mine}&pageSize=3&page=2&sort=-name`);
    assert.equal(page2.total, 4);
    assert.deepEqual(
      page2.items.map((i: { name: string }) => i.name),
      ['Alpha Kasir'],
    );
    const bad = await inject('GET', '/api/catalog/applications?lifecycle=everlasting', ict);
    assert.equal(bad.statusCode, 400);
    const tooBig = await inject('GET', '/api/catalog/applications?pageSize=1000', ict);
    assert.equal(tooBig.statusCode, 400);
  });

  test('who may write: no credentials 401, readers 403, agency staff only for their agency', async () => {
    const anon = await t.app.inject({ url: '/api/catalog/services', headers: { host: ict.host! } });
    assert.equal(anon.statusCode, 401);
    const rec = (
      await inject('POST', '/api/catalog/applications', ict, app(agencyA.id, { name: 'Target' }))
    ).json();
    const regent = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'regent' }])).headers;
    const opB = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: agencyB.id },
      ])
    ).headers;
    const readOnly = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }], ['catalog:*:read'])
    ).headers;
    const before = await count('catalog_applications');
    const changesBefore = await count('catalog_change_requests');
    for (const h of [regent, readOnly]) {
      assert.equal((await inject('GET', '/api/catalog/applications', h)).statusCode, 200);
      assert.equal((await inject('GET', `/api/catalog/applications/${rec.id}`, h)).statusCode, 200);
    }
    // A write without a valid credential: an unknown bearer token (with none at all the CSRF
    // check refuses first).
    const anonHeaders = { host: ict.host!, authorization: 'Bearer spl_not-a-real-token' };
    for (const [h, status] of [
      [anonHeaders, 401],
      [regent, 403],
      [readOnly, 403],
      [opB, 403],
    ] as const) {
      const c = await inject('POST', '/api/catalog/applications', h, app(agencyA.id));
      assert.equal(c.statusCode, status, c.body);
      const u = await inject('PATCH', `/api/catalog/applications/${rec.id}`, h, {
        version: rec.version,
        name: 'X',
      });
      assert.equal(u.statusCode, status, u.body);
      const d = await inject('DELETE', `/api/catalog/applications/${rec.id}`, h);
      assert.equal(d.statusCode, status, d.body);
    }
    assert.equal(await count('catalog_applications'), before);
    assert.equal(await count('catalog_change_requests'), changesBefore);
  });

  test("tenant isolation: another tenant neither sees nor changes this tenant's records", async () => {
    const rec = (
      await inject('POST', '/api/catalog/applications', ict, app(agencyA.id, { name: 'Rahasia A' }))
    ).json();
    const list = await inject('GET', '/api/catalog/applications?q=Rahasia', otherAdmin);
    assert.equal(list.json().total, 0);
    assert.equal(list.json().facets.agencyId.length, 0);
    assert.equal(
      (await inject('GET', `/api/catalog/applications/${rec.id}`, otherAdmin)).statusCode,
      404,
    );
    const patch = await inject('PATCH', `/api/catalog/applications/${rec.id}`, otherAdmin, {
      version: 1,
      name: 'Dirampas',
    });
    assert.equal(patch.statusCode, 404);
    assert.equal(
      (await inject('DELETE', `/api/catalog/applications/${rec.id}`, otherAdmin)).statusCode,
      404,
    );
    // Nor can it point at this tenant's agency or records.
    const cross = await inject('POST', '/api/catalog/applications', otherAdmin, app(agencyA.id));
    assert.equal(cross.json().error.code, 'catalog.agency_unknown');
    const still = (await inject('GET', `/api/catalog/applications/${rec.id}`, ict)).json();
    assert.equal(still.name, 'Rahasia A');
  });
});
