// Inputs for the write benchmark (unique, valid NIPs) and its reference: COPY into a scratch table.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const BIRTH_EPOCH = Date.UTC(1970, 0, 1);
const DAY = 86_400_000;

/**
 * The i-th unique NIP: birth date, appointment month, gender and sequence vary together so that
 * 2 genders x 1000 sequences x 10 000 birth dates = 20 million distinct values are valid.
 * NIP = yyyymmdd (birth) + yyyymm (appointment) + 1|2 (gender) + 3-digit sequence.
 */
export function uniqueNip(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= 20_000_000)
    throw new RangeError(`NIP index out of range: ${i}`);
  const seq = i % 1000;
  const gender = 1 + (Math.floor(i / 1000) % 2);
  const birth = new Date(BIRTH_EPOCH + Math.floor(i / 2000) * DAY); // 1970-01-01 .. 1997-05
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  return `${ymd}202001${gender}${String(seq).padStart(3, '0')}`;
}

/** A generator of request bodies for POST /api/org/employees, one unique NIP per call. */
export function employeeBodies(
  agencyIds: string[],
  start: { next: number },
  limit: number,
): () => string {
  return () => {
    const i = start.next++;
    if (i >= limit) throw new RangeError('more requests than NIPs reserved for this run');
    return JSON.stringify({
      nip: uniqueNip(i),
      name: `Pegawai Uji ${i}`,
      agencyId: agencyIds[i % agencyIds.length],
      status: 'active',
    });
  };
}

function tsvEscape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/**
 * The reference for audited writes: `COPY ... FROM STDIN` of `rows` employee rows into a scratch
 * table shaped like org_employees (same columns, defaults and indexes; no RLS, no audit event).
 * Returns rows per second. The scratch table is dropped afterwards.
 */
export async function copyReference(
  ownerUrl: string,
  tenantId: string,
  agencyIds: string[],
  rows: number,
): Promise<{ rows: number; seconds: number; rowsPerSec: number }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const table = `bench_copy_${process.pid}`;
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(
      `CREATE TABLE ${table} (LIKE org_employees INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    let i = 0;
    const batch = 500;
    const source = new Readable({
      read() {
        if (i >= rows) {
          this.push(null);
          return;
        }
        const lines: string[] = [];
        for (let k = 0; k < batch && i < rows; k++, i++) {
          const nip = uniqueNip(i);
          const birth = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
          const gender = nip[14] === '1' ? 'male' : 'female';
          lines.push(
            [
              tenantId,
              nip,
              tsvEscape(`Pegawai Uji ${i}`),
              agencyIds[i % agencyIds.length]!,
              'active',
              birth,
              gender,
            ].join('\t'),
          );
        }
        this.push(lines.join('\n') + '\n');
      },
    });
    const t0 = performance.now();
    await pipeline(
      source,
      client.query(
        copyFrom(
          `COPY ${table} (tenant_id, nip, name, agency_id, status, birth_date, gender) FROM STDIN`,
        ),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { rows, seconds, rowsPerSec: rows / seconds };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await client.end();
  }
}
