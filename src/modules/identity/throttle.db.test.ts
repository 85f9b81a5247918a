import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';
import * as repo from './db/identity.repository.js';

const password = 'soto betawi hangat 12';

describe('sign-in throttling per account and per address', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
    for (const username of ['hana', 'irma', 'joko']) {
      await asOperator(t.tdb.database, tenant, (ctx) =>
        identity.createUserUnchecked(ctx, {
          username,
          displayName: username,
          kind: 'external',
          password,
        }),
      );
    }
  });
  after(() => t.close());

  const attempt = (client: ApiClient, login: string, pw: string) =>
    client.post('/api/auth/login', { login, password: pw });

  test('delays grow and are never permanent', () => {
    assert.deepEqual([4, 5, 6, 7, 30].map(identity.lockDelaySeconds), [0, 1, 2, 4, 900]);
    assert.deepEqual([19, 20, 21, 22, 60].map(identity.ipDelaySeconds), [0, 1, 2, 4, 900]);
  });

  test('failures slow the account; after the delay the right password works; all audited', async () => {
    const c = new ApiClient(t.app, host, { remoteAddress: '10.0.0.1', userAgent: 'ua-hana' });
    for (let i = 0; i < 5; i++) {
      const r = await attempt(c, 'hana', `wrong password ${i}`);
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.code, 'identity.invalid_credentials');
    }
    const row = await t.tdb.ownerPool.query(
      `SELECT failed_logins, locked_until > now() AS locked FROM identity_users WHERE username = 'hana'`,
    );
    assert.equal(row.rows[0].failed_logins, 5);
    assert.equal(row.rows[0].locked, true);
    // Stand in for a longer run of failures without waiting: the lock is five minutes out.
    await t.tdb.ownerPool.query(
      `UPDATE identity_users SET locked_until = now() + interval '5 minutes' WHERE username = 'hana'`,
    );
    const throttled = await attempt(c, 'hana', password);
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.json().error.code, 'identity.login_throttled');
    const retryAfter = Number(throttled.headers['retry-after']);
    assert.ok(retryAfter > 200 && retryAfter <= 300, String(retryAfter));

    await t.tdb.ownerPool.query(
      `UPDATE identity_users SET locked_until = now() - interval '1 second' WHERE username = 'hana'`,
    );
    const ok = await attempt(c, 'hana', password);
    assert.equal(ok.statusCode, 200, ok.body);
    const reset = await t.tdb.ownerPool.query(
      `SELECT failed_logins, locked_until FROM identity_users WHERE username = 'hana'`,
    );
    assert.deepEqual(reset.rows[0], { failed_logins: 0, locked_until: null });

    const audit = await t.tdb.ownerPool.query(
      `SELECT action, data->>'method' AS method, data->>'reason' AS reason, ip, user_agent
         FROM audit_events WHERE ip = '10.0.0.1' AND action LIKE 'identity.login.%'
        ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => [r.action, r.reason]),
      [
        ...Array.from({ length: 5 }, () => ['identity.login.failed', 'wrong_password']),
        ['identity.login.failed', 'throttled'],
        ['identity.login.succeeded', null],
      ],
    );
    assert.ok(audit.rows.every((r) => r.method === 'password' && r.user_agent === 'ua-hana'));
  });

  test('one address guessing across accounts is slowed, other addresses are not', async () => {
    const guesser = new ApiClient(t.app, host, { remoteAddress: '10.0.0.66' });
    for (let i = 0; i < 20; i++) {
      const r = await attempt(guesser, `nobody${i}`, 'some guess or other');
      assert.equal(r.statusCode, 401);
    }
    const row = await t.tdb.ownerPool.query(
      `SELECT failures, locked_until > now() AS locked FROM identity_ip_throttle WHERE ip = '10.0.0.66'`,
    );
    assert.equal(row.rows[0].failures, 20);
    assert.equal(row.rows[0].locked, true);
    await t.tdb.ownerPool.query(
      `UPDATE identity_ip_throttle SET locked_until = now() + interval '10 minutes' WHERE ip = '10.0.0.66'`,
    );
    // Even a right password waits: the address, not the account, is slowed.
    const blocked = await attempt(guesser, 'irma', password);
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'identity.login_throttled');
    assert.ok(Number(blocked.headers['retry-after']) > 500);
    const elsewhere = new ApiClient(t.app, host, { remoteAddress: '10.0.0.77' });
    assert.equal((await attempt(elsewhere, 'irma', password)).statusCode, 200);

    await t.tdb.ownerPool.query(
      `UPDATE identity_ip_throttle SET locked_until = now() - interval '1 second' WHERE ip = '10.0.0.66'`,
    );
    assert.equal((await attempt(guesser, 'irma', password)).statusCode, 200);
    const audit = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE ip = '10.0.0.66' AND action = 'identity.login.failed' AND data->>'reason' = 'ip_throttled'`,
    );
    assert.equal(audit.rows[0].n, 1);
  });

  test('a new window starts after 15 minutes', async () => {
    const c = new ApiClient(t.app, host, { remoteAddress: '10.0.0.88' });
    assert.equal((await attempt(c, 'joko', 'wrong wrong wrong')).statusCode, 401);
    await t.tdb.ownerPool.query(
      `UPDATE identity_ip_throttle SET failures = 30, window_started_at = now() - interval '16 minutes'
        WHERE ip = '10.0.0.88'`,
    );
    assert.equal((await attempt(c, 'joko', 'wrong again here')).statusCode, 401);
    const row = await t.tdb.ownerPool.query(
      `SELECT failures, locked_until FROM identity_ip_throttle WHERE ip = '10.0.0.88'`,
    );
    assert.deepEqual(row.rows[0], { failures: 1, locked_until: null });
  });

  test('old counters and ended sign-in steps are swept away; live ones stay', async () => {
    const c = new ApiClient(t.app, host, { remoteAddress: '10.0.0.99' });
    await attempt(c, 'joko', 'one more wrong one');
    await attempt(new ApiClient(t.app, host, { remoteAddress: '10.0.0.98' }), 'joko', 'and x');
    await t.tdb.ownerPool.query(
      `UPDATE identity_ip_throttle SET window_started_at = now() - interval '2 days'
        WHERE ip IN ('10.0.0.99', '10.0.0.98')`,
    );
    await t.tdb.ownerPool.query(
      `UPDATE identity_ip_throttle SET locked_until = now() + interval '1 minute' WHERE ip = '10.0.0.98'`,
    );
    await asOperator(t.tdb.database, tenant, (ctx) => repo.deleteStaleSignInRecords(ctx.tx));
    const left = await t.tdb.ownerPool.query(
      `SELECT ip FROM identity_ip_throttle WHERE ip IN ('10.0.0.99', '10.0.0.98')`,
    );
    assert.deepEqual(left.rows, [{ ip: '10.0.0.98' }]);
  });
});
