/** Guessing cannot lock a real user out for good, and a hold does not reveal which logins exist. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOperator, makeTenant } from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import * as identity from './identity.service.js';

let t: TestApp;
let tenant: TenantRow;
const CSRF = 'k'.repeat(43);

before(async () => {
  t = await createTestApp();
  tenant = await makeTenant(t.tdb.owner);
});
after(async () => t?.close());

function login(login: string, password: string, ip: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers: {
      host: tenant.hostnames[0]!,
      cookie: `simpul_csrf=${CSRF}`,
      'x-csrf-token': CSRF,
    },
    payload: { login, password },
  });
}

test('an account held back by guesses from one address still opens to its owner elsewhere', async () => {
  const password = 'gethuk lindri dari magelang';
  await asOperator(t.tdb.database, tenant, (ctx) =>
    identity.createUserUnchecked(ctx, {
      username: 'bendahara',
      displayName: 'Bendahara',
      kind: 'external',
      password,
    }),
  );
  for (let i = 0; i < 7; i++) await login('bendahara', `wrong guess ${i}`, '10.9.9.9');
  const held = await login('bendahara', password, '10.9.9.9');
  assert.equal(held.statusCode, 429, 'the guessing address is held back');
  assert.equal(held.json().error.code, 'identity.login_throttled');

  // A wrong guess from a fresh address spends that address's turn and is held back too...
  const other = await login('bendahara', 'yet another guess', '10.8.8.8');
  assert.equal(other.statusCode, 429);
  assert.equal((await login('bendahara', password, '10.8.8.8')).statusCode, 429);
  // ...while the owner, from an address that has not failed, signs in.
  const owner = await login('bendahara', password, '10.7.7.7');
  assert.equal(owner.statusCode, 200, owner.body);
  assert.equal(owner.json().status, 'signed_in');
});

test('unknown logins are held back like real ones', async () => {
  const answers: string[] = [];
  for (let i = 0; i < 7; i++) {
    answers.push((await login('nobody.here', `guess ${i}`, '10.6.6.6')).json().error.code);
  }
  assert.deepEqual(answers.slice(0, 5), Array(5).fill('identity.invalid_credentials'));
  assert.equal(answers[6], 'identity.login_throttled');
});
