import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import * as repo from './db/identity.repository.js';
import type { PasskeyRow } from './db/schema.js';
import { upgradeCurrentSession } from './mfa.js';
import {
  failAttempt,
  finishSignIn,
  flowFailed,
  flowUsable,
  hasSecondFactor,
  MFA_FLOW_TTL_MS,
  mfaFactors,
  newHandle,
  requireRecentSignIn,
  requireSession,
  sha256,
  sweepStaleSignIns,
  throttled,
  type SessionSettings,
  type SignInResult,
} from './sign-in.js';
import { accountRetryAfter, ipRetryAfter, recordAccountFailure } from './throttle.js';

/** Who the passkeys are bound to: the host name the browser shows, and its origin. */
export interface RelyingParty {
  /** RP ID: the request's host name. */
  id: string;
  /** The request's origin, `https://host[:port]`. */
  origin: string;
}

/** ES256, EdDSA, RS256: what platform and roaming authenticators offer. */
const ALGORITHMS = [-7, -8, -257];

export function presentPasskey(k: PasskeyRow) {
  return {
    id: k.id,
    name: k.name,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    backedUp: k.backedUp,
  };
}

/** The WebAuthn user handle: the user id's 16 bytes (no personal data). */
function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'));
}

function bytes(base64url: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(base64url, 'base64url'));
}

// ------------------------------------------------------------------ registration (account)

export async function passkeyRegistrationOptions(ctx: Ctx, rp: RelyingParty) {
  const p = await requireRecentSignIn(ctx);
  const user = await repo.findUser(ctx.tx, p.userId);
  if (!user) throw new AppError('identity.user_not_found');
  const existing = await repo.listPasskeys(ctx.tx, user.id);
  const options = await generateRegistrationOptions({
    rpName: ctx.tenant.name,
    rpID: rp.id,
    userName: user.username,
    userID: userHandle(user.id),
    userDisplayName: user.displayName,
    attestationType: 'none',
    excludeCredentials: existing.map((k) => ({
      id: k.credentialId,
      transports: k.transports,
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  const flow = newHandle();
  await repo.insertFlow(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(flow),
    kind: 'webauthn_register',
    userId: user.id,
    challenge: options.challenge,
    expiresAt: new Date(Date.now() + MFA_FLOW_TTL_MS),
  });
  return { flow, options };
}

export async function registerPasskey(
  ctx: Ctx,
  rp: RelyingParty,
  input: { flow: string; name: string; response: RegistrationResponseJSON },
) {
  const p = await requireRecentSignIn(ctx);
  const flow = await repo.lockFlow(ctx.tx, sha256(input.flow), ['webauthn_register']);
  if (!flowUsable(flow) || flow.userId !== p.userId || !flow.challenge) {
    throw new AppError('identity.mfa_flow_expired');
  }
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: flow.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    info = result.verified ? result.registrationInfo : null;
  } catch {
    info = null;
  }
  if (!info) throw new AppError('identity.passkey_failed');
  let row: PasskeyRow;
  try {
    row = await repo.insertPasskey(ctx.tx, {
      tenantId: ctx.tenantId,
      userId: p.userId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      name: input.name,
      backedUp: info.credentialBackedUp,
    });
  } catch (e) {
    // The same authenticator registered twice (excludeCredentials normally stops this).
    if (pgCode(e) === '23505') throw new AppError('identity.passkey_failed');
    throw e;
  }
  await repo.updateFlow(ctx.tx, flow.id, { consumedAt: new Date() });
  await upgradeCurrentSession(ctx, 'hwk', ...(info.userVerified ? ['user'] : []));
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.mfa.passkey_registered',
    targetType: 'user',
    targetId: p.userId,
    data: { passkeyId: row.id, name: row.name },
  });
  return presentPasskey(row);
}

export async function listOwnPasskeys(ctx: Ctx) {
  const p = requireSession(ctx);
  return { items: (await repo.listPasskeys(ctx.tx, p.userId)).map(presentPasskey) };
}

export async function removePasskey(ctx: Ctx, id: string) {
  const p = await requireRecentSignIn(ctx);
  const row = await repo.deletePasskey(ctx.tx, p.userId, id);
  if (!row) throw new AppError('identity.passkey_not_found');
  if (!hasSecondFactor(await mfaFactors(ctx.tx, p.userId))) {
    await repo.replaceRecoveryCodes(ctx.tx, ctx.tenantId, p.userId, []);
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.mfa.passkey_removed',
    targetType: 'user',
    targetId: p.userId,
    data: { passkeyId: row.id, name: row.name },
  });
}

// ------------------------------------------------------------------ authentication (sign-in)

/**
 * A WebAuthn challenge. With the flow of a password sign-in (mfa_required), the passkey is the
 * second factor and only that user's credentials are offered; without one, any discoverable
 * passkey of the tenant signs in on its own.
 */
export async function webauthnLoginOptions(ctx: Ctx, rp: RelyingParty, input: { flow?: string }) {
  if (input.flow) {
    const flow = await repo.lockFlow(ctx.tx, sha256(input.flow), ['mfa']);
    if (!flowUsable(flow) || !flow.userId) throw new AppError('identity.mfa_flow_expired');
    const keys = await repo.listPasskeys(ctx.tx, flow.userId);
    if (keys.length === 0) throw new AppError('identity.passkey_failed');
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: keys.map((k) => ({
        id: k.credentialId,
        transports: k.transports,
      })),
      userVerification: 'preferred',
    });
    await repo.updateFlow(ctx.tx, flow.id, { challenge: options.challenge });
    return { flow: input.flow, options };
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'preferred',
  });
  const flow = newHandle();
  await sweepStaleSignIns(ctx);
  await repo.insertFlow(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(flow),
    kind: 'webauthn_login',
    challenge: options.challenge,
    expiresAt: new Date(Date.now() + MFA_FLOW_TTL_MS),
  });
  return { flow, options };
}

/**
 * Checks a WebAuthn assertion. As a second factor the passkey must be the user's; on its own
 * (discoverable) it must also have verified the user (PIN, biometrics), which makes it
 * multi-factor by itself. The signature counter must grow (a cloned key shows up).
 */
export async function webauthnLoginVerify(
  ctx: Ctx,
  rp: RelyingParty,
  input: { flow: string; response: AuthenticationResponseJSON; previousSession?: string | null },
  settings: SessionSettings,
): Promise<SignInResult> {
  const method = 'webauthn';
  const ipWait = await ipRetryAfter(ctx);
  if (ipWait > 0)
    return failAttempt(ctx, { method, reason: 'ip_throttled', error: throttled(ipWait) });
  const flow = await repo.lockFlow(ctx.tx, sha256(input.flow), ['mfa', 'webauthn_login']);
  if (!flowUsable(flow) || !flow.challenge) {
    return failAttempt(ctx, {
      method,
      reason: 'flow_invalid',
      userId: flow?.userId,
      error: new AppError('identity.mfa_flow_expired'),
      countIp: true,
    });
  }
  const secondFactor = flow.kind === 'mfa';
  const failed = async (reason: string, userId: string | null) => {
    await flowFailed(ctx, flow);
    return failAttempt(ctx, {
      method,
      reason,
      userId,
      error: new AppError('identity.passkey_failed'),
      countIp: true,
    });
  };

  const key = await repo.lockPasskeyByCredential(ctx.tx, input.response.id);
  if (!key || (secondFactor && key.userId !== flow.userId)) {
    return failed('unknown_passkey', flow.userId);
  }
  const handle = input.response.response.userHandle;
  if (handle && handle !== Buffer.from(userHandle(key.userId)).toString('base64url')) {
    return failed('user_handle_mismatch', key.userId);
  }
  const user = await repo.lockUserForSignIn(ctx.tx, key.userId);
  if (!user || user.status !== 'active') return failed('inactive', key.userId);
  if (secondFactor) {
    const wait = accountRetryAfter(user);
    if (wait > 0) {
      return failAttempt(ctx, {
        method,
        reason: 'throttled',
        userId: user.id,
        error: throttled(wait),
      });
    }
  }

  let verified = false;
  let info: Awaited<ReturnType<typeof verifyAuthenticationResponse>>['authenticationInfo'] | null =
    null;
  let reason = 'signature_invalid';
  try {
    const result = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: flow.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: key.credentialId,
        publicKey: bytes(key.publicKey),
        counter: key.signCount,
        transports: key.transports,
      },
      requireUserVerification: !secondFactor,
    });
    verified = result.verified;
    info = result.authenticationInfo;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (/counter/i.test(message)) reason = 'counter_regressed';
    else if (/verif/i.test(message)) reason = 'user_not_verified';
  }
  if (!verified || !info) {
    if (secondFactor) await recordAccountFailure(ctx, user);
    return failed(reason, user.id);
  }
  await repo.recordPasskeyUse(ctx.tx, key.id, info.newCounter, info.credentialBackedUp);
  await repo.updateFlow(ctx.tx, flow.id, { consumedAt: new Date() });
  const amr = secondFactor
    ? ['pwd', 'hwk', ...(info.userVerified ? ['user'] : []), 'mfa']
    : ['hwk', 'user', 'mfa'];
  return finishSignIn(ctx, user, { method, amr, previousSession: input.previousSession }, settings);
}
