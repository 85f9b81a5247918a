import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import type { TenantRow } from '../../modules/tenancy/tenancy.service.js';
import { AUDIT_CSV_COLUMNS, AUDIT_CSV_PAGE, guardCell } from './audit-export.js';
import { verifyChain, writeAudit, writeAuditBatch } from './audit.js';

describe('audit trail: filters and CSV export', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let other: TenantRow;
  let admin: { userId: string; headers: Record<string, string> };
  let operator: Record<string, string>;
  let auditor: Record<string, string>;

  const csv = (query = '', headers = admin.headers) =>
    t.app.inject({ url: `/api/audit/events.csv${query}`, headers });
  const records = (body: string): Record<string, string>[] =>
    parse(body.replace(/^\uFEFF/, ''), { columns: true });

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner, { code: '33.25' });
    other = await makeTenant(t.tdb.owner);
    admin = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }]);
    operator = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }]))
      .headers;
    auditor = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }])).headers;

    // Hostile values from outside: a user agent, a target id and data that look like formulas.
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      await writeAudit(
        ctx.tx,
        { ...ctx, actorId: admin.userId, actorKind: 'user', userAgent: '=HYPERLINK("x")' },
        {
          action: 'test.thing.poked',
          targetType: 'thing',
          targetId: '@SUM(A1)',
          data: { note: '+1', nested: { a: '-2' } },
        },
      );
      await writeAudit(ctx.tx, ctx, {
        action: 'test.thing.poked',
        targetType: 'thing',
        targetId: 'plain',
      });
    });
    await asOperator(t.tdb.database, other, (ctx) =>
      writeAudit(ctx.tx, ctx, { action: 'test.thing.poked', targetType: 'thing', targetId: 'x' }),
    );
  });
  after(() => t.close());

  test('the listing filters by actor, action, target and date range', async () => {
    const list = async (q: string) => {
      const res = await t.app.inject({ url: `/api/audit/events${q}`, headers: auditor });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Array<{ action: string; targetId: string | null; actorId: string }>;
    };
    assert.equal((await list('?action=test.thing.poked')).length, 2);
    assert.equal((await list('?action=test.thing.*')).length, 2);
    assert.equal((await list(`?actorId=${admin.userId}`)).length, 1);
    assert.equal((await list('?targetType=thing&targetId=plain')).length, 1);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    assert.equal((await list(`?action=test.thing.poked&from=${future}`)).length, 0);
    assert.equal((await list(`?action=test.thing.poked&from=${past}&to=${future}`)).length, 2);
    assert.equal((await list(`?action=test.thing.poked&to=${past}`)).length, 0);
    const bad = await t.app.inject({ url: '/api/audit/events?from=yesterday', headers: auditor });
    assert.equal(bad.statusCode, 400);
  });

  test('the CSV is an attachment with a header row, filtered, newest first', async () => {
    const res = await csv('?action=test.thing.poked');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.match(
      res.headers['content-disposition'] as string,
      /^attachment; filename="audit-33.25-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(res.body.startsWith('\uFEFF'), 'a BOM for spreadsheet programs');
    assert.equal(res.body.replace(/^\uFEFF/, '').split('\r\n')[0], AUDIT_CSV_COLUMNS.join(','));
    const rows = records(res.body);
    assert.equal(rows.length, 2, 'only this tenant, only this action');
    assert.ok(Number(rows[0]!.seq) > Number(rows[1]!.seq));
    assert.equal(rows[0]!.target_id, 'plain', 'written last');
    assert.match(rows[0]!.occurred_at_local!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const byActor = records((await csv(`?actorId=${admin.userId}&action=test.thing.poked`)).body);
    assert.equal(byActor.length, 1);
    const byTarget = records((await csv('?targetType=thing&targetId=plain')).body);
    assert.equal(byTarget.length, 1);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    const none = await csv(`?from=${future}`);
    assert.equal(none.statusCode, 200);
    assert.deepEqual(records(none.body), [], 'a header row and nothing else');
  });

  test('cells that would run as spreadsheet formulas are defused', async () => {
    const rows = records((await csv(`?actorId=${admin.userId}&action=test.*`)).body);
    const row = rows[0]!;
    assert.equal(row.user_agent, `'=HYPERLINK("x")`);
    assert.equal(row.target_id, "'@SUM(A1)");
    assert.equal(JSON.parse(row.data!).note, '+1', 'JSON starts with { and stays as is');
    assert.equal(guardCell('-2'), "'-2");
    assert.equal(guardCell('\tx'), "'\tx");
    assert.equal(guardCell('2001:db8::1'), '2001:db8::1');
  });

  test('a long trail is streamed in pages without gaps or repeats', async () => {
    const count = AUDIT_CSV_PAGE * 2 + 17;
    await asOperator(t.tdb.database, tenant, (ctx) =>
      writeAuditBatch(
        ctx.tx,
        ctx,
        Array.from({ length: count }, (_, i) => ({
          action: 'test.bulk.made',
          targetType: 'bulk',
          targetId: String(i),
        })),
      ),
    );
    const res = await csv('?action=test.bulk.*');
    assert.equal(res.statusCode, 200);
    const rows = records(res.body);
    assert.equal(rows.length, count);
    const seqs = rows.map((r) => Number(r.seq));
    assert.ok(
      seqs.every((s, i) => i === 0 || s < seqs[i - 1]!),
      'strictly newest first',
    );
    assert.equal(new Set(rows.map((r) => r.target_id)).size, count);
    assert.deepEqual(await verifyChain(t.tdb.owner, tenant.id).then((r) => r.ok), true);
  });

  test('the export is audited; only audit readers may export', async () => {
    const n = async () =>
      (
        await t.tdb.ownerPool.query(
          `SELECT count(*)::int AS n FROM audit_events
            WHERE action = 'audit.event.exported' AND tenant_id = $1`,
          [tenant.id],
        )
      ).rows[0].n as number;
    const before = await n();
    assert.equal((await csv('?targetType=thing', auditor)).statusCode, 200);
    assert.equal(await n(), before + 1);
    const ev = await t.tdb.ownerPool.query(
      `SELECT data FROM audit_events WHERE action = 'audit.event.exported' AND tenant_id = $1
        ORDER BY seq DESC LIMIT 1`,
      [tenant.id],
    );
    assert.deepEqual(ev.rows[0].data.filters, { targetType: 'thing' });

    const denied = await csv('', operator);
    assert.equal(denied.statusCode, 403);
    assert.match(denied.headers['content-type'] as string, /application\/json/);
    assert.equal(denied.json().error.code, 'platform.forbidden');
    const anonymous = await t.app.inject({
      url: '/api/audit/events.csv',
      headers: { host: tenant.hostnames[0]! },
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(await n(), before + 1);
    const unknownFilter = await csv('?limit=5');
    assert.equal(unknownFilter.statusCode, 400);
  });
});
