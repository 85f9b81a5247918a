import type { Command } from 'commander';
import { backup, restore } from '../platform/backup/backup.js';
import { FsStorage } from '../platform/files/storage.js';
import { AppError } from '../platform/http/errors.js';
import { withInfra } from './infra.js';

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Prints a refusal in both languages and sets a failing exit code; rethrows anything else. */
function reportRefusal(err: unknown): void {
  if (err instanceof AppError) {
    process.stderr.write(
      `simpul: [${err.code}] ${err.localizedMessage('en')}\n        ${err.localizedMessage('id')}\n`,
    );
    process.exitCode = 1;
    return;
  }
  throw err;
}

export function backupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      'Back up the whole database and the stored files into an empty folder, with a manifest of checksums',
    )
    .requiredOption('--out <dir>', 'folder to write (must be empty or not exist yet)')
    .action(async (opts: { out: string }) => {
      try {
        const s = await withInfra((infra, cfg) =>
          backup({
            ownerUrl: infra.database.ownerUrl,
            storage: new FsStorage(cfg.filesDir),
            outDir: opts.out,
          }),
        );
        process.stdout.write(
          `Cadangan selesai / backup done: ${s.dir}\n` +
            `  ${s.tables} tables, ${s.rows} rows, ${s.files} files, ${mib(s.bytes)} (${s.bytes} bytes)\n` +
            `  schema: ${s.manifest.migrations.count} migrations, Simpul ${s.manifest.simpulVersion}, PostgreSQL ${s.manifest.postgresVersion}\n`,
        );
      } catch (err) {
        reportRefusal(err);
      }
    });
}

export function restoreCommand(program: Command): void {
  program
    .command('restore')
    .description('Restore a backup into an empty database; every checksum is verified first')
    .requiredOption('--from <dir>', 'backup folder written by `simpul backup`')
    .action(async (opts: { from: string }) => {
      try {
        const s = await withInfra((infra, cfg) =>
          restore({
            ownerUrl: infra.database.ownerUrl,
            storage: new FsStorage(cfg.filesDir),
            fromDir: opts.from,
          }),
        );
        process.stdout.write(
          `Pemulihan selesai / restore done from ${opts.from}\n` +
            `  ${s.tables} tables, ${s.rows} rows, ${s.files} files, ${mib(s.bytes)} (${s.bytes} bytes)\n` +
            `  Next: run \`simpul audit verify\` to check the audit trail.\n`,
        );
      } catch (err) {
        reportRefusal(err);
      }
    });
}
