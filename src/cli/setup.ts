import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { createFirstTenant } from './first-tenant.js';
import { withInfra } from './infra.js';

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
      await withInfra(async (infra) => {
        const r = await createFirstTenant(infra.database, {
          code: opts.code,
          name: opts.name,
          kind: opts.kind,
          domain: opts.domain ?? null,
          hosts: opts.host ?? [],
          timeZone: opts.timezone,
          adminUsername: opts.adminUsername,
          adminName: opts.adminName,
          adminEmail: opts.adminEmail ?? null,
          adminPassword: opts.adminPassword,
        });
        process.stdout.write(
          `Tenant ${r.tenant.code} ${r.tenant.name} created.\nICT admin "${r.adminUsername}" can now sign in.\n`,
        );
      });
    });
}
