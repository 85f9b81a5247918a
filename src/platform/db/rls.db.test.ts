import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { makeAgency, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import type { TenantRow } from '../../modules/tenancy/db/schema.js';
import { inTenantTx, pgCode } from './database.js';

describe('tenant isolation by row-level security', () => {
  let t: TestApp;
  let a: TenantRow;
  let b: TenantRow;
  let agencyB: { id: string };
  let tokenA: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    a = await makeTenant(t.tdb.owner);
    b = await makeTenant(t.tdb.owner);
    await makeAgency(t.tdb.database, a, { code: 'A-ONLY' });
    agencyB = await makeAgency(t.tdb.database, b, { code: 'B-ONLY' });
    tokenA = (await makeUserWithToken(t.tdb.database, a, [{ role: 'ict_admin' }])).headers;
  });
  after(() => t.close());

  test('the app role does not own the tables and cannot bypass RLS', async () => {
    const r = await t.tdb.database.pool.query(
      `SELECT current_user AS who, r.rolsuper, r.rolbypassrls,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'org_agencies') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    assert.equal(r.rows[0].who, 'simpul_app');
    assert.equal(r.rows[0].rolsuper, false);
    assert.equal(r.rows[0].rolbypassrls, false);
    assert.notEqual(r.rows[0].owner, 'simpul_app');
  });

  test('every table with tenant_id has row-level security enabled', async () => {
    const r = await t.tdb.ownerPool.query(
      `SELECT c.relname, c.relrowsecurity FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
        WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
    );
    assert.ok(r.rows.length >= 8);
    for (const row of r.rows) assert.equal(row.relrowsecurity, true, `${row.relname} lacks RLS`);
  });

  test('a query with no tenant set sees nothing', async () => {
    const owner = await t.tdb.ownerPool.query('SELECT count(*)::int AS n FROM org_agencies');
    assert.equal(owner.rows[0].n, 2);
    const direct = await t.tdb.database.pool.query('SELECT count(*)::int AS n FROM org_agencies');
    assert.equal(direct.rows[0].n, 0);
    const inTx = await inTenantTx(t.tdb.database, { tenantId: null }, (tx) =>
      tx.execute(sql`SELECT count(*)::int AS n FROM org_employees`),
    );
    assert.equal(inTx.rows[0]?.n, 0);
  });

  test("tenant A cannot read B's rows, even by id", async () => {
    const list = await t.app.inject({ url: '/api/org/agencies', headers: tokenA });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((x: { code: string }) => x.code),
      ['A-ONLY'],
    );
    const get = await t.app.inject({ url: `/api/org/agencies/${agencyB.id}`, headers: tokenA });
    assert.equal(get.statusCode, 404);
    assert.equal(get.json().error.code, 'org.agency_not_found');
  });

  test("tenant A cannot update or delete B's rows", async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/agencies/${agencyB.id}`,
      headers: tokenA,
      payload: { name: 'Hijacked' },
    });
    assert.equal(patch.statusCode, 404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/org/agencies/${agencyB.id}`,
      headers: tokenA,
    });
    assert.equal(del.statusCode, 404);
    const still = await t.tdb.ownerPool.query('SELECT name FROM org_agencies WHERE id = $1', [
      agencyB.id,
    ]);
    assert.notEqual(still.rows[0].name, 'Hijacked');
  });

  test("even raw SQL in A's transaction cannot touch B's rows", async () => {
    const r = await inTenantTx(t.tdb.database, { tenantId: a.id }, async (tx) => {
      const upd = await tx.execute(
        sql`UPDATE org_agencies SET name = 'x' WHERE id = ${agencyB.id}`,
      );
      const del = await tx.execute(sql`DELETE FROM org_agencies WHERE id = ${agencyB.id}`);
      return { upd: upd.rowCount, del: del.rowCount };
    });
    assert.deepEqual(r, { upd: 0, del: 0 });
    await assert.rejects(
      inTenantTx(t.tdb.database, { tenantId: a.id }, (tx) =>
        tx.execute(
          sql`INSERT INTO org_agencies (tenant_id, code, name, short_name, kind) VALUES (${b.id}, 'X', 'X', 'X', 'dinas')`,
        ),
      ),
      (err: unknown) => pgCode(err) === '42501',
    );
  });

  test('the tenant is found by its official domain, whatever its case', async () => {
    const c = await makeTenant(t.tdb.owner, { hostnames: [], officialDomain: 'BatangKab.example' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the resolver's miss window
    const site = await t.app.inject({
      url: '/api/public/site',
      headers: { host: 'batangkab.example' },
    });
    assert.equal(site.json().tenant.code, c.code);
  });

  test("a token of tenant A is not accepted on tenant B's host", async () => {
    const r = await t.app.inject({
      url: '/api/org/agencies',
      headers: { ...tokenA, host: b.hostnames[0]! },
    });
    assert.equal(r.statusCode, 401);
  });
});
