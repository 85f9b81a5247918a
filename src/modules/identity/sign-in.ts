import { createHash, randomBytes, randomInt } from 'node:crypto';
import { can, permissionDefinitions } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Principal, RoleGrant } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import * as org from '../org/org.service.js';
import { mfaPolicyOf } from '../tenancy/tenancy.service.js';
import * as repo from './db/identity.repository.js';
import type { AuthFlowRow, UserRow } from './db/schema.js';
import { recordIpFailure } from './throttle.js';

// The pieces every way of signing in shares: flows, sessions, the audit of each attempt and
// the view of the signed-in user.

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A random handle for a cookie, flow or link; only its SHA-256 is stored. */
export function newHandle(): string {
  return randomBytes(32).toString('base64url');
}

/** Public view of a user: never the hash or counters. */
export function presentUser(u: UserRow, roles: RoleGrant[] = []) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.displayName,
    kind: u.kind,
    employeeId: u.employeeId,
    status: u.status,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    roles,
  };
}

export async function grantsOf(tx: Tx, userId: string): Promise<Array<RoleGrant & { id: string }>> {
  return (await repo.rolesOf(tx, userId)).map((r) => ({
    id: r.id,
    role: r.role,
    agencyId: r.agencyId,
  }));
}

export function requirePrincipal(ctx: Ctx): Principal {
  if (!ctx.principal) throw new AppError('platform.unauthenticated');
  return ctx.principal;
}

/** Account security changes need a signed-in person, not an API token acting for them. */
export function requireSession(ctx: Ctx): Principal & { sessionId: string } {
  const p = requirePrincipal(ctx);
  if (p.via !== 'session' || !p.sessionId) throw new AppError('platform.forbidden');
  return p as Principal & { sessionId: string };
}

/** How recent a sign-in must be to change the ways of signing in (second factors). */
export const RECENT_SIGN_IN_MS = 15 * 60_000;

/**
 * A session whose sign-in is recent: adding or removing a second factor with a stolen or
 * forgotten-open session must not be possible, so older sessions must sign in again first.
 */
export async function requireRecentSignIn(ctx: Ctx): Promise<Principal & { sessionId: string }> {
  const p = requireSession(ctx);
  const started = await repo.sessionStartedAt(ctx.tx, p.sessionId);
  if (!started || Date.now() - started.getTime() > RECENT_SIGN_IN_MS) {
    throw new AppError('identity.reauth_required');
  }
  return p;
}

/** The account a username, NIP (18 digits) or e-mail address names. */
export async function findUserForLogin(ctx: Ctx, login: string): Promise<UserRow | undefined> {
  const ident = login.trim();
  let user: UserRow | undefined;
  if (/^\d{18}$/.test(ident.replace(/\s+/g, ''))) {
    const emp = await org.findEmployeeByNip(ctx, ident);
    user = emp ? await repo.findUserByEmployee(ctx.tx, emp.id) : undefined;
  }
  return user ?? (await repo.findUserByLogin(ctx.tx, ident));
}

// ------------------------------------------------------------------ second factors and policy

export type MfaMethod = 'totp' | 'webauthn' | 'recovery';

export interface MfaFactors {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export async function mfaFactors(tx: Tx, userId: string): Promise<MfaFactors> {
  const totp = await repo.findTotp(tx, userId);
  return {
    totp: Boolean(totp?.confirmedAt),
    passkeys: (await repo.listPasskeys(tx, userId)).length,
    recoveryCodesLeft: await repo.countRecoveryCodes(tx, userId),
  };
}

export function hasSecondFactor(f: MfaFactors): boolean {
  return f.totp || f.passkeys > 0;
}

/** Whether the tenant's MFA policy covers one of these roles. */
export async function policyRequiresMfa(ctx: Ctx, roles: readonly RoleGrant[]): Promise<boolean> {
  const { requiredRoles } = await mfaPolicyOf(ctx);
  return roles.some((g) => requiredRoles.includes(g.role));
}

/** Adds values to an amr list, keeping it ordered and without repeats. */
export function withAmr(amr: readonly string[], ...more: string[]): string[] {
  const order = ['pwd', 'otp', 'hwk', 'swk', 'user', 'mfa'];
  const all = [...new Set([...amr, ...more])];
  return all.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

/** Every permission the principal holds somewhere (tenant-wide or for one agency). */
export function heldPermissions(principal: Principal): string[] {
  return [...permissionDefinitions().keys()].filter((p) => can(principal, p)).sort();
}

/** The signed-in user as the console sees it: account, roles, second factors, permissions. */
export async function presentMe(
  ctx: Ctx,
  user: UserRow,
  session: Pick<Principal, 'amr' | 'mfaEnrolmentRequired' | 'tokenScopes'>,
) {
  const grants = await grantsOf(ctx.tx, user.id);
  const factors = await mfaFactors(ctx.tx, user.id);
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    via: session.tokenScopes ? 'token' : 'session',
    roles: grants,
    tokenScopes: session.tokenScopes,
    sessionId: null,
    tokenId: null,
    employeeId: user.employeeId,
    amr: session.amr,
    mfaEnrolmentRequired: session.mfaEnrolmentRequired,
  };
  return {
    ...presentUser(user, grants),
    mfa: {
      totp: factors.totp,
      passkeys: factors.passkeys,
      recoveryCodesLeft: factors.recoveryCodesLeft,
      required: await policyRequiresMfa(ctx, grants),
      enrolmentRequired: session.mfaEnrolmentRequired,
    },
    amr: session.amr,
    permissions: heldPermissions(principal),
  };
}
export type Me = Awaited<ReturnType<typeof presentMe>>;

// ------------------------------------------------------------------ attempts and results

export type SignInMethod = 'password' | 'totp' | 'recovery' | 'webauthn';

export type SignInResult =
  | { ok: true; status: 'signed_in'; cookieValue: string; expiresAt: Date; user: Me }
  | { ok: true; status: 'mfa_required'; flow: string; methods: MfaMethod[]; expiresAt: Date }
  | { ok: false; error: AppError };

export function throttled(retryAfter: number): AppError {
  return new AppError('identity.login_throttled', { retryAfter });
}

/**
 * A failed attempt: counted against the client address when asked, audited, and handed back
 * (not thrown) so the caller commits the count and the audit event.
 */
export async function failAttempt(
  ctx: Ctx,
  opts: {
    method: SignInMethod;
    reason: string;
    userId?: string | null;
    error?: AppError;
    countIp?: boolean;
  },
): Promise<SignInResult> {
  if (opts.countIp) await recordIpFailure(ctx);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.login.failed',
    targetType: 'user',
    targetId: opts.userId ?? undefined,
    data: { method: opts.method, reason: opts.reason },
  });
  return { ok: false, error: opts.error ?? new AppError('identity.invalid_credentials') };
}

export const MFA_FLOW_TTL_MS = 5 * 60_000;
export const MFA_FLOW_MAX_ATTEMPTS = 5;

/**
 * Now and then (about one new flow in fifty), clears out sign-in records that ended a day ago:
 * cheap housekeeping on the paths that create them, without a scheduled job per tenant.
 */
export async function sweepStaleSignIns(ctx: Ctx) {
  if (randomInt(50) === 0) await repo.deleteStaleSignInRecords(ctx.tx);
}

/** Whether a flow can still be used: not consumed, not expired, attempts left. */
export function flowUsable(flow: AuthFlowRow | undefined): flow is AuthFlowRow {
  return Boolean(
    flow &&
    !flow.consumedAt &&
    flow.expiresAt.getTime() > Date.now() &&
    flow.attempts < MFA_FLOW_MAX_ATTEMPTS,
  );
}

/** Counts a wrong answer on a flow; the fifth ends it. */
export async function flowFailed(ctx: Ctx, flow: AuthFlowRow) {
  const attempts = flow.attempts + 1;
  await repo.updateFlow(ctx.tx, flow.id, {
    attempts,
    ...(attempts >= MFA_FLOW_MAX_ATTEMPTS ? { consumedAt: new Date() } : {}),
  });
}

/** The password was right and the account has a second factor: hand out a 5-minute step. */
export async function startMfaFlow(
  ctx: Ctx,
  user: UserRow,
  factors: MfaFactors,
): Promise<SignInResult> {
  const flow = newHandle();
  const expiresAt = new Date(Date.now() + MFA_FLOW_TTL_MS);
  await sweepStaleSignIns(ctx);
  await repo.insertFlow(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(flow),
    kind: 'mfa',
    userId: user.id,
    expiresAt,
  });
  const methods: MfaMethod[] = [];
  if (factors.totp) methods.push('totp');
  if (factors.passkeys > 0) methods.push('webauthn');
  if (factors.recoveryCodesLeft > 0) methods.push('recovery');
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.login.second_factor_required',
    targetType: 'user',
    targetId: user.id,
    data: { method: 'password', methods },
  });
  return { ok: true, status: 'mfa_required', flow, methods, expiresAt };
}

/**
 * Every check passed: ends the previous session (a new id at every sign-in), opens a new one
 * and audits the success. Without a second factor, a user whose roles the tenant's MFA policy
 * covers gets a session that may only enrol one.
 */
export async function finishSignIn(
  ctx: Ctx,
  user: UserRow,
  opts: { method: SignInMethod; amr: string[]; previousSession?: string | null },
  settings: SessionSettings,
): Promise<SignInResult> {
  const grants = await grantsOf(ctx.tx, user.id);
  const mfaEnrolmentRequired = !opts.amr.includes('mfa') && (await policyRequiresMfa(ctx, grants));
  if (opts.previousSession) await repo.revokeSession(ctx.tx, sha256(opts.previousSession));
  const cookieValue = newHandle();
  const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000);
  await repo.insertSession(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(cookieValue),
    userId: user.id,
    expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    amr: opts.amr,
    mfaEnrolmentRequired,
  });
  const updated = await repo.updateUser(ctx.tx, user.id, {
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: new Date(),
  });
  await writeAudit(
    ctx.tx,
    { ...ctx, actorId: user.id, actorKind: 'user' },
    {
      action: 'identity.login.succeeded',
      targetType: 'user',
      targetId: user.id,
      data: { method: opts.method, amr: opts.amr, mfaEnrolmentRequired },
    },
  );
  return {
    ok: true,
    status: 'signed_in',
    cookieValue,
    expiresAt,
    user: await presentMe(ctx, updated!, {
      amr: opts.amr,
      mfaEnrolmentRequired,
      tokenScopes: null,
    }),
  };
}
