import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { startSmtp } from '../../../test/support/smtp.js';
import { ApiClient } from '../../../test/support/identity-client.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

const password = 'gudeg jogja manis 45';

/** Undoes quoted-printable soft breaks and escapes (enough for ASCII links). */
function unQuote(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function linkIn(raw: string): URL {
  const m = /(https?:\/\/[^\s"<]+\/reset-password\?token=[A-Za-z0-9_%-]+)/.exec(unQuote(raw));
  assert.ok(m, `no reset link in:\n${raw}`);
  return new URL(m[1]!);
}

describe('password reset by e-mail', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let host: string;
  const smtp = startSmtp();

  before(async () => {
    const port = await smtp.listen();
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Simpul Uji <no-reply@simpul.test>',
    });
    tenant = await makeTenant(t.tdb.owner);
    host = tenant.hostnames[0]!;
    await asOperator(t.tdb.database, tenant, async (ctx) => {
      await identity.createUserUnchecked(ctx, {
        username: 'kartini',
        displayName: 'Kartini',
        email: 'kartini@batangkab.example',
        kind: 'external',
        password,
      });
      await identity.createUserUnchecked(ctx, {
        username: 'tanpasurel',
        displayName: 'Tanpa Surel',
        kind: 'external',
        password,
      });
    });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('the request never tells whether the account exists; the mail is bilingual, Indonesian first', async () => {
    const c = new ApiClient(t.app, host);
    for (const login of ['nobody-here', 'tanpasurel']) {
      const r = await c.post('/api/auth/password-reset', { login });
      assert.equal(r.statusCode, 202);
      assert.equal(r.body, '');
    }
    const r = await c.post('/api/auth/password-reset', { login: 'KARTINI@batangkab.example' });
    assert.equal(r.statusCode, 202);
    const mail = await smtp.next();
    assert.deepEqual(mail.to, ['kartini@batangkab.example']);
    // The two requests before sent nothing: this is the first and only mail.
    assert.equal(smtp.pending(), 0);
    const text = unQuote(mail.raw);
    assert.match(text, /From: Simpul Uji <no-reply@simpul\.test>/);
    assert.ok(text.indexOf('Halo Kartini') >= 0);
    assert.ok(text.indexOf('Halo Kartini') < text.indexOf('Hello Kartini'));
    const link = linkIn(mail.raw);
    assert.equal(link.origin, `http://${host}`);
    assert.equal(link.pathname, '/reset-password');
    const token = link.searchParams.get('token')!;
    const stored = await t.tdb.ownerPool.query(
      `SELECT token_hash FROM identity_auth_flows WHERE kind = 'password_reset'`,
    );
    assert.ok(!JSON.stringify(stored.rows).includes(token), 'only a hash is stored');
    const audit = await t.tdb.ownerPool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identity.password_reset.requested'`,
    );
    assert.equal(audit.rows[0].n, 3);

    // An old session, signed in before the reset.
    const old = new ApiClient(t.app, host);
    await old.login('kartini', password);
    assert.equal((await old.get('/api/auth/me')).statusCode, 200);

    const weak = await c.post('/api/auth/password-reset/confirm', { token, password: 'short' });
    assert.equal(weak.json().error.code, 'identity.password_too_weak');
    const next = 'batik pekalongan baru 2026';
    const done = await c.post('/api/auth/password-reset/confirm', { token, password: next });
    assert.equal(done.statusCode, 204, done.body);
    assert.equal((await old.get('/api/auth/me')).statusCode, 401, 'sessions ended');
    assert.equal((await c.post('/api/auth/login', { login: 'kartini', password })).statusCode, 401);
    assert.equal((await new ApiClient(t.app, host).login('kartini', next)).status, 'signed_in');

    const reuse = await c.post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another long password',
    });
    assert.equal(reuse.statusCode, 400);
    assert.equal(reuse.json().error.code, 'identity.reset_token_invalid');
  });

  test('an expired link is refused', async () => {
    const c = new ApiClient(t.app, host);
    assert.equal((await c.post('/api/auth/password-reset', { login: 'kartini' })).statusCode, 202);
    const token = linkIn((await smtp.next()).raw).searchParams.get('token')!;
    await t.tdb.ownerPool.query(
      `UPDATE identity_auth_flows SET expires_at = now() - interval '1 second'
        WHERE kind = 'password_reset' AND consumed_at IS NULL`,
    );
    const r = await c.post('/api/auth/password-reset/confirm', {
      token,
      password: 'a perfectly fine new one',
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'identity.reset_token_invalid');
    const unknown = await c.post('/api/auth/password-reset/confirm', {
      token: 'A'.repeat(43),
      password: 'a perfectly fine new one',
    });
    assert.equal(unknown.json().error.code, 'identity.reset_token_invalid');
  });

  test('a forged Host header cannot point the link elsewhere', async () => {
    // One tenant only, so an unknown host name still reaches it.
    const c = new ApiClient(t.app, 'attacker.example');
    assert.equal((await c.post('/api/auth/password-reset', { login: 'kartini' })).statusCode, 202);
    const link = linkIn((await smtp.next()).raw);
    assert.equal(link.origin, 'http://localhost:3000');
  });
});
