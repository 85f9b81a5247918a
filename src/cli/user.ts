import type { Command } from 'commander';
import { asSystem } from '../modules/tenancy/tenancy.service.js';
import {
  assignRole,
  createUserUnchecked,
  findUserByLogin,
  resetPassword,
} from '../modules/identity/identity.service.js';
import { ROLES } from '../platform/auth/permissions.js';
import { AppError } from '../platform/http/errors.js';
import { withInfra } from './infra.js';
import { pickTenant, withOwnerDb } from './tenant-option.js';

function explain(err: unknown): never {
  if (err instanceof AppError) throw new Error(`${err.localizedMessage('id')} (${err.code})`);
  throw err;
}

export function userCreateCommand(user: Command): void {
  user
    .command('create')
    .description('Create a user account')
    .requiredOption('--username <username>')
    .requiredOption('--name <displayName>')
    .option('--email <email>')
    .option('--password <password>', 'or set SIMPUL_USER_PASSWORD')
    .option('--role <role...>', `roles: ${ROLES.join(', ')}`)
    .option('--agency <agencyId>', 'limit the roles to this agency')
    .option('--tenant <code>')
    .action(
      async (o: {
        username: string;
        name: string;
        email?: string;
        password?: string;
        role?: string[];
        agency?: string;
        tenant?: string;
      }) => {
        await withInfra(async (infra) => {
          const tenant = await withOwnerDb(infra.database.ownerUrl, (db) =>
            pickTenant(db, o.tenant),
          );
          const created = await asSystem(infra.database, tenant, async (ctx) => {
            const u = await createUserUnchecked(ctx, {
              username: o.username,
              displayName: o.name,
              email: o.email ?? null,
              kind: 'external',
              password: o.password ?? process.env.SIMPUL_USER_PASSWORD,
            });
            for (const r of o.role ?? []) await assignRole(ctx, u.id, r, o.agency ?? null);
            return u;
          }).catch(explain);
          process.stdout.write(`user ${created.username} created (${created.id})\n`);
        });
      },
    );
}

export function userResetPasswordCommand(user: Command): void {
  user
    .command('reset-password')
    .description("Set a user's password and end their sessions")
    .requiredOption('--login <login>', 'username or e-mail')
    .option('--password <password>', 'or set SIMPUL_USER_PASSWORD')
    .option('--tenant <code>')
    .action(async (o: { login: string; password?: string; tenant?: string }) => {
      const password = o.password ?? process.env.SIMPUL_USER_PASSWORD;
      if (!password) throw new Error('give --password or SIMPUL_USER_PASSWORD');
      await withInfra(async (infra) => {
        const tenant = await withOwnerDb(infra.database.ownerUrl, (db) => pickTenant(db, o.tenant));
        await asSystem(infra.database, tenant, async (ctx) => {
          const u = await findUserByLogin(ctx, o.login);
          if (!u) throw new AppError('identity.user_not_found');
          await resetPassword(ctx, u.id, password);
        }).catch(explain);
        process.stdout.write(`password of ${o.login} reset; their sessions were ended\n`);
      });
    });
}
