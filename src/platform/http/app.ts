import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { inTenantTx, pgCode } from '../db/database.js';
import type { Ctx, TenantInfo } from '../context.js';
import { authorize } from '../auth/permissions.js';
import { negotiateLocale } from '../i18n/i18n.js';
import type {
  App,
  Authenticator,
  ModuleDeps,
  ModuleManifest,
  RunOptions,
  Runner,
} from '../module.js';
import type { Storage } from '../files/storage.js';
import { AppError, Refusal } from './errors.js';
import { Sealer, serverSecret } from '../crypto/sealer.js';
import { TenantResolver } from './tenant-resolver.js';
import { registerHealthRoutes } from './health.js';
import { registerOpenApiRoute } from './openapi.js';
import { registerCsrf } from './csrf.js';
import { Metrics } from './metrics.js';

export const SESSION_COOKIE = 'simpul_sid';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: TenantInfo | null;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  storage: Storage;
  log: Logger;
  modules: ModuleManifest[];
  /** Directory of the built web app; served at / when present. */
  webDir?: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export async function buildApp(opts: AppOptions): Promise<App> {
  const { config, database } = opts;
  const app = Fastify({
    loggerInstance: opts.log.child({ category: 'http' }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: config.env === 'test',
    }),
    // Router-level errors (bad percent-encoding, over-long path parameters) get the same error body.
    frameworkErrors: (err, req, reply) => {
      reply.header('x-request-id', req.id);
      return sendError(err, req, reply);
    },
    ajv: { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const metrics = new Metrics();
  const tenants = new TenantResolver(database, config.defaultTenantCode);

  app.decorateRequest('tenant', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(
      req.routeOptions.url ?? 'unmatched',
      req.method,
      reply.statusCode,
      reply.elapsedTime,
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    hsts: config.publicUrl.startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, config.sessionSecret ? { secret: config.sessionSecret } : {});
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => req.url.startsWith('/health') || req.url === '/metrics',
    errorResponseBuilder: (_req, context) => {
      const err = new AppError('platform.rate_limited', {
        retryAfter: Math.ceil(context.ttl / 1000),
      });
      return Object.assign(err, { statusCode: 429 });
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Simpul API',
        version: '0.1.0',
        description:
          'The API of Simpul, the SPBE platform of an Indonesian regional government. ' +
          'Errors share one shape: `{ error: { code, message, requestId, details? } }`; codes are listed in docs/errors.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (`spl_...`)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerOpenApiRoute(app);
  registerCsrf(app, config);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(err, req, reply));

  const webDir = opts.webDir ?? null;
  const serveWeb = Boolean(
    config.serveWeb && webDir && existsSync(path.join(webDir, 'index.html')),
  );
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    // Client-side routes of the web app fall back to its shell; unknown API paths stay JSON 404s.
    if (
      serveWeb &&
      req.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/health') &&
      !path.extname(url)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    const locale = negotiateLocale(req.headers['accept-language']);
    const err = new AppError('platform.not_found');
    return reply.status(404).send({
      error: { code: err.code, message: err.localizedMessage(locale), requestId: req.id },
    });
  });

  let authenticator: Authenticator | null = null;

  const run: Runner = async (req, optsOrPermission, fn) => {
    const opts: RunOptions =
      typeof optsOrPermission === 'string' ? { permission: optsOrPermission } : optsOrPermission;
    const tenant = req.tenant ?? (await tenants.resolve(req.hostname));
    if (!tenant) throw new AppError('platform.tenant_unknown');
    req.tenant = tenant;
    const creds = credentialsOf(req);
    const auth = opts.auth ?? 'required';
    const lookup = auth === 'none' || !authenticator ? null : authenticator.lookup(creds);
    const result = await inTenantTx(
      database,
      { tenantId: tenant.id },
      async (tx, rows) => {
        const principal = lookup && authenticator ? await authenticator.resolve(tx, rows[0]) : null;
        const ctx: Ctx = {
          tenant,
          tenantId: tenant.id,
          principal,
          actorId: principal?.userId ?? null,
          actorKind: principal ? (principal.via === 'token' ? 'token' : 'user') : 'anonymous',
          ip: req.ip ?? null,
          userAgent:
            typeof req.headers['user-agent'] === 'string'
              ? req.headers['user-agent'].slice(0, 512)
              : null,
          requestId: req.id,
          locale: negotiateLocale(req.headers['accept-language']),
          tx,
        };
        if (auth === 'required' && !principal) throw new AppError('platform.unauthenticated');
        if (opts.permission) authorize(ctx, opts.permission);
        return fn(ctx);
      },
      lookup,
    );
    // Committed above with what the service recorded on the way; now the client hears why.
    if (result instanceof Refusal) throw result.error;
    return result as Exclude<typeof result, Refusal>;
  };

  const deps: ModuleDeps = {
    config,
    database,
    run,
    storage: opts.storage,
    log: opts.log,
    sealer: new Sealer(serverSecret(config)),
    forgetTenants: () => tenants.clear(),
    resolveTenant: async (req) => {
      req.tenant ??= await tenants.resolve(req.hostname);
      return req.tenant;
    },
  };
  for (const m of opts.modules) {
    if (m.authenticator) authenticator = m.authenticator(deps);
  }

  registerHealthRoutes(app, database, metrics, config.metricsToken);
  const publicLinks = [
    ...opts.modules.flatMap((m) => m.publicLinks ?? []),
    { key: 'apiDocs', href: '/api/docs' },
  ];
  app.get(
    '/api/public/site',
    {
      schema: {
        tags: ['public'],
        summary: 'The tenant landing page data',
        response: { 200: siteSchema },
      },
    },
    async (req) => {
      const tenant = await tenants.resolveFull(req.hostname);
      if (!tenant) throw new AppError('platform.tenant_unknown');
      return {
        tenant: {
          code: tenant.code,
          name: tenant.name,
          kind: tenant.kind,
          officialDomain: tenant.officialDomain,
          logoUrl: tenant.logoUrl,
          timeZone: tenant.timeZone,
        },
        links: publicLinks,
      };
    },
  );

  for (const m of opts.modules) {
    if (m.routes) await app.register(async (scope) => m.routes?.(scope as App, deps));
  }

  if (serveWeb && webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  app.addHook('onClose', async () => tenants.clear());
  return app;
}

function credentialsOf(req: FastifyRequest): { sessionId: string | null; bearer: string | null } {
  const auth = req.headers.authorization;
  const bearer =
    typeof auth === 'string' && /^Bearer\s+/i.test(auth)
      ? auth.replace(/^Bearer\s+/i, '').trim()
      : null;
  const sessionId = req.cookies?.[SESSION_COOKIE] ?? null;
  return { sessionId: sessionId || null, bearer: bearer || null };
}

function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const locale = negotiateLocale(req.headers['accept-language']);
  const appErr = toAppError(err, req);
  if (appErr.code === 'platform.internal') {
    req.log.error({ err }, 'unhandled error');
  }
  const retryAfter = appErr.params.retryAfter;
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.status(appErr.status).send({
    error: {
      code: appErr.code,
      message: appErr.localizedMessage(locale),
      requestId: req.id,
      ...(appErr.details !== undefined ? { details: appErr.details } : {}),
    },
  });
}

/** Maps every error that can reach the HTTP layer to one stable code; the only such place. */
function toAppError(err: FastifyError | AppError, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & {
    validation?: Array<{ instancePath?: string; message?: string; params?: unknown }>;
    validationContext?: string;
  };
  if (e.validation) {
    const details = e.validation.map((v) => ({
      field: `${e.validationContext ?? 'body'}${v.instancePath ?? ''}`,
      problem: v.message ?? 'invalid',
    }));
    const summary = details.map((d) => `${d.field} ${d.problem}`).join('; ');
    return new AppError('platform.validation_failed', { summary }, details);
  }
  switch (e.code) {
    case 'FST_ERR_BAD_URL':
      return new AppError('platform.validation_failed', { summary: 'URL' }, [
        { field: 'url', problem: 'malformed percent-encoding' },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('platform.not_found');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('platform.malformed_body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('platform.payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('platform.unsupported_media_type');
    case 'FST_ERR_NOT_FOUND':
      return new AppError('platform.not_found');
  }
  if (e.statusCode === 429) return new AppError('platform.rate_limited', { retryAfter: 60 });
  if (e instanceof SyntaxError && e.statusCode === 400)
    return new AppError('platform.malformed_body');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new AppError('platform.not_found');
    if (e.statusCode === 413) return new AppError('platform.payload_too_large');
    if (e.statusCode === 415) return new AppError('platform.unsupported_media_type');
    return new AppError('platform.validation_failed', { summary: e.code ?? 'bad request' });
  }
  // A safety net for input the route schemas let through but PostgreSQL refuses: data exceptions
  // (class 22: NUL bytes, out-of-range numbers, impossible dates) are the client's; integrity
  // violations (class 23) are conflicts. Services should still map the ones they expect.
  const sqlState = pgCode(err);
  if (sqlState?.startsWith('22') || sqlState?.startsWith('23')) {
    req.log.warn(
      { err, sqlState },
      'database refused a value; a schema or service check is missing',
    );
    return sqlState.startsWith('22')
      ? new AppError('platform.validation_failed', { summary: 'value not storable' }, [
          { field: 'request', problem: 'a value cannot be stored' },
        ])
      : new AppError('platform.conflict');
  }
  return new AppError('platform.internal', { requestId: req.id });
}

const siteSchema = Type.Object({
  tenant: Type.Object({
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    officialDomain: Type.Union([Type.String(), Type.Null()]),
    logoUrl: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.String(),
  }),
  links: Type.Array(Type.Object({ key: Type.String(), href: Type.String() })),
});
