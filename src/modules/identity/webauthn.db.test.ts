import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import { SoftAuthenticator } from '../../../test/support/webauthn.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

const password = 'rendang padang asli 99';

describe('passkeys (WebAuthn)', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
  });
  after(() => t.close());

  async function makeUser(username: string, roles: string[]) {
    return asOperator(t.tdb.database, tenant, async (ctx) => {
      const u = await identity.createUserUnchecked(ctx, {
        username,
        displayName: `${username} display`,
        kind: 'external',
        password,
      });
      for (const role of roles) await identity.assignRole(ctx, u.id, role, null);
      return u;
    });
  }

  /** Registers a software passkey for a signed-in client. */
  async function register(b: ApiClient, key: SoftAuthenticator, name = 'Laptop') {
    const opts = await b.post('/api/account/passkeys/options');
    assert.equal(opts.statusCode, 200, opts.body);
    const { flow, options } = opts.json();
    assert.equal(options.rp.id, host);
    assert.equal(options.authenticatorSelection.userVerification, 'preferred');
    const res = await b.post('/api/account/passkeys', {
      flow,
      name,
      response: key.create(options, b.origin),
    });
    return res;
  }

  async function passkeyLogin(b: ApiClient, key: SoftAuthenticator, flow?: string) {
    const opts = await b.post('/api/auth/webauthn/options', flow ? { flow } : {});
    assert.equal(opts.statusCode, 200, opts.body);
    const { flow: f, options } = opts.json();
    return b.post('/api/auth/webauthn/verify', { flow: f, response: key.get(options, b.origin) });
  }

  test('an ICT admin enrols a passkey from the enrolment-only session and is upgraded', async () => {
    await makeUser('budi', ['ict_admin']);
    const b = new ApiClient(t.app, host);
    const s = await b.login('budi', password);
    assert.equal(s.user!.mfa.enrolmentRequired, true);
    assert.equal((await b.get('/api/identity/users')).statusCode, 403);
    const key = new SoftAuthenticator();
    const created = await register(b, key);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().name, 'Laptop');
    const me = (await b.get('/api/auth/me')).json();
    assert.equal(me.mfa.enrolmentRequired, false);
    assert.equal(me.mfa.passkeys, 1);
    assert.deepEqual(me.amr, ['pwd', 'hwk', 'user', 'mfa']);
    assert.equal((await b.get('/api/identity/users')).statusCode, 200);
    const list = (await b.get('/api/account/passkeys')).json();
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].lastUsedAt, null);

    // The password now leads to a second step the passkey completes.
    const next = await b.login('budi', password);
    assert.equal(next.status, 'mfa_required');
    assert.deepEqual(next.methods, ['webauthn']);
    const opts = (await b.post('/api/auth/webauthn/options', { flow: next.flow })).json();
    assert.equal(opts.flow, next.flow);
    assert.deepEqual(
      opts.options.allowCredentials.map((c: { id: string }) => c.id),
      [key.id],
    );
    const done = await b.post('/api/auth/webauthn/verify', {
      flow: opts.flow,
      response: key.get(opts.options, b.origin),
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().user.amr, ['pwd', 'hwk', 'user', 'mfa']);
    assert.equal(done.json().user.mfa.enrolmentRequired, false);
    const used = (await b.get('/api/account/passkeys')).json();
    assert.notEqual(used.items[0].lastUsedAt, null);
  });

  test('a discoverable passkey signs in without a password, with user verification', async () => {
    await makeUser('citra', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('citra', password);
    const key = new SoftAuthenticator();
    assert.equal((await register(b, key)).statusCode, 201);

    const fresh = new ApiClient(t.app, host);
    const res = await passkeyLogin(fresh, key);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'signed_in');
    assert.equal(res.json().user.username, 'citra');
    assert.deepEqual(res.json().user.amr, ['hwk', 'user', 'mfa']);
    assert.equal((await fresh.get('/api/auth/me')).statusCode, 200);
    const audit = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'identity.login.succeeded' AND data->>'method' = 'webauthn'`,
    );
    assert.ok(audit.rows[0].n >= 1);

    // The flow is single use.
    const opts = (await fresh.post('/api/auth/webauthn/options', {})).json();
    const response = key.get(opts.options, fresh.origin);
    assert.equal(
      (await fresh.post('/api/auth/webauthn/verify', { flow: opts.flow, response })).statusCode,
      200,
    );
    const again = await fresh.post('/api/auth/webauthn/verify', { flow: opts.flow, response });
    assert.equal(again.json().error.code, 'identity.mfa_flow_expired');
  });

  test('a signature counter that goes back (a cloned key) is refused and audited', async () => {
    await makeUser('dedi', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('dedi', password);
    const key = new SoftAuthenticator();
    assert.equal((await register(b, key)).statusCode, 201);
    assert.equal((await passkeyLogin(b, key)).statusCode, 200);
    assert.equal((await passkeyLogin(b, key)).statusCode, 200);
    const opts = (await b.post('/api/auth/webauthn/options', {})).json();
    const clone = await b.post('/api/auth/webauthn/verify', {
      flow: opts.flow,
      response: key.get(opts.options, b.origin, { counter: 1 }),
    });
    assert.equal(clone.statusCode, 400);
    assert.equal(clone.json().error.code, 'identity.passkey_failed');
    const audit = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'identity.login.failed' AND data->>'reason' = 'counter_regressed'`,
    );
    assert.equal(audit.rows[0].n, 1);
  });

  test('refused: another origin, a passwordless sign-in without user verification, a foreign key', async () => {
    await makeUser('eka', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('eka', password);
    const key = new SoftAuthenticator();
    assert.equal((await register(b, key)).statusCode, 201);

    const opts = (await b.post('/api/auth/webauthn/options', {})).json();
    const phished = await b.post('/api/auth/webauthn/verify', {
      flow: opts.flow,
      response: key.get(opts.options, 'https://simpul-login.example'),
    });
    assert.equal(phished.json().error.code, 'identity.passkey_failed');

    const noUv = new SoftAuthenticator({ userVerification: false });
    assert.equal((await register(b, noUv, 'Security key')).statusCode, 201);
    const res = await passkeyLogin(b, noUv);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'identity.passkey_failed');

    // As a second factor, user verification is not needed (the password was the first).
    const s = await b.login('eka', password);
    assert.deepEqual(s.methods, ['webauthn']);
    const second = (await b.post('/api/auth/webauthn/options', { flow: s.flow })).json();
    const ok = await b.post('/api/auth/webauthn/verify', {
      flow: second.flow,
      response: noUv.get(second.options, b.origin),
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().user.amr, ['pwd', 'hwk', 'mfa']);

    // Someone else's passkey cannot complete eka's second step.
    await makeUser('fajar', ['auditor']);
    const other = new ApiClient(t.app, host);
    await other.login('fajar', password);
    const foreign = new SoftAuthenticator();
    assert.equal((await register(other, foreign)).statusCode, 201);
    const s2 = await b.login('eka', password);
    const o2 = (await b.post('/api/auth/webauthn/options', { flow: s2.flow })).json();
    const wrong = await b.post('/api/auth/webauthn/verify', {
      flow: o2.flow,
      response: foreign.get(o2.options, b.origin),
    });
    assert.equal(wrong.json().error.code, 'identity.passkey_failed');
  });

  test('a registration answer for another challenge or origin is refused; passkeys can be removed', async () => {
    await makeUser('gita', ['auditor']);
    const b = new ApiClient(t.app, host);
    await b.login('gita', password);
    const key = new SoftAuthenticator();
    const { flow, options } = (await b.post('/api/account/passkeys/options')).json();
    const bad = await b.post('/api/account/passkeys', {
      flow,
      name: 'x',
      response: key.create(options, 'https://elsewhere.example'),
    });
    assert.equal(bad.json().error.code, 'identity.passkey_failed');
    const stale = await b.post('/api/account/passkeys', {
      flow,
      name: 'x',
      response: key.create({ ...options, challenge: 'AAAAAAAAAAAAAAAAAAAAAA' }, b.origin),
    });
    assert.equal(stale.json().error.code, 'identity.passkey_failed');
    const good = await b.post('/api/account/passkeys', {
      flow,
      name: 'Ponsel',
      response: key.create(options, b.origin),
    });
    assert.equal(good.statusCode, 201, good.body);
    const removed = await b.delete(`/api/account/passkeys/${good.json().id}`);
    assert.equal(removed.statusCode, 204);
    assert.equal((await b.get('/api/account/passkeys')).json().items.length, 0);
    assert.equal(
      (await b.delete(`/api/account/passkeys/${good.json().id}`)).json().error.code,
      'identity.passkey_not_found',
    );
    assert.equal((await passkeyLogin(b, key)).json().error.code, 'identity.passkey_failed');
  });
});
