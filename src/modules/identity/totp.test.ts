import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base32Decode,
  base32Encode,
  hotp,
  otpauthUri,
  totp,
  verifyTotp,
  type TotpAlgorithm,
} from './totp.js';

// RFC 6238 Appendix B: the seeds are ASCII digits repeated to the hash's key length.
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: Array<[number, Record<TotpAlgorithm, string>]> = [
  [59, { sha1: '94287082', sha256: '46119246', sha512: '90693936' }],
  [1111111109, { sha1: '07081804', sha256: '68084774', sha512: '25091201' }],
  [1111111111, { sha1: '14050471', sha256: '67062674', sha512: '99943326' }],
  [1234567890, { sha1: '89005924', sha256: '91819424', sha512: '93441116' }],
  [2000000000, { sha1: '69279037', sha256: '90698825', sha512: '38618901' }],
  [20000000000, { sha1: '65353130', sha256: '77737706', sha512: '47863826' }],
];

describe('TOTP (RFC 6238)', () => {
  test('matches the RFC 6238 test vectors', () => {
    for (const [seconds, codes] of VECTORS) {
      for (const alg of ['sha1', 'sha256', 'sha512'] as const) {
        assert.equal(
          totp(SEEDS[alg], seconds * 1000, { digits: 8, algorithm: alg }),
          codes[alg],
          `${alg} at ${seconds}`,
        );
      }
    }
  });

  test('HOTP matches the RFC 4226 test values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expected.forEach((code, counter) => assert.equal(hotp(SEEDS.sha1, counter), code));
  });

  test('base32 round-trips and reads the RFC 4648 examples', () => {
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.equal(base32Decode('MZXW6YTBOI======').toString(), 'foobar');
    assert.equal(base32Decode('mzxw 6ytb oi').toString(), 'foobar');
    const key = Buffer.from('0123456789abcdefghij');
    assert.deepEqual(base32Decode(base32Encode(key)), key);
    assert.throws(() => base32Decode('MZ1'));
  });

  test('accepts one step of drift either side, refuses two', () => {
    const key = SEEDS.sha1;
    const now = 1_700_000_000_000;
    const at = (steps: number) => totp(key, now + steps * 30_000);
    const current = Math.floor(now / 30_000);
    assert.equal(verifyTotp(key, at(0), { nowMs: now }), current);
    assert.equal(verifyTotp(key, at(-1), { nowMs: now }), current - 1);
    assert.equal(verifyTotp(key, at(1), { nowMs: now }), current + 1);
    assert.equal(verifyTotp(key, at(-2), { nowMs: now }), null);
    assert.equal(verifyTotp(key, at(2), { nowMs: now }), null);
  });

  test('never accepts a step at or before the last one used', () => {
    const key = SEEDS.sha1;
    const now = 1_700_000_000_000;
    const current = Math.floor(now / 30_000);
    assert.equal(verifyTotp(key, totp(key, now), { nowMs: now, lastStep: current }), null);
    assert.equal(
      verifyTotp(key, totp(key, now - 30_000), { nowMs: now, lastStep: current - 1 }),
      null,
    );
    assert.equal(verifyTotp(key, totp(key, now), { nowMs: now, lastStep: current - 1 }), current);
  });

  test('refuses malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
      assert.equal(verifyTotp(SEEDS.sha1, code, { nowMs: 0 }), null);
    }
  });

  test('builds an otpauth URI', () => {
    const uri = otpauthUri({ issuer: 'Simpul Batang', account: 'andi', secret: 'ABC' });
    assert.match(uri, /^otpauth:\/\/totp\/Simpul%20Batang:andi\?secret=ABC&issuer=Simpul\+Batang/);
    assert.match(uri, /algorithm=SHA1&digits=6&period=30$/);
  });
});
