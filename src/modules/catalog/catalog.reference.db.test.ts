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
import {
  BUILTIN_VERSION,
  builtinCodes,
  ensureReferenceCodes,
  parseCodeSetCsv,
  resolveCode,
} from './catalog.reference.js';

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = '----simpul-test-boundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: text/csv\r\n\r\n${file.content}\r\n`,
  );
  return {
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('catalog reference code sets', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let other: TenantRow;
  let admin: Record<string, string>;
  let operator: Record<string, string>;
  let otherAdmin: Record<string, string>;
  const auditCount = async (action: string, tenantId: string) =>
    (
      await t.tdb.ownerPool.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND tenant_id = $2',
        [action, tenantId],
      )
    ).rows[0].n as number;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    other = await makeTenant(t.tdb.owner);
    const agency = await makeAgency(t.tdb.database, tenant);
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    operator = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: agency.id },
      ])
    ).headers;
    otherAdmin = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
  });
  after(() => t.close());

  test('the built-in file covers every prefix, level 1 of RAB/RAD/RAL/RAA, and parses clean', () => {
    const codes = builtinCodes();
    const of = (p: string) => codes.filter((c) => c.prefix === p).map((c) => c.code);
    for (let i = 1; i <= 9; i++) assert.ok(of('RAB').includes(`RAB.0${i}`));
    for (let i = 1; i <= 10; i++)
      assert.ok(of('RAD').includes(`RAD.${String(i).padStart(2, '0')}`));
    assert.equal(
      codes.find((c) => c.code === 'RAD.04')?.name,
      'Informasi Perlindungan Sosial dan Kesehatan',
    );
    assert.deepEqual(of('RAI').slice(0, 3), ['RAI.01', 'RAI.02', 'RAI.03']);
    assert.deepEqual(of('RAK'), ['RAK.01', 'RAK.02', 'RAK.03']);
    assert.ok(
      codes
        .filter((c) => c.prefix === 'RAK' || (c.prefix === 'RAI' && c.level === 1))
        .every((c) => c.description?.includes('unverified numbering')),
    );
    assert.ok(of('RAL').includes('RAL.01.23'));
    assert.ok(of('RAA').includes('RAA.02.02'));
    // A code whose parent is left out (RAB.01.01.01 without RAB.01.01) keeps the direct parent.
    assert.equal(codes.find((c) => c.code === 'RAB.01.01.01')?.parentCode, 'RAB.01.01');
  });

  test('ensureReferenceCodes loads each prefix once, per tenant', async () => {
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      await ensureReferenceCodes(ctx);
      await ensureReferenceCodes(ctx);
    });
    await asOperator(t.tdb.database, tenant, (ctx) => ensureReferenceCodes(ctx));
    const sets = await t.tdb.ownerPool.query(
      'SELECT prefix, version, current, code_count FROM catalog_code_sets WHERE tenant_id = $1 ORDER BY prefix',
      [tenant.id],
    );
    assert.deepEqual(
      sets.rows.map((r) => r.prefix),
      ['RAA', 'RAB', 'RAD', 'RAI', 'RAK', 'RAL'],
    );
    assert.ok(sets.rows.every((r) => r.current && r.version === BUILTIN_VERSION));
    const n = await t.tdb.ownerPool.query(
      'SELECT count(*)::int AS n FROM catalog_codes WHERE tenant_id = $1',
      [tenant.id],
    );
    assert.equal(n.rows[0].n, builtinCodes().length);
    assert.equal(await auditCount('catalog.code_set.loaded', tenant.id), 6);
  });

  test('resolveCode: format, prefix, exact codes and deeper local extensions', async () => {
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      const exact = await resolveCode(ctx, 'RAL', 'RAL.01.23');
      assert.equal(exact.name, 'Kependudukan');
      assert.equal(exact.exact, true);
      const local = await resolveCode(ctx, 'RAL', 'RAL.01.23.07.02');
      assert.equal(local.exact, false);
      assert.equal(local.matchedCode, 'RAL.01.23');
      assert.equal(local.codeSetId, exact.codeSetId);
      const deep = await resolveCode(ctx, 'RAB', 'RAB.01.01.01.05');
      assert.equal(deep.matchedCode, 'RAB.01.01.01');
      for (const bad of ['RAL.1', 'RAL', 'ral.01', 'RAL.01.', 'RAB.01']) {
        await assert.rejects(resolveCode(ctx, 'RAL', bad), { code: 'catalog.code_invalid' });
      }
      await assert.rejects(resolveCode(ctx, 'RAL', 'RAL.07.01'), { code: 'catalog.code_unknown' });
      await assert.rejects(resolveCode(ctx, 'RAB', 'RAB.10'), { code: 'catalog.code_unknown' });
    });
  });

  test('parseCodeSetCsv reports every bad row with its number', () => {
    const csv =
      'kode,nama,induk,keterangan\n' +
      'RAL.01,Layanan Publik,,\n' +
      'RAL.01.01,Pendidikan,RAL.01,\n' +
      'RAL.01.01,Pendidikan lagi,,\n' +
      'RAB.01,Salah prefiks,,\n' +
      'RAL.1,Format salah,,\n' +
      'RAL.01.02,,,\n' +
      'RAL.01.03.01,Induk salah,RAL.02,\n' +
      'RAL.01.04.01.01,Induk tidak ada,RAL.01.04,\n' +
      'RAL.01.05.01,Induk langsung boleh hilang,RAL.01.05,\n';
    const { codes, issues } = parseCodeSetCsv(csv, 'RAL');
    assert.deepEqual(
      issues.map((i) => [i.row, i.field, i.code]),
      [
        [3, 'code', 'code_duplicate'],
        [4, 'code', 'code_duplicate'],
        [5, 'code', 'prefix_mismatch'],
        [6, 'code', 'code_format'],
        [7, 'name', 'required'],
        [8, 'parent_code', 'parent_invalid'],
        [9, 'parent_code', 'parent_missing'],
      ],
    );
    assert.ok(issues.every((i) => i.message.id && i.message.en));
    assert.deepEqual(
      codes.map((c) => c.code),
      ['RAL.01', 'RAL.01.05.01'],
    );
  });

  test('GET code-sets and codes: everyone reads; search; another version by id', async () => {
    const sets = await t.app.inject({ url: '/api/catalog/code-sets', headers: operator });
    assert.equal(sets.statusCode, 200, sets.body);
    assert.equal(sets.json().items.length, 6);
    const codes = await t.app.inject({
      url: '/api/catalog/codes?prefix=RAL&q=kependudukan',
      headers: operator,
    });
    assert.equal(codes.statusCode, 200);
    assert.deepEqual(
      codes.json().items.map((c: { code: string }) => c.code),
      ['RAL.01.23'],
    );
    const all = await t.app.inject({ url: '/api/catalog/codes', headers: operator });
    assert.equal(all.json().items.length, builtinCodes().length);
    const unauth = await t.app.inject({
      url: '/api/catalog/code-sets',
      headers: { host: tenant.hostnames[0]! },
    });
    assert.equal(unauth.statusCode, 401);
  });

  test('POST code-sets: a new version becomes current, the old one stays; records keep theirs', async () => {
    const before = (
      await t.app.inject({ url: '/api/catalog/codes?prefix=RAL&q=RAL.01.23', headers: admin })
    ).json().items[0];
    const csv =
      'code,name,parent_code,description\n' +
      'RAL.01,Layanan Publik,,\n' +
      'RAL.01.23,Kependudukan dan Pencatatan Sipil,RAL.01,\n' +
      'RAL.02,Layanan Administrasi Pemerintahan,,\n';
    const body = multipart(
      { prefix: 'RAL', version: 'Perpres 132/2022 revisi lokal 2026', source: 'Perbup uji' },
      { name: 'ral.csv', content: csv },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/code-sets',
      headers: { ...admin, 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(created.current, true);
    assert.equal(created.codeCount, 3);
    assert.equal(await auditCount('catalog.code_set.imported', tenant.id), 1);

    const sets = (await t.app.inject({ url: '/api/catalog/code-sets', headers: admin })).json()
      .items as Array<{ id: string; prefix: string; current: boolean; version: string }>;
    const ral = sets.filter((s) => s.prefix === 'RAL');
    assert.equal(ral.length, 2);
    assert.equal(ral[0]!.id, created.id);
    assert.equal(ral[1]!.current, false);
    assert.equal(ral[1]!.version, BUILTIN_VERSION);

    const now = (
      await t.app.inject({ url: '/api/catalog/codes?prefix=RAL&q=RAL.01.23', headers: admin })
    ).json().items[0];
    assert.equal(now.name, 'Kependudukan dan Pencatatan Sipil');
    assert.equal(now.codeSetId, created.id);
    // The old version is still readable by its id (what older records cite).
    const old = (
      await t.app.inject({
        url: `/api/catalog/codes?codeSetId=${before.codeSetId}&q=RAL.01.23`,
        headers: admin,
      })
    ).json().items[0];
    assert.equal(old.name, 'Kependudukan');
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      assert.equal((await resolveCode(ctx, 'RAL', 'RAL.01.23')).codeSetId, created.id);
      // RAL.01.16 was listed by the built-in set, not by the new one: now it only extends RAL.01.
      const ext = await resolveCode(ctx, 'RAL', 'RAL.01.16');
      assert.equal(ext.exact, false);
      assert.equal(ext.matchedCode, 'RAL.01');
    });

    // The same version again is refused.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/code-sets?prefix=RAL&version=Perpres%20132%2F2022%20revisi%20lokal%202026',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'catalog.code_set_version_exists');
  });

  test('an invalid file is refused with row numbers and changes nothing', async () => {
    const count = async () =>
      (
        await t.tdb.ownerPool.query(
          'SELECT count(*)::int AS n FROM catalog_code_sets WHERE tenant_id = $1',
          [tenant.id],
        )
      ).rows[0].n as number;
    const n = await count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/code-sets?prefix=RAB&version=v2&source=test',
      headers: { ...admin, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: 'code,name\nRAB.01,Pertahanan\nRAB.1,Bad\nRAL.01,Wrong prefix\nRAB.01,Again\n',
    });
    assert.equal(res.statusCode, 422, res.body);
    const err = res.json().error;
    assert.equal(err.code, 'catalog.code_set_invalid');
    assert.deepEqual(
      err.details.errors.map((e: { row: number; code: string }) => [e.row, e.code]),
      [
        [2, 'code_duplicate'],
        [3, 'code_format'],
        [4, 'prefix_mismatch'],
        [5, 'code_duplicate'],
      ],
    );
    assert.ok(err.details.errors[0].message.id);
    assert.equal(await count(), n);
  });

  test('permissions and tenant isolation', async () => {
    const csv = 'code,name\nRAK.01,Standar\n';
    const post = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/catalog/code-sets?prefix=RAK&version=v9&source=x',
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: csv,
      });
    // No valid credentials (a bearer token that does not exist; without one, CSRF answers first).
    const anon = await post({ host: tenant.hostnames[0]!, authorization: 'Bearer not-a-token' });
    assert.equal(anon.statusCode, 401);
    const forbidden = await post(operator);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().error.code, 'platform.forbidden');
    // The other tenant sees only its own sets (the built-in ones), not tenant A's import.
    const theirs = (
      await t.app.inject({ url: '/api/catalog/code-sets', headers: otherAdmin })
    ).json().items as Array<{ version: string }>;
    assert.equal(theirs.length, 6);
    assert.ok(theirs.every((s) => s.version === BUILTIN_VERSION));
    const mine = (await t.app.inject({ url: '/api/catalog/code-sets', headers: admin })).json()
      .items as Array<{ id: string }>;
    const foreign = await t.app.inject({
      url: `/api/catalog/codes?codeSetId=${mine[0]!.id}`,
      headers: otherAdmin,
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().error.code, 'catalog.code_set_not_found');
  });
});
