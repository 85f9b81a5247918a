import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import * as org from '../../modules/org/org.service.js';
import { sql } from 'drizzle-orm';
import { pgCode } from '../db/database.js';
import { verifyChain, writeAuditBatch } from './audit.js';

describe('the audit chain', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('concurrent audited writes form one unbroken chain per tenant', async () => {
    const a = await makeTenant(t.tdb.owner);
    const b = await makeTenant(t.tdb.owner);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        makeAgency(t.tdb.database, i % 2 ? a : b, { code: `C${i}` }),
      ),
    );
    for (const tenant of [a, b]) {
      const r = await verifyChain(t.tdb.owner, tenant.id);
      assert.deepEqual(r, { ok: true, checked: 15, brokenSeq: null, message: null });
    }
  });

  test('the app role cannot update or delete audit events', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    await makeAgency(t.tdb.database, tenant);
    for (const stmt of [
      sql`UPDATE audit_events SET action = 'x'`,
      sql`DELETE FROM audit_events`,
      sql`TRUNCATE audit_events`,
    ]) {
      await assert.rejects(
        asOperator(t.tdb.database, tenant, (ctx) => ctx.tx.execute(stmt)),
        (err: unknown) => pgCode(err) === '42501',
      );
    }
  });

  test('verification names the first altered, missing or reordered event', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    for (let i = 0; i < 5; i++) await makeAgency(t.tdb.database, tenant);
    await t.tdb.ownerPool.query(
      `UPDATE audit_events SET data = '{"forged":true}' WHERE tenant_id = $1 AND seq = 3`,
      [tenant.id],
    );
    const altered = await verifyChain(t.tdb.owner, tenant.id);
    assert.equal(altered.ok, false);
    assert.equal(altered.brokenSeq, 3);
    assert.match(altered.message!, /altered/);

    const other = await makeTenant(t.tdb.owner);
    for (let i = 0; i < 4; i++) await makeAgency(t.tdb.database, other);
    await t.tdb.ownerPool.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 2', [
      other.id,
    ]);
    const missing = await verifyChain(t.tdb.owner, other.id);
    assert.equal(missing.brokenSeq, 2);
    assert.match(missing.message!, /missing/);

    const tail = await makeTenant(t.tdb.owner);
    for (let i = 0; i < 3; i++) await makeAgency(t.tdb.database, tail);
    await t.tdb.ownerPool.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 3', [
      tail.id,
    ]);
    const cut = await verifyChain(t.tdb.owner, tail.id);
    assert.equal(cut.ok, false);
    assert.match(cut.message!, /chain head/);
  });

  test('events carry actor, IP, user agent and request id, and can be queried', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    const admin = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/org/agencies',
      headers: {
        ...admin.headers,
        'user-agent': 'audit-test/1.0',
        'x-request-id': 'req-audit-000001',
      },
      payload: {
        code: 'BAPPERIDA',
        name: 'Badan Perencanaan',
        shortName: 'Bapperida',
        kind: 'badan',
        isPlanningAgency: true,
      },
      remoteAddress: '10.1.2.3',
    });
    assert.equal(r.statusCode, 201);
    const q = await t.app.inject({
      url: '/api/audit/events?action=org.agency.*&limit=10',
      headers: admin.headers,
    });
    assert.equal(q.statusCode, 200);
    const [ev] = q.json();
    assert.equal(ev.action, 'org.agency.created');
    assert.equal(ev.actorId, admin.userId);
    assert.equal(ev.actorKind, 'token');
    assert.equal(ev.userAgent, 'audit-test/1.0');
    assert.equal(ev.requestId, 'req-audit-000001');
    assert.equal(ev.ip, '10.1.2.3');
    assert.equal(ev.targetId, r.json().id);
    const operatorOnly = await makeUserWithToken(t.tdb.database, tenant, [
      { role: 'agency_operator' },
    ]);
    assert.equal(
      (await t.app.inject({ url: '/api/audit/events', headers: operatorOnly.headers })).statusCode,
      403,
    );
  });

  test('a batch append continues the same chain as single appends', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    await makeAgency(t.tdb.database, tenant);
    await asOperator(t.tdb.database, tenant, (ctx) =>
      writeAuditBatch(
        ctx.tx,
        ctx,
        Array.from({ length: 1500 }, (_, i) => ({
          action: 'test.batch.item',
          targetId: String(i),
          data: { i },
        })),
      ),
    );
    await makeAgency(t.tdb.database, tenant);
    const r = await verifyChain(t.tdb.owner, tenant.id);
    assert.deepEqual(r, { ok: true, checked: 1502, brokenSeq: null, message: null });
    await t.tdb.ownerPool.query(
      `UPDATE audit_events SET data = '{"i": -1}' WHERE tenant_id = $1 AND seq = 700`,
      [tenant.id],
    );
    assert.equal((await verifyChain(t.tdb.owner, tenant.id)).brokenSeq, 700);
  });

  test('the event commits with the change or not at all, even when it is appended at commit', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    await makeAgency(t.tdb.database, tenant);
    const count = async (table: string) =>
      (
        await t.tdb.ownerPool.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
          [tenant.id],
        )
      ).rows[0].n as number;
    const before = { agencies: await count('org_agencies'), events: await count('audit_events') };
    // The work fails after the audit event was queued: neither the agency nor the event remain.
    await assert.rejects(
      asOperator(t.tdb.database, tenant, async (ctx) => {
        await org.createAgency(ctx, { code: 'LATE', name: 'x', shortName: 'x', kind: 'dinas' });
        throw new Error('later failure');
      }),
      /later failure/,
    );
    // Without a chain head the append fails at commit, and the change is rolled back with it.
    await t.tdb.ownerPool.query('DELETE FROM audit_heads WHERE tenant_id = $1', [tenant.id]);
    await assert.rejects(
      asOperator(t.tdb.database, tenant, (ctx) =>
        org.createAgency(ctx, { code: 'NOHEAD', name: 'x', shortName: 'x', kind: 'dinas' }),
      ),
      (err: unknown) => pgCode(err) === '23502',
    );
    assert.deepEqual(
      { agencies: await count('org_agencies'), events: await count('audit_events') },
      before,
    );
  });

  test('a failed write leaves no audit event behind', async () => {
    const tenant = await makeTenant(t.tdb.owner);
    const agency = await makeAgency(t.tdb.database, tenant, { code: 'DUP' });
    const before = (
      await t.tdb.ownerPool.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1',
        [tenant.id],
      )
    ).rows[0].n;
    await assert.rejects(
      asOperator(t.tdb.database, tenant, (ctx) =>
        org.createAgency(ctx, { code: 'DUP', name: 'x', shortName: 'x', kind: 'dinas' }),
      ),
    );
    const after = (
      await t.tdb.ownerPool.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1',
        [tenant.id],
      )
    ).rows[0].n;
    assert.equal(after, before);
    assert.ok(agency.id);
  });
});

describe('the nightly chain verification job', () => {
  test('verifies every tenant and records the result', async () => {
    const t = await createTestApp();
    try {
      const tenant = await makeTenant(t.tdb.owner);
      await makeAgency(t.tdb.database, tenant);
      const { auditModule } = await import('./module.js');
      const job = auditModule.jobs!.find((j) => j.name === 'audit.verify-chains')!;
      assert.equal(job.cron, '30 18 * * *');
      const logs: string[] = [];
      const log = {
        info: (_o: unknown, m: string) => logs.push(m),
        error: (_o: unknown, m: string) => logs.push(m),
      };
      await job.handler({ database: t.tdb.database, log } as never);
      const r = await t.tdb.ownerPool.query(
        'SELECT ok, checked FROM audit_verifications WHERE tenant_id = $1',
        [tenant.id],
      );
      assert.deepEqual(r.rows, [{ ok: true, checked: 1 }]);
      await t.tdb.ownerPool.query(
        `UPDATE audit_events SET action = 'forged' WHERE tenant_id = $1`,
        [tenant.id],
      );
      await job.handler({ database: t.tdb.database, log } as never);
      const r2 = await t.tdb.ownerPool.query(
        'SELECT ok, broken_seq FROM audit_verifications WHERE tenant_id = $1 ORDER BY id',
        [tenant.id],
      );
      assert.deepEqual(r2.rows[1], { ok: false, broken_seq: 1 });
      assert.ok(logs.includes('audit chain BROKEN'));
    } finally {
      await t.close();
    }
  });
});
