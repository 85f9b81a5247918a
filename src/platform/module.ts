import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/config.js';
import type { Database, Tx } from './db/database.js';
import type { Ctx, Principal, TenantInfo } from './context.js';
import type { PermissionDefinition } from './auth/permissions.js';
import type { Storage } from './files/storage.js';
import type { Logger } from 'pino';
import type { Sealer } from './crypto/sealer.js';
import type { Refusal } from './http/errors.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RunOptions {
  /** Permission to check before the handler runs; omit for authenticated-only routes. */
  permission?: string;
  /** `required` (default), `optional` (public route that may know the user) or `none`. */
  auth?: 'required' | 'optional' | 'none';
}

/**
 * Runs a route's work: opens the tenant transaction, authenticates, checks the permission,
 * then calls fn with a service context. Routes stay one line.
 */
export type Runner = <T>(
  req: FastifyRequest,
  opts: RunOptions | string,
  fn: (ctx: Ctx) => Promise<T>,
) => Promise<Exclude<T, Refusal>>;

/**
 * Identity plugs this in: turns a request's cookie or bearer token into a principal. The lookup
 * is a literal-only SQL statement, sent in the same round trip as BEGIN and the tenant settings.
 */
export interface Authenticator {
  lookup(credentials: { sessionId: string | null; bearer: string | null }): string | null;
  resolve(tx: Tx, row: Record<string, unknown> | undefined): Promise<Principal | null>;
}

export interface JobDefinition {
  name: string;
  /** Cron expression in the tenant-independent server clock (UTC), if scheduled. */
  cron?: string;
  handler: (deps: ModuleDeps) => Promise<void>;
}

export interface ModuleDeps {
  config: Config;
  database: Database;
  run: Runner;
  storage: Storage;
  log: Logger;
  /** Encryption at rest for secrets the server reads back. */
  sealer: Sealer;
  /** Drops this node's cached tenant directory (after a tenant's own settings change). */
  forgetTenants(): void;
  /** The request's tenant from its host name (cached; no transaction), or null. */
  resolveTenant(req: FastifyRequest): Promise<TenantInfo | null>;
}

/** A module declares everything it plugs in here; main.ts discovers modules only through this. */
export interface ModuleManifest {
  name: string;
  permissions?: Record<string, PermissionDefinition>;
  routes?: (app: App, deps: ModuleDeps) => void | Promise<void>;
  authenticator?: (deps: ModuleDeps) => Authenticator;
  jobs?: JobDefinition[];
  /** Links this module adds to the tenant's public landing page (label key `links.<key>` in the web catalogs). */
  publicLinks?: Array<{ key: string; href: string }>;
}
