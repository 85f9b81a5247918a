import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayIn } from './dates.js';

test("a tenant's day follows its own time zone, and an unknown zone falls back to UTC", () => {
  const lateEvening = new Date('2026-11-22T18:30:00Z'); // 01:30 WIB on the 23rd
  assert.equal(dayIn('Asia/Jakarta', lateEvening), '2026-11-23');
  assert.equal(dayIn('Asia/Jayapura', new Date('2026-11-22T14:59:00Z')), '2026-11-22');
  assert.equal(dayIn('Asia/Jayapura', new Date('2026-11-22T15:00:00Z')), '2026-11-23');
  assert.equal(dayIn('UTC', lateEvening), '2026-11-22');
  assert.equal(dayIn('Not/AZone', lateEvening), '2026-11-22');
});
