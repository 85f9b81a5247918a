import { hkdfSync } from 'node:crypto';
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../../../platform/config/config.js';
import { inTenantTx, type Database } from '../../../platform/db/database.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { writeAudit, type AuditInput } from '../../../platform/audit/audit.js';
import { adapterFor } from './adapter.js';
import { findAccount } from './account.js';
import {
  KEY_REFRESH_MS,
  keySetVersion,
  orderForSigning,
  privateJwks,
  ensureKeys,
  publishedKeys,
} from './keys.js';
import { endSimpulSession, simpulSessionLive } from './logout.js';
import { SESSION_COOKIE } from '../../../platform/http/app.js';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.js';

/** The scopes Simpul offers, and the claims each releases. */
export const OIDC_SCOPES = [
  'openid',
  'offline_access',
  'profile',
  'email',
  'simpul:org',
  'simpul:roles',
] as const;

export const OIDC_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'preferred_username', 'updated_at'],
  email: ['email'],
  'simpul:org': ['nip', 'agency', 'unit', 'position'],
  'simpul:roles': ['roles'],
} as const;

/** The audience of client-credentials access tokens (JWTs the gateway verifies with the JWKS). */
export const API_RESOURCE = 'urn:simpul:api';

export const TTL = {
  AccessToken: 10 * 60,
  ClientCredentials: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 15 * 60,
  Grant: 30 * 24 * 3600,
  RefreshToken: 14 * 24 * 3600,
} as const;

export const OIDC_PREFIX = '/oidc';

/** Providers kept per node (tenants times the host names they are reached by). */
const MAX_PROVIDERS = 64;

interface Entry {
  provider: Provider;
  version: string;
  checkedAt: number;
}

export interface ProviderDeps {
  config: Config;
  database: Database;
  sealer: Sealer;
  /** The server secret; the provider's cookie keys are derived from it per tenant. */
  secret: string;
  log: Logger;
}

/**
 * One OpenID provider per tenant and origin (the issuer is `<origin>/oidc`), built on first use
 * and rebuilt when the tenant's signing keys change. All state lives in PostgreSQL, so any node
 * can serve any request.
 */
export class ProviderRegistry {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(private readonly deps: ProviderDeps) {}

  async get(tenantId: string, origin: string): Promise<Provider> {
    const key = `${tenantId} ${origin}`;
    const existing = this.entries.get(key);
    if (existing) {
      // Most recently used last: the oldest entries go first when the map is full.
      this.entries.delete(key);
      this.entries.set(key, existing);
      const entry = await existing;
      if (Date.now() - entry.checkedAt < KEY_REFRESH_MS) return entry.provider;
      entry.checkedAt = Date.now();
      const keys = orderForSigning(await this.keys(tenantId));
      if (keySetVersion(keys) === entry.version) return entry.provider;
    }
    const building = this.build(tenantId, origin);
    this.entries.set(key, building);
    // Host names are the client's to choose: keep a bounded number of providers.
    while (this.entries.size > MAX_PROVIDERS) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    try {
      return (await building).provider;
    } catch (err) {
      this.entries.delete(key);
      throw err;
    }
  }

  /** Forget a tenant's providers on this node (after a key rotation or client change). */
  invalidate(tenantId: string): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(`${tenantId} `)) this.entries.delete(key);
    }
  }

  private keys(tenantId: string) {
    return inTenantTx(this.deps.database, { tenantId }, (tx) => publishedKeys(tx));
  }

  private async build(tenantId: string, origin: string): Promise<Entry> {
    const { config, database, sealer, log } = this.deps;
    let rows = orderForSigning(await this.keys(tenantId));
    if (rows.length === 0) {
      await ensureKeys(database, tenantId, sealer);
      rows = orderForSigning(await this.keys(tenantId));
    }
    const issuer = `${origin}${OIDC_PREFIX}`;
    const cookieKey = Buffer.from(
      hkdfSync('sha256', this.deps.secret, tenantId, 'simpul oidc cookies', 32),
    ).toString('base64url');
    const secure = origin.startsWith('https:');

    const configuration: Configuration = {
      adapter: adapterFor(database, tenantId, sealer),
      findAccount: (ctx, sub) => findAccount(database, tenantId, sub),
      jwks: { keys: privateJwks(rows, tenantId, sealer) as never },
      claims: { ...OIDC_CLAIMS, acr: null, sid: null, auth_time: null, iss: null } as never,
      scopes: [...OIDC_SCOPES],
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        id_token_signed_response_alg: 'ES256',
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      extraClientMetadata: {
        properties: ['simpul_trusted'],
        validator(_ctx, key, value) {
          if (key === 'simpul_trusted' && value !== undefined && typeof value !== 'boolean') {
            throw new errors.InvalidClientMetadata('simpul_trusted must be a boolean');
          }
        },
      },
      cookies: {
        keys: [cookieKey],
        long: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' },
        short: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' },
      },
      features: {
        devInteractions: { enabled: false },
        introspection: {
          enabled: true,
          // A client may introspect its own tokens; trusted (first-party) clients, such as
          // resource servers of the regency, may introspect any.
          allowedPolicy: async (_ctx, client, token) =>
            token.clientId === client.clientId ||
            (client as unknown as { simpul_trusted?: boolean }).simpul_trusted === true,
        },
        revocation: {
          enabled: true,
          // Only the client a token was issued to may revoke it.
          allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
        },
        clientCredentials: { enabled: true },
        backchannelLogout: { enabled: true },
        userinfo: { enabled: true },
        rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
        resourceIndicators: {
          enabled: true,
          defaultResource: (ctx) =>
            ctx.oidc.params?.grant_type === 'client_credentials' ? API_RESOURCE : undefined!,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource, client) => {
            if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
            return {
              scope: (client.scope ?? '')
                .split(' ')
                .filter((s) => s && s !== 'openid' && s !== 'offline_access')
                .join(' '),
              audience: API_RESOURCE,
              accessTokenTTL: TTL.ClientCredentials,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'ES256' } },
            };
          },
        },
      },
      pkce: { required: () => true },
      interactions: {
        policy: loginBoundToSimpulSession(database, tenantId, config.sessionIdleMinutes),
        url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      },
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: () => true,
      loadExistingGrant: async (ctx) => loadExistingGrant(ctx),
      ttl: {
        AccessToken: TTL.AccessToken,
        ClientCredentials: TTL.ClientCredentials,
        AuthorizationCode: TTL.AuthorizationCode,
        IdToken: TTL.IdToken,
        Interaction: TTL.Interaction,
        Grant: TTL.Grant,
        RefreshToken: TTL.RefreshToken,
        Session: config.sessionAbsoluteHours * 3600,
      },
      renderError: async (ctx, out) => renderError(ctx, out),
      enabledJWA: {
        idTokenSigningAlgValues: ['ES256', 'RS256'],
        userinfoSigningAlgValues: ['ES256', 'RS256'],
        introspectionSigningAlgValues: ['ES256', 'RS256'],
        authorizationSigningAlgValues: ['ES256', 'RS256'],
      },
      clientBasedCORS: (_ctx, origin, client) =>
        client.redirectUris?.some((u) => new URL(u).origin === origin) ?? false,
      conformIdTokenClaims: true,
      // oidc-provider refuses private and loopback addresses (SSRF protection); a regency's
      // applications live on its private network, and only ICT admins register their URLs.
      fetch: (url, options) => {
        if (!config.ssoAllowPrivateNetworks) return globalThis.fetch(url, options);
        const { dispatcher: _ssrfGuard, ...rest } = options as typeof options & {
          dispatcher?: unknown;
        };
        return globalThis.fetch(url, rest);
      },
    };

    const provider = new Provider(issuer, configuration);
    provider.proxy = config.trustProxy;
    // Signing out through an application (RP-initiated logout) ends the Simpul session too.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route !== 'end_session_confirm' || !ctx.oidc.params?.logout) return;
      const simpulSession = ctx.cookies.get(SESSION_COOKIE);
      if (!simpulSession) return;
      await endSimpulSession(database, tenantId, simpulSession, {
        ip: ctx.ip ?? null,
        userAgent: ctx.get('user-agent')?.slice(0, 512) || null,
      });
      ctx.cookies.set(SESSION_COOKIE, null, { path: '/', httpOnly: true, signed: false });
    });
    this.audit(provider, tenantId, log);
    return { provider, version: keySetVersion(rows), checkedAt: Date.now() };
  }

  /** Everything the provider does that matters goes to the audit trail. */
  private audit(provider: Provider, tenantId: string, log: Logger): void {
    const write = (ctx: KoaContextWithOIDC | undefined, input: AuditInput, actorId?: string) => {
      const origin = {
        tenantId,
        actorId: actorId ?? null,
        actorKind: actorId ? ('user' as const) : ('anonymous' as const),
        ip: ctx?.ip ?? null,
        userAgent: ctx?.get('user-agent')?.slice(0, 512) || null,
        requestId: (ctx?.res.getHeader('x-request-id') as string | undefined) ?? null,
      };
      inTenantTx(this.deps.database, { tenantId }, (tx) => writeAudit(tx, origin, input)).catch(
        (err: unknown) => log.error({ err, action: input.action }, 'OIDC audit write failed'),
      );
    };
    const clientOf = (ctx: KoaContextWithOIDC | undefined) =>
      ctx?.oidc?.client?.clientId ?? (ctx?.oidc?.params?.client_id as string | undefined);

    provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
      const grantType = ctx.oidc.params?.grant_type as string | undefined;
      // Client-credentials grants are machine traffic at high rates: they are counted in the
      // metrics and logged, and their failures audited, but each success is not a trail event.
      if (grantType === 'client_credentials') return;
      const accountId = (ctx.oidc.entities.Account?.accountId ?? undefined) as string | undefined;
      write(
        ctx,
        {
          action: 'identity.oidc.token_issued',
          targetType: 'oidc_client',
          targetId: clientOf(ctx),
          data: { grantType, clientId: clientOf(ctx) },
        },
        accountId,
      );
    });
    provider.on('grant.error', (ctx: KoaContextWithOIDC, error: Error & { error?: string }) => {
      write(ctx, {
        action: 'identity.oidc.token_failed',
        targetType: 'oidc_client',
        targetId: clientOf(ctx),
        data: {
          grantType: ctx.oidc?.params?.grant_type ?? null,
          clientId: clientOf(ctx) ?? null,
          error: error.error ?? error.name,
          description: (error as { error_description?: string }).error_description ?? null,
        },
      });
    });
    provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
      write(ctx, {
        action: 'identity.oidc.grant_revoked',
        targetType: 'oidc_grant',
        targetId: grantId,
        data: { clientId: clientOf(ctx) ?? null, route: ctx?.oidc?.route ?? null },
      });
    });
    provider.on(
      'authorization.error',
      (ctx: KoaContextWithOIDC, error: Error & { error?: string }) => {
        write(ctx, {
          action: 'identity.oidc.authorization_failed',
          targetType: 'oidc_client',
          targetId: clientOf(ctx),
          data: {
            clientId: clientOf(ctx) ?? null,
            error: error.error ?? error.name,
            description: (error as { error_description?: string }).error_description ?? null,
          },
        });
      },
    );
    for (const event of ['introspection.error', 'revocation.error', 'userinfo.error'] as const) {
      (provider as unknown as NodeJS.EventEmitter).on(
        event,
        (ctx: KoaContextWithOIDC, error: Error & { error?: string }) => {
          write(ctx, {
            action: `identity.oidc.${event.split('.')[0]}_failed`,
            targetType: 'oidc_client',
            targetId: clientOf(ctx),
            data: { clientId: clientOf(ctx) ?? null, error: error.error ?? error.name },
          });
        },
      );
    }
    provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId as string | undefined;
      write(
        ctx,
        { action: 'identity.oidc.logout', targetType: 'user', targetId: accountId },
        accountId,
      );
    });
    provider.on(
      'backchannel.error',
      (ctx: unknown, error: Error, client: { clientId: string }, accountId: string) => {
        log.warn({ err: error, clientId: client.clientId }, 'back-channel logout failed');
        write(undefined, {
          action: 'identity.oidc.backchannel_failed',
          targetType: 'oidc_client',
          targetId: client.clientId,
          data: { accountId, error: error.message },
        });
      },
    );
    provider.on('server_error', (_ctx: unknown, err: Error) => {
      log.error({ err }, 'OIDC provider error');
    });
  }
}

/**
 * Trusted (first-party) clients skip the consent screen: the provider receives a grant for what
 * they ask. Others keep the grant the user gave, and are asked again for anything new.
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId =
    (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
    session.grantIdFor(client.clientId);
  let grant = grantId ? await provider.Grant.find(grantId) : undefined;
  if (!(client as unknown as { simpul_trusted?: boolean }).simpul_trusted) return grant;
  grant ??= new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  const scopes = [...(ctx.oidc.requestParamScopes ?? [])].join(' ');
  if (scopes) grant.addOIDCScope(scopes);
  const claims = [...(ctx.oidc.requestParamClaims ?? [])];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

/**
 * The provider's session answers for the user only while the Simpul session of the same
 * browser is alive: once it ends (sign-out, idle or absolute timeout, password reset, an
 * administrator's revocation), the next authorization request asks the user to sign in again.
 */
function loginBoundToSimpulSession(database: Database, tenantId: string, idleMinutes: number) {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy.get('login')!.checks.add(
    new Check(
      'simpul_session',
      'The Simpul session of this browser has ended',
      async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId) return Check.NO_NEED_TO_PROMPT;
        const cookie = ctx.cookies.get(SESSION_COOKIE);
        const live =
          cookie !== undefined &&
          (await simpulSessionLive(database, tenantId, cookie, accountId, idleMinutes));
        return live ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      },
    ),
  );
  return policy;
}
