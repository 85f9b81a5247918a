import { Type } from '@sinclair/typebox';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config/config.js';
import { SESSION_COOKIE } from '../../../platform/http/app.js';
import { requestOrigin } from '../../../platform/http/csrf.js';
import { createMailer, type Mailer } from '../../../platform/mail/mailer.js';
import type { App, ModuleDeps } from '../../../platform/module.js';
import * as identity from '../identity.service.js';
import { endAllProviderAccess, endBrowserProviderSession } from './oidc.routes.js';
import * as s from './identity.schema.js';
import { NoContent } from '../../../platform/http/schema.js';

const tags = ['identity'];

/** The passkey relying party of a request: its host name and origin. */
export function relyingParty(req: FastifyRequest, config: Config): identity.RelyingParty {
  return { id: req.hostname, origin: requestOrigin(req, config) };
}

/** Answers a sign-in step: a failure is thrown only now, after its audit event committed. */
function signInReply(reply: FastifyReply, result: identity.SignInResult, config: Config) {
  if (!result.ok) throw result.error;
  if (result.status === 'mfa_required') {
    return {
      status: result.status,
      flow: result.flow,
      methods: result.methods,
      expiresAt: result.expiresAt.toISOString(),
    };
  }
  reply.setCookie(SESSION_COOKIE, result.cookieValue, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'lax',
    expires: result.expiresAt,
  });
  return { status: result.status, user: result.user, expiresAt: result.expiresAt.toISOString() };
}

/** A second step always ends signed in (or failed). */
function signedInReply(reply: FastifyReply, result: identity.SignInResult, config: Config) {
  const answer = signInReply(reply, result, config);
  if (answer.status !== 'signed_in') throw new Error('a second sign-in step asked for another');
  return answer;
}

const mailers = new WeakMap<object, Mailer>();

/** The app's one mailer (one SMTP pool), shared by the identity routes. */
export function mailerFor(deps: ModuleDeps): Mailer {
  let mailer = mailers.get(deps.database);
  if (!mailer) {
    mailer = createMailer(deps.config, deps.log);
    mailers.set(deps.database, mailer);
  }
  return mailer;
}

export function identityRoutes(app: App, deps: ModuleDeps): void {
  const { run, config, sealer } = deps;
  const settings = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };
  const mailer = mailerFor(deps);
  app.addHook('onClose', async () => {
    await mailer.close();
    mailers.delete(deps.database);
  });
  const signInLimit = {
    rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary:
          'Sign in with username, NIP or e-mail and a password; answers signed_in or mfa_required',
        security: [],
        body: s.LoginBody,
        response: { 200: s.LoginResponse },
      },
      config: signInLimit,
    },
    async (req, reply) => {
      const result = await run(req, { auth: 'none' }, (ctx) =>
        identity.login(
          ctx,
          { ...req.body, previousSession: req.cookies[SESSION_COOKIE] ?? null },
          settings,
        ),
      );
      return signInReply(reply, result, config);
    },
  );

  for (const method of ['totp', 'recovery'] as const) {
    app.post(
      `/api/auth/mfa/${method}`,
      {
        schema: {
          tags,
          summary:
            method === 'totp'
              ? 'Second sign-in step: a code from the authenticator app'
              : 'Second sign-in step: a one-time recovery code',
          security: [],
          body: s.MfaCodeBody,
          response: { 200: s.SignedIn },
        },
        config: signInLimit,
      },
      async (req, reply) => {
        const result = await run(req, { auth: 'none' }, (ctx) =>
          identity.completeWithCode(
            ctx,
            sealer,
            { ...req.body, method, previousSession: req.cookies[SESSION_COOKIE] ?? null },
            settings,
          ),
        );
        return signedInReply(reply, result, config);
      },
    );
  }

  app.post(
    '/api/auth/webauthn/options',
    {
      schema: {
        tags,
        summary:
          'A passkey challenge: with the flow of mfa_required as second factor, without one for passkey sign-in',
        security: [],
        body: s.WebauthnOptionsBody,
        response: { 200: s.WebauthnOptions },
      },
      config: signInLimit,
    },
    (req) =>
      run(req, { auth: 'none' }, (ctx) =>
        identity.webauthnLoginOptions(ctx, relyingParty(req, config), req.body),
      ),
  );

  app.post(
    '/api/auth/webauthn/verify',
    {
      schema: {
        tags,
        summary: 'Sign in with a passkey (the answer to /api/auth/webauthn/options)',
        security: [],
        body: s.WebauthnVerifyBody,
        response: { 200: s.SignedIn },
      },
      config: signInLimit,
    },
    async (req, reply) => {
      const result = await run(req, { auth: 'none' }, (ctx) =>
        identity.webauthnLoginVerify(
          ctx,
          relyingParty(req, config),
          {
            flow: req.body.flow,
            response: req.body.response as AuthenticationResponseJSON,
            previousSession: req.cookies[SESSION_COOKIE] ?? null,
          },
          settings,
        ),
      );
      return signedInReply(reply, result, config);
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags,
        summary: 'Mail a password reset link (always 202: never tells whether the account exists)',
        security: [],
        body: s.PasswordResetRequest,
        response: { 202: { type: 'null', description: 'Accepted' } },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const mail = await run(req, { auth: 'none' }, (ctx) =>
        identity.requestPasswordReset(ctx, req.body.login, {
          request: requestOrigin(req, config),
          fallback: config.publicUrl,
        }),
      );
      // Sent after the reply, so the time taken does not tell whether the account exists.
      if (mail) {
        mailer.send(mail).catch((err: unknown) => req.log.error({ err }, 'reset mail not sent'));
      }
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token of a reset link (ends every session)',
        security: [],
        body: s.PasswordResetConfirm,
        response: NoContent,
      },
      config: signInLimit,
    },
    async (req, reply) => {
      const userId = await run(req, { auth: 'none' }, (ctx) =>
        identity.confirmPasswordReset(ctx, req.body.token, req.body.password),
      );
      // Whoever knew the old password loses what they got with it from the applications too.
      await endAllProviderAccess(deps, req, userId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'Sign out and end the session', response: NoContent },
    },
    async (req, reply) => {
      const userId = await run(req, { auth: 'optional' }, async (ctx) => {
        await identity.logout(ctx, req.cookies[SESSION_COOKIE] ?? null);
        return ctx.principal?.userId ?? null;
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // The applications this browser entered through Simpul are signed out too.
      if (userId) {
        await endBrowserProviderSession(deps, req, userId).catch((err: unknown) =>
          req.log.warn({ err }, 'ending the SSO session failed'),
        );
      }
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user: roles, second factors, sign-in methods and permissions',
        response: { 200: s.Me },
      },
    },
    (req) => run(req, {}, (ctx) => identity.me(ctx)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password',
        body: s.PasswordChange,
        response: NoContent,
      },
    },
    async (req, reply) => {
      const userId = await run(req, {}, async (ctx) => {
        const refused = await identity.changeOwnPassword(
          ctx,
          req.body.currentPassword,
          req.body.newPassword,
        );
        return refused ?? ctx.principal!.userId;
      });
      await endAllProviderAccess(deps, req, userId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/identity/users',
    {
      schema: {
        tags,
        summary: 'List user accounts',
        querystring: s.UserListQuery,
        response: { 200: Type.Array(s.User) },
      },
    },
    (req) => run(req, 'identity:user:read', (ctx) => identity.listUsers(ctx, req.query)),
  );

  app.post(
    '/api/identity/users',
    {
      schema: {
        tags,
        summary: 'Create a user account',
        body: s.UserCreate,
        response: { 201: s.User },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await run(req, 'identity:user:write', (ctx) => identity.createUser(ctx, req.body))),
  );

  app.get(
    '/api/identity/users/:id',
    {
      schema: {
        tags,
        summary: 'Get a user account',
        params: s.IdParams,
        response: { 200: s.User },
      },
    },
    (req) => run(req, {}, (ctx) => identity.getUser(ctx, req.params.id)),
  );

  app.put(
    '/api/identity/users/:id/status',
    {
      schema: {
        tags,
        summary: 'Enable or disable an account',
        params: s.IdParams,
        body: s.UserStatusBody,
        response: { 200: s.User },
      },
    },
    (req) =>
      run(req, 'identity:user:write', (ctx) =>
        identity.setUserStatus(ctx, req.params.id, req.body.status),
      ),
  );

  app.put(
    '/api/identity/users/:id/password',
    {
      schema: {
        tags,
        summary: "Reset a user's password (ends their sessions)",
        params: s.IdParams,
        body: s.PasswordReset,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'identity:user:write', (ctx) =>
        identity.resetPassword(ctx, req.params.id, req.body.password),
      );
      await endAllProviderAccess(deps, req, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/identity/users/:id/revoke-access',
    {
      schema: {
        tags,
        summary: "End all of a user's sessions and revoke their API tokens",
        params: s.IdParams,
        response: { 200: s.RevokedAccess },
      },
    },
    async (req) => {
      const revoked = await run(req, 'identity:user:write', (ctx) =>
        identity.revokeAccess(ctx, req.params.id),
      );
      // Then the applications: provider sessions end with back-channel logout, tokens go.
      await endAllProviderAccess(deps, req, req.params.id);
      return revoked;
    },
  );

  app.post(
    '/api/identity/users/:id/roles',
    {
      schema: {
        tags,
        summary: 'Grant a role, tenant-wide or for one agency',
        params: s.IdParams,
        body: s.RoleAssign,
        response: { 200: Type.Array(s.RoleGrant) },
      },
    },
    (req) =>
      run(req, 'identity:role:assign', (ctx) =>
        identity.assignRole(ctx, req.params.id, req.body.role, req.body.agencyId ?? null),
      ),
  );

  app.delete(
    '/api/identity/users/:id/roles/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Revoke a role',
        params: s.RoleParams,
        response: { 200: Type.Array(s.RoleGrant) },
      },
    },
    (req) =>
      run(req, 'identity:role:assign', (ctx) =>
        identity.revokeRole(ctx, req.params.id, req.params.assignmentId),
      ),
  );

  app.get(
    '/api/identity/tokens',
    {
      schema: {
        tags,
        summary: 'List your API tokens (all=true: every token, for ICT admins)',
        querystring: s.TokenListQuery,
        response: { 200: Type.Array(s.Token) },
      },
    },
    (req) => run(req, {}, (ctx) => identity.listTokens(ctx, req.query.all === true)),
  );

  app.post(
    '/api/identity/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown once',
        body: s.TokenCreate,
        response: { 201: s.TokenCreated },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await run(req, {}, (ctx) => identity.createToken(ctx, req.body))),
  );

  app.delete(
    '/api/identity/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: s.IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, {}, (ctx) => identity.revokeToken(ctx, req.params.id));
      return reply.status(204).send();
    },
  );
}
