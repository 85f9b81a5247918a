import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import { on } from '../../platform/events/events.js';
import * as org from '../org/org.service.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';

/** A workbook with one sheet per given kind: the first row is the header. */
async function workbook(sheets: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const NIP = makeNip(41, { birth: '19800101', appointed: '200501', gender: 1 });

/** A small registry touching every kind, every reference and every value type. */
function sampleSheets(): Record<string, string[][]> {
  return {
    services: [
      [
        'agency_code',
        'name',
        'description',
        'ref_code',
        'kind',
        'target_users',
        'channels',
        'status',
      ],
      [
        'DUKCAPIL',
        'Layanan KTP-el',
        'Perekaman dan pencetakan KTP-el',
        'RAL.01.23',
        'public',
        'Penduduk',
        'counter;web',
        'active',
      ],
      [
        'DISKOMINFO',
        'Layanan Informasi Publik',
        '',
        'RAL.01.43',
        'public',
        'Masyarakat',
        'web',
        'active',
      ],
      [
        'DISKOMINFO',
        'Pengelolaan Naskah Dinas',
        '',
        'RAL.02.08',
        'administrative',
        'ASN',
        'web;mobile',
        'active',
      ],
    ],
    processes: [
      ['agency_code', 'name', 'description', 'ref_code'],
      ['DUKCAPIL', 'Pencatatan Sipil', 'Pencatatan peristiwa penting', 'RAB.09.06'],
    ],
    applications: [
      [
        'agency_code',
        'name',
        'ref_code',
        'kind',
        'developer',
        'vendor_name',
        'licence',
        'licence_name',
        'repository_url',
        'hosting',
        'hosting_country',
        'provider_indonesian_entity',
        'urls',
        'security_class',
        'lifecycle',
        'assessed_at',
        'assessment_result',
        'duplicates_agency_code',
        'duplicates_name',
        'ran_before_shared',
      ],
      [
        'DISKOMINFO',
        'SRIKANDI',
        'RAA.01.02',
        'shared',
        'national',
        '',
        'closed',
        '',
        '',
        'national_dc',
        'ID',
        'true',
        'https://srikandi.go.id',
        'T',
        'production',
        '2025-03-01',
        'passed',
        '',
        '',
        '',
      ],
      [
        'DISKOMINFO',
        'Portal PPID',
        'RAA.02.02',
        'specific',
        'in_house',
        '',
        'open',
        'GPL-3.0',
        'https://git.example.go.id/ppid',
        'regional_dc',
        'ID',
        '',
        'https://ppid.example.go.id;https://example.go.id/ppid',
        'R',
        'production',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        'DUKCAPIL',
        'E-Surat Dukcapil',
        'RAA.02.02.05',
        'specific',
        'vendor',
        'PT Contoh',
        'closed',
        'Proprietary',
        '',
        'commercial_cloud',
        'SG',
        'false',
        '',
        'T',
        'development',
        '',
        '',
        'DISKOMINFO',
        'SRIKANDI',
        'true',
      ],
    ],
    infrastructure: [
      [
        'agency_code',
        'name',
        'ref_code',
        'kind',
        'parent_agency_code',
        'parent_name',
        'location',
        'country',
        'managing_agency_code',
        'ip_address',
        'status',
      ],
      [
        'DISKOMINFO',
        'Server VM-01',
        'RAI.01',
        'virtual_machine',
        'DISKOMINFO',
        'Server Fisik 1',
        '',
        'ID',
        'DISKOMINFO',
        '10.0.0.5',
        'active',
      ],
      [
        'DISKOMINFO',
        'Server Fisik 1',
        'RAI.01',
        'server',
        '',
        '',
        'Ruang Server Lt.2',
        'ID',
        'DISKOMINFO',
        '',
        'active',
      ],
    ],
    'data-assets': [
      ['agency_code', 'name', 'ref_code', 'database_group', 'classification', 'steward_nip'],
      ['DUKCAPIL', 'Basis Data Kependudukan', 'RAD.09.06.06', 'population', 'closed', NIP],
      ['DISKOMINFO', 'Data Naskah Dinas', 'RAD.10.01', 'administration', 'limited', ''],
    ],
  };
}

/** The rows of a CSV export without its id column (ids differ between tenants). */
function withoutIds(csv: string): string[][] {
  const rows = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
  assert.equal(rows[0]![0], 'id');
  return rows.map((r) => r.slice(1));
}

describe('catalog import and export', () => {
  let t: TestApp;
  let a: TenantRow;
  let b: TenantRow;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  let ictOperatorA: Record<string, string>;
  let operatorA: Record<string, string>;
  let bulkEvents = 0;
  let dukcapilId = '';
  const audits = async (action: string, tenantId: string) =>
    (
      await t.tdb.ownerPool.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND tenant_id = $2',
        [action, tenantId],
      )
    ).rows[0].n as number;
  const exportCsv = async (headers: Record<string, string>, kind: string) => {
    const res = await t.app.inject({
      url: `/api/catalog/export?format=csv&kind=${kind}`,
      headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.body;
  };
  const importFile = (
    headers: Record<string, string>,
    payload: Buffer | string,
    query = '',
    type = 'application/octet-stream',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/catalog/import${query}`,
      headers: { ...headers, 'content-type': type },
      payload,
    });

  before(async () => {
    t = await createTestApp();
    on('catalog.records.bulk_changed', async () => {
      bulkEvents++;
    });
    a = await makeTenant(t.tdb.owner);
    b = await makeTenant(t.tdb.owner);
    let dukcapilA = '';
    for (const tenant of [a, b]) {
      await makeAgency(t.tdb.database, tenant, {
        code: 'DISKOMINFO',
        name: 'Dinas Komunikasi dan Informatika',
      });
      const dukcapil = await makeAgency(t.tdb.database, tenant, {
        code: 'DUKCAPIL',
        name: 'Dinas Kependudukan dan Pencatatan Sipil',
      });
      if (tenant === a) dukcapilA = dukcapil.id;
      if (tenant === a) dukcapilId = dukcapil.id;
      await asOperator(t.tdb.database, tenant, (ctx) =>
        org.createEmployee(ctx, { nip: NIP, name: 'Rina Walidata', agencyId: dukcapil.id }),
      );
    }
    adminA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }])).headers;
    adminB = (await makeUserWithToken(t.tdb.database, b, [{ role: 'ict_admin' }])).headers;
    ictOperatorA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_operator' }])).headers;
    operatorA = (
      await makeUserWithToken(t.tdb.database, a, [{ role: 'agency_operator', agencyId: dukcapilA }])
    ).headers;
  });
  after(() => t.close());

  test('an XLSX import creates approved records of every kind, audited, one bulk event', async () => {
    const res = await importFile(adminA, await workbook(sampleSheets()), '?filename=registry.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.format, 'xlsx');
    assert.equal(report.created, 11);
    assert.equal(report.updated, 0);
    assert.deepEqual(report.byKind.applications, { created: 3, updated: 0, unchanged: 0 });
    assert.equal(bulkEvents, 1);
    assert.equal(await audits('catalog.application.created', a.id), 3);
    assert.equal(await audits('catalog.data_asset.created', a.id), 2);
    assert.equal(await audits('catalog.records.imported', a.id), 1);

    const apps = await t.tdb.ownerPool.query(
      `SELECT name, review_state, ref_code, ref_code_set_id, duplicates_id, urls, hosting_country,
              provider_indonesian_entity, assessed_at::text AS assessed_at
         FROM catalog_applications WHERE tenant_id = $1 ORDER BY name`,
      [a.id],
    );
    const byName = Object.fromEntries(apps.rows.map((r) => [r.name, r]));
    assert.ok(apps.rows.every((r) => r.review_state === 'approved' && r.ref_code_set_id));
    // RAA.02.02.05 is a local extension of RAA.02.02.
    assert.equal(byName['E-Surat Dukcapil'].ref_code, 'RAA.02.02.05');
    assert.equal(byName['E-Surat Dukcapil'].hosting_country, 'SG');
    assert.equal(byName['E-Surat Dukcapil'].provider_indonesian_entity, false);
    assert.ok(byName['E-Surat Dukcapil'].duplicates_id);
    assert.deepEqual(byName['Portal PPID'].urls, [
      'https://ppid.example.go.id',
      'https://example.go.id/ppid',
    ]);
    assert.equal(byName['SRIKANDI'].assessed_at, '2025-03-01');
    const vm = await t.tdb.ownerPool.query(
      `SELECT c.name, p.name AS parent FROM catalog_infrastructure c
         LEFT JOIN catalog_infrastructure p ON p.id = c.parent_id
        WHERE c.tenant_id = $1 AND c.kind = 'virtual_machine'`,
      [a.id],
    );
    assert.equal(vm.rows[0].parent, 'Server Fisik 1');
    const steward = await t.tdb.ownerPool.query(
      `SELECT e.nip FROM catalog_data_assets d JOIN org_employees e ON e.id = d.steward_employee_id
        WHERE d.tenant_id = $1`,
      [a.id],
    );
    assert.equal(steward.rows[0].nip, NIP);
  });

  test('round trip: export, import into another tenant, export again gives the same file', async () => {
    // Before the import, B's export is empty: it never sees A's records.
    const emptyB = await exportCsv(adminB, 'applications');
    assert.equal(withoutIds(emptyB).length, 1);

    const xlsx = await t.app.inject({ url: '/api/catalog/export?format=xlsx', headers: adminA });
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    const res = await importFile(adminB, xlsx.rawPayload);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 11);

    for (const kind of ['services', 'processes', 'applications', 'infrastructure', 'data-assets']) {
      const fromA = await exportCsv(adminA, kind);
      const fromB = await exportCsv(adminB, kind);
      assert.deepEqual(withoutIds(fromB), withoutIds(fromA), kind);
      assert.ok(withoutIds(fromA).length > 1, kind);
    }
    // The XLSX exports agree sheet by sheet as well.
    const again = await t.app.inject({ url: '/api/catalog/export?format=xlsx', headers: adminB });
    const read = async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => {
        const rows: string[][] = [];
        ws.eachRow((row) =>
          rows.push((row.values as unknown[]).slice(2).map((v) => String(v ?? ''))),
        );
        return [ws.name, rows] as const;
      });
    };
    assert.deepEqual(await read(again.rawPayload), await read(xlsx.rawPayload));

    // Re-importing a tenant's own export changes nothing and the export stays byte-identical.
    const before = await exportCsv(adminA, 'applications');
    const events = bulkEvents;
    const same = await importFile(adminA, before, '?kind=applications', 'text/csv');
    assert.equal(same.statusCode, 200, same.body);
    assert.deepEqual([same.json().created, same.json().updated, same.json().unchanged], [0, 0, 3]);
    assert.equal(bulkEvents, events);
    assert.equal(await exportCsv(adminA, 'applications'), before);
  });

  test('a row with an id updates that record; without, agency code + name finds it', async () => {
    const csv = await exportCsv(adminA, 'services');
    const rows = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0]!;
    const name = header.indexOf('name');
    const users = header.indexOf('target_users');
    const ktp = rows.find((r) => r[name] === 'Layanan KTP-el')!;
    ktp[name] = 'Layanan KTP Elektronik';
    const info = rows.find((r) => r[name] === 'Layanan Informasi Publik')!;
    info[0] = ''; // no id: matched by agency and name
    info[users] = 'Masyarakat umum';
    const body = rows.map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\n');
    const res = await importFile(adminA, body, '?kind=services', 'text/csv');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().created, res.json().updated, res.json().unchanged], [0, 2, 1]);
    const stored = await t.tdb.ownerPool.query(
      `SELECT name, target_users, version FROM catalog_services WHERE tenant_id = $1 ORDER BY name`,
      [a.id],
    );
    assert.deepEqual(
      stored.rows.map((r) => [r.name, r.target_users, r.version]),
      [
        ['Layanan Informasi Publik', 'Masyarakat umum', 2],
        ['Layanan KTP Elektronik', 'Penduduk', 2],
        ['Pengelolaan Naskah Dinas', 'ASN', 1],
      ],
    );
    assert.equal(await audits('catalog.service.updated', a.id), 2);
  });

  test('imported references follow the registry rules: a server in a rack, a look-alike of a shared app', async () => {
    const rows = async (table: string) =>
      (
        await t.tdb.ownerPool.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
          [a.id],
        )
      ).rows[0].n as number;
    const before = [await rows('catalog_infrastructure'), await rows('catalog_applications')];
    const infra = [
      'agency_code,name,kind,managing_agency_code,country,parent_agency_code,parent_name',
      'DISKOMINFO,Pusat Data Uji,data_center,DISKOMINFO,ID,,',
      'DISKOMINFO,Ruang Server Uji,room,DISKOMINFO,ID,DISKOMINFO,Pusat Data Uji',
      'DISKOMINFO,Server Salah Tempat,server,DISKOMINFO,ID,DISKOMINFO,Pusat Data Uji',
    ].join('\r\n');
    const misplaced = await importFile(adminA, infra, '?kind=infrastructure', 'text/csv');
    assert.equal(misplaced.statusCode, 422, misplaced.body);
    const infraErrors = misplaced.json().error.details.errors as Array<Record<string, unknown>>;
    assert.deepEqual(
      infraErrors.map((e) => [e.row, e.field, e.code].join(' ')),
      ['4 parent_name reference_misplaced'],
    );
    const apps = [
      'agency_code,name,ref_code,kind,developer,licence,licence_name,hosting,lifecycle,hosting_country,duplicates_agency_code,duplicates_name',
      'DISKOMINFO,Aplikasi Khusus Asli,RAA.02.02,specific,in_house,open,MIT,regional_dc,production,ID,,',
      'DISKOMINFO,Tiruan Aplikasi Khusus,RAA.02.02,specific,in_house,open,MIT,regional_dc,production,ID,DISKOMINFO,Aplikasi Khusus Asli',
    ].join('\r\n');
    const imitation = await importFile(adminA, apps, '?kind=applications', 'text/csv');
    assert.equal(imitation.statusCode, 422, imitation.body);
    assert.deepEqual(
      (imitation.json().error.details.errors as Array<Record<string, unknown>>).map((e) =>
        [e.row, e.field, e.code].join(' '),
      ),
      ['3 duplicates_name reference_misplaced'],
    );
    assert.deepEqual(
      [await rows('catalog_infrastructure'), await rows('catalog_applications')],
      before,
      'nothing was written',
    );
    // The same file with the server in a rack of the room is accepted.
    const placed = await importFile(
      adminA,
      infra.replace(
        'DISKOMINFO,Server Salah Tempat,server,DISKOMINFO,ID,DISKOMINFO,Pusat Data Uji',
        'DISKOMINFO,Rak Uji,rack,DISKOMINFO,ID,DISKOMINFO,Ruang Server Uji\r\n' +
          'DISKOMINFO,Server Pada Rak,server,DISKOMINFO,ID,DISKOMINFO,Rak Uji',
      ),
      '?kind=infrastructure',
      'text/csv',
    );
    assert.equal(placed.statusCode, 200, placed.body);
    assert.equal(placed.json().created, 4);
  });

  test('a file with bad rows is refused whole, with every problem by row and field', async () => {
    const count = async () =>
      (
        await t.tdb.ownerPool.query(
          'SELECT count(*)::int AS n FROM catalog_applications WHERE tenant_id = $1',
          [a.id],
        )
      ).rows[0].n as number;
    const n = await count();
    const csv = [
      'agency_code,name,ref_code,kind,developer,licence,hosting,lifecycle,urls,hosting_country,assessed_at,duplicates_agency_code,duplicates_name',
      'DISKOMINFO,Aplikasi Baru,RAA.02.02,specific,in_house,open,regional_dc,production,https://ok.example.go.id,ID,,,',
      'NOPE,Aplikasi X,RAA.09,specific,in_house,open,regional_dc,production,,ID,,,',
      'DISKOMINFO,,RAB.01,weird,in_house,open,moon,production,ftp://x,Indonesia,2025-02-30,,',
      'DISKOMINFO,Aplikasi Baru,RAA.02.02,specific,in_house,open,regional_dc,production,,ID,,DISKOMINFO,Tidak Ada',
    ].join('\r\n');
    const res = await importFile(
      { ...adminA, 'accept-language': 'en' },
      csv,
      '?kind=applications',
      'text/csv',
    );
    assert.equal(res.statusCode, 422, res.body);
    const err = res.json().error;
    assert.equal(err.code, 'catalog.import_invalid');
    const got = err.details.errors.map((e: { row: number; field: string; code: string }) =>
      [e.row, e.field, e.code].join(' '),
    );
    for (const expected of [
      '2 name record_duplicate',
      '3 agency_code agency_unknown',
      '3 ref_code ref_code_unknown',
      '4 name required',
      '4 ref_code code_format',
      '4 kind value_invalid',
      '4 hosting value_invalid',
      '4 urls url_invalid',
      '4 hosting_country country_invalid',
      '4 assessed_at date_invalid',
      '5 name record_duplicate',
      '5 duplicates_name reference_unknown',
    ]) {
      assert.ok(got.includes(expected), `${expected} in ${JSON.stringify(got)}`);
    }
    const first = err.details.errors[0];
    assert.ok(first.message.id && first.message.en);
    assert.equal(await count(), n);

    // A CSV needs a kind; an unreadable file says why.
    const noKind = await importFile(adminA, csv, '', 'text/csv');
    assert.equal(noKind.statusCode, 400);
    assert.equal(noKind.json().error.code, 'catalog.import_unreadable');
    const noCsvKind = await t.app.inject({
      url: '/api/catalog/export?format=csv',
      headers: adminA,
    });
    assert.equal(noCsvKind.json().error.code, 'catalog.export_kind_required');
  });

  test('multipart upload works like a raw body', async () => {
    const csv = 'agency_code,name,ref_code\r\nDUKCAPIL,Penerbitan Akta,RAB.09.06.01\r\n';
    const boundary = 'xYzBoundary';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const res = await importFile(
      adminA,
      payload,
      '?kind=processes',
      `multipart/form-data; boundary=${boundary}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 1);
  });

  test('an import that approves a proposed record decides the proposal too', async () => {
    const proposed = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/processes',
      headers: operatorA,
      payload: { agencyId: dukcapilId, name: 'Usulan Proses Diimpor' },
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    assert.equal(proposed.json().reviewState, 'pending');
    const changeId = proposed.json().pendingChange.id as string;
    const res = await importFile(
      adminA,
      'agency_code,name\r\nDUKCAPIL,Usulan Proses Diimpor\r\n',
      '?kind=processes',
      'text/csv',
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().updated, 1);
    const change = await t.app.inject({ url: `/api/catalog/changes/${changeId}`, headers: adminA });
    assert.equal(change.json().state, 'approved', change.body);
    const reject = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/changes/${changeId}/reject`,
      headers: adminA,
      payload: { comment: 'Terlambat' },
    });
    assert.equal(reject.statusCode, 409, reject.body);
    assert.equal(reject.json().error.code, 'catalog.change_decided');
    const record = await t.app.inject({
      url: `/api/catalog/processes/${proposed.json().id}`,
      headers: operatorA,
    });
    assert.equal(record.json().reviewState, 'approved');
  });

  test('records keep the code-set version they cite until their code changes', async () => {
    const setOf = async (name: string) =>
      (
        await t.tdb.ownerPool.query(
          `SELECT a.ref_code_set_id AS id, s.version FROM catalog_applications a
             JOIN catalog_code_sets s ON s.id = a.ref_code_set_id
            WHERE a.tenant_id = $1 AND a.name = $2`,
          [a.id, name],
        )
      ).rows[0] as { id: string; version: string };
    const old = await setOf('SRIKANDI');
    const loaded = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/code-sets?prefix=RAA&version=RAA%202026&source=test',
      headers: { ...adminA, 'content-type': 'text/csv' },
      payload:
        'code,name\nRAA.01,Aplikasi Umum\nRAA.01.02,Aplikasi Umum AP\nRAA.02,Aplikasi Khusus\n',
    });
    assert.equal(loaded.statusCode, 201, loaded.body);
    const exported = await exportCsv(adminA, 'applications');
    assert.ok(exported.includes(old.version));
    const same = await importFile(adminA, exported, '?kind=applications', 'text/csv');
    assert.equal(same.json().unchanged, 3, same.body);
    assert.deepEqual(await setOf('SRIKANDI'), old);
    // A changed code is resolved against the current version.
    const rows = parseCsv(exported.replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0]!;
    const ppid = rows.find((r) => r[header.indexOf('name')] === 'Portal PPID')!;
    ppid[header.indexOf('ref_code')] = 'RAA.01.02';
    const res = await importFile(
      adminA,
      rows.map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\n'),
      '?kind=applications',
      'text/csv',
    );
    assert.equal(res.json().updated, 1, res.body);
    assert.equal((await setOf('Portal PPID')).id, loaded.json().id);
    assert.deepEqual(await setOf('SRIKANDI'), old);
  });

  test('a token without the catalog scopes is refused on every read route (403)', async () => {
    const scoped = (
      await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }], ['org:*:read'])
    ).headers;
    for (const url of [
      '/api/catalog/export?format=xlsx',
      '/api/catalog/export/backstage',
      '/api/catalog/export/architecture.pdf',
      '/api/catalog/code-sets',
      '/api/catalog/codes?prefix=RAL',
    ]) {
      const res = await t.app.inject({ url, headers: scoped });
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().error.code, 'platform.forbidden', url);
    }
    const anon = await t.app.inject({
      url: '/api/catalog/codes?prefix=RAL',
      headers: { host: a.hostnames[0]! },
    });
    assert.equal(anon.statusCode, 401);
    // A token for exports alone exports: the agencies' names and codes come with it.
    const exportOnly = (
      await makeUserWithToken(t.tdb.database, a, [{ role: 'auditor' }], ['catalog:export:read'])
    ).headers;
    for (const url of [
      '/api/catalog/export?format=xlsx',
      '/api/catalog/export/backstage',
      '/api/catalog/export/architecture.pdf',
    ]) {
      const res = await t.app.inject({ url, headers: exportOnly });
      assert.equal(res.statusCode, 200, `${url} ${res.body.slice(0, 200)}`);
    }
  });

  test('permissions: ICT admins import; everyone exports; credentials are required', async () => {
    const csv = 'agency_code,name\r\nDUKCAPIL,Proses X\r\n';
    for (const headers of [ictOperatorA, operatorA]) {
      const r = await importFile(headers, csv, '?kind=processes', 'text/csv');
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().error.code, 'platform.forbidden');
    }
    const anon = await importFile(
      { host: a.hostnames[0]!, authorization: 'Bearer nope' },
      csv,
      '?kind=processes',
      'text/csv',
    );
    assert.equal(anon.statusCode, 401);
    const anonExport = await t.app.inject({
      url: '/api/catalog/export?format=xlsx',
      headers: { host: a.hostnames[0]! },
    });
    assert.equal(anonExport.statusCode, 401);
    const opExport = await t.app.inject({
      // The kind as its name works like the URL segment.
      url: '/api/catalog/export?format=csv&kind=process',
      headers: operatorA,
    });
    assert.equal(opExport.statusCode, 200);
    assert.match(opExport.headers['content-type'] as string, /text\/csv/);
    assert.ok(opExport.body.includes('Pencatatan Sipil'));
    // B's export holds B's records only (its ids, none of A's).
    const idsA = new Set(
      (parseCsv((await exportCsv(adminA, 'processes')).replace(/^\uFEFF/, '')) as string[][])
        .slice(1)
        .map((r) => r[0]),
    );
    const rowsB = (
      parseCsv((await exportCsv(adminB, 'processes')).replace(/^\uFEFF/, '')) as string[][]
    ).slice(1);
    assert.ok(rowsB.length > 0);
    assert.ok(rowsB.every((r) => !idsA.has(r[0])));
    assert.ok(!rowsB.some((r) => r.includes('Penerbitan Akta')));
  });
});
