import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_PROPAGATION_MS, keySetVersion, orderForSigning } from './keys.js';
import type { SigningKeyRow } from '../db/schema.js';

const key = (kid: string, alg: 'ES256' | 'RS256', createdAt: number): SigningKeyRow => ({
  tenantId: 't',
  kid,
  alg,
  privateSealed: 'x',
  publicJwk: {},
  createdAt: new Date(createdAt),
  retiredAt: null,
  unpublishAt: null,
});

test('a fresh install signs with its only keys at once', () => {
  const now = 1_000_000_000;
  const order = orderForSigning([key('e1', 'ES256', now), key('r1', 'RS256', now)], now);
  assert.deepEqual(
    order.map((k) => k.kid),
    ['e1', 'r1'],
  );
});

test('after a rotation the old key keeps signing until the new one has propagated', () => {
  const t0 = 1_000_000_000;
  const rows = [
    key('e-old', 'ES256', t0),
    key('r-old', 'RS256', t0),
    key('e-new', 'ES256', t0 + 3_600_000),
    key('r-new', 'RS256', t0 + 3_600_000),
  ];
  const justAfter = orderForSigning(rows, t0 + 3_600_000 + 1_000);
  assert.deepEqual(
    justAfter.map((k) => k.kid),
    ['e-old', 'e-new', 'r-old', 'r-new'],
    'the new keys are published but do not sign yet',
  );
  const later = orderForSigning(rows, t0 + 3_600_000 + KEY_PROPAGATION_MS + 1);
  assert.deepEqual(
    later.map((k) => k.kid),
    ['e-new', 'e-old', 'r-new', 'r-old'],
  );
  assert.notEqual(keySetVersion(justAfter), keySetVersion(later), 'providers are rebuilt');
});
