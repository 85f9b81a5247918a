import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeNip } from '../../../test/support/factories.js';
import { AppError } from '../../platform/http/errors.js';
import type { EmployeeRow } from './db/schema.js';
import { guardFormula } from './org.export.js';
import {
  detectDelimiter,
  IMPORT_MAX_ROWS,
  localizeIssue,
  parseEmployeeFile,
  sniffFormat,
  validateRows,
  type ImportData,
  type ParsedFile,
} from './org.import.js';

const csv = (text: string) => Buffer.from(text, 'utf8');
const parse = (buf: Buffer, mime = 'text/csv') => parseEmployeeFile(buf, { mime, locale: 'en' });

async function rejectsWith(p: Promise<unknown>, code: string, reason?: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, `expected AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (reason) assert.deepEqual(e.details, { reason });
    return true;
  });
}

describe('parseEmployeeFile: reading CSV', () => {
  test('strips a UTF-8 BOM so the first header is still recognised', async () => {
    const nip = makeNip(1);
    const f = await parse(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        csv(`nip,name,agency_code\n${nip},Siti,A1\n`),
      ]),
    );
    assert.equal(f.format, 'csv');
    assert.deepEqual(f.columns, ['nip', 'name', 'agency_code']);
    assert.deepEqual(f.rows[0]?.values, { nip, name: 'Siti', agency_code: 'A1' });
  });

  test('detects the ; delimiter (Excel in Indonesian locale) and keeps commas inside values', async () => {
    const f = await parse(csv(`NIP;Nama;Kode_PD\n${makeNip(2)};"Budi, S.Kom";A1\n`));
    assert.equal(f.rows[0]?.values.name, 'Budi, S.Kom');
    assert.equal(detectDelimiter('a;b;c\n1,5;2;3'), ';');
    assert.equal(detectDelimiter('"x;y",b,c\n'), ',');
    assert.equal(detectDelimiter('a\tb\tc\n'), '\t');
  });

  test('accepts Indonesian and English header aliases in any case and order', async () => {
    const f = await parse(
      csv(
        'Telepon,Jabatan,KODE UNIT,kode-pd,Nama,nip,Status,E-mail,Catatan\n0812,Analis,U1,A1,Ani,1,aktif,a@b.id,x\n',
      ),
    );
    assert.deepEqual(f.columns, [
      'nip',
      'name',
      'agency_code',
      'unit_code',
      'position',
      'status',
      'email',
      'phone',
    ]);
    assert.deepEqual(f.ignoredColumns, ['Catatan']);
    assert.deepEqual(f.rows[0]?.values, {
      phone: '0812',
      position: 'Analis',
      unit_code: 'U1',
      agency_code: 'A1',
      name: 'Ani',
      nip: '1',
      status: 'aktif',
      email: 'a@b.id',
    });
  });

  test('row numbers are spreadsheet rows: blank lines count, multi-line cells do not add rows', async () => {
    const f = await parse(csv('nip,name,agency_code\n1,"two\nlines",A\n\n2,b,A\n,,\n3,c,A\n'));
    assert.deepEqual(
      f.rows.map((r) => r.row),
      [2, 4, 6],
    );
    assert.deepEqual(
      f.rows.map((r) => r.values.nip),
      ['1', '2', '3'],
    );
  });

  test('flags a row with more cells than the header', async () => {
    const f = await parse(csv('nip,name,agency_code\n1,Budi, S.Kom,A1\n'));
    assert.deepEqual(f.rows[0]?.issues, [{ row: 2, field: 'row', code: 'extra_cells' }]);
  });

  test('reads Windows-1252 text when the file is not UTF-8', async () => {
    const f = await parse(
      Buffer.from([...csv('nip,name,agency_code\n1,Ren'), 0xe9, ...csv(',A\n')]),
    );
    assert.equal(f.rows[0]?.values.name, 'René');
  });

  test('removes the formula guard the export adds', async () => {
    assert.equal(guardFormula('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(guardFormula('+62 812-3456'), '+62 812-3456');
    const f = await parse(csv(`nip,name,agency_code\n1,"'=HYPERLINK(""x"")",A\n`));
    assert.equal(f.rows[0]?.values.name, '=HYPERLINK("x")');
  });

  test('unreadable files fail with org.import_unreadable and a reason', async () => {
    await rejectsWith(parse(csv('')), 'org.import_unreadable', 'empty');
    await rejectsWith(parse(csv('\n\n')), 'org.import_unreadable', 'empty');
    await rejectsWith(parse(csv('nip,nama\n1,a\n')), 'org.import_unreadable', 'columns_missing');
    await rejectsWith(
      parse(csv('nip,name,nama,agency_code\n')),
      'org.import_unreadable',
      'columns_repeated',
    );
    await rejectsWith(
      parse(csv('nip,name,agency_code\n1,"unclosed,A\n')),
      'org.import_unreadable',
      'csv_malformed',
    );
    await rejectsWith(
      parse(Buffer.from([0x00, 0x01, 0x02, 0xff])),
      'org.import_unreadable',
      'not_text',
    );
    await rejectsWith(
      parse(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])),
      'org.import_unreadable',
      'xls_legacy',
    );
    await rejectsWith(
      parse(Buffer.from('PK\u0003\u0004garbage')),
      'org.import_unreadable',
      'xlsx_malformed',
    );
    // An XLSX content type on text is not trusted either.
    await rejectsWith(
      parse(
        csv('nip,name,agency_code\n'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
      'org.import_unreadable',
      'xlsx_malformed',
    );
  });

  test('the message of an unreadable file is localized', async () => {
    const err = await parseEmployeeFile(csv('nip\n'), { locale: 'id' }).catch((e: AppError) => e);
    assert.ok(err instanceof AppError);
    assert.match(err.localizedMessage('id'), /kolom wajib tidak ada: name, agency_code/);
  });

  test(`refuses more than ${IMPORT_MAX_ROWS} data rows`, async () => {
    const body = 'nip,name,agency_code\n' + '1,a,A\n'.repeat(IMPORT_MAX_ROWS + 1);
    await rejectsWith(parse(csv(body)), 'org.import_too_many_rows');
    const ok = await parse(csv('nip,name,agency_code\n' + '1,a,A\n'.repeat(IMPORT_MAX_ROWS)));
    assert.equal(ok.rows.length, IMPORT_MAX_ROWS);
  });
});

describe('parseEmployeeFile: reading XLSX', () => {
  async function xlsx(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('is detected by content whatever the content type, and reads the first sheet', async () => {
    const nip = makeNip(3);
    const buf = await xlsx([
      ['NIP', 'Nama', 'Kode PD', 'Email'],
      [
        nip,
        'Dewi',
        'A1',
        { text: 'dewi@batangkab.go.id', hyperlink: 'mailto:dewi@batangkab.go.id' },
      ],
      [],
      [makeNip(4), { richText: [{ text: 'Ek' }, { text: 'o' }] }, 'A1', null],
    ]);
    assert.equal(sniffFormat(buf), 'xlsx');
    const f = await parse(buf, 'application/octet-stream');
    assert.equal(f.format, 'xlsx');
    assert.deepEqual(
      f.rows.map((r) => r.row),
      [2, 4],
    );
    assert.deepEqual(f.rows[0]?.values, {
      nip,
      name: 'Dewi',
      agency_code: 'A1',
      email: 'dewi@batangkab.go.id',
    });
    assert.equal(f.rows[1]?.values.name, 'Eko');
  });

  test('a NIP stored as a number (digits lost) is reported, not guessed', async () => {
    const f = await parse(
      await xlsx([
        ['nip', 'name', 'agency_code'],
        [Number('199001012015011001'), 'X', 'A1'],
      ]),
    );
    assert.deepEqual(f.rows[0]?.issues, [{ row: 2, field: 'nip', code: 'nip_not_text' }]);
  });
});

describe('validateRows', () => {
  const agencyA = { id: '00000000-0000-4000-8000-00000000000a', code: 'A1' };
  const agencyB = { id: '00000000-0000-4000-8000-00000000000b', code: 'B1' };
  const unitA = { id: '00000000-0000-4000-8000-0000000000a1', agencyId: agencyA.id, code: 'U1' };
  const posA = {
    id: '00000000-0000-4000-8000-0000000000a2',
    agencyId: agencyA.id,
    unitId: null,
    name: 'Pranata Komputer',
  };
  const existing: EmployeeRow = {
    id: '00000000-0000-4000-8000-0000000000e1',
    tenantId: '00000000-0000-4000-8000-0000000000f0',
    nip: makeNip(50),
    name: 'Lama',
    agencyId: agencyA.id,
    unitId: unitA.id,
    positionId: null,
    status: 'active',
    email: null,
    phone: null,
    birthDate: '1970-01-01',
    gender: 'male',
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const data = (over: Partial<ImportData> = {}): ImportData => ({
    agencies: [agencyA, agencyB],
    units: [unitA],
    positions: [posA],
    employees: [existing],
    canWrite: () => true,
    ...over,
  });
  const file = (
    rows: Array<Record<string, string>>,
    columns?: ParsedFile['columns'],
  ): ParsedFile => ({
    format: 'csv',
    columns: columns ?? [
      'nip',
      'name',
      'agency_code',
      'unit_code',
      'position',
      'status',
      'email',
      'phone',
    ],
    ignoredColumns: [],
    rows: rows.map((values, i) => ({ row: i + 2, values, issues: [] })),
  });

  test('a good row becomes a create with the facts the NIP encodes', () => {
    const nip = makeNip(7, { birth: '19850214', gender: 2 });
    const v = validateRows(
      file([
        {
          nip,
          name: 'Rina',
          agency_code: 'a1',
          unit_code: 'u1',
          position: 'pranata komputer',
          status: 'Cuti',
          email: 'rina@x.go.id',
          phone: '+62 812 1',
        },
      ]),
      data(),
    );
    assert.deepEqual(v.issues, []);
    assert.deepEqual(v.plans, [
      {
        row: 2,
        kind: 'create',
        values: {
          nip,
          name: 'Rina',
          agencyId: agencyA.id,
          unitId: unitA.id,
          positionId: posA.id,
          status: 'leave',
          email: 'rina@x.go.id',
          phone: '+62 812 1',
          birthDate: '1985-02-14',
          gender: 'female',
        },
      },
    ]);
  });

  test('collects every problem of a row, with spreadsheet row, field and localized message', () => {
    const v = validateRows(
      file([
        { nip: makeNip(8), name: 'Ok', agency_code: 'A1' },
        {
          nip: '19901301201501100',
          name: '',
          agency_code: 'ZZ',
          status: 'sleeping',
          email: 'not-an-email',
          phone: 'abc',
        },
        {
          nip: '199013012015011001',
          name: 'X',
          agency_code: 'A1',
          unit_code: 'NOPE',
          position: 'Camat',
        },
      ]),
      data(),
    );
    assert.equal(v.invalidRows, 2);
    assert.equal(v.plans.length, 1);
    const got = v.issues.map((i) => [i.row, i.field, i.code]);
    assert.deepEqual(got, [
      [3, 'nip', 'nip_invalid'],
      [3, 'name', 'required'],
      [3, 'agency_code', 'agency_unknown'],
      [3, 'status', 'status_invalid'],
      [3, 'email', 'email_invalid'],
      [3, 'phone', 'phone_invalid'],
      [4, 'nip', 'nip_invalid'],
      [4, 'unit_code', 'unit_unknown'],
      [4, 'position', 'position_unknown'],
    ]);
    assert.equal(
      localizeIssue(v.issues[0]!, 'id').message,
      'NIP tidak valid: harus 18 digit angka',
    );
    assert.equal(
      localizeIssue(v.issues[6]!, 'en').message,
      'the NIP is not valid: the birth date (digits 1-8) is not a real date',
    );
    assert.equal(localizeIssue(v.issues[2]!, 'en').message, 'agency code ZZ is unknown');
  });

  test('a NIP twice in the file is an error on every occurrence', () => {
    const nip = makeNip(9);
    const v = validateRows(
      file([
        { nip, name: 'a', agency_code: 'A1' },
        { nip: 'x', name: 'b', agency_code: 'A1' },
        { nip, name: 'c', agency_code: 'A1' },
      ]),
      data(),
    );
    const dup = v.issues.filter((i) => i.code === 'nip_duplicate');
    assert.deepEqual(
      dup.map((i) => [i.row, i.params?.rows]),
      [
        [2, '4'],
        [4, '2'],
      ],
    );
    assert.equal(v.plans.length, 0);
  });

  test('an existing NIP is an update, or unchanged when the values are the same', () => {
    const same = {
      nip: existing.nip,
      name: 'Lama',
      agency_code: 'A1',
      unit_code: 'U1',
      position: '',
      status: 'active',
      email: '',
      phone: '',
    };
    const v1 = validateRows(file([same]), data());
    assert.deepEqual(
      v1.plans.map((p) => p.kind),
      ['unchanged'],
    );
    const v2 = validateRows(file([{ ...same, name: 'Baru', unit_code: '' }]), data());
    assert.equal(v2.plans[0]?.kind, 'update');
    assert.deepEqual(v2.plans[0]?.kind === 'update' && v2.plans[0].values, {
      id: existing.id,
      name: 'Baru',
      agencyId: agencyA.id,
      unitId: null,
      positionId: null,
      status: 'active',
      email: null,
      phone: null,
    });
  });

  test('columns missing from the file keep the stored values', () => {
    const withEmail = { ...existing, email: 'keep@x.id', status: 'retired' as const };
    const v = validateRows(
      file(
        [{ nip: existing.nip, name: 'Lama', agency_code: 'A1' }],
        ['nip', 'name', 'agency_code'],
      ),
      data({ employees: [withEmail] }),
    );
    assert.deepEqual(
      v.plans.map((p) => p.kind),
      ['unchanged'],
    );
  });

  test("rows for agencies the actor may not manage, or moving another agency's employee, are errors", () => {
    const onlyA = (id: string) => id === agencyA.id;
    const v = validateRows(
      file([{ nip: makeNip(11), name: 'b', agency_code: 'B1' }]),
      data({ canWrite: onlyA }),
    );
    assert.deepEqual(
      v.issues.map((i) => [i.field, i.code]),
      [['agency_code', 'agency_forbidden']],
    );
    const onlyB = (id: string) => id === agencyB.id;
    const w = validateRows(
      file([{ nip: existing.nip, name: 'Lama', agency_code: 'B1' }]),
      data({ canWrite: onlyB }),
    );
    assert.deepEqual(
      w.issues.map((i) => [i.field, i.code]),
      [['nip', 'employee_forbidden']],
    );
  });

  test('two positions with the same name are told apart by the unit, otherwise ambiguous', () => {
    const unit2 = { id: '00000000-0000-4000-8000-0000000000a3', agencyId: agencyA.id, code: 'U2' };
    const p1 = { ...posA, unitId: unitA.id };
    const p2 = { ...posA, id: '00000000-0000-4000-8000-0000000000a4', unitId: unit2.id };
    const d = data({ units: [unitA, unit2], positions: [p1, p2] });
    const ok = validateRows(
      file([
        { nip: makeNip(12), name: 'a', agency_code: 'A1', unit_code: 'U2', position: posA.name },
      ]),
      d,
    );
    assert.equal(ok.plans[0]?.kind === 'create' && ok.plans[0].values.positionId, p2.id);
    const amb = validateRows(
      file([{ nip: makeNip(13), name: 'a', agency_code: 'A1', position: posA.name }]),
      d,
    );
    assert.deepEqual(
      amb.issues.map((i) => i.code),
      ['position_ambiguous'],
    );
  });
});
