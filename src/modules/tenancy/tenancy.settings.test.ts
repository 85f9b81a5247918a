import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalTimeZone, checkLogoUrl, normaliseDomain } from './tenancy.settings.js';
import { parseMfaPolicy } from './tenancy.service.js';

test('time zones: IANA names in canonical spelling; offsets and unknown names refused', () => {
  assert.equal(canonicalTimeZone('Asia/Jakarta'), 'Asia/Jakarta');
  assert.equal(canonicalTimeZone('asia/jayapura'), 'Asia/Jayapura');
  assert.equal(canonicalTimeZone('UTC'), 'UTC');
  for (const bad of ['+07:00', 'GMT+7', 'Asia/Atlantis', '', 'Asia/../etc', 'WIB ']) {
    assert.equal(canonicalTimeZone(bad), null, bad);
  }
});

test('official domains: bare host names only, lower-cased', () => {
  assert.equal(normaliseDomain(' BatangKab.go.id '), 'batangkab.go.id');
  assert.equal(normaliseDomain('xn--80ak6aa92e.xn--p1ai'), 'xn--80ak6aa92e.xn--p1ai');
  for (const bad of [
    'localhost',
    'https://batangkab.go.id',
    'batangkab.go.id/',
    'batangkab.go.id:443',
    '-x.go.id',
    'a..b.id',
    '127.0.0.1',
    `${'a'.repeat(64)}.id`,
  ]) {
    assert.equal(normaliseDomain(bad), null, bad);
  }
});

test('logo addresses: https or a local path, never a script or another host by //', () => {
  assert.equal(checkLogoUrl('/files/logo.svg'), '/files/logo.svg');
  assert.equal(
    checkLogoUrl('https://cdn.batangkab.go.id/logo.png'),
    'https://cdn.batangkab.go.id/logo.png',
  );
  for (const bad of [
    'javascript:alert(1)',
    '//evil.example/x.png',
    'http://x.id/a.png',
    'data:x',
  ]) {
    assert.throws(() => checkLogoUrl(bad), /tenancy.logo_url_invalid/, bad);
  }
});

test('a missing or malformed stored MFA policy falls back to the default', () => {
  assert.deepEqual(parseMfaPolicy({}), { requiredRoles: ['ict_admin'] });
  assert.deepEqual(parseMfaPolicy({ mfaPolicy: { requiredRoles: 'x' } }), {
    requiredRoles: ['ict_admin'],
  });
  assert.deepEqual(parseMfaPolicy({ mfaPolicy: { requiredRoles: [] } }), { requiredRoles: [] });
});
