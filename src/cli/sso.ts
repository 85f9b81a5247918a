import type { Command } from 'commander';
import { asSystem } from '../modules/tenancy/tenancy.service.js';
import { rotateKeys } from '../modules/identity/oidc/keys.js';
import * as clients from '../modules/identity/oidc/clients.service.js';
import { OIDC_SCOPES } from '../modules/identity/oidc/provider.js';
import { Sealer, serverSecret } from '../platform/crypto/sealer.js';
import { AppError } from '../platform/http/errors.js';
import { config, withInfra } from './infra.js';
import { pickTenant, withOwnerDb } from './tenant-option.js';

function explain(err: unknown): never {
  if (err instanceof AppError) throw new Error(`${err.localizedMessage('id')} (${err.code})`);
  throw err;
}

/** Runs fn as the system actor in the chosen tenant, with the server's sealer. */
async function inTenant<T>(
  tenantCode: string | undefined,
  fn: (ctx: Parameters<Parameters<typeof asSystem>[2]>[0], sealer: Sealer) => Promise<T>,
): Promise<T> {
  const sealer = new Sealer(serverSecret(config()));
  return withInfra(async (infra) => {
    const tenant = await withOwnerDb(infra.database.ownerUrl, (db) => pickTenant(db, tenantCode));
    return asSystem(infra.database, tenant, (ctx) => fn(ctx, sealer)).catch(explain);
  });
}

/** `simpul keys rotate`: new signing keys; the old ones stay published until their tokens expire. */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('The SSO signing keys');
  keys
    .command('rotate')
    .description('Create new ES256 and RS256 signing keys; the current ones retire gracefully')
    .option('--tenant <code>')
    .action(async (o: { tenant?: string }) => {
      const kids = await inTenant(o.tenant, (ctx, sealer) => rotateKeys(ctx, sealer));
      process.stdout.write(
        `Kunci baru / new keys: ${kids.join(', ')}\n` +
          'They sign tokens within a minute; the old keys stay published until their tokens expire.\n',
      );
    });
}

const list = (v: string, prev: string[] = []) => [...prev, v];

/** `simpul clients ...`: register and manage SSO clients from the command line. */
export function clientsCommand(program: Command): void {
  const cmd = program.command('clients').description('SSO clients (relying parties)');
  cmd
    .command('list')
    .option('--tenant <code>')
    .action(async (o: { tenant?: string }) => {
      const rows = await inTenant(o.tenant, (ctx) => clients.listClients(ctx));
      for (const c of rows) {
        process.stdout.write(`${c.clientId}\t${c.kind}\t${c.status}\t${c.name}\n`);
      }
    });
  cmd
    .command('create')
    .description('Register a client; its secret is printed once')
    .requiredOption('--name <name>')
    .option('--client-id <id>')
    .option('--kind <kind>', 'confidential, public or service', 'confidential')
    .option('--redirect-uri <uri>', 'repeatable', list)
    .option('--post-logout-uri <uri>', 'repeatable', list)
    .option('--backchannel-logout-uri <uri>')
    .option('--scope <scope>', `repeatable: ${OIDC_SCOPES.join(', ')}`, list)
    .option('--trusted', 'first-party: skip the consent screen')
    .option('--application <id>', 'the application it belongs to')
    .option('--tenant <code>')
    .action(
      async (o: {
        name: string;
        clientId?: string;
        kind: string;
        redirectUri?: string[];
        postLogoutUri?: string[];
        backchannelLogoutUri?: string;
        scope?: string[];
        trusted?: boolean;
        application?: string;
        tenant?: string;
      }) => {
        if (!['confidential', 'public', 'service'].includes(o.kind)) {
          throw new Error('--kind must be confidential, public or service');
        }
        const made = await inTenant(o.tenant, (ctx, sealer) =>
          clients.createClient(ctx, sealer, {
            name: o.name,
            clientId: o.clientId,
            kind: o.kind as clients.ClientKind,
            redirectUris: o.redirectUri ?? [],
            postLogoutRedirectUris: o.postLogoutUri ?? [],
            backchannelLogoutUri: o.backchannelLogoutUri ?? null,
            scopes: o.scope ?? (o.kind === 'service' ? [] : ['openid', 'profile', 'email']),
            trusted: o.trusted ?? false,
            applicationId: o.application ?? null,
          }),
        );
        process.stdout.write(`client_id: ${made.client.clientId}\n`);
        if (made.secret) {
          process.stdout.write(`client_secret (shown once / hanya sekali): ${made.secret}\n`);
        }
      },
    );
  cmd
    .command('rotate-secret <clientId>')
    .description('Replace a client secret; the old one stops working at once')
    .option('--tenant <code>')
    .action(async (clientId: string, o: { tenant?: string }) => {
      const made = await inTenant(o.tenant, async (ctx, sealer) => {
        const found = (await clients.listClients(ctx)).find((c) => c.clientId === clientId);
        if (!found) throw new AppError('identity.client_not_found');
        return clients.rotateSecret(ctx, sealer, found.id);
      });
      process.stdout.write(`client_secret (shown once / hanya sekali): ${made.secret}\n`);
    });
}
