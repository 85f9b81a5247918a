import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNip } from './nip.js';

test('a valid NIP yields birth date, appointment month and gender', () => {
  const r = parseNip('198503152010011002');
  assert.deepEqual(r, {
    ok: true,
    parts: {
      birthDate: '1985-03-15',
      appointmentMonth: '2010-01',
      gender: 'male',
      sequence: '002',
    },
  });
  const f = parseNip('19900229 201503 2 001'.replace(/ /g, ''));
  assert.equal(f.ok, false); // 1990 is not a leap year
});

test('spaces are allowed between the NIP groups', () => {
  const r = parseNip('19850315 201001 2 002');
  assert.equal(r.ok && r.parts.gender, 'female');
});

test('each kind of bad NIP is named', () => {
  assert.deepEqual(parseNip('12345'), { ok: false, problem: 'not_18_digits' });
  assert.deepEqual(parseNip('19851315201001100A'), { ok: false, problem: 'not_18_digits' });
  assert.deepEqual(parseNip('198513152010011002'), { ok: false, problem: 'birth_date_invalid' });
  assert.deepEqual(parseNip('198502302010011002'), { ok: false, problem: 'birth_date_invalid' });
  assert.deepEqual(parseNip('198503152010131002'), {
    ok: false,
    problem: 'appointment_month_invalid',
  });
  assert.deepEqual(parseNip('198503151980011002'), {
    ok: false,
    problem: 'appointment_before_birth',
  });
  assert.deepEqual(parseNip('198503152010013002'), { ok: false, problem: 'gender_invalid' });
});

test('every NIP built from a real date, a later month and gender 1|2 is valid', () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2005-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.integer({ min: 18, max: 40 }),
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom('1', '2'),
      fc.integer({ min: 0, max: 999 }),
      (birth, years, month, g, seq) => {
        const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
        const ay = birth.getUTCFullYear() + years;
        const nip = `${ymd}${ay}${String(month).padStart(2, '0')}${g}${String(seq).padStart(3, '0')}`;
        const r = parseNip(nip);
        return r.ok && r.parts.birthDate === birth.toISOString().slice(0, 10);
      },
    ),
  );
});
