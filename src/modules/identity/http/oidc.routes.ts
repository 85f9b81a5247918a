import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, ModuleDeps } from '../../../platform/module.js';
import { serverSecret } from '../../../platform/crypto/sealer.js';
import { AppError } from '../../../platform/http/errors.js';
import * as clients from '../oidc/clients.service.js';
import { completeConsent, completeLogin, interactionDetails } from '../oidc/interactions.js';
import { OIDC_PREFIX, ProviderRegistry } from '../oidc/provider.js';
import {
  endProviderSessions,
  PROVIDER_SESSION_COOKIE,
  revokeAccountTokens,
} from '../oidc/logout.js';
import * as s from './oidc.schema.js';
import { IdParams } from '../../../platform/http/schema.js';

const registries = new WeakMap<object, ProviderRegistry>();

/** The app's provider registry (one per running app, shared by its routes). */
export function providers(deps: ModuleDeps): ProviderRegistry {
  let registry = registries.get(deps.database);
  if (!registry) {
    registry = new ProviderRegistry({
      config: deps.config,
      database: deps.database,
      sealer: deps.sealer,
      secret: serverSecret(deps.config),
      log: deps.log,
    });
    registries.set(deps.database, registry);
  }
  return registry;
}

/** The registry of a running app, found by its database (tests use this to skip the refresh wait). */
export function providersFor(database: object): ProviderRegistry | undefined {
  return registries.get(database);
}

export function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** Signs the browser out at the provider too, with back-channel logout to its applications. */
export async function endBrowserProviderSession(
  deps: ModuleDeps,
  req: FastifyRequest,
  userId: string,
): Promise<void> {
  const tenant = req.tenant;
  const sessionId = req.cookies[PROVIDER_SESSION_COOKIE];
  if (!tenant || !sessionId) return;
  const provider = await providers(deps).get(tenant.id, requestOrigin(req));
  await endProviderSessions({
    database: deps.database,
    tenantId: tenant.id,
    provider,
    userId,
    sessionId,
    log: deps.log,
  });
}

/**
 * An administrator revoking a user's access: every provider session of the user ends (with
 * back-channel logout to its applications) and every token and grant issued to them goes.
 */
export async function endAllProviderAccess(
  deps: ModuleDeps,
  req: FastifyRequest,
  userId: string,
): Promise<void> {
  const tenant = req.tenant;
  if (!tenant) return;
  const provider = await providers(deps).get(tenant.id, requestOrigin(req));
  await endProviderSessions({
    database: deps.database,
    tenantId: tenant.id,
    provider,
    userId,
    sessionId: null,
    log: deps.log,
  });
  await revokeAccountTokens(deps.database, tenant.id, userId);
}

const tags = ['sso'];

export function oidcRoutes(app: App, deps: ModuleDeps): void {
  const { run, sealer } = deps;
  const registry = providers(deps);

  // The provider itself: oidc-provider (a Koa app) handles everything under /oidc on the raw
  // request. Its own body parsing needs the untouched stream, so this scope parses nothing.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const tenant = await deps.resolveTenant(req);
      if (!tenant) throw new AppError('platform.tenant_unknown');
      const provider = await registry.get(tenant.id, requestOrigin(req));
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (name !== 'content-security-policy' && value !== undefined) {
          reply.raw.setHeader(name, value);
        }
      }
      reply.raw.setHeader(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' *; frame-ancestors 'none'; base-uri 'none'",
      );
      reply.hijack();
      const raw = req.raw as typeof req.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '/').slice(OIDC_PREFIX.length) || '/';
      if (!raw.url.startsWith('/')) raw.url = `/${raw.url}`;
      provider.callback()(raw, reply.raw);
    };
    const schema = { hide: true };
    scope.all(OIDC_PREFIX, { schema }, handle);
    scope.all(`${OIDC_PREFIX}/*`, { schema }, handle);
  });

  // ---------------------------------------------------------------- interactions (sign-in page)
  const rawOf = (req: FastifyRequest, reply: FastifyReply) => ({ req: req.raw, res: reply.raw });
  const providerFor = async (req: FastifyRequest) => {
    if (!req.tenant) throw new AppError('platform.tenant_unknown');
    return registry.get(req.tenant.id, requestOrigin(req));
  };

  app.get(
    '/interaction/:uid/details',
    {
      schema: {
        tags,
        summary: 'What an application asks for, for the sign-in and consent page',
        params: s.UidParams,
        response: { 200: s.InteractionDetails },
      },
    },
    (req, reply) =>
      run(req, { auth: 'optional' }, async (ctx) =>
        interactionDetails(ctx, await providerFor(req), rawOf(req, reply), req.params.uid),
      ),
  );

  app.post(
    '/interaction/:uid/login',
    {
      schema: {
        tags,
        summary: 'Continue to the application as the signed-in user',
        params: s.UidParams,
        response: { 200: s.Redirect },
      },
    },
    async (req, reply) => ({
      redirectTo: await run(req, {}, async (ctx) =>
        completeLogin(ctx, await providerFor(req), rawOf(req, reply), req.params.uid),
      ),
    }),
  );

  app.post(
    '/interaction/:uid/consent',
    {
      schema: {
        tags,
        summary: 'Allow or refuse what the application asks for',
        params: s.UidParams,
        body: s.ConsentBody,
        response: { 200: s.Redirect },
      },
    },
    async (req, reply) => ({
      redirectTo: await run(req, {}, async (ctx) =>
        completeConsent(
          ctx,
          await providerFor(req),
          rawOf(req, reply),
          req.params.uid,
          req.body.approve,
        ),
      ),
    }),
  );

  // ---------------------------------------------------------------- SSO clients
  app.get(
    '/api/identity/clients',
    { schema: { tags, summary: 'SSO clients', response: { 200: s.ClientList } } },
    (req) =>
      run(req, 'identity:client:read', async (ctx) => ({ items: await clients.listClients(ctx) })),
  );

  app.post(
    '/api/identity/clients',
    {
      schema: {
        tags,
        summary: 'Register an SSO client; its secret is in this response only',
        body: s.ClientCreate,
        response: { 201: s.ClientWithSecret },
      },
    },
    async (req, reply) => {
      const created = await run(req, 'identity:client:manage', (ctx) =>
        clients.createClient(ctx, sealer, req.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/identity/clients/:id',
    { schema: { tags, summary: 'One SSO client', params: IdParams, response: { 200: s.Client } } },
    (req) => run(req, 'identity:client:read', (ctx) => clients.getClient(ctx, req.params.id)),
  );

  app.patch(
    '/api/identity/clients/:id',
    {
      schema: {
        tags,
        summary: 'Change an SSO client',
        params: IdParams,
        body: s.ClientPatch,
        response: { 200: s.Client },
      },
    },
    (req) =>
      run(req, 'identity:client:manage', (ctx) =>
        clients.updateClient(ctx, req.params.id, req.body),
      ),
  );

  app.post(
    '/api/identity/clients/:id/secret',
    {
      schema: {
        tags,
        summary: 'Rotate the client secret; the new one is in this response only',
        params: IdParams,
        response: { 200: s.ClientWithSecret },
      },
    },
    (req) =>
      run(req, 'identity:client:manage', (ctx) => clients.rotateSecret(ctx, sealer, req.params.id)),
  );

  app.post(
    '/api/identity/clients/:id/status',
    {
      schema: {
        tags,
        summary: 'Enable or disable an SSO client',
        params: IdParams,
        body: s.ClientStatusBody,
        response: { 200: s.Client },
      },
    },
    (req) =>
      run(req, 'identity:client:manage', (ctx) =>
        clients.setClientStatus(ctx, req.params.id, req.body.status),
      ),
  );
}
