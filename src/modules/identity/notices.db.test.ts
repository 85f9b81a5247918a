/** Adding a way of signing in is announced by e-mail, so a stolen session cannot do it quietly. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import { makeSession } from '../../../test/support/oidc.js';
import { startSmtp } from '../../../test/support/smtp.js';
import { totpCode } from '../../../test/support/totp.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

const smtp = startSmtp();
let t: TestApp;
let tenant: TenantRow;

before(async () => {
  const port = await smtp.listen();
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  tenant = await makeTenant(t.tdb.owner);
});
after(async () => {
  await t?.close();
  await smtp.close();
});

test('enrolling an authenticator app sends a bilingual notice to the account address', async () => {
  const user = await asOperator(t.tdb.database, tenant, (ctx) =>
    identity.createUserUnchecked(ctx, {
      username: 'kasubag.umum',
      displayName: 'Kasubag Umum',
      email: 'umum@setda.example.go.id',
      kind: 'external',
      password: 'lumpia semarang 2026',
    }),
  );
  const cookie = await makeSession(t.tdb.owner, tenant.id, user.id);
  const csrf = 'n'.repeat(43);
  const post = (url: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        host: tenant.hostnames[0]!,
        cookie: `simpul_sid=${cookie}; simpul_csrf=${csrf}`,
        'x-csrf-token': csrf,
      },
      payload,
    });
  const setup = await post('/api/account/totp/setup', {});
  assert.equal(setup.statusCode, 200, setup.body);
  const confirm = await post('/api/account/totp/confirm', {
    code: totpCode(setup.json().secret as string),
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  const mail = await smtp.next();
  assert.deepEqual(mail.to, ['umum@setda.example.go.id']);
  const body = mail.raw.replace(/=\r?\n/g, '');
  assert.match(body, /Aplikasi autentikator baru ditambahkan/);
  assert.match(body, /An authenticator app was added/);
  assert.match(body, /kasubag\.umum/);
});
