import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { Ctx } from '../../../platform/context.js';
import * as repo from '../db/identity.repository.js';
import { AppError } from '../../../platform/http/errors.js';
import { OIDC_CLAIMS } from './provider.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** A fresh sign-in is demanded (prompt=login, max_age): the session must be this young. */
const FRESH_LOGIN_MS = 2 * 60_000;

async function loadInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
): Promise<Interaction> {
  try {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) throw new Error('interaction cookie mismatch');
    return interaction;
  } catch {
    throw new AppError('identity.interaction_not_found');
  }
}

function needsFreshLogin(interaction: Interaction): boolean {
  const reasons = interaction.prompt.reasons;
  return reasons.includes('login_prompt') || reasons.includes('max_age');
}

/** Whether the Simpul session can answer this interaction's login prompt. */
async function usableSession(ctx: Ctx, interaction: Interaction): Promise<Date | null> {
  const p = ctx.principal;
  if (!p || p.via !== 'session' || !p.sessionId || p.mfaEnrolmentRequired) return null;
  const started = await repo.sessionStartedAt(ctx.tx, p.sessionId);
  if (!started) return null;
  if (needsFreshLogin(interaction) && Date.now() - started.getTime() > FRESH_LOGIN_MS) return null;
  return started;
}

/** What the sign-in page shows: who asks, for what, and whether the user must sign in first. */
export async function interactionDetails(
  ctx: Ctx,
  provider: Provider,
  raw: { req: IncomingMessage; res: ServerResponse },
  uid: string,
) {
  const interaction = await loadInteraction(provider, raw.req, raw.res, uid);
  const clientId = String(interaction.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  const requested = String(interaction.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  const details = interaction.prompt.details as { missingOIDCScope?: string[] };
  const scopes =
    interaction.prompt.name === 'consent' ? (details.missingOIDCScope ?? requested) : requested;
  const claims = scopes.flatMap((s) => [
    ...((OIDC_CLAIMS as Record<string, readonly string[]>)[s] ?? []),
  ]);
  const signedIn = (await usableSession(ctx, interaction)) !== null;
  return {
    uid,
    prompt: interaction.prompt.name as 'login' | 'consent',
    reasons: interaction.prompt.reasons,
    client: { clientId, name: client?.clientName ?? clientId },
    scopes,
    claims: [...new Set(claims)],
    signedIn,
    user: signedIn && ctx.principal ? { username: ctx.principal.username } : null,
  };
}

/** Answers the login prompt with the user's Simpul session. */
export async function completeLogin(
  ctx: Ctx,
  provider: Provider,
  raw: { req: IncomingMessage; res: ServerResponse },
  uid: string,
): Promise<string> {
  const interaction = await loadInteraction(provider, raw.req, raw.res, uid);
  const started = await usableSession(ctx, interaction);
  if (!started || !ctx.principal) throw new AppError('identity.interaction_reauth_required');
  const clientId = String(interaction.params.client_id ?? '');
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.oidc.sso_login',
    targetType: 'oidc_client',
    targetId: clientId,
    data: { clientId, amr: ctx.principal.amr },
  });
  return provider.interactionResult(
    raw.req,
    raw.res,
    {
      login: {
        accountId: ctx.principal.userId,
        amr: ctx.principal.amr.length ? ctx.principal.amr : ['pwd'],
        ts: Math.floor(started.getTime() / 1000),
        remember: true,
      },
    },
    { mergeWithLastSubmission: false },
  );
}

/** Records the user's consent (or refusal) for the scopes and claims the client asked for. */
export async function completeConsent(
  ctx: Ctx,
  provider: Provider,
  raw: { req: IncomingMessage; res: ServerResponse },
  uid: string,
  approve: boolean,
): Promise<string> {
  const interaction = await loadInteraction(provider, raw.req, raw.res, uid);
  const p = ctx.principal;
  const accountId = interaction.session?.accountId;
  if (!p || interaction.prompt.name !== 'consent' || accountId !== p.userId) {
    throw new AppError('identity.interaction_not_found');
  }
  const clientId = String(interaction.params.client_id ?? '');
  if (!approve) {
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.oidc.consent_denied',
      targetType: 'oidc_client',
      targetId: clientId,
    });
    return provider.interactionResult(
      raw.req,
      raw.res,
      { error: 'access_denied', error_description: 'The user refused the request' },
      { mergeWithLastSubmission: false },
    );
  }
  const grant = interaction.grantId
    ? ((await provider.Grant.find(interaction.grantId)) ??
      new provider.Grant({ accountId, clientId }))
    : new provider.Grant({ accountId, clientId });
  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.oidc.consent_granted',
    targetType: 'oidc_client',
    targetId: clientId,
    data: { clientId, scopes: details.missingOIDCScope ?? [], grantId },
  });
  return provider.interactionResult(
    raw.req,
    raw.res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}
