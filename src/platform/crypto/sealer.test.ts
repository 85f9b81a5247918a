import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sealer, sameSecret, serverSecret } from './sealer.js';

const secret = 'a-server-secret-of-at-least-32-characters!';

test('sealed values open only with the same secret and context', () => {
  const s = new Sealer(secret);
  const sealed = s.seal('JBSWY3DPEHPK3PXP', 'totp:user-1');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.equal(s.open(sealed, 'totp:user-1'), 'JBSWY3DPEHPK3PXP');
  assert.notEqual(s.seal('x', 'c'), s.seal('x', 'c'), 'a fresh nonce every time');
  assert.throws(() => s.open(sealed, 'totp:user-2'), 'bound to its context');
  assert.throws(() => new Sealer(`${secret}?`).open(sealed, 'totp:user-1'), 'bound to the key');
  const [v, iv, body, tag] = sealed.split('.');
  // Change the first character: the last one of base64url may carry only padding bits.
  const flipped = `${body!.startsWith('A') ? 'B' : 'A'}${body!.slice(1)}`;
  assert.throws(() => s.open([v, iv, flipped, tag].join('.'), 'totp:user-1'), 'tamper-evident');
  assert.throws(() => new Sealer('short'), /32 characters/);
});

test('without SESSION_SECRET a secret is generated once, private to the owner', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-secret-'));
  const first = serverSecret({ sessionSecret: null, dataDir });
  assert.ok(first.length >= 32);
  assert.equal(serverSecret({ sessionSecret: null, dataDir }), first);
  assert.equal(statSync(path.join(dataDir, 'server-secret')).mode & 0o777, 0o600);
  assert.equal(serverSecret({ sessionSecret: secret, dataDir }), secret);
  assert.ok(sameSecret('abc', 'abc'));
  assert.ok(!sameSecret('abc', 'abd') && !sameSecret('abc', 'abcd'));
});
