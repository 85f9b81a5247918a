import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { App, ModuleDeps } from '../../../platform/module.js';
import { IdParams, NoContent } from '../../../platform/http/schema.js';
import * as identity from '../identity.service.js';
import { factorAddedNotice } from '../notices.js';
import { mailerFor, relyingParty } from './identity.routes.js';
import type { MailMessage } from '../../../platform/mail/mailer.js';
import type { FastifyBaseLogger } from 'fastify';
import * as s from './identity.schema.js';

const tags = ['account'];

/**
 * Self-service account security: second factors and sessions. No permission is needed (every
 * signed-in person manages their own), so these also work in a session that may only enrol a
 * second factor.
 */
export function accountRoutes(app: App, deps: ModuleDeps): void {
  const { run, config, sealer } = deps;
  const mailer = mailerFor(deps);
  /** Sent after the commit; a mail server that is down must not undo the enrolment. */
  const sendNotice = (mail: MailMessage, log: FastifyBaseLogger) =>
    void mailer.send(mail).catch((err: unknown) => log.error({ err }, 'notice mail not sent'));
  const settings = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };

  app.post(
    '/api/account/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start enrolling an authenticator app: a new secret, pending until confirmed',
        response: { 200: s.TotpSetup },
      },
    },
    (req) => run(req, {}, (ctx) => identity.totpSetup(ctx, sealer)),
  );

  app.post(
    '/api/account/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a first code; returns recovery codes once',
        body: s.TotpConfirmBody,
        response: { 200: s.RecoveryCodes },
      },
    },
    async (req) => {
      const { codes, notice } = await run(req, {}, async (ctx) => ({
        codes: await identity.totpConfirm(ctx, sealer, req.body.code),
        notice: await factorAddedNotice(ctx, 'totp'),
      }));
      if (notice) sendNotice(notice, req.log);
      return codes;
    },
  );

  app.delete(
    '/api/account/totp',
    {
      schema: {
        tags,
        summary: 'Remove the authenticator app (needs the current password)',
        body: s.CurrentPassword,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, {}, (ctx) => identity.totpRemove(ctx, req.body.password));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/account/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace the recovery codes with ten new ones (needs the current password)',
        body: s.CurrentPassword,
        response: { 200: s.RecoveryCodes },
      },
    },
    (req) => run(req, {}, (ctx) => identity.regenerateRecoveryCodes(ctx, req.body.password)),
  );

  app.post(
    '/api/account/passkeys/options',
    {
      schema: {
        tags,
        summary: 'Start registering a passkey: creation options for the browser',
        response: { 200: s.WebauthnOptions },
      },
    },
    (req) =>
      run(req, {}, (ctx) => identity.passkeyRegistrationOptions(ctx, relyingParty(req, config))),
  );

  app.post(
    '/api/account/passkeys',
    {
      schema: {
        tags,
        summary: 'Register a passkey (the answer to /api/account/passkeys/options)',
        body: s.PasskeyCreate,
        response: { 201: s.Passkey },
      },
    },
    async (req, reply) => {
      const { passkey, notice } = await run(req, {}, async (ctx) => ({
        passkey: await identity.registerPasskey(ctx, relyingParty(req, config), {
          flow: req.body.flow,
          name: req.body.name,
          response: req.body.response as RegistrationResponseJSON,
        }),
        notice: await factorAddedNotice(ctx, 'passkey'),
      }));
      if (notice) sendNotice(notice, req.log);
      return reply.status(201).send(passkey);
    },
  );

  app.get(
    '/api/account/passkeys',
    { schema: { tags, summary: 'Your passkeys', response: { 200: s.PasskeyList } } },
    (req) => run(req, {}, (ctx) => identity.listOwnPasskeys(ctx)),
  );

  app.delete(
    '/api/account/passkeys/:id',
    {
      schema: { tags, summary: 'Remove a passkey', params: IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, {}, (ctx) => identity.removePasskey(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/account/sessions',
    {
      schema: {
        tags,
        summary: 'Your live sessions (browsers you are signed in on)',
        response: { 200: s.SessionList },
      },
    },
    (req) => run(req, {}, (ctx) => identity.listOwnSessions(ctx, settings)),
  );

  app.delete(
    '/api/account/sessions/:id',
    {
      schema: { tags, summary: 'End one of your sessions', params: IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, {}, (ctx) => identity.revokeOwnSession(ctx, req.params.id));
      return reply.status(204).send();
    },
  );
}
