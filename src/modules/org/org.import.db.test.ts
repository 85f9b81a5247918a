import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import * as org from './org.service.js';
import { XLSX_MIME } from './org.import.js';

const CSV = 'text/csv';

describe('employee import and export (CSV, XLSX)', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  let agencyA: { id: string; code: string };
  let agencyB: { id: string; code: string };
  let admin: Record<string, string>;
  let adminOfA: Record<string, string>;
  let seq = 100;
  const nip = () => makeNip(seq++);

  before(async () => {
    t = await createTestApp({ MAX_UPLOAD_BYTES: String(256 * 1024) });
    tenant = await makeTenant(t.tdb.owner);
    agencyA = await makeAgency(t.tdb.database, tenant, { code: 'DISKOMINFO' });
    agencyB = await makeAgency(t.tdb.database, tenant, { code: 'BAPPEDA' });
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      const unit = await org.createUnit(ctx, {
        agencyId: agencyA.id,
        code: 'APTIKA',
        name: 'Bidang Aplikasi Informatika',
      });
      await org.createPosition(ctx, {
        agencyId: agencyA.id,
        unitId: unit.id,
        name: 'Pranata Komputer Ahli Muda',
        kind: 'functional',
      });
    });
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    adminOfA = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_admin', agencyId: agencyA.id },
      ])
    ).headers;
  });
  after(() => t.close());

  const upload = (body: string | Buffer, contentType: string, query = '', headers = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/org/employees/import${query}`,
      headers: { ...headers, 'content-type': contentType, 'accept-language': 'en' },
      payload: body,
    });

  async function employeesByNip(nips: string[]) {
    const r = await t.tdb.ownerPool.query(
      'SELECT nip, name, agency_id, unit_id, position_id, status, email, phone FROM org_employees WHERE tenant_id = $1 AND nip = ANY($2) ORDER BY nip',
      [tenant.id, nips],
    );
    return r.rows as Array<Record<string, string | null>>;
  }
  async function auditOf(requestId: string) {
    const r = await t.tdb.ownerPool.query(
      'SELECT action, target_id, data FROM audit_events WHERE tenant_id = $1 AND request_id = $2 ORDER BY seq',
      [tenant.id, requestId],
    );
    return r.rows as Array<{
      action: string;
      target_id: string | null;
      data: Record<string, unknown>;
    }>;
  }

  test('a valid CSV imports every row and writes one audit event per employee plus a summary', async () => {
    const nips = [nip(), nip(), nip()];
    const body =
      '\ufeffNIP;Nama;Kode_PD;Kode_Unit;Jabatan;Status;Email;Telepon\r\n' +
      `${nips[0]};Siti Rahma;DISKOMINFO;APTIKA;Pranata Komputer Ahli Muda;aktif;siti@batangkab.go.id;+62 812 1111\r\n` +
      `${nips[1]};"Budi; S.Kom";DISKOMINFO;;;cuti;;\r\n` +
      `${nips[2]};Ani;BAPPEDA;;;;;\r\n`;
    const res = await upload(body, 'text/csv; charset=utf-8', '?filename=pegawai.csv');
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.deepEqual(
      { ...report, errors: report.errors.length },
      {
        format: 'csv',
        mode: 'all_or_nothing',
        dryRun: false,
        totalRows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        invalidRows: 0,
        ignoredColumns: [],
        errors: 0,
        errorsTruncated: false,
      },
    );
    const rows = await employeesByNip(nips);
    assert.deepEqual(
      rows.map((r) => [r.name, r.agency_id, r.status]),
      [
        ['Siti Rahma', agencyA.id, 'active'],
        ['Budi; S.Kom', agencyA.id, 'leave'],
        ['Ani', agencyB.id, 'active'],
      ],
    );
    assert.ok(
      rows[0]!.unit_id && rows[0]!.position_id,
      'unit and position resolved by code and name',
    );
    assert.equal(rows[0]!.email, 'siti@batangkab.go.id');

    const audit = await auditOf(res.headers['x-request-id'] as string);
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'org.employee.created',
        'org.employee.created',
        'org.employee.created',
        'org.employee.imported',
      ],
    );
    const ids = await t.tdb.ownerPool.query('SELECT id FROM org_employees WHERE nip = ANY($1)', [
      nips,
    ]);
    assert.deepEqual(
      new Set(audit.slice(0, 3).map((a) => a.target_id)),
      new Set(ids.rows.map((r: { id: string }) => r.id)),
    );
    assert.deepEqual(audit[3]!.data, {
      filename: 'pegawai.csv',
      format: 'csv',
      mode: 'all_or_nothing',
      totalRows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
    });
  });

  test('one bad row: nothing is written and 422 names the row and the field', async () => {
    const nips = [nip(), nip()];
    const body = `nip,name,agency_code\n${nips[0]},Good,DISKOMINFO\n199013012015011001,Bad Date,DISKOMINFO\n${nips[1]},,NOPE\n`;
    const res = await upload(body, CSV);
    assert.equal(res.statusCode, 422);
    const err = res.json().error;
    assert.equal(err.code, 'org.import_invalid');
    assert.equal(err.message, 'The import file has 2 invalid rows; nothing was saved.');
    assert.deepEqual(
      err.details.errors.map((e: { row: number; field: string; code: string }) => [
        e.row,
        e.field,
        e.code,
      ]),
      [
        [3, 'nip', 'nip_invalid'],
        [4, 'name', 'required'],
        [4, 'agency_code', 'agency_unknown'],
      ],
    );
    assert.match(err.details.errors[0].message, /birth date/);
    assert.equal(err.details.created, 0);
    assert.equal(err.details.skipped, 3);
    assert.deepEqual(await employeesByNip(nips), []);
    assert.deepEqual(await auditOf(res.headers['x-request-id'] as string), []);
  });

  test('valid_only imports the good rows and reports the bad ones', async () => {
    const nips = [nip(), nip()];
    const body = `nip,name,agency_code,email\n${nips[0]},Good One,DISKOMINFO,\nnot-a-nip,Bad,DISKOMINFO,x@\n${nips[1]},Good Two,BAPPEDA,\n`;
    const res = await upload(body, CSV, '?mode=valid_only');
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.created, 2);
    assert.equal(report.skipped, 1);
    assert.deepEqual(
      report.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
      [
        [3, 'nip'],
        [3, 'email'],
      ],
    );
    assert.deepEqual(
      (await employeesByNip(nips)).map((r) => r.name),
      ['Good One', 'Good Two'],
    );
  });

  test('XLSX import works, and an existing NIP updates that employee', async () => {
    const fresh = nip();
    const old = nip();
    assert.equal(
      (await upload(`nip,name,agency_code\n${old},Old Name,DISKOMINFO\n`, CSV)).statusCode,
      200,
    );

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['NIP', 'Nama', 'Kode PD', 'Kode Unit', 'Jabatan', 'Status']);
    ws.addRow([
      fresh,
      'Dewi Lestari',
      'DISKOMINFO',
      'APTIKA',
      'Pranata Komputer Ahli Muda',
      'active',
    ]);
    ws.addRow([old, 'New Name', 'DISKOMINFO', '', '', 'pensiun']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    // The content decides: a zip is read as XLSX even when sent as octet-stream.
    const res = await upload(buf, 'application/octet-stream');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().format, res.json().created, res.json().updated], ['xlsx', 1, 1]);
    const rows = await employeesByNip([fresh, old].sort());
    const byNip = new Map(rows.map((r) => [r.nip, r]));
    assert.equal(byNip.get(fresh)!.name, 'Dewi Lestari');
    assert.equal(byNip.get(old)!.name, 'New Name');
    assert.equal(byNip.get(old)!.status, 'retired');
    const audit = await auditOf(res.headers['x-request-id'] as string);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['org.employee.created', 'org.employee.updated', 'org.employee.imported'],
    );
    const version = await t.tdb.ownerPool.query(
      'SELECT version FROM org_employees WHERE nip = $1',
      [old],
    );
    assert.equal(version.rows[0].version, 2);

    const again = await upload(buf, XLSX_MIME);
    assert.deepEqual(
      [again.json().created, again.json().updated, again.json().unchanged],
      [0, 0, 2],
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    test(`export ${format} re-imports unchanged (dry run, 0 errors)`, async () => {
      const res = await t.app.inject({
        url: `/api/org/employees/export?format=${format}`,
        headers: admin,
      });
      assert.equal(res.statusCode, 200, res.body);
      const type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME;
      assert.equal(res.headers['content-type'], type);
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`^attachment; filename="pegawai-[A-Za-z0-9._-]+\\.${format}"$`),
      );
      const total = (
        await t.tdb.ownerPool.query(
          'SELECT count(*)::int AS n FROM org_employees WHERE tenant_id = $1',
          [tenant.id],
        )
      ).rows[0].n;
      assert.equal(total, 7, 'rows created by the tests above');
      if (format === 'csv') {
        assert.ok(
          res.body.startsWith(
            '\ufeffnip,name,agency_code,unit_code,position,status,email,phone\r\n',
          ),
        );
        assert.equal(res.body.trim().split('\r\n').length, total + 1);
      } else {
        assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
      }

      const before = (
        await t.tdb.ownerPool.query(
          'SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1',
          [tenant.id],
        )
      ).rows[0].n;
      const dry = await upload(res.rawPayload, type, '?dryRun=true');
      assert.equal(dry.statusCode, 200, dry.body);
      const report = dry.json();
      assert.deepEqual(report.errors, []);
      assert.deepEqual(
        [report.dryRun, report.totalRows, report.created, report.updated, report.unchanged],
        [true, total, 0, 0, total],
      );
      const afterCount = (
        await t.tdb.ownerPool.query(
          'SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1',
          [tenant.id],
        )
      ).rows[0].n;
      assert.equal(afterCount, before, 'a dry run writes nothing, not even an audit event');
      const exported = await t.tdb.ownerPool.query(
        "SELECT data FROM audit_events WHERE tenant_id = $1 AND action = 'org.employee.exported' AND request_id = $2",
        [tenant.id, res.headers['x-request-id']],
      );
      assert.equal(exported.rows[0].data.rows, total);
    });
  }

  test('a dry run with changes counts them but writes nothing', async () => {
    const n = nip();
    const res = await upload(`nip,name,agency_code\n${n},Dry,DISKOMINFO\n`, CSV, '?dryRun=true');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().created, 1);
    assert.deepEqual(await employeesByNip([n]), []);
  });

  test("an agency_admin of agency A cannot import rows for agency B, and exports only A's employees", async () => {
    const [a, b] = [nip(), nip()];
    const res = await upload(
      `nip,name,agency_code\n${a},For A,DISKOMINFO\n${b},For B,BAPPEDA\n`,
      CSV,
      '',
      adminOfA,
    );
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res
        .json()
        .error.details.errors.map((e: { row: number; field: string; code: string }) => [
          e.row,
          e.field,
          e.code,
        ]),
      [[3, 'agency_code', 'agency_forbidden']],
    );
    assert.deepEqual(await employeesByNip([a, b]), []);

    // Nor move one of B's employees into A.
    const ofB = (
      await t.tdb.ownerPool.query('SELECT nip FROM org_employees WHERE agency_id = $1 LIMIT 1', [
        agencyB.id,
      ])
    ).rows[0].nip;
    const move = await upload(`nip,name,agency_code\n${ofB},Moved,DISKOMINFO\n`, CSV, '', adminOfA);
    assert.equal(move.statusCode, 422);
    assert.equal(move.json().error.details.errors[0].code, 'employee_forbidden');

    const ok = await upload(`nip,name,agency_code\n${a},For A,DISKOMINFO\n`, CSV, '', adminOfA);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().created, 1);

    const exp = await t.app.inject({
      url: '/api/org/employees/export?format=csv',
      headers: adminOfA,
    });
    assert.equal(exp.statusCode, 200);
    const lines = exp.body.trim().split('\r\n').slice(1);
    assert.ok(lines.length > 0);
    assert.ok(
      lines.every((l) => l.split(',')[2] === 'DISKOMINFO'),
      exp.body,
    );
    const forbidden = await t.app.inject({
      url: `/api/org/employees/export?agencyId=${agencyB.id}`,
      headers: adminOfA,
    });
    assert.equal(forbidden.statusCode, 403);
  });

  test('malformed or unsupported files are refused with a stable code', async () => {
    const zip = await upload(Buffer.from('PK\u0003\u0004 not really a workbook'), XLSX_MIME);
    assert.equal(zip.statusCode, 400);
    assert.equal(zip.json().error.code, 'org.import_unreadable');
    assert.match(zip.json().error.message, /not a valid XLSX/);

    const quote = await upload('nip,name,agency_code\n1,"unclosed,A\n', CSV);
    assert.equal(quote.statusCode, 400);
    assert.equal(quote.json().error.code, 'org.import_unreadable');

    const columns = await upload('nip;nama\n1;x\n', CSV);
    assert.equal(columns.statusCode, 400);
    assert.match(columns.json().error.message, /required columns are missing: agency_code/);

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/org/employees/import',
      headers: admin,
      payload: { nip: '1' },
    });
    assert.equal(json.statusCode, 415);

    const big = await upload(Buffer.alloc(300 * 1024, 'a'), CSV);
    assert.equal(big.statusCode, 413);
  });

  test('reading employees is not enough to import them', async () => {
    const reader = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }])).headers;
    const res = await upload(`nip,name,agency_code\n${nip()},X,DISKOMINFO\n`, CSV, '', reader);
    assert.equal(res.statusCode, 403);
  });
});
