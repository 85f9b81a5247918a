import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';
import { base32Decode, timeStep, totp } from './totp.js';

const password = 'nasi goreng kampung 2026';

describe('second factors: TOTP, recovery codes and the tenant MFA policy', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
  });
  after(() => t.close());

  async function makeUser(username: string, roles: string[] = []) {
    return asOperator(t.tdb.database, tenant, async (ctx) => {
      const u = await identity.createUserUnchecked(ctx, {
        username,
        displayName: username,
        kind: 'external',
        password,
      });
      for (const role of roles) await identity.assignRole(ctx, u.id, role, null);
      return u;
    });
  }

  /** Enrols TOTP for a signed-in browser; returns the key and the recovery codes. */
  async function enrolTotp(b: ApiClient) {
    const setup = await b.post('/api/account/totp/setup');
    assert.equal(setup.statusCode, 200, setup.body);
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    assert.match(otpauthUri, /^otpauth:\/\/totp\//);
    assert.ok(otpauthUri.includes(`secret=${secret}`));
    const key = base32Decode(secret);
    const confirm = await stable(() =>
      b.post('/api/account/totp/confirm', { code: totp(key, Date.now()) }),
    );
    assert.equal(confirm.statusCode, 200, confirm.body);
    const codes = confirm.json().recoveryCodes as string[];
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    return { key, codes };
  }

  /**
   * Runs a request whose code depends on the current 30-second step; if the step changed while
   * it ran (a code computed in one step, checked in the next), runs it again.
   */
  async function stable<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      const before = timeStep(Date.now());
      const result = await fn();
      if (timeStep(Date.now()) === before) return result;
    }
  }

  const at = (key: Buffer, steps: number) => totp(key, Date.now() + steps * 30_000);

  test('enrol TOTP, then sign-in needs a code: ±1 step accepted, ±2 refused, no replays', async () => {
    await makeUser('tika', ['auditor']);
    const b = new ApiClient(t.app, host);
    const first = await b.login('tika', password);
    assert.equal(first.status, 'signed_in');
    assert.deepEqual(first.user!.amr, ['pwd']);
    const { key } = await enrolTotp(b);
    // Enrolment used the current step; forget it, so the drift window can be seen whole.
    await t.tdb.ownerPool.query(
      `UPDATE identity_totp_factors SET last_step = NULL WHERE user_id = $1`,
      [first.user!.id],
    );

    const me = (await b.get('/api/auth/me')).json();
    assert.equal(me.mfa.totp, true);
    assert.equal(me.mfa.recoveryCodesLeft, 10);
    assert.deepEqual(me.amr, ['pwd', 'otp', 'mfa']);

    const step = async (offset: number) =>
      stable(async () => {
        const s = await b.login('tika', password);
        assert.equal(s.status, 'mfa_required');
        assert.deepEqual(s.methods, ['totp', 'recovery']);
        return b.post('/api/auth/mfa/totp', { flow: s.flow, code: at(key, offset) });
      });

    for (const offset of [-2, 2]) {
      const r = await step(offset);
      assert.equal(r.statusCode, 400, `offset ${offset}: ${r.body}`);
      assert.equal(r.json().error.code, 'identity.mfa_invalid_code');
    }
    const ok = await step(-1);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'signed_in');
    assert.deepEqual(ok.json().user.amr, ['pwd', 'otp', 'mfa']);
    assert.equal((await b.get('/api/auth/me')).statusCode, 200);

    // The current step is accepted once; the same code again is a replay.
    const flows: string[] = [];
    const [now, replay] = await stable(async () => {
      const code = at(key, 0);
      const a = await b.login('tika', password);
      const c = await b.login('tika', password);
      flows.push(a.flow!, c.flow!);
      return [
        await b.post('/api/auth/mfa/totp', { flow: a.flow, code }),
        await b.post('/api/auth/mfa/totp', { flow: c.flow, code }),
      ];
    });
    assert.equal(now!.statusCode, 200, now!.body);
    assert.equal(replay!.statusCode, 400);
    assert.equal(replay!.json().error.code, 'identity.mfa_invalid_code');
    // A consumed flow cannot be used again.
    const reuse = await b.post('/api/auth/mfa/totp', { flow: flows[0], code: at(key, 1) });
    assert.equal(reuse.json().error.code, 'identity.mfa_flow_expired');

    const ahead = await step(1);
    assert.equal(ahead.statusCode, 200, ahead.body);

    const audited = await t.tdb.ownerPool.query(
      `SELECT action, data->>'method' AS method, data->>'reason' AS reason FROM audit_events
        WHERE action LIKE 'identity.login.%' AND data->>'method' = 'totp' ORDER BY occurred_at`,
    );
    assert.ok(audited.rows.some((r) => r.action === 'identity.login.succeeded'));
    assert.ok(audited.rows.some((r) => r.reason === 'wrong_code'));
  });

  test('a sign-in step allows five tries and expires', async () => {
    await makeUser('umar', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('umar', password);
    const { key } = await enrolTotp(b);
    const s = await b.login('umar', password);
    for (let i = 0; i < 5; i++) {
      const r = await b.post('/api/auth/mfa/totp', { flow: s.flow, code: '000000' });
      assert.equal(r.json().error.code, 'identity.mfa_invalid_code');
    }
    // The account's own throttle would also slow a sixth try: lift it to see the flow's limit.
    await t.tdb.ownerPool.query(
      `UPDATE identity_users SET locked_until = NULL, failed_logins = 0 WHERE username = 'umar'`,
    );
    const sixth = await stable(() =>
      b.post('/api/auth/mfa/totp', { flow: s.flow, code: at(key, 0) }),
    );
    assert.equal(sixth.json().error.code, 'identity.mfa_flow_expired');

    const late = await b.login('umar', password);
    await t.tdb.ownerPool.query(
      `UPDATE identity_auth_flows SET expires_at = now() - interval '1 second' WHERE kind = 'mfa'`,
    );
    const expired = await stable(() =>
      b.post('/api/auth/mfa/totp', { flow: late.flow, code: at(key, 0) }),
    );
    assert.equal(expired.statusCode, 400);
    assert.equal(expired.json().error.code, 'identity.mfa_flow_expired');
  });

  test('recovery codes sign in once each and can be replaced', async () => {
    await makeUser('vina', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('vina', password);
    const { codes } = await enrolTotp(b);
    const stored = await t.tdb.ownerPool.query(
      `SELECT code_hash FROM identity_recovery_codes r JOIN identity_users u ON u.id = r.user_id
        WHERE u.username = 'vina'`,
    );
    assert.equal(stored.rows.length, 10);
    assert.ok(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash)));
    assert.ok(!JSON.stringify(stored.rows).includes(codes[0]!.replace('-', '')));

    const s = await b.login('vina', password);
    // Typed in upper case without the dash still works.
    const used = await b.post('/api/auth/mfa/recovery', {
      flow: s.flow,
      code: codes[0]!.toUpperCase().replace('-', ''),
    });
    assert.equal(used.statusCode, 200, used.body);
    assert.equal(used.json().user.mfa.recoveryCodesLeft, 9);
    const again = await b.login('vina', password);
    const reused = await b.post('/api/auth/mfa/recovery', { flow: again.flow, code: codes[0] });
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().error.code, 'identity.mfa_invalid_code');

    const wrongPw = await b.post('/api/account/recovery-codes', { password: 'not my password' });
    assert.equal(wrongPw.json().error.code, 'identity.current_password_wrong');
    const fresh = await b.post('/api/account/recovery-codes', { password });
    assert.equal(fresh.statusCode, 200);
    const next = await b.login('vina', password);
    const old = await b.post('/api/auth/mfa/recovery', { flow: next.flow, code: codes[1] });
    assert.equal(old.json().error.code, 'identity.mfa_invalid_code');
    const newer = await b.post('/api/auth/mfa/recovery', {
      flow: next.flow,
      code: fresh.json().recoveryCodes[0],
    });
    assert.equal(newer.statusCode, 200, newer.body);
  });

  test('removing the authenticator needs the password; then the password alone signs in', async () => {
    await makeUser('wati', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('wati', password);
    await enrolTotp(b);
    const again = await b.post('/api/account/totp/setup');
    assert.equal(again.json().error.code, 'identity.totp_already_enrolled');
    const wrong = await b.delete('/api/account/totp', { password: 'wrong password here' });
    assert.equal(wrong.statusCode, 400);
    assert.equal((await b.delete('/api/account/totp', { password })).statusCode, 204);
    const s = await b.login('wati', password);
    assert.equal(s.status, 'signed_in');
    assert.equal(s.user!.mfa.recoveryCodesLeft, 0);
  });

  test('a wrong first code does not enrol; the secret is sealed at rest', async () => {
    const u = await makeUser('yuni', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('yuni', password);
    const setup = (await b.post('/api/account/totp/setup')).json();
    const bad = await b.post('/api/account/totp/confirm', { code: '123456' });
    assert.equal(bad.json().error.code, 'identity.mfa_invalid_code');
    const row = await t.tdb.ownerPool.query(
      'SELECT secret_sealed, confirmed_at FROM identity_totp_factors WHERE user_id = $1',
      [u.id],
    );
    assert.equal(row.rows[0].confirmed_at, null);
    assert.ok(!row.rows[0].secret_sealed.includes(setup.secret));
    assert.equal((await b.login('yuni', password)).status, 'signed_in');
  });

  test('policy: an ICT admin without MFA may only enrol, and the session is upgraded after', async () => {
    await makeUser('zaki', ['ict_admin']);
    const b = new ApiClient(t.app, host);
    const s = await b.login('zaki', password);
    assert.equal(s.status, 'signed_in', JSON.stringify(s));
    assert.equal(s.user!.mfa.enrolmentRequired, true);
    assert.deepEqual(s.user!.permissions, []);
    const me = await b.get('/api/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().mfa.required, true);
    const blocked = await b.get('/api/identity/users');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'platform.mfa_enrolment_required');
    const tokens = await b.post('/api/identity/tokens', {
      name: 'x',
      scopes: ['*'],
      expiresInDays: 1,
    });
    assert.equal(tokens.json().error.code, 'platform.mfa_enrolment_required');
    assert.equal((await b.get('/api/account/sessions')).statusCode, 200);

    const { key } = await enrolTotp(b);
    const upgraded = await b.get('/api/auth/me');
    assert.equal(upgraded.json().mfa.enrolmentRequired, false);
    assert.deepEqual(upgraded.json().amr, ['pwd', 'otp', 'mfa']);
    assert.ok(upgraded.json().permissions.includes('identity:user:read'));
    assert.equal((await b.get('/api/identity/users')).statusCode, 200);

    // From now on the password alone is not enough.
    const next = await b.login('zaki', password);
    assert.equal(next.status, 'mfa_required');
    // The enrolment used this step's code; the next step's is still within the drift window.
    const done = await stable(() =>
      b.post('/api/auth/mfa/totp', { flow: next.flow, code: at(key, 1) }),
    );
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().user.mfa.enrolmentRequired, false);
  });

  test('policy: roles outside the policy are not asked; the policy can cover more roles', async () => {
    await makeUser('agus', ['auditor']);
    const b = new ApiClient(t.app, host);
    const s = await b.login('agus', password);
    assert.equal(s.user!.mfa.enrolmentRequired, false);
    assert.equal(s.user!.mfa.required, false);
    assert.ok(s.user!.permissions.includes('identity:user:read'));
    await t.tdb.ownerPool.query(
      `UPDATE tenants SET settings = settings || '{"mfaPolicy":{"requiredRoles":["auditor"]}}' WHERE id = $1`,
      [tenant.id],
    );
    const now = await b.login('agus', password);
    assert.equal(now.user!.mfa.enrolmentRequired, true);
    await t.tdb.ownerPool.query(
      `UPDATE tenants SET settings = settings - 'mfaPolicy' WHERE id = $1`,
      [tenant.id],
    );
  });
});
