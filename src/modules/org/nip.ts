/**
 * NIP (Nomor Induk Pegawai): 18 digits.
 *   1-8   birth date, yyyymmdd
 *   9-14  appointment (TMT CPNS) month, yyyymm
 *   15    gender: 1 male, 2 female
 *   16-18 sequence number
 */
export interface NipParts {
  birthDate: string;
  appointmentMonth: string;
  gender: 'male' | 'female';
  sequence: string;
}

export type NipProblem =
  | 'not_18_digits'
  | 'birth_date_invalid'
  | 'appointment_month_invalid'
  | 'appointment_before_birth'
  | 'gender_invalid';

export function parseNip(
  raw: string,
): { ok: true; parts: NipParts } | { ok: false; problem: NipProblem } {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return { ok: false, problem: 'not_18_digits' };
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  if (!isRealDate(y, m, d) || y < 1900) return { ok: false, problem: 'birth_date_invalid' };
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  if (am < 1 || am > 12 || ay < 1900) return { ok: false, problem: 'appointment_month_invalid' };
  if (ay * 12 + am <= y * 12 + m) return { ok: false, problem: 'appointment_before_birth' };
  const g = nip[14];
  if (g !== '1' && g !== '2') return { ok: false, problem: 'gender_invalid' };
  return {
    ok: true,
    parts: {
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      appointmentMonth: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
      gender: g === '1' ? 'male' : 'female',
      sequence: nip.slice(15),
    },
  };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
