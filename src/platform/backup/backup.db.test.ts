import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import {
  asOperator,
  makeAgency,
  makeNip,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import * as org from '../../modules/org/org.service.js';
import type { TenantRow } from '../../modules/tenancy/db/schema.js';
import { verifyChain } from '../audit/audit.js';
import { FsStorage } from '../files/storage.js';
import { AppError } from '../http/errors.js';
import { backup, restore, type BackupSummary } from './backup.js';

/** Row count and an order-independent digest of every row, per table. */
async function tableDigests(pool: pg.Pool): Promise<Map<string, { rows: number; md5: string }>> {
  const tables = await pool.query<{ q: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS q FROM pg_tables
      WHERE schemaname = 'public' OR (schemaname = 'drizzle' AND tablename = '__drizzle_migrations')
      ORDER BY 1`,
  );
  const out = new Map<string, { rows: number; md5: string }>();
  for (const { q } of tables.rows) {
    const r = await pool.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${q} t`,
    );
    out.set(q, r.rows[0]!);
  }
  return out;
}

async function fileDigests(storage: FsStorage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const key of storage.list()) {
    const chunks: Buffer[] = [];
    for await (const c of await storage.get(key)) chunks.push(c as Buffer);
    out.set(key, createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
  }
  return out;
}

async function totalRows(pool: pg.Pool): Promise<number> {
  let n = 0;
  for (const [q, d] of await tableDigests(pool)) if (q.startsWith('public.')) n += d.rows;
  return n;
}

function refusedWith(code: string, fileName?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (fileName) assert.equal(err.params.file, fileName);
    return true;
  };
}

describe('backup and restore', () => {
  let tmp: string;
  let source: TestDatabase;
  let target: TestDatabase;
  let sourceFiles: FsStorage;
  let targetFilesDir: string;
  let targetFiles: FsStorage;
  let tenantA: TenantRow;
  let tenantB: TenantRow;
  let backupDir: string;
  let summary: BackupSummary;
  let original: Map<string, { rows: number; md5: string }>;

  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'simpul-backup-test-'));
    source = await createTestDatabase();
    target = await createTestDatabase();
    sourceFiles = new FsStorage(path.join(tmp, 'source-files'));
    targetFilesDir = path.join(tmp, 'target-files');
    targetFiles = new FsStorage(targetFilesDir);

    tenantA = await makeTenant(source.owner, {
      regulationProfile: ['perbup-12-2021', 'perda "3"/2020', 'ä ø {x}'],
    });
    // Values whose text form is easy to get wrong: nested JSON, floats, unicode, escapes.
    await source.ownerPool.query(
      `UPDATE tenants SET settings = $1::jsonb, logo_url = NULL WHERE id = $2`,
      [
        JSON.stringify({
          theme: 'batik',
          limits: [1, 2.5, 0.1, null],
          note: 'baris\nbaru\t"kutip" \\ ✓',
        }),
        tenantA.id,
      ],
    );
    tenantB = await makeTenant(source.owner);
    for (const tenant of [tenantA, tenantB]) {
      await makeUserWithToken(source.database, tenant, [{ role: 'ict_admin' }]);
      const agencies = [
        await makeAgency(source.database, tenant),
        await makeAgency(source.database, tenant),
      ];
      await asOperator(source.database, tenant, async (ctx) => {
        for (let i = 0; i < 12; i++) {
          await org.createEmployee(ctx, {
            nip: makeNip(i + (tenant === tenantA ? 0 : 100)),
            name: `Pegawai "Uji"\n${i}\t'kutip' \\ garis`,
            agencyId: agencies[i % 2]!.id,
            email: i % 3 === 0 ? null : `pegawai${i}@example.go.id`,
          });
        }
      });
    }
    await sourceFiles.put(Buffer.from('laporan tahunan\n'), { maxBytes: 1_000_000 });
    await sourceFiles.put(
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(5000),
      ]),
      { maxBytes: 1_000_000 },
    );
    await sourceFiles.put(randomBytes(70_000), { maxBytes: 1_000_000 });

    original = await tableDigests(source.ownerPool);
    backupDir = path.join(tmp, 'backup');
    summary = await backup({ ownerUrl: source.ownerUrl, storage: sourceFiles, outDir: backupDir });
  });

  after(async () => {
    await source.drop();
    await target.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  test('the backup holds every table, its rows and every stored file, with checksums', async () => {
    const manifest = JSON.parse(await readFile(path.join(backupDir, 'manifest.json'), 'utf8'));
    const names = manifest.tables
      .map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`)
      .sort();
    assert.deepEqual(names, [...original.keys()].sort());
    for (const t of manifest.tables) {
      assert.equal(t.rows, original.get(`${t.schema}.${t.name}`)!.rows, `${t.name} row count`);
      const bytes = await readFile(path.join(backupDir, t.file));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), t.sha256);
    }
    assert.ok(
      original.get('public.audit_events')!.rows >= 24 + 4,
      'the fixtures wrote audit events',
    );
    assert.equal(original.get('public.org_employees')!.rows, 24);
    assert.equal(manifest.migrations.count, original.get('drizzle.__drizzle_migrations')!.rows);
    assert.equal(summary.files, 3);
    assert.deepEqual(
      manifest.files.map((f: { key: string }) => f.key).sort(),
      [...(await fileDigests(sourceFiles)).keys()].sort(),
    );
    assert.ok(!manifest.tables.some((t: { schema: string }) => t.schema === 'pgboss'));
  });

  test('a backup folder that is not empty is refused', async () => {
    await assert.rejects(
      backup({ ownerUrl: source.ownerUrl, storage: sourceFiles, outDir: backupDir }),
      refusedWith('backup.out_not_empty'),
    );
  });

  test('a damaged, incomplete or foreign-schema backup is refused and nothing is written', async () => {
    const damaged = path.join(tmp, 'damaged');
    await cp(backupDir, damaged, { recursive: true });
    const file = 'tables/public.org_employees.copy.gz';
    const bytes = await readFile(path.join(damaged, file));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(path.join(damaged, file), bytes);
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: damaged }),
      refusedWith('backup.damaged', file),
    );

    const storedCopy = path.join(tmp, 'damaged-file');
    await cp(backupDir, storedCopy, { recursive: true });
    const key = summary.manifest.files[0]!.key;
    await writeFile(path.join(storedCopy, 'files', key), 'something else');
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: storedCopy }),
      refusedWith('backup.damaged', `files/${key}`),
    );

    const missing = path.join(tmp, 'missing-file');
    await cp(backupDir, missing, { recursive: true });
    await rm(path.join(missing, 'tables/public.tenants.copy.gz'));
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: missing }),
      refusedWith('backup.file_missing', 'tables/public.tenants.copy.gz'),
    );

    const edited = path.join(tmp, 'edited-manifest');
    await cp(backupDir, edited, { recursive: true });
    const m = await readFile(path.join(edited, 'manifest.json'), 'utf8');
    await writeFile(path.join(edited, 'manifest.json'), m.replace('"rows": 24', '"rows": 25'));
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: edited }),
      refusedWith('backup.damaged', 'manifest.json'),
    );

    // A backup from another schema version (here: one migration fewer, manifest re-sealed).
    const older = path.join(tmp, 'older-schema');
    await cp(backupDir, older, { recursive: true });
    const om = JSON.parse(await readFile(path.join(older, 'manifest.json'), 'utf8'));
    om.migrations.hashes.pop();
    om.migrations.count -= 1;
    const text = `${JSON.stringify(om, null, 2)}\n`;
    await writeFile(path.join(older, 'manifest.json'), text);
    await writeFile(
      path.join(older, 'manifest.sha256'),
      `${createHash('sha256').update(text).digest('hex')}  manifest.json\n`,
    );
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: older }),
      refusedWith('backup.schema_mismatch'),
    );

    assert.equal(await totalRows(target.ownerPool), 0);
    assert.deepEqual(await readdir(targetFilesDir).catch(() => []), []);
  });

  test('backup, wipe, restore leaves every table identical and the audit chain valid', async () => {
    const r = await restore({
      ownerUrl: target.ownerUrl,
      storage: targetFiles,
      fromDir: backupDir,
    });
    assert.equal(r.rows, summary.rows - summary.manifest.migrations.count);
    assert.equal(r.files, 3);

    const afterRestore = await tableDigests(target.ownerPool);
    assert.deepEqual([...afterRestore.keys()], [...original.keys()]);
    for (const [table, d] of original)
      assert.deepEqual(afterRestore.get(table), d, `table ${table} differs after restore`);
    assert.deepEqual(await fileDigests(targetFiles), await fileDigests(sourceFiles));
    for (const [key, sha] of await fileDigests(targetFiles)) assert.equal(sha, key);

    for (const tenant of [tenantA, tenantB]) {
      const v = await verifyChain(target.owner, tenant.id);
      assert.equal(v.ok, true, v.message ?? '');
      assert.ok(v.checked > 12);
    }
  });

  test('the restored database keeps working: sequences continue and new writes chain on', async () => {
    const seq = async (p: pg.Pool) =>
      (
        await p.query(
          "SELECT sequencename, last_value::text AS v FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
        )
      ).rows;
    assert.deepEqual(await seq(target.ownerPool), await seq(source.ownerPool));
    const agencyId = (
      await target.ownerPool.query('SELECT id FROM org_agencies WHERE tenant_id = $1 LIMIT 1', [
        tenantA.id,
      ])
    ).rows[0].id;
    await asOperator(target.database, tenantA, (ctx) =>
      org.createEmployee(ctx, { nip: makeNip(500), name: 'Pegawai Baru', agencyId }),
    );
    const v = await verifyChain(target.owner, tenantA.id);
    assert.equal(v.ok, true, v.message ?? '');
    const events = await source.ownerPool.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1',
      [tenantA.id],
    );
    assert.equal(v.checked, events.rows[0].n + 1);
  });

  test('restoring into a database that has data is refused and changes nothing', async () => {
    const beforeSecond = await tableDigests(target.ownerPool);
    await assert.rejects(
      restore({ ownerUrl: target.ownerUrl, storage: targetFiles, fromDir: backupDir }),
      refusedWith('backup.target_not_empty'),
    );
    assert.deepEqual(await tableDigests(target.ownerPool), beforeSecond);
  });
});
