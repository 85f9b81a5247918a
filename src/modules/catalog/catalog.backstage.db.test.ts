import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import * as org from '../org/org.service.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import { NameRegistry, slugify } from './catalog.backstage.js';

const NIP_STEWARD = makeNip(51, { birth: '19850505', appointed: '201001', gender: 2 });
const NIP_MANAGER = makeNip(52, { birth: '19790303', appointed: '200401', gender: 1 });

async function workbook(sheets: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const KIND_VALIDATORS = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/** The policies Backstage's catalog applies to every entity it reads. */
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

async function validate(entity: Entity): Promise<void> {
  const checked = await policy.enforce(entity);
  assert.ok(checked, `${entity.kind}:${entity.metadata.name} rejected by the policies`);
  let known = false;
  for (const v of KIND_VALIDATORS) {
    if (await v.check(entity)) known = true;
  }
  assert.ok(known, `${entity.kind}:${entity.metadata.name} is not a known kind`);
}

describe('catalog Backstage export', () => {
  let t: TestApp;
  let a: TenantRow;
  let b: TenantRow;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  let operatorA: Record<string, string>;
  const OPENAPI = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'SRIKANDI API', version: '1.0.0' },
    paths: { '/naskah': { get: { responses: { '200': { description: 'OK' } } } } },
  });

  before(async () => {
    t = await createTestApp();
    a = await makeTenant(t.tdb.owner, { name: 'Pemerintah Kabupaten Contoh' });
    b = await makeTenant(t.tdb.owner);
    const kominfo = await makeAgency(t.tdb.database, a, {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
      isIctOffice: true,
    });
    const dukcapil = await makeAgency(t.tdb.database, a, {
      code: 'DUKCAPIL',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
    });
    await makeAgency(t.tdb.database, a, {
      code: 'KEC.SELATAN',
      name: 'Kecamatan Selatan',
      kind: 'kecamatan',
      parentId: dukcapil.id,
    } as never);
    await makeAgency(t.tdb.database, b, { code: 'DISKOMINFO', name: 'Diskominfo B' });
    await asOperator(t.tdb.database, a, async (ctx) => {
      await org.createEmployee(ctx, {
        nip: NIP_STEWARD,
        name: 'Rina Walidata',
        agencyId: dukcapil.id,
      });
      const manager = await org.createEmployee(ctx, {
        nip: NIP_MANAGER,
        name: 'Budi Pengelola TIK',
        agencyId: kominfo.id,
      });
      await org.createIctAppointment(ctx, {
        agencyId: kominfo.id,
        employeeId: manager.id,
        decreeNumber: '800/1/2025',
        decreeDate: '2025-01-02',
        startsOn: '2025-01-02',
      });
    });
    adminA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }])).headers;
    adminB = (await makeUserWithToken(t.tdb.database, b, [{ role: 'ict_admin' }])).headers;
    operatorA = (
      await makeUserWithToken(t.tdb.database, a, [
        { role: 'agency_operator', agencyId: dukcapil.id },
      ])
    ).headers;

    const file = await workbook({
      services: [
        ['agency_code', 'name', 'ref_code', 'kind', 'target_users'],
        ['DUKCAPIL', 'Layanan KTP-el', 'RAL.01.23', 'public', 'Penduduk'],
        ['DISKOMINFO', 'Tata Naskah Dinas', 'RAL.02.08', 'administrative', 'ASN'],
      ],
      applications: [
        [
          'agency_code',
          'name',
          'ref_code',
          'kind',
          'developer',
          'licence',
          'hosting',
          'lifecycle',
          'urls',
        ],
        [
          'DISKOMINFO',
          'SRIKANDI',
          'RAA.01.02',
          'shared',
          'national',
          'closed',
          'national_dc',
          'production',
          'https://srikandi.go.id',
        ],
        [
          'DUKCAPIL',
          'Portal PPID',
          'RAA.02.02',
          'specific',
          'in_house',
          'open',
          'regional_dc',
          'development',
          '',
        ],
        [
          'DISKOMINFO',
          'Portal  PPID!',
          'RAA.02.02',
          'specific',
          'in_house',
          'open',
          'regional_dc',
          'retired',
          '',
        ],
        [
          'DISKOMINFO',
          'Sistem Informasi Pengelolaan Keuangan Daerah Terintegrasi Kabupaten Contoh Versi Dua',
          '',
          'specific',
          'vendor',
          'closed',
          'regional_dc',
          'planned',
          '',
        ],
      ],
      infrastructure: [
        ['agency_code', 'name', 'kind', 'parent_agency_code', 'parent_name'],
        ['DISKOMINFO', 'Server Fisik 1', 'server', '', ''],
        ['DISKOMINFO', 'VM Aplikasi', 'virtual_machine', 'DISKOMINFO', 'Server Fisik 1'],
      ],
      'data-assets': [
        ['agency_code', 'name', 'ref_code', 'database_group', 'classification', 'steward_nip'],
        [
          'DUKCAPIL',
          'Basis Data Kependudukan',
          'RAD.09.06.06',
          'population',
          'closed',
          NIP_STEWARD,
        ],
      ],
    });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...adminA, 'content-type': 'application/octet-stream' },
      payload: file,
    });
    assert.equal(imported.statusCode, 200, imported.body);

    // Relations and APIs, written straight into the tables (their routes belong to other work).
    const id = async (table: string, name: string) =>
      (
        await t.tdb.ownerPool.query(`SELECT id FROM ${table} WHERE tenant_id = $1 AND name = $2`, [
          a.id,
          name,
        ])
      ).rows[0].id as string;
    const srikandi = await id('catalog_applications', 'SRIKANDI');
    const ppid = await id('catalog_applications', 'Portal PPID');
    const vm = await id('catalog_infrastructure', 'VM Aplikasi');
    const ktp = await id('catalog_services', 'Layanan KTP-el');
    const naskah = await id('catalog_services', 'Tata Naskah Dinas');
    const data = await id('catalog_data_assets', 'Basis Data Kependudukan');
    const api = await t.tdb.ownerPool.query(
      `INSERT INTO catalog_application_apis (tenant_id, application_id, name, version, base_url)
       VALUES ($1, $2, 'Naskah', 'v1', 'https://srikandi.go.id/api') RETURNING id`,
      [a.id, srikandi],
    );
    await t.tdb.ownerPool.query(
      `INSERT INTO catalog_application_apis (tenant_id, application_id, name, version, openapi_url)
       VALUES ($1, $2, 'Permohonan', 'v2', 'https://ppid.example.go.id/openapi.json')`,
      [a.id, ppid],
    );
    const rel = (
      type: string,
      fk: string,
      fromId: string,
      tk: string,
      toId: string,
      apiId?: string,
    ) =>
      t.tdb.ownerPool.query(
        `INSERT INTO catalog_relations (tenant_id, type, from_kind, from_id, to_kind, to_id, api_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [a.id, type, fk, fromId, tk, toId, apiId ?? null],
      );
    await rel('supports', 'application', srikandi, 'service', naskah);
    await rel('supports', 'application', ppid, 'service', ktp);
    await rel('runs_on', 'application', ppid, 'infrastructure', vm);
    await rel('reads', 'application', ppid, 'data_asset', data);
    await rel('calls', 'application', ppid, 'application', srikandi, api.rows[0].id);

    // The OpenAPI document through the API route (stored in file storage).
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/apis/${api.rows[0].id}/openapi`,
      headers: { ...adminA, 'content-type': 'application/json' },
      payload: OPENAPI,
    });
    assert.ok(put.statusCode < 300, put.body);
  });
  after(() => t.close());

  test('slugify and NameRegistry make valid, unique, stable names', () => {
    assert.equal(
      slugify('Dinas Pekerjaan Umum & Penataan Ruang', 'x'),
      'dinas-pekerjaan-umum-penataan-ruang',
    );
    assert.equal(slugify('Sékolah  Ñusantara', 'x'), 'sekolah-nusantara');
    assert.equal(slugify('!!!', 'fallback-1'), 'fallback-1');
    const long = slugify('a'.repeat(62) + ' bc', 'x');
    assert.ok(long.length <= 63 && !long.endsWith('-'));
    const names = new NameRegistry();
    assert.equal(names.claim('component', 'Portal PPID', 'x'), 'portal-ppid');
    assert.equal(names.claim('component', 'Portal  PPID!', 'x'), 'portal-ppid-2');
    assert.equal(names.claim('resource', 'Portal PPID', 'x'), 'portal-ppid');
    const longer = names.claim('component', 'b'.repeat(70), 'x');
    const again = names.claim('component', 'b'.repeat(70), 'x');
    assert.equal(longer.length, 63);
    assert.ok(again.length <= 63 && again.endsWith('-2'));
  });

  test('every exported entity passes Backstage validation; kinds, names and relations hold', async () => {
    const res = await t.app.inject({ url: '/api/catalog/export/backstage', headers: operatorA });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/yaml/);
    assert.match(res.headers['content-disposition'] as string, /catalog-info/);
    const docs = parseAllDocuments(res.body);
    const entities = docs.map((d) => {
      assert.equal(d.errors.length, 0);
      return d.toJS() as Entity;
    });
    for (const e of entities) await validate(e);
    // The validators are not vacuous: a bad name or a missing owner is refused.
    const component = entities.find((e) => e.kind === 'Component')!;
    await assert.rejects(validate({ ...component, metadata: { name: 'not valid!' } }));
    await assert.rejects(validate({ ...component, spec: { type: 'website', lifecycle: 'x' } }));

    const ofKind = (kind: string) => entities.filter((e) => e.kind === kind);
    const find = (kind: string, title: string) => {
      const e = ofKind(kind).find((x) => x.metadata.title === title);
      assert.ok(e, `${kind} ${title}`);
      return e;
    };
    // Names are unique per kind.
    for (const kind of new Set(entities.map((e) => e.kind))) {
      const names = ofKind(kind).map((e) => e.metadata.name.toLowerCase());
      assert.equal(new Set(names).size, names.length, kind);
    }
    assert.deepEqual(
      ofKind('Group').map((g) => [g.metadata.name, g.spec!.type]),
      [
        ['diskominfo', 'agency'],
        ['dukcapil', 'agency'],
        ['kec-selatan', 'department'],
      ],
    );
    assert.deepEqual(find('Group', 'Dinas Kependudukan dan Pencatatan Sipil').spec!.children, [
      'group:kec-selatan',
    ]);
    assert.deepEqual(
      ofKind('User').map((u) => [u.metadata.title, u.metadata.annotations!['simpul.go.id/roles']]),
      [
        ['Budi Pengelola TIK', 'ict-manager'],
        ['Rina Walidata', 'data-steward'],
      ],
    );
    assert.deepEqual(find('User', 'Rina Walidata').spec!.memberOf, ['group:dukcapil']);
    assert.deepEqual(
      ofKind('Domain').map((d) => d.metadata.name),
      ['layanan-publik', 'layanan-administrasi-pemerintahan'],
    );
    assert.equal(find('System', 'Layanan KTP-el').spec!.domain, 'domain:layanan-publik');
    assert.equal(
      find('System', 'Layanan KTP-el').metadata.annotations!['simpul.go.id/ref-code'],
      'RAL.01.23',
    );

    const srikandi = find('Component', 'SRIKANDI');
    assert.deepEqual(srikandi.spec, {
      type: 'website',
      lifecycle: 'production',
      owner: 'group:diskominfo',
      system: 'system:tata-naskah-dinas',
      providesApis: ['api:srikandi-naskah-v1'],
    });
    const ppid = find('Component', 'Portal PPID');
    // 'Portal  PPID!' sorts first (a space before 'P'), so it keeps the plain name.
    assert.equal(ppid.metadata.name, 'portal-ppid-2');
    assert.equal(ppid.spec!.type, 'service');
    assert.equal(ppid.spec!.lifecycle, 'experimental');
    assert.deepEqual(ppid.spec!.dependsOn, [
      'resource:basis-data-kependudukan',
      'resource:vm-aplikasi',
    ]);
    assert.deepEqual(ppid.spec!.consumesApis, ['api:srikandi-naskah-v1']);
    assert.equal(find('Component', 'Portal  PPID!').metadata.name, 'portal-ppid');
    assert.equal(find('Component', 'Portal  PPID!').spec!.lifecycle, 'deprecated');
    const long = ofKind('Component').find((c) => c.metadata.title!.startsWith('Sistem Informasi'))!;
    assert.ok(long.metadata.name.length <= 63);
    assert.equal(long.spec!.lifecycle, 'experimental');

    const stored = find('API', 'SRIKANDI: Naskah v1');
    assert.equal(stored.spec!.type, 'openapi');
    assert.equal(stored.spec!.definition, OPENAPI);
    const placeholder = find('API', 'Portal PPID: Permohonan v2');
    assert.match(String(placeholder.spec!.definition), /ppid\.example\.go\.id\/openapi\.json/);

    const vm = find('Resource', 'VM Aplikasi');
    assert.equal(vm.spec!.type, 'vm');
    assert.deepEqual(vm.spec!.dependsOn, ['resource:server-fisik-1']);
    assert.deepEqual(vm.spec!.dependencyOf, ['component:portal-ppid-2']);
    const db = find('Resource', 'Basis Data Kependudukan');
    assert.equal(db.spec!.type, 'database');
    assert.equal(db.metadata.annotations!['simpul.go.id/steward'], 'user:rina-walidata');

    // Every reference points at an exported entity.
    const exists = new Set(
      entities.map((e) => `${e.kind.toLowerCase()}:${e.metadata.name.toLowerCase()}`),
    );
    const refs: Array<[string, string]> = [];
    for (const e of entities) {
      const spec = e.spec as Record<string, unknown>;
      for (const field of ['owner', 'system', 'domain', 'parent']) {
        if (typeof spec[field] === 'string') refs.push([field, spec[field] as string]);
      }
      for (const field of [
        'dependsOn',
        'dependencyOf',
        'providesApis',
        'consumesApis',
        'memberOf',
        'children',
      ]) {
        for (const r of (spec[field] as string[] | undefined) ?? []) refs.push([field, r]);
      }
    }
    assert.ok(refs.length > 20);
    for (const [field, ref] of refs) {
      const parsed = parseEntityRef(ref);
      assert.ok(
        exists.has(`${parsed.kind.toLowerCase()}:${parsed.name.toLowerCase()}`),
        `${field} ${ref} resolves`,
      );
    }
  });

  test('permissions and tenant isolation', async () => {
    const anon = await t.app.inject({
      url: '/api/catalog/export/backstage',
      headers: { host: a.hostnames[0]! },
    });
    assert.equal(anon.statusCode, 401);
    const res = await t.app.inject({ url: '/api/catalog/export/backstage', headers: adminB });
    assert.equal(res.statusCode, 200);
    const entities = parseAllDocuments(res.body).map((d) => d.toJS() as Entity);
    for (const e of entities) await validate(e);
    assert.deepEqual([...new Set(entities.map((e) => e.kind))].sort(), ['Domain', 'Group']);
    assert.ok(!res.body.includes('SRIKANDI'));
    assert.ok(!res.body.includes('Walidata'));
  });
});
