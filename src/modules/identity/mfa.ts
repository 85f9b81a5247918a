import { randomInt } from 'node:crypto';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import { AppError, Refusal } from '../../platform/http/errors.js';
import * as repo from './db/identity.repository.js';
import { verifyPassword } from './password.js';
import {
  failAttempt,
  finishSignIn,
  flowFailed,
  flowUsable,
  hasSecondFactor,
  mfaFactors,
  requireRecentSignIn,
  requireSession,
  sha256,
  throttled,
  withAmr,
  type SessionSettings,
  type SignInResult,
} from './sign-in.js';
import { accountRetryAfter, ipRetryAfter, recordAccountFailure } from './throttle.js';
import { base32Decode, base32Encode, generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';

const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: codes are read off paper. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpContext = (userId: string) => `totp:${userId}`;

/** Recovery codes are typed in any case, with or without the dash and spaces. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let raw = '';
    for (let i = 0; i < 10; i++) raw += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

async function issueRecoveryCodes(ctx: Ctx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await repo.replaceRecoveryCodes(
    ctx.tx,
    ctx.tenantId,
    userId,
    codes.map((c) => sha256(normalizeRecoveryCode(c))),
  );
  return codes;
}

/**
 * The current password, asked before a second factor is removed or its recovery codes replaced.
 * A wrong one counts as a failed sign-in (growing delays, audited): the caller returns the
 * Refusal so that the count and its audit event commit.
 */
async function checkCurrentPassword(
  ctx: Ctx,
  userId: string,
  password: string,
): Promise<Refusal | null> {
  const user = await repo.lockUserForSignIn(ctx.tx, userId);
  if (!user?.passwordHash) return new Refusal(new AppError('identity.current_password_wrong'));
  const wait = accountRetryAfter(user);
  if (wait > 0) return new Refusal(throttled(wait));
  if (await verifyPassword(user.passwordHash, password)) return null;
  await recordAccountFailure(ctx, user);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.password_check_failed',
    targetType: 'user',
    targetId: userId,
  });
  return new Refusal(new AppError('identity.current_password_wrong'));
}

/** The session has just proved a second factor: it loses any enrolment-only limit. */
export async function upgradeCurrentSession(ctx: Ctx, ...amr: string[]) {
  const p = requireSession(ctx);
  await repo.upgradeSession(ctx.tx, p.sessionId, withAmr(p.amr, ...amr, 'mfa'));
}

// ------------------------------------------------------------------ enrolment

/** Starts (or restarts) TOTP enrolment: a new secret, unconfirmed until a first code. */
export async function totpSetup(ctx: Ctx, sealer: Sealer) {
  const p = await requireRecentSignIn(ctx);
  const existing = await repo.findTotp(ctx.tx, p.userId);
  if (existing?.confirmedAt) throw new AppError('identity.totp_already_enrolled');
  const secret = base32Encode(generateTotpSecret());
  await repo.savePendingTotp(ctx.tx, {
    tenantId: ctx.tenantId,
    userId: p.userId,
    secretSealed: sealer.seal(secret, totpContext(p.userId)),
  });
  const issuer = `Simpul ${ctx.tenant.name}`.replace(/:/g, ' ');
  return { secret, otpauthUri: otpauthUri({ issuer, account: p.username, secret }) };
}

/** Confirms enrolment with a first code; returns ten recovery codes, shown once. */
export async function totpConfirm(ctx: Ctx, sealer: Sealer, code: string) {
  const p = requireSession(ctx);
  const factor = await repo.findTotp(ctx.tx, p.userId);
  if (!factor || factor.confirmedAt) throw new AppError('identity.totp_not_enrolled');
  const key = base32Decode(sealer.open(factor.secretSealed, totpContext(p.userId)));
  const step = verifyTotp(key, code, { nowMs: Date.now(), lastStep: factor.lastStep });
  if (step === null || !(await repo.useTotpStep(ctx.tx, factor.id, step, true))) {
    throw new AppError('identity.mfa_invalid_code');
  }
  const recoveryCodes = await issueRecoveryCodes(ctx, p.userId);
  await upgradeCurrentSession(ctx, 'otp');
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.mfa.totp_enrolled',
    targetType: 'user',
    targetId: p.userId,
  });
  return { recoveryCodes };
}

export async function totpRemove(ctx: Ctx, password: string) {
  const p = requireSession(ctx);
  const refused = await checkCurrentPassword(ctx, p.userId, password);
  if (refused) return refused;
  if (!(await repo.deleteTotp(ctx.tx, p.userId))) throw new AppError('identity.totp_not_enrolled');
  if (!hasSecondFactor(await mfaFactors(ctx.tx, p.userId))) {
    await repo.replaceRecoveryCodes(ctx.tx, ctx.tenantId, p.userId, []);
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.mfa.totp_removed',
    targetType: 'user',
    targetId: p.userId,
  });
}

/** New recovery codes replace all earlier ones. */
export async function regenerateRecoveryCodes(ctx: Ctx, password: string) {
  const p = requireSession(ctx);
  const refused = await checkCurrentPassword(ctx, p.userId, password);
  if (refused) return refused;
  if (!hasSecondFactor(await mfaFactors(ctx.tx, p.userId))) {
    throw new AppError('identity.mfa_not_enrolled');
  }
  const recoveryCodes = await issueRecoveryCodes(ctx, p.userId);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.mfa.recovery_codes_issued',
    targetType: 'user',
    targetId: p.userId,
  });
  return { recoveryCodes };
}

// ------------------------------------------------------------------ the second step of sign-in

/**
 * Completes a password sign-in with a TOTP code or a recovery code. Like login(), failures are
 * returned (not thrown) so their counts and audit events commit.
 */
export async function completeWithCode(
  ctx: Ctx,
  sealer: Sealer,
  input: {
    flow: string;
    code: string;
    method: 'totp' | 'recovery';
    previousSession?: string | null;
  },
  settings: SessionSettings,
): Promise<SignInResult> {
  const { method } = input;
  const ipWait = await ipRetryAfter(ctx);
  if (ipWait > 0)
    return failAttempt(ctx, { method, reason: 'ip_throttled', error: throttled(ipWait) });
  const flow = await repo.lockFlow(ctx.tx, sha256(input.flow), ['mfa']);
  if (!flowUsable(flow) || !flow.userId) {
    return failAttempt(ctx, {
      method,
      reason: 'flow_invalid',
      userId: flow?.userId,
      error: new AppError('identity.mfa_flow_expired'),
      countIp: true,
    });
  }
  const user = await repo.lockUserForSignIn(ctx.tx, flow.userId);
  if (!user || user.status !== 'active') {
    await repo.updateFlow(ctx.tx, flow.id, { consumedAt: new Date() });
    return failAttempt(ctx, {
      method,
      reason: 'inactive',
      userId: flow.userId,
      error: new AppError('identity.mfa_flow_expired'),
    });
  }
  const wait = accountRetryAfter(user);
  if (wait > 0) {
    return failAttempt(ctx, {
      method,
      reason: 'throttled',
      userId: user.id,
      error: throttled(wait),
    });
  }

  let ok = false;
  if (method === 'totp') {
    const factor = await repo.findTotp(ctx.tx, user.id);
    if (factor?.confirmedAt) {
      const key = base32Decode(sealer.open(factor.secretSealed, totpContext(user.id)));
      const step = verifyTotp(key, input.code, { nowMs: Date.now(), lastStep: factor.lastStep });
      ok = step !== null && (await repo.useTotpStep(ctx.tx, factor.id, step));
    }
  } else {
    const normalized = normalizeRecoveryCode(input.code);
    ok = normalized.length > 0 && (await repo.useRecoveryCode(ctx.tx, user.id, sha256(normalized)));
  }
  if (!ok) {
    await flowFailed(ctx, flow);
    await recordAccountFailure(ctx, user);
    return failAttempt(ctx, {
      method,
      reason: 'wrong_code',
      userId: user.id,
      error: new AppError('identity.mfa_invalid_code'),
      countIp: true,
    });
  }
  await repo.updateFlow(ctx.tx, flow.id, { consumedAt: new Date() });
  if (method === 'recovery') {
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.mfa.recovery_code_used',
      targetType: 'user',
      targetId: user.id,
    });
  }
  return finishSignIn(
    ctx,
    user,
    { method, amr: ['pwd', 'otp', 'mfa'], previousSession: input.previousSession },
    settings,
  );
}
