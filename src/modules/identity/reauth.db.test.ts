/** Changing how one signs in needs a recent sign-in: an old or stolen session cannot do it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import * as identity from './identity.service.js';
import { makeSession } from '../../../test/support/oidc.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';

let t: TestApp;
let tenant: TenantRow;

before(async () => {
  t = await createTestApp();
  tenant = await makeTenant(t.tdb.owner);
});
after(async () => t?.close());

async function post(cookie: string, url: string) {
  const csrf = 'c'.repeat(43);
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      host: tenant.hostnames[0]!,
      cookie: `simpul_sid=${cookie}; simpul_csrf=${csrf}`,
      'x-csrf-token': csrf,
      'content-type': 'application/json',
    },
    payload: '{}',
  });
}

test('an old session cannot add a passkey or an authenticator; a fresh one can', async () => {
  const { userId } = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }]);
  const old = await makeSession(t.tdb.owner, tenant.id, userId);
  await t.tdb.owner.execute(
    sql`UPDATE identity_sessions SET created_at = now() - interval '16 minutes'
         WHERE user_id = ${userId}`,
  );
  for (const url of ['/api/account/passkeys/options', '/api/account/totp/setup']) {
    const res = await post(old, url);
    assert.equal(res.statusCode, 403, url);
    assert.equal(res.json().error.code, 'identity.reauth_required');
  }
  const fresh = await makeSession(t.tdb.owner, tenant.id, userId);
  assert.equal((await post(fresh, '/api/account/passkeys/options')).statusCode, 200);
  assert.equal((await post(fresh, '/api/account/totp/setup')).statusCode, 200);
});

test('granting a role the MFA policy guards ends the sessions that never proved a second factor', async () => {
  const { userId } = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }]);
  const pwdOnly = await makeSession(t.tdb.owner, tenant.id, userId, ['pwd']);
  const withMfa = await makeSession(t.tdb.owner, tenant.id, userId, ['pwd', 'otp', 'mfa']);
  const admin = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }]);
  const grant = await t.app.inject({
    method: 'POST',
    url: `/api/identity/users/${userId}/roles`,
    headers: admin.headers,
    payload: { role: 'ict_admin' },
  });
  assert.equal(grant.statusCode, 200, grant.body);
  const me = (cookie: string) =>
    t.app.inject({
      url: '/api/auth/me',
      headers: { host: tenant.hostnames[0]!, cookie: `simpul_sid=${cookie}` },
    });
  assert.equal((await me(pwdOnly)).statusCode, 401);
  assert.equal((await me(withMfa)).statusCode, 200);
});

test('a wrong current password counts as a failed sign-in, and its audit event is kept', async () => {
  const user = await asOperator(t.tdb.database, tenant, (ctx) =>
    identity.createUserUnchecked(ctx, {
      username: 'pengelola.keuangan',
      displayName: 'Pengelola Keuangan',
      kind: 'external',
      password: 'serabi kocor solo 2026',
    }),
  );
  const cookie = await makeSession(t.tdb.owner, tenant.id, user.id);
  const csrf = 'd'.repeat(43);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/account/recovery-codes',
    headers: {
      host: tenant.hostnames[0]!,
      cookie: `simpul_sid=${cookie}; simpul_csrf=${csrf}`,
      'x-csrf-token': csrf,
    },
    payload: { password: 'not my password at all' },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'identity.current_password_wrong');
  const [row] = (
    await t.tdb.owner.execute<{ failed: number; audited: number }>(
      sql`SELECT (SELECT failed_logins FROM identity_users WHERE id = ${user.id}) AS failed,
                 (SELECT count(*)::int FROM audit_events WHERE target_id = ${user.id}
                     AND action = 'identity.user.password_check_failed') AS audited`,
    )
  ).rows;
  assert.deepEqual(row, { failed: 1, audited: 1 });
});
