import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DEFAULT_DEMO_EMPLOYEES,
  MAX_DEMO_EMPLOYEES,
  seedDemo,
  type SeedDemoSummary,
} from '../modules/demo/seed-demo.js';
import { AppError } from '../platform/http/errors.js';
import { withInfra } from './infra.js';
import { withOwnerDb } from './tenant-option.js';

interface SeedOptions {
  demo?: boolean;
  employees: number;
  adminPassword?: string;
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > MAX_DEMO_EMPLOYEES)
    throw new InvalidArgumentError(`a whole number from 0 to ${MAX_DEMO_EMPLOYEES}`);
  return n;
}

function report(
  s: SeedDemoSummary,
  password: string,
  generated: boolean,
  publicUrl: string,
): string {
  const width = Math.max(...s.users.map((u) => u.username.length));
  const lines = [
    '',
    `Demo ${s.tenant.name} (${s.tenant.code}) ${s.tenant.created ? 'dibuat / created' : 'diisi / filled'}.`,
    '  Data pegawai fiktif / the employees are fictitious.',
    `  Perangkat Daerah / agencies: ${s.agencies} (${s.kecamatan} kecamatan, ${s.kelurahan} kelurahan)`,
    `  Unit kerja / units:          ${s.units}`,
    `  Jabatan / positions:         ${s.positions}`,
    `  Pegawai / employees:         ${s.employees}`,
    `  Registri SPBE / registry:    ${s.catalog.applications} aplikasi, ${s.catalog.services} layanan, ` +
      `${s.catalog.processes} proses bisnis, ${s.catalog.infrastructure} infrastruktur, ` +
      `${s.catalog.dataAssets} aset data, ${s.catalog.relations} relasi, ${s.catalog.documents} dokumen`,
    `  Pengelola TIK / ICT managers: ${s.catalog.ictAppointments}; unit e-government: ${s.catalog.egovUnits}`,
    '  Beberapa celah kepatuhan disengaja / a few compliance gaps are deliberate (see /console/compliance).',
    '',
    '  Pengguna / users:',
    ...s.users.map(
      (u) =>
        `    ${u.username.padEnd(width)}  ${u.role}${u.agency ? ` (${u.agency})` : ''}` +
        `${u.employeeNip ? `  NIP ${u.employeeNip}` : ''}${u.created ? '' : '  [sudah ada, tidak diubah / existed, unchanged]'}`,
    ),
    '',
    generated
      ? `  Kata sandi semua pengguna demo / password of every demo user (shown once): ${password}`
      : '  Kata sandi / password: the one given with --admin-password or SIMPUL_ADMIN_PASSWORD.',
    `  Masuk / sign in: ${publicUrl}  (host ${s.tenant.hostnames.join(' or ')}) as e.g. "admin";`,
    '  employees may also sign in with their NIP.',
    '',
  ];
  return lines.join('\n');
}

export function seedDemoCommand(program: Command): void {
  program
    .command('seed')
    .description('Fill Simpul with data: --demo creates the demo regency Kabupaten Batang (33.25)')
    .option(
      '--demo',
      'the demo regency Kabupaten Batang with fictitious employees and one user per role',
    )
    .option('--employees <n>', 'number of fictitious employees', count, DEFAULT_DEMO_EMPLOYEES)
    .option(
      '--admin-password <password>',
      'password of every demo user (or SIMPUL_ADMIN_PASSWORD; else one is generated)',
    )
    .action(async (opts: SeedOptions) => {
      if (!opts.demo) throw new Error('only `simpul seed --demo` is available');
      const given = opts.adminPassword ?? process.env.SIMPUL_ADMIN_PASSWORD;
      const password = given ?? randomBytes(12).toString('base64url');
      await withInfra(async (infra, cfg) => {
        const summary = await withOwnerDb(infra.database.ownerUrl, (ownerDb) =>
          seedDemo(infra.database, ownerDb, { adminPassword: password, employees: opts.employees }),
        ).catch((err: unknown) => {
          // The seed runs with locale id, so interpolated reasons are Indonesian; the code says the rest.
          if (err instanceof AppError)
            throw new Error(`${err.localizedMessage('id')} (${err.code})`);
          throw err;
        });
        process.stdout.write(report(summary, password, given === undefined, cfg.publicUrl));
      });
    });
}
