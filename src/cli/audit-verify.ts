import type { Command } from 'commander';
import { verifyAndRecord } from '../platform/audit/module.js';
import { listTenants } from '../modules/tenancy/tenancy.service.js';
import { withInfra } from './infra.js';
import { withOwnerDb } from './tenant-option.js';

export function auditVerifyCommand(program: Command): void {
  program
    .command('audit')
    .description('Audit trail tools')
    .command('verify')
    .description('Recompute every tenant’s hash chain; exit 1 naming the first broken link')
    .option('--tenant <code>', 'only this tenant')
    .action(async (opts: { tenant?: string }) => {
      const broken = await withInfra(async (infra) =>
        withOwnerDb(infra.database.ownerUrl, async (db) => {
          let bad = 0;
          for (const t of await listTenants(db)) {
            if (opts.tenant && t.code !== opts.tenant) continue;
            const r = await verifyAndRecord(infra, t.id);
            if (r.ok) process.stdout.write(`${t.code} ${t.name}: OK, ${r.checked} events\n`);
            else {
              bad++;
              process.stdout.write(
                `${t.code} ${t.name}: BROKEN at event ${r.brokenSeq}: ${r.message} (${r.checked} events verified before it)\n`,
              );
            }
          }
          return bad;
        }),
      );
      process.exitCode = broken > 0 ? 1 : 0;
    });
}
