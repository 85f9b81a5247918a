import { Type } from '@sinclair/typebox';
import { SESSION_COOKIE } from '../../../platform/http/app.js';
import type { App, ModuleDeps } from '../../../platform/module.js';
import * as identity from '../identity.service.js';
import * as s from './identity.schema.js';
import { NoContent } from '../../../platform/http/schema.js';

const tags = ['identity'];

export function identityRoutes(app: App, { run, config }: ModuleDeps): void {
  const settings = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with username, NIP or e-mail and a password',
        security: [],
        body: s.LoginBody,
        response: { 200: s.LoginResponse },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const result = await run(req, { auth: 'none' }, (ctx) =>
        identity.login(
          ctx,
          { ...req.body, previousSession: req.cookies[SESSION_COOKIE] ?? null },
          settings,
        ),
      );
      if (!result.ok) throw result.error;
      reply.setCookie(SESSION_COOKIE, result.cookieValue, {
        path: '/',
        httpOnly: true,
        secure: config.cookieSecure,
        sameSite: 'lax',
        expires: result.expiresAt,
      });
      return { user: result.user, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'Sign out and end the session', response: NoContent },
    },
    async (req, reply) => {
      await run(req, { auth: 'optional' }, (ctx) =>
        identity.logout(ctx, req.cookies[SESSION_COOKIE] ?? null),
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags, summary: 'The signed-in user and roles', response: { 200: s.User } },
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
      await run(req, {}, (ctx) =>
        identity.changeOwnPassword(ctx, req.body.currentPassword, req.body.newPassword),
      );
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
      return reply.status(204).send();
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
