import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import { exportArchitecturePdf, formatStamp } from './catalog.pdf.js';

/** Page objects of a PDF (object dictionaries are never compressed by pdfkit). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The text shown by an uncompressed pdfkit document: the hex strings of its TJ operators. */
function shownText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/\[([^\]]*)\] TJ/g)) {
    const pieces = [...m[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((p) =>
      Buffer.from(p[1]!, 'hex').toString('latin1'),
    );
    lines.push(pieces.join(''));
  }
  return lines.join('\n');
}

describe('catalog "Arsitektur SPBE" PDF', () => {
  let t: TestApp;
  let a: TenantRow;
  let b: TenantRow;
  let adminA: Record<string, string>;
  let operatorA: Record<string, string>;
  let adminB: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    a = await makeTenant(t.tdb.owner, { name: 'Pemerintah Kabupaten Contoh' });
    b = await makeTenant(t.tdb.owner, { name: 'Pemerintah Kota Lain' });
    const kominfo = await makeAgency(t.tdb.database, a, {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
    });
    await makeAgency(t.tdb.database, a, { code: 'DUKCAPIL', name: 'Dinas Kependudukan' });
    await makeAgency(t.tdb.database, b, { code: 'DISKOMINFO', name: 'Diskominfo Lain' });
    adminA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }])).headers;
    adminB = (await makeUserWithToken(t.tdb.database, b, [{ role: 'ict_admin' }])).headers;
    operatorA = (
      await makeUserWithToken(t.tdb.database, a, [
        { role: 'agency_operator', agencyId: kominfo.id },
      ])
    ).headers;

    const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');
    const load = async (kind: string, rows: string[][]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/catalog/import?kind=${kind}`,
        headers: { ...adminA, 'content-type': 'text/csv' },
        payload: csv(rows),
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    await load('services', [
      ['agency_code', 'name', 'ref_code', 'kind', 'target_users'],
      ['DUKCAPIL', 'Layanan KTP-el', 'RAL.01.23', 'public', 'Penduduk'],
      ['DISKOMINFO', 'Tata Naskah Dinas', 'RAL.02.08', 'administrative', 'ASN'],
    ]);
    await load('processes', [
      ['agency_code', 'name', 'ref_code'],
      ['DUKCAPIL', 'Pencatatan Sipil', 'RAB.09.06'],
    ]);
    // Enough applications that the table runs over a page.
    const apps = [
      ['agency_code', 'name', 'ref_code', 'kind', 'developer', 'licence', 'hosting', 'lifecycle'],
    ];
    for (let i = 1; i <= 70; i++)
      apps.push([
        'DISKOMINFO',
        `Aplikasi Daerah ${String(i).padStart(2, '0')}`,
        'RAA.02.02',
        'specific',
        'in_house',
        'open',
        'regional_dc',
        'production',
      ]);
    apps.push([
      'DISKOMINFO',
      'SRIKANDI',
      'RAA.01.02',
      'shared',
      'national',
      'closed',
      'national_dc',
      'production',
    ]);
    await load('applications', apps);
    await load('infrastructure', [
      ['agency_code', 'name', 'kind'],
      ['DISKOMINFO', 'Server Fisik 1', 'server'],
    ]);
    await load('data-assets', [
      ['agency_code', 'name', 'ref_code', 'database_group', 'classification'],
      ['DUKCAPIL', 'Basis Data Kependudukan', 'RAD.09.06.06', 'population', 'closed'],
    ]);
    const id = async (table: string, name: string) =>
      (
        await t.tdb.ownerPool.query(`SELECT id FROM ${table} WHERE tenant_id = $1 AND name = $2`, [
          a.id,
          name,
        ])
      ).rows[0].id as string;
    const rel = async (type: string, fk: string, fromId: string, tk: string, toId: string) =>
      t.tdb.ownerPool.query(
        `INSERT INTO catalog_relations (tenant_id, type, from_kind, from_id, to_kind, to_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [a.id, type, fk, fromId, tk, toId],
      );
    const srikandi = await id('catalog_applications', 'SRIKANDI');
    await rel(
      'supports',
      'application',
      srikandi,
      'service',
      await id('catalog_services', 'Tata Naskah Dinas'),
    );
    await rel(
      'runs_on',
      'application',
      srikandi,
      'infrastructure',
      await id('catalog_infrastructure', 'Server Fisik 1'),
    );
    await rel(
      'delivers',
      'process',
      await id('catalog_processes', 'Pencatatan Sipil'),
      'service',
      await id('catalog_services', 'Layanan KTP-el'),
    );
    await rel(
      'reads',
      'application',
      await id('catalog_applications', 'Aplikasi Daerah 01'),
      'data_asset',
      await id('catalog_data_assets', 'Basis Data Kependudukan'),
    );
  });
  after(() => t.close());

  test('the whole document: a PDF with a title page, five domains and numbered pages', async () => {
    const res = await t.app.inject({
      url: '/api/catalog/export/architecture.pdf',
      headers: operatorA,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-8).toString(), /%%EOF/);
    // Title page + (diagram page + table pages) per domain; 71 applications need two table pages.
    assert.ok(pageCount(pdf) >= 12, `pages: ${pageCount(pdf)}`);
    // The document information names the tenant.
    assert.ok(pdf.toString('latin1').includes('(Pemerintah Kabupaten Contoh)'));
    assert.ok(pdf.toString('latin1').includes('(Arsitektur SPBE - Pemerintah Kabupaten Contoh)'));
  });

  test('uncompressed, the text shows the tenant, headings, codes, agencies and page numbers', async () => {
    const file = await asOperator(t.tdb.database, a, (ctx) =>
      exportArchitecturePdf(ctx, { domain: 'all', compress: false }),
    );
    const text = shownText(file.body);
    assert.equal(pageCount(file.body), file.pages);
    for (const expected of [
      'Arsitektur SPBE',
      'Pemerintah Kabupaten Contoh',
      'Domain Layanan SPBE',
      'Domain Proses Bisnis',
      'Domain Aplikasi SPBE',
      'Domain Infrastruktur SPBE',
      'Domain Data dan Informasi',
      'Diagram relasi',
      'RAL.01.23',
      'RAD.09.06.06',
      'Dinas Komunikasi dan Informatika',
      'SRIKANDI',
      'mendukung',
      `Halaman ${file.pages} dari ${file.pages}`,
    ]) {
      assert.ok(text.includes(expected), `${expected} is shown`);
    }
    assert.match(text, /WIB/);
    const english = await asOperator(t.tdb.database, a, (ctx) =>
      exportArchitecturePdf(ctx, { domain: 'applications', lang: 'en', compress: false }),
    );
    const en = shownText(english.body);
    assert.ok(en.includes('SPBE Architecture'));
    assert.ok(en.includes('Application domain'));
    assert.ok(en.includes('supports'));
    assert.ok(!en.includes('Domain Layanan SPBE'));
  });

  test('one domain only; English on request', async () => {
    const res = await t.app.inject({
      url: '/api/catalog/export/architecture.pdf?domain=services&lang=en',
      headers: adminA,
    });
    assert.equal(res.statusCode, 200);
    // Title page, the diagram page and one table page.
    assert.equal(pageCount(res.rawPayload), 3);
    assert.ok(
      res.rawPayload
        .toString('latin1')
        .includes('(SPBE Architecture - Pemerintah Kabupaten Contoh)'),
    );
    const bad = await t.app.inject({
      url: '/api/catalog/export/architecture.pdf?domain=nope',
      headers: adminA,
    });
    assert.equal(bad.statusCode, 400);
  });

  test('the date is in the tenant time zone with its Indonesian zone name', () => {
    const at = new Date('2026-01-31T20:30:00Z');
    assert.match(formatStamp(at, 'Asia/Jakarta', 'id'), /1 Februari 2026.*03[.:]30 WIB/);
    assert.match(formatStamp(at, 'Asia/Jayapura', 'en'), /1 February 2026.*05:30 WIT/);
  });

  test('permissions and tenant isolation', async () => {
    const anon = await t.app.inject({
      url: '/api/catalog/export/architecture.pdf',
      headers: { host: a.hostnames[0]! },
    });
    assert.equal(anon.statusCode, 401);
    const res = await t.app.inject({
      url: '/api/catalog/export/architecture.pdf?domain=applications',
      headers: adminB,
    });
    assert.equal(res.statusCode, 200);
    assert.ok(res.rawPayload.toString('latin1').includes('(Pemerintah Kota Lain)'));
    const file = await asOperator(t.tdb.database, b, (ctx) =>
      exportArchitecturePdf(ctx, { domain: 'all', compress: false }),
    );
    const text = shownText(file.body);
    assert.ok(text.includes('Pemerintah Kota Lain'));
    assert.ok(!text.includes('SRIKANDI'));
    assert.ok(!text.includes('Pemerintah Kabupaten Contoh'));
    assert.ok(text.includes('Belum ada rekaman yang disetujui pada domain ini.'));
  });
});
