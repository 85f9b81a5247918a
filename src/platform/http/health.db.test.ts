import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { makeTenant, makeUserWithToken } from '../../../test/support/factories.js';

describe('health, metrics and the HTTP baseline', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
  });
  after(() => t.close());

  test('live and ready answer 200 when the database is reachable and migrations are current', async () => {
    assert.equal((await t.app.inject({ url: '/health/live' })).statusCode, 200);
    const ready = await t.app.inject({ url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json().checks.migrations, { ok: true });
  });

  test('ready answers 503 when a migration is missing', async () => {
    const row = (
      await t.tdb.ownerPool.query(
        'SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id DESC LIMIT 1',
      )
    ).rows[0];
    await t.tdb.ownerPool.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [row.id]);
    try {
      const r = await t.app.inject({ url: '/health/ready' });
      assert.equal(r.statusCode, 503);
      assert.equal(r.json().checks.migrations.ok, false);
    } finally {
      await t.tdb.ownerPool.query(
        'INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)',
        [row.id, row.hash, row.created_at],
      );
    }
  });

  test('metrics: Prometheus text for loopback or the token, refused otherwise', async () => {
    await t.app.inject({ url: '/health/live' });
    const local = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    assert.equal(local.statusCode, 200);
    assert.match(local.body, /# TYPE simpul_http_requests_total counter/);
    assert.match(
      local.body,
      /simpul_http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '10.9.8.7' });
    assert.equal(remote.statusCode, 403);
    const wrong = await t.app.inject({
      url: '/metrics',
      remoteAddress: '10.9.8.7',
      headers: { authorization: 'Bearer metrics-token-0123456788' },
    });
    assert.equal(wrong.statusCode, 403);
    const right = await t.app.inject({
      url: '/metrics',
      remoteAddress: '10.9.8.7',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    assert.equal(right.statusCode, 200);
  });

  test('security headers, request ids and localized 404s', async () => {
    const r = await t.app.inject({
      url: '/api/nothing-here',
      headers: { 'x-request-id': 'abc-123-request', 'accept-language': 'en' },
    });
    assert.equal(r.statusCode, 404);
    assert.equal(r.headers['x-request-id'], 'abc-123-request');
    assert.deepEqual(r.json().error, {
      code: 'platform.not_found',
      message: 'Not found.',
      requestId: 'abc-123-request',
    });
    assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const id = await t.app.inject({
      url: '/api/nothing-here',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    assert.equal(id.json().error.message, 'Alamat tidak ditemukan.');
    assert.notEqual(id.headers['x-request-id'], 'bad id with spaces');
  });

  test('the OpenAPI 3.1 document covers every API route with request and response schemas', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.equal(spec.openapi, '3.1.0');
    const ops = Object.entries(
      spec.paths as Record<string, Record<string, { responses?: object; requestBody?: object }>>,
    )
      .filter(([p]) => p.startsWith('/api/'))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ p, m, op })));
    assert.ok(ops.length >= 30);
    for (const { p, m, op } of ops) {
      assert.ok(
        op.responses && Object.keys(op.responses).length > 0,
        `${m} ${p} has no response schema`,
      );
    }
  });

  test('rate limiting answers 429 with a stable code and Retry-After', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const tenant = await makeTenant(limited.tdb.owner);
      const { headers } = await makeUserWithToken(limited.tdb.database, tenant, [
        { role: 'auditor' },
      ]);
      const codes: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await limited.app.inject({ url: '/api/org/agencies', headers });
        codes.push(last.statusCode);
      }
      assert.deepEqual(codes, [200, 200, 200, 429, 429]);
      assert.equal(last!.json().error.code, 'platform.rate_limited');
      assert.ok(Number(last!.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });
});
