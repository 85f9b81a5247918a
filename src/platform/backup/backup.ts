import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { runMigrations } from '../db/migrate.js';
import type { Storage } from '../files/storage.js';
import { AppError, defineErrors } from '../http/errors.js';
import { ROOT } from '../paths.js';

/**
 * Logical backup and restore of a whole Simpul installation: every table of schema `public`
 * (plus the migration journal, so a restore knows the schema version) and every stored file.
 *
 * A backup folder holds:
 *   manifest.json          what is inside, with the SHA-256 and size of every file
 *   manifest.sha256        the SHA-256 of manifest.json (`sha256sum -c` format)
 *   tables/<schema>.<table>.copy.gz   the rows in PostgreSQL COPY text format, gzipped
 *   files/<key>            the stored files (content-addressed: key = SHA-256 of the bytes)
 *
 * The rows are read with COPY in one REPEATABLE READ transaction, so all tables come from the same
 * snapshot. pg_dump is not used: the embedded PostgreSQL is newer than the distribution's client.
 */

export const BACKUP_FORMAT = 1;

export const BackupErrors = defineErrors({
  'backup.out_not_empty': {
    status: 409,
    message: {
      id: 'Folder cadangan {dir} sudah berisi berkas; pilih folder kosong.',
      en: 'The backup folder {dir} is not empty; choose an empty folder.',
    },
  },
  'backup.not_a_backup': {
    status: 422,
    message: {
      id: 'Folder {dir} bukan cadangan Simpul yang selesai (manifest.json tidak ada).',
      en: 'Folder {dir} is not a finished Simpul backup (manifest.json is missing).',
    },
  },
  'backup.format_unsupported': {
    status: 422,
    message: {
      id: 'Format cadangan {format} tidak didukung versi Simpul ini (format {expected}).',
      en: 'Backup format {format} is not supported by this Simpul version (format {expected}).',
    },
  },
  'backup.manifest_invalid': {
    status: 422,
    message: {
      id: 'Cadangan di {dir} tidak dapat dipakai: manifest.json tidak lengkap atau menunjuk ke luar folder ({detail}).',
      en: 'The backup in {dir} cannot be used: manifest.json is incomplete or points outside the folder ({detail}).',
    },
  },
  'backup.file_missing': {
    status: 422,
    message: {
      id: 'Cadangan rusak: berkas {file} tidak ada. Tidak ada yang dipulihkan.',
      en: 'The backup is damaged: file {file} is missing. Nothing was restored.',
    },
  },
  'backup.damaged': {
    status: 422,
    message: {
      id: 'Cadangan rusak: berkas {file} tidak cocok dengan checksum-nya. Tidak ada yang dipulihkan.',
      en: 'The backup is damaged: file {file} does not match its checksum. Nothing was restored.',
    },
  },
  'backup.rows_mismatch': {
    status: 422,
    message: {
      id: 'Cadangan rusak: berkas {file} berisi {found} baris, manifest menyebut {expected}. Tidak ada yang dipulihkan.',
      en: 'The backup is damaged: file {file} holds {found} rows, the manifest says {expected}. Nothing was restored.',
    },
  },
  'backup.schema_mismatch': {
    status: 409,
    message: {
      id: 'Cadangan dibuat dengan skema basis data lain ({backup} migrasi; basis data ini {current}). Pulihkan dengan versi Simpul yang membuatnya.',
      en: 'The backup was made with another database schema ({backup} migrations; this database has {current}). Restore it with the Simpul version that made it.',
    },
  },
  'backup.table_mismatch': {
    status: 409,
    message: {
      id: 'Tabel {table} di cadangan tidak cocok dengan tabel di basis data ini (tidak ada, atau kolomnya berbeda).',
      en: 'Table {table} in the backup does not match this database (missing, or different columns).',
    },
  },
  'backup.target_not_empty': {
    status: 409,
    message: {
      id: 'Basis data tujuan tidak kosong (tabel {table} berisi data). Pemulihan hanya ke basis data kosong.',
      en: 'The target database is not empty (table {table} has rows). Restore only into an empty database.',
    },
  },
  'backup.stored_file_damaged': {
    status: 500,
    message: {
      id: 'Berkas tersimpan {key} rusak: isinya tidak cocok lagi dengan kuncinya.',
      en: 'Stored file {key} is damaged: its content no longer matches its key.',
    },
  },
});

export interface ManifestTable {
  schema: string;
  name: string;
  columns: string[];
  /** Path inside the backup folder. */
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ManifestFile {
  key: string;
  file: string;
  size: number;
  sha256: string;
}

export interface ManifestSequence {
  schema: string;
  name: string;
  /** bigint as text */
  lastValue: string;
  isCalled: boolean;
}

export interface Manifest {
  format: number;
  simpulVersion: string;
  createdAt: string;
  postgresVersion: string;
  migrations: { count: number; hashes: string[] };
  tables: ManifestTable[];
  sequences: ManifestSequence[];
  files: ManifestFile[];
}

export interface BackupSummary {
  dir: string;
  tables: number;
  rows: number;
  files: number;
  /** Bytes written: table files plus stored files. */
  bytes: number;
  manifest: Manifest;
}

/** Tables that restore checks against the target instead of loading (migrations create them). */
const MIGRATIONS_TABLE = { schema: 'drizzle', name: '__drizzle_migrations' };

/** Session settings that make COPY text output unambiguous, set on both ends (as pg_dump does). */
const SESSION_SETTINGS = [
  "SET datestyle = 'ISO, YMD'",
  "SET intervalstyle = 'postgres'",
  'SET extra_float_digits = 3',
  "SET timezone = 'UTC'",
  "SET client_encoding = 'UTF8'",
];

function simpulVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

/**
 * Counts bytes, hashes what passes through and counts newlines (in COPY text format each row
 * ends with one; newlines inside values are escaped).
 */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  newlines = 0;
  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    cb: (err?: Error | null, data?: Buffer) => void,
  ) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.newlines++;
    cb(null, chunk);
  }
}

async function connect(ownerUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'simpul-backup' });
  await client.connect();
  for (const s of SESSION_SETTINGS) await client.query(s);
  return client;
}

async function listPublicTables(
  client: pg.Client,
): Promise<Array<{ schema: string; name: string }>> {
  const r = await client.query<{ schema: string; name: string }>(
    "SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return r.rows;
}

/** Stored (non-generated, non-dropped) columns in table order. */
async function columnsOf(client: pg.Client, schema: string, name: string): Promise<string[]> {
  const r = await client.query<{ attname: string }>(
    `SELECT a.attname FROM pg_attribute a
      WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [schema, name],
  );
  return r.rows.map((x) => x.attname);
}

async function migrationHashes(client: pg.Client): Promise<string[]> {
  const exists = await client.query(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok",
  );
  if (!exists.rows[0]?.ok) return [];
  const r = await client.query<{ hash: string }>(
    'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id',
  );
  return r.rows.map((x) => x.hash);
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** Writes a backup of the whole database and the stored files into outDir (empty or new). */
export async function backup(opts: {
  ownerUrl: string;
  storage: Storage;
  outDir: string;
}): Promise<BackupSummary> {
  const dir = path.resolve(opts.outDir);
  if (!(await isEmptyDir(dir))) throw new AppError('backup.out_not_empty', { dir });
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  await mkdir(path.join(dir, 'files'), { recursive: true });

  const client = await connect(opts.ownerUrl);
  const tables: ManifestTable[] = [];
  const sequences: ManifestSequence[] = [];
  let hashes: string[];
  let postgresVersion: string;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    postgresVersion = (
      await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0]!.v;
    hashes = await migrationHashes(client);
    const all = await listPublicTables(client);
    if (hashes.length > 0) all.push(MIGRATIONS_TABLE);
    for (const t of all) {
      const columns = await columnsOf(client, t.schema, t.name);
      const file = `tables/${t.schema}.${t.name}.copy.gz`;
      const meter = new Meter();
      const lines = new Meter();
      const source = client.query(
        copyTo(`COPY ${qualified(t.schema, t.name)} (${columns.map(ident).join(', ')}) TO STDOUT`),
      );
      await pipeline(
        source,
        lines,
        createGzip(),
        meter,
        createWriteStream(path.join(dir, file), { flags: 'wx', mode: 0o600 }),
      );
      tables.push({
        ...t,
        columns,
        file,
        rows: lines.newlines,
        bytes: meter.bytes,
        sha256: meter.hash.digest('hex'),
      });
    }
    const seqs = await client.query<{ schema: string; name: string }>(
      "SELECT schemaname AS schema, sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
    );
    for (const s of seqs.rows) {
      const v = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${qualified(s.schema, s.name)}`,
      );
      sequences.push({ ...s, lastValue: v.rows[0]!.last_value, isCalled: v.rows[0]!.is_called });
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }

  // Files after the snapshot: a file referenced by a row in the snapshot already exists by now.
  const files: ManifestFile[] = [];
  for await (const key of opts.storage.list()) {
    const file = `files/${key}`;
    const meter = new Meter();
    await pipeline(
      await opts.storage.get(key),
      meter,
      createWriteStream(path.join(dir, file), { flags: 'wx', mode: 0o600 }),
    );
    const sha256 = meter.hash.digest('hex');
    if (sha256 !== key) throw new AppError('backup.stored_file_damaged', { key });
    files.push({ key, file, size: meter.bytes, sha256 });
  }

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    simpulVersion: simpulVersion(),
    createdAt: new Date().toISOString(),
    postgresVersion,
    migrations: { count: hashes.length, hashes },
    tables,
    sequences,
    files,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  // The manifest is written last: a folder without one is an unfinished backup.
  await writeFile(path.join(dir, 'manifest.json'), text, { flag: 'wx', mode: 0o600 });
  await writeFile(path.join(dir, 'manifest.sha256'), `${sha256Hex(text)}  manifest.json\n`, {
    flag: 'wx',
    mode: 0o600,
  });
  return {
    dir,
    tables: tables.length,
    rows: tables.reduce((n, t) => n + t.rows, 0),
    files: files.length,
    bytes: tables.reduce((n, t) => n + t.bytes, 0) + files.reduce((n, f) => n + f.size, 0),
    manifest,
  };
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A path from the manifest, kept inside the backup folder. */
function inside(dir: string, rel: string): string {
  const p = path.resolve(dir, rel);
  if (!p.startsWith(dir + path.sep)) {
    throw new AppError('backup.manifest_invalid', { dir, detail: rel });
  }
  return p;
}

/** Reads the manifest and checks its own checksum and shape. */
export async function readManifest(fromDir: string): Promise<Manifest> {
  const dir = path.resolve(fromDir);
  let text: string;
  let sum: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new AppError('backup.not_a_backup', { dir });
  }
  try {
    sum = await readFile(path.join(dir, 'manifest.sha256'), 'utf8');
  } catch {
    throw new AppError('backup.file_missing', { file: 'manifest.sha256' });
  }
  if (sum.trim().split(/\s+/)[0] !== sha256Hex(text)) {
    throw new AppError('backup.damaged', { file: 'manifest.json' });
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw new AppError('backup.manifest_invalid', { dir, detail: 'JSON' });
  }
  if (m.format !== BACKUP_FORMAT) {
    throw new AppError('backup.format_unsupported', {
      format: String(m.format),
      expected: BACKUP_FORMAT,
    });
  }
  if (
    !Array.isArray(m.tables) ||
    !Array.isArray(m.files) ||
    !Array.isArray(m.sequences) ||
    !Array.isArray(m.migrations?.hashes)
  ) {
    throw new AppError('backup.manifest_invalid', {
      dir,
      detail: 'tables, files, sequences, migrations',
    });
  }
  return m;
}

/** Checks every file named in the manifest: present, same size, same SHA-256. */
export async function verifyBackup(fromDir: string): Promise<Manifest> {
  const dir = path.resolve(fromDir);
  const m = await readManifest(dir);
  const entries = [
    ...m.tables.map((t) => ({ file: t.file, bytes: t.bytes, sha256: t.sha256 })),
    ...m.files.map((f) => ({ file: f.file, bytes: f.size, sha256: f.sha256 })),
  ];
  for (const e of entries) {
    const p = inside(dir, e.file);
    try {
      await stat(p);
    } catch {
      throw new AppError('backup.file_missing', { file: e.file });
    }
    const d = await fileDigest(p);
    if (d.bytes !== e.bytes || d.sha256 !== e.sha256) {
      throw new AppError('backup.damaged', { file: e.file });
    }
  }
  for (const f of m.files) {
    if (f.sha256 !== f.key) throw new AppError('backup.damaged', { file: f.file });
  }
  return m;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

/** Orders tables so that a table comes after the tables its foreign keys point to. */
async function parentsFirst(client: pg.Client, tables: ManifestTable[]): Promise<ManifestTable[]> {
  const r = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`,
  );
  const key = (t: ManifestTable) => (t.schema === 'public' ? t.name : `${t.schema}.${t.name}`);
  const byKey = new Map(tables.map((t) => [key(t), t]));
  const parents = new Map<string, string[]>();
  for (const { child, parent } of r.rows) {
    const c = child.replace(/"/g, '');
    const p = parent.replace(/"/g, '');
    if (byKey.has(c) && byKey.has(p)) parents.set(c, [...(parents.get(c) ?? []), p]);
  }
  const out: ManifestTable[] = [];
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const p of parents.get(k) ?? []) visit(p);
    out.push(byKey.get(k)!);
  };
  for (const t of tables) visit(key(t));
  return out;
}

/**
 * Restores a backup into an empty database: verifies every checksum before touching anything,
 * applies migrations, checks the schema version matches, then loads all tables, sequences and
 * files in one transaction (nothing is kept if any step fails).
 */
export async function restore(opts: {
  ownerUrl: string;
  storage: Storage;
  fromDir: string;
  /** Apply migrations first so the schema exists (default true). */
  migrate?: boolean;
}): Promise<RestoreSummary> {
  const dir = path.resolve(opts.fromDir);
  const m = await verifyBackup(dir);
  if (opts.migrate !== false) await runMigrations(opts.ownerUrl);

  const client = await connect(opts.ownerUrl);
  try {
    const current = await migrationHashes(client);
    if (
      current.length !== m.migrations.count ||
      current.some((h, i) => h !== m.migrations.hashes[i])
    ) {
      throw new AppError('backup.schema_mismatch', {
        backup: m.migrations.count,
        current: current.length,
      });
    }
    const load = m.tables.filter(
      (t) => !(t.schema === MIGRATIONS_TABLE.schema && t.name === MIGRATIONS_TABLE.name),
    );
    const targetTables = await listPublicTables(client);
    const inBackup = new Set(load.map((t) => `${t.schema}.${t.name}`));
    for (const t of targetTables) {
      if (!inBackup.has(`${t.schema}.${t.name}`)) {
        throw new AppError('backup.table_mismatch', { table: t.name });
      }
    }
    for (const t of load) {
      const exists = targetTables.some((x) => x.schema === t.schema && x.name === t.name);
      const cols = exists ? await columnsOf(client, t.schema, t.name) : [];
      if (!exists || cols.join(',') !== t.columns.join(',')) {
        throw new AppError('backup.table_mismatch', { table: t.name });
      }
    }

    await client.query('BEGIN');
    try {
      // Keep everyone else out while loading; then the emptiness check cannot race a writer.
      await client.query(
        `LOCK TABLE ${load.map((t) => qualified(t.schema, t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`,
      );
      for (const t of load) {
        const r = await client.query(
          `SELECT EXISTS (SELECT 1 FROM ${qualified(t.schema, t.name)}) AS any`,
        );
        if (r.rows[0]?.any) throw new AppError('backup.target_not_empty', { table: t.name });
      }
      const su = await client.query<{ su: boolean }>(
        'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
      );
      // As superuser, skip triggers and FK checks while loading (the backup was consistent);
      // otherwise load parents before children.
      if (su.rows[0]?.su) await client.query("SET LOCAL session_replication_role = 'replica'");
      const ordered = await parentsFirst(client, load);
      let rows = 0;
      for (const t of ordered) {
        const sink = client.query(
          copyFrom(
            `COPY ${qualified(t.schema, t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`,
          ),
        );
        await pipeline(createReadStream(inside(dir, t.file)), createGunzip(), sink);
        if (sink.rowCount !== t.rows) {
          throw new AppError('backup.rows_mismatch', {
            file: t.file,
            found: sink.rowCount,
            expected: t.rows,
          });
        }
        rows += t.rows;
      }
      for (const s of m.sequences) {
        await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
          qualified(s.schema, s.name),
          s.lastValue,
          s.isCalled,
        ]);
      }
      let bytes = 0;
      for (const f of m.files) {
        if (!(await opts.storage.has(f.key))) {
          const stored = await opts.storage.put(createReadStream(inside(dir, f.file)) as Readable, {
            maxBytes: Number.MAX_SAFE_INTEGER,
          });
          if (stored.key !== f.key) throw new AppError('backup.damaged', { file: f.file });
        }
        bytes += f.size;
      }
      await client.query('COMMIT');
      return { tables: load.length, rows, files: m.files.length, bytes };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end();
  }
}
