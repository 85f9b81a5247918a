import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { asSystem, createTenant, findTenantByCode } from '../modules/tenancy/tenancy.service.js';
import { assignRole, createUserUnchecked } from '../modules/identity/identity.service.js';
import { withInfra } from './infra.js';
import { withOwnerDb } from './tenant-option.js';

interface SetupOptions {
  code?: string;
  name?: string;
  kind?: string;
  domain?: string;
  host?: string[];
  timezone: string;
  adminUsername?: string;
  adminEmail?: string;
  adminName?: string;
  adminPassword?: string;
}

async function ask(
  opts: SetupOptions,
): Promise<Required<Omit<SetupOptions, 'domain' | 'host' | 'adminEmail'>> & SetupOptions> {
  const missing = (['code', 'name', 'kind', 'adminUsername', 'adminPassword'] as const).filter(
    (k) => !opts[k],
  );
  if (missing.length > 0 && !process.stdin.isTTY) {
    throw new Error(
      `missing ${missing.map((m) => '--' + m.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join(', ')} (no terminal to ask)`,
    );
  }
  const rl = missing.length
    ? createInterface({ input: process.stdin, output: process.stdout })
    : null;
  const q = async (label: string, current: string | undefined, def?: string) =>
    current ?? ((await rl!.question(`${label}${def ? ` [${def}]` : ''}: `)).trim() || def || '');
  try {
    return {
      ...opts,
      code: await q('Kode wilayah Kemendagri / region code (e.g. 33.25)', opts.code),
      name: await q('Nama pemerintah daerah / name', opts.name),
      kind: await q('Jenis / kind (kabupaten|kota)', opts.kind, 'kabupaten'),
      adminUsername: await q(
        'Username admin TIK / ICT admin username',
        opts.adminUsername,
        'admin',
      ),
      adminName: opts.adminName ?? 'Administrator TIK',
      adminPassword: await q('Kata sandi / password (min. 12)', opts.adminPassword),
    };
  } finally {
    rl?.close();
  }
}

export function setupCommand(program: Command): void {
  program
    .command('setup')
    .description('Create the first tenant and its first ICT admin (asks for what is not given)')
    .option('--code <code>', 'Kemendagri region code, e.g. 33.25')
    .option('--name <name>', 'official name, e.g. "Pemerintah Kabupaten Batang"')
    .option('--kind <kind>', 'kabupaten or kota')
    .option('--domain <domain>', 'official domain, e.g. batangkab.go.id')
    .option('--host <host...>', 'host names that serve this tenant')
    .option('--timezone <tz>', 'IANA time zone', 'Asia/Jakarta')
    .option('--admin-username <username>')
    .option('--admin-email <email>')
    .option('--admin-name <name>')
    .option('--admin-password <password>', 'or set SIMPUL_ADMIN_PASSWORD')
    .action(async (raw: SetupOptions) => {
      const opts = await ask({
        ...raw,
        adminPassword: raw.adminPassword ?? process.env.SIMPUL_ADMIN_PASSWORD,
      });
      if (!/^\d{2}(\.\d{2}){0,2}$/.test(opts.code))
        throw new Error('--code must look like 33 or 33.25');
      if (!['kabupaten', 'kota', 'provinsi'].includes(opts.kind))
        throw new Error('--kind must be kabupaten, kota or provinsi');
      await withInfra(async (infra) => {
        const tenant = await withOwnerDb(infra.database.ownerUrl, async (db) => {
          if (await findTenantByCode(db, opts.code))
            throw new Error(`tenant ${opts.code} already exists`);
          return createTenant(db, {
            code: opts.code,
            name: opts.name,
            kind: opts.kind as 'kabupaten' | 'kota',
            officialDomain: opts.domain ?? null,
            hostnames: opts.host ?? [],
            timeZone: opts.timezone,
            isDefault: true,
          });
        });
        const admin = await asSystem(infra.database, tenant, async (ctx) => {
          const u = await createUserUnchecked(ctx, {
            username: opts.adminUsername,
            displayName: opts.adminName,
            email: opts.adminEmail ?? null,
            kind: 'external',
            password: opts.adminPassword,
          });
          await assignRole(ctx, u.id, 'ict_admin', null);
          return u;
        });
        process.stdout.write(
          `Tenant ${tenant.code} ${tenant.name} created.\nICT admin "${admin.username}" can now sign in.\n`,
        );
      });
    });
}
