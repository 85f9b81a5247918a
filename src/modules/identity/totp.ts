import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 parameters every common authenticator app understands. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of the current one that are still accepted (clock drift). */
export const TOTP_SKEW_STEPS = 1;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as otpauth:// URIs carry secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding; throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = BASE32.indexOf(ch);
    if (idx < 0) throw new Error('not base32');
    value = ((value << 5) | idx) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new shared secret: 160 bits, the HMAC-SHA-1 key size RFC 4226 recommends. */
export function generateTotpSecret(): Buffer {
  return randomBytes(20);
}

/** RFC 4226 HOTP: HMAC over the 8-byte counter, dynamic truncation, `digits` decimal digits. */
export function hotp(
  key: Uint8Array,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) |
    (mac[offset + 1]! << 16) |
    (mac[offset + 2]! << 8) |
    mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of a moment (T0 = 0). */
export function timeStep(nowMs: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / period);
}

/** The code of a moment. */
export function totp(
  key: Uint8Array,
  nowMs: number,
  opts: { digits?: number; algorithm?: TotpAlgorithm; period?: number } = {},
): string {
  return hotp(key, timeStep(nowMs, opts.period), opts.digits ?? TOTP_DIGITS, opts.algorithm);
}

/**
 * Checks a 6-digit code against the steps around now (±TOTP_SKEW_STEPS). Returns the step it
 * matched, or null. A step at or before `lastStep` is never accepted again, so a code cannot
 * be replayed, nor an older code used after a newer one.
 */
export function verifyTotp(
  key: Uint8Array,
  code: string,
  opts: { nowMs: number; lastStep?: number | null; skew?: number },
): number | null {
  const given = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(given)) return null;
  const current = timeStep(opts.nowMs);
  const skew = opts.skew ?? TOTP_SKEW_STEPS;
  let matched: number | null = null;
  // Compare every candidate step, so timing does not tell which one matched.
  for (let step = current - skew; step <= current + skew; step++) {
    const expected = Buffer.from(hotp(key, step));
    const equal = timingSafeEqual(expected, Buffer.from(given));
    if (equal && matched === null && (opts.lastStep == null || step > opts.lastStep)) {
      matched = step;
    }
  }
  return matched;
}

/** The otpauth:// URI authenticator apps read from a QR code (Key Uri Format). */
export function otpauthUri(opts: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(opts.issuer)}:${encodeURIComponent(opts.account)}`;
  const query = new URLSearchParams({
    secret: opts.secret,
    issuer: opts.issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
