import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { lockDelaySeconds } from './identity.service.js';

test('passwords: at least 12 characters, not common, not the username', () => {
  assert.equal(passwordProblem('short-pw'), 'too_short');
  assert.equal(passwordProblem('password1234'), 'too_common');
  assert.equal(passwordProblem('aaaaaaaaaaaaaaaa'), 'too_common');
  assert.equal(passwordProblem('budi.santoso-2026!', 'budi.santoso'), 'contains_username');
  assert.equal(passwordProblem('kopi tubruk di alun-alun'), null);
});

test('argon2id hashes verify only the right password', async () => {
  const h = await hashPassword('kopi tubruk di alun-alun');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  assert.equal(await verifyPassword(h, 'kopi tubruk di alun-alun'), true);
  assert.equal(await verifyPassword(h, 'kopi tubruk di alun-alun!'), false);
  assert.equal(await verifyPassword('not-a-hash', 'x'), false);
});

test('sign-in delays grow after five failures and are capped, never permanent', () => {
  assert.deepEqual([1, 4, 5, 6, 7, 10].map(lockDelaySeconds), [0, 0, 1, 2, 4, 32]);
  assert.equal(lockDelaySeconds(100), 900);
});

test('the list of common passwords is real: thousands of long, well-known ones', () => {
  for (const known of [
    'bismillah123',
    'Indonesia1945',
    'qwertyuiop123',
    'P@ssw0rd1234',
    'akucintakamu',
    '1qaz2wsx3edc',
    'jakarta12345',
    'welcome12345',
    'password2024',
  ]) {
    assert.equal(passwordProblem(known), 'too_common', known);
  }
  assert.equal(passwordProblem('sate kambing batang 2026'), null);
});
