import { randomBytes } from 'node:crypto';
import {
  authorize,
  permissionDefinitions,
  ROLES,
  scopeCovers,
} from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Principal } from '../../platform/context.js';
import { pgCode, type Tx } from '../../platform/db/database.js';
import { AppError, Refusal } from '../../platform/http/errors.js';
import * as org from '../org/org.service.js';
import { mfaPolicyOf } from '../tenancy/tenancy.service.js';
import * as repo from './db/identity.repository.js';
import type { ApiTokenRow, UserRow } from './db/schema.js';
import { checkPassword, dummyHash, hashPassword, verifyPassword } from './password.js';
import {
  failAttempt,
  finishSignIn,
  findUserForLogin,
  grantsOf,
  hasSecondFactor,
  mfaFactors,
  presentMe,
  presentUser,
  requirePrincipal,
  requireSession,
  sha256,
  startMfaFlow,
  throttled,
  type SessionSettings,
  type SignInResult,
} from './sign-in.js';
import {
  accountRetryAfter,
  cleanAddress,
  ipRetryAfter,
  recordAccountFailure,
  recordUnknownLoginFailure,
  unknownLoginRetryAfter,
} from './throttle.js';

export type { UserRow, ApiTokenRow, SessionSettings, SignInResult };
export { checkPassword, presentUser, sha256 };
export type { Me, MfaMethod, SignInMethod } from './sign-in.js';
export { lockDelaySeconds, ipDelaySeconds } from './throttle.js';
export {
  completeWithCode,
  regenerateRecoveryCodes,
  totpConfirm,
  totpRemove,
  totpSetup,
} from './mfa.js';
export {
  listOwnPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
  webauthnLoginOptions,
  webauthnLoginVerify,
  type RelyingParty,
} from './webauthn.js';
export { confirmPasswordReset, requestPasswordReset } from './password-reset.js';

// ------------------------------------------------------------------ users
export interface UserInput {
  username: string;
  displayName: string;
  email?: string | null;
  kind: UserRow['kind'];
  employeeId?: string | null;
  password?: string;
}

export async function createUser(ctx: Ctx, input: UserInput) {
  authorize(ctx, 'identity:user:write', null);
  return createUserUnchecked(ctx, input);
}

/** Used by `simpul setup` and the demo seed, which run as the operator (no principal). */
export async function createUserUnchecked(ctx: Ctx, input: UserInput) {
  if (input.password !== undefined) checkPassword(ctx, input.password, input.username);
  if (input.employeeId && !(await org.findEmployee(ctx, input.employeeId))) {
    throw new AppError('identity.employee_not_found');
  }
  let row: UserRow;
  try {
    row = await repo.insertUser(ctx.tx, {
      tenantId: ctx.tenantId,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      kind: input.kind,
      employeeId: input.employeeId ?? null,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      passwordChangedAt: input.password ? new Date() : null,
    });
  } catch (e) {
    if (pgCode(e) === '23505') throw new AppError('identity.username_taken');
    throw e;
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.created',
    targetType: 'user',
    targetId: row.id,
    after: presentUser(row),
  });
  return presentUser(row);
}

export async function listUsers(ctx: Ctx, q: { limit: number; offset: number }) {
  authorize(ctx, 'identity:user:read');
  const rows = await repo.listUsers(ctx.tx, q.limit, q.offset);
  return Promise.all(rows.map(async (u) => presentUser(u, await grantsOf(ctx.tx, u.id))));
}

export async function getUser(ctx: Ctx, id: string) {
  if (ctx.principal?.userId !== id) authorize(ctx, 'identity:user:read');
  const u = await repo.findUser(ctx.tx, id);
  if (!u) throw new AppError('identity.user_not_found');
  return presentUser(u, await grantsOf(ctx.tx, id));
}

export async function findUserByLogin(ctx: Ctx, login: string): Promise<UserRow | null> {
  return (await repo.findUserByLogin(ctx.tx, login)) ?? null;
}

/**
 * Changing another account's password or status can take that account over: when the target
 * holds a role the actor does not hold tenant-wide (an operator resetting an admin), it takes
 * the right to assign roles.
 */
async function authorizeAccountChange(ctx: Ctx, targetId: string) {
  authorize(ctx, 'identity:user:write', null);
  const held = new Set(
    (ctx.principal?.roles ?? []).filter((g) => g.agencyId === null).map((g) => g.role),
  );
  const target = await grantsOf(ctx.tx, targetId);
  if (target.some((g) => !held.has(g.role))) authorize(ctx, 'identity:role:assign', null);
}

export async function setUserStatus(ctx: Ctx, id: string, status: UserRow['status']) {
  await authorizeAccountChange(ctx, id);
  const before = await repo.findUser(ctx.tx, id);
  if (!before) throw new AppError('identity.user_not_found');
  const row = await repo.updateUser(ctx.tx, id, { status });
  if (status === 'disabled') await repo.revokeUserSessions(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: `identity.user.${status === 'active' ? 'enabled' : 'disabled'}`,
    targetType: 'user',
    targetId: id,
    before: presentUser(before),
    after: presentUser(row!),
  });
  return presentUser(row!);
}

/** Sets a new password (admin reset or CLI); ends the user's sessions. */
export async function resetPassword(
  ctx: Ctx,
  id: string,
  password: string,
  opts: { checked?: boolean } = {},
) {
  if (opts.checked !== false) await authorizeAccountChange(ctx, id);
  const user = await repo.findUser(ctx.tx, id);
  if (!user) throw new AppError('identity.user_not_found');
  checkPassword(ctx, password, user.username);
  await repo.updateUser(ctx.tx, id, {
    passwordHash: await hashPassword(password),
    passwordChangedAt: new Date(),
    failedLogins: 0,
    lockedUntil: null,
  });
  await repo.revokeUserSessions(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.password_reset',
    targetType: 'user',
    targetId: id,
  });
}

/**
 * Changes the signed-in user's own password (a browser session only, never an API token). A
 * wrong current password counts as a failed sign-in (growing delays, audited): it is returned
 * as a Refusal, so that the count and its audit event commit.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  current: string,
  next: string,
): Promise<Refusal | null> {
  const p = requireSession(ctx);
  const user = await repo.lockUserForSignIn(ctx.tx, p.userId);
  if (!user?.passwordHash) throw new AppError('identity.invalid_credentials');
  const wait = accountRetryAfter(user);
  if (wait > 0) return new Refusal(new AppError('identity.login_throttled', { retryAfter: wait }));
  if (!(await verifyPassword(user.passwordHash, current))) {
    await recordAccountFailure(ctx, user);
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.user.password_change_failed',
      targetType: 'user',
      targetId: user.id,
      data: { reason: 'wrong_current_password' },
    });
    return new Refusal(new AppError('identity.invalid_credentials'));
  }
  checkPassword(ctx, next, user.username);
  await repo.updateUser(ctx.tx, user.id, {
    passwordHash: await hashPassword(next),
    passwordChangedAt: new Date(),
    failedLogins: 0,
    lockedUntil: null,
  });
  // Whoever else knew the old password loses their sessions; this one stays signed in.
  await repo.revokeUserSessions(ctx.tx, user.id, p.sessionId);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.password_changed',
    targetType: 'user',
    targetId: user.id,
  });
  return null;
}

// ------------------------------------------------------------------ roles
/** The roles that may be limited to one agency; every other role is tenant-wide by nature. */
const AGENCY_ROLES: readonly string[] = ['agency_admin', 'agency_operator'];

export async function assignRole(
  ctx: Ctx,
  userId: string,
  role: string,
  agencyId: string | null,
  opts: { checked?: boolean } = {},
) {
  if (opts.checked !== false) authorize(ctx, 'identity:role:assign', null);
  if (!(ROLES as readonly string[]).includes(role))
    throw new AppError('identity.role_unknown', { role });
  if (agencyId && !AGENCY_ROLES.includes(role)) {
    throw new AppError('identity.role_scope_invalid', { role });
  }
  if (!(await repo.findUser(ctx.tx, userId))) throw new AppError('identity.user_not_found');
  if (agencyId && !(await org.findAgency(ctx, agencyId)))
    throw new AppError('org.agency_not_found');
  const row = await repo.insertRole(ctx.tx, {
    tenantId: ctx.tenantId,
    userId,
    role,
    agencyId,
    grantedBy: ctx.actorId,
  });
  if (row) {
    // A role the tenant guards with a second factor is not handed to sessions that never
    // proved one: they end, and the next sign-in asks for (or enrols) the second factor.
    const guarded = (await mfaPolicyOf(ctx)).requiredRoles.includes(role);
    const ended = guarded ? await repo.revokeSessionsWithoutMfa(ctx.tx, userId) : 0;
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.role.granted',
      targetType: 'user',
      targetId: userId,
      data: { role, agencyId, ...(ended ? { sessionsEndedForMfa: ended } : {}) },
    });
  }
  return grantsOf(ctx.tx, userId);
}

export async function revokeRole(ctx: Ctx, userId: string, assignmentId: string) {
  authorize(ctx, 'identity:role:assign', null);
  const row = await repo.deleteRole(ctx.tx, userId, assignmentId);
  if (!row) throw new AppError('identity.role_not_found');
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.role.revoked',
    targetType: 'user',
    targetId: userId,
    data: { role: row.role, agencyId: row.agencyId },
  });
  return grantsOf(ctx.tx, userId);
}

// ------------------------------------------------------------------ sign-in
/** @deprecated name kept for callers: the result of any sign-in step. */
export type LoginResult = SignInResult;

/**
 * The first step of signing in: a username, NIP or e-mail with a password. Ends in a session,
 * or, when the account has a second factor, in a 5-minute step that needs it. Failures are
 * counted (per account and per client address) and audited, so the caller must commit even
 * when sign-in fails: this returns the error instead of throwing it.
 */
export async function login(
  ctx: Ctx,
  input: { login: string; password: string; previousSession?: string | null },
  settings: SessionSettings,
): Promise<SignInResult> {
  const method = 'password';
  const ipWait = await ipRetryAfter(ctx);
  if (ipWait > 0) {
    return failAttempt(ctx, { method, reason: 'ip_throttled', error: throttled(ipWait) });
  }
  let user = await findUserForLogin(ctx, input.login);
  if (!user || !user.passwordHash || user.status !== 'active') {
    const unknownWait = await unknownLoginRetryAfter(ctx, input.login);
    if (unknownWait > 0) {
      return failAttempt(ctx, {
        method,
        reason: 'throttled',
        userId: user?.id,
        error: throttled(unknownWait),
      });
    }
    await verifyPassword(await dummyHash(), input.password);
    await recordUnknownLoginFailure(ctx, input.login);
    return failAttempt(ctx, {
      method,
      reason: user ? 'inactive_or_no_password' : 'unknown_user',
      userId: user?.id,
      countIp: true,
    });
  }
  // Attempts on one account take turns (row lock until commit), so parallel guesses cannot all
  // read the same failure count: each one counts, and each one sees the delay it caused.
  user = (await repo.lockUserForSignIn(ctx.tx, user.id)) ?? user;
  const wait = accountRetryAfter(user);
  if (wait > 0 && !(await cleanAddress(ctx))) {
    return failAttempt(ctx, {
      method,
      reason: 'throttled',
      userId: user.id,
      error: throttled(wait),
    });
  }
  if (!(await verifyPassword(user.passwordHash ?? '', input.password))) {
    await recordAccountFailure(ctx, user);
    return failAttempt(ctx, {
      method,
      reason: 'wrong_password',
      userId: user.id,
      countIp: true,
      ...(wait > 0 ? { error: throttled(accountRetryAfter(user) || wait) } : {}),
    });
  }
  // The failure count is only cleared once every factor has passed.
  const factors = await mfaFactors(ctx.tx, user.id);
  if (hasSecondFactor(factors)) return startMfaFlow(ctx, user, factors);
  return finishSignIn(
    ctx,
    user,
    { method, amr: ['pwd'], previousSession: input.previousSession },
    settings,
  );
}

export async function logout(ctx: Ctx, cookieValue: string | null) {
  if (!cookieValue) return;
  await repo.revokeSession(ctx.tx, sha256(cookieValue));
  if (ctx.principal) {
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.logout',
      targetType: 'user',
      targetId: ctx.principal.userId,
    });
  }
}

/** The signed-in user with second factors, how they signed in and what they may do. */
export async function me(ctx: Ctx) {
  const p = requirePrincipal(ctx);
  const user = await repo.findUser(ctx.tx, p.userId);
  if (!user) throw new AppError('identity.user_not_found');
  return presentMe(ctx, user, p);
}

// ------------------------------------------------------------------ sessions

/** Your own live sessions (every browser you are signed in on). */
export async function listOwnSessions(ctx: Ctx, settings: SessionSettings) {
  const p = requireSession(ctx);
  const rows = await repo.listLiveSessions(ctx.tx, p.userId, settings.idleMinutes);
  return {
    items: rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent,
      amr: s.amr,
      current: s.id === p.sessionId,
    })),
  };
}

/** Ends one of your sessions (signing out another browser). */
export async function revokeOwnSession(ctx: Ctx, id: string) {
  const p = requireSession(ctx);
  if (!(await repo.revokeSessionOf(ctx.tx, p.userId, id))) {
    throw new AppError('identity.session_not_found');
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.session.revoked',
    targetType: 'user',
    targetId: p.userId,
    data: { sessionId: id },
  });
}

/**
 * Takes away every way an account is signed in: its sessions and API tokens (a lost laptop, a
 * person leaving). The OpenID provider adds its grants through the same function.
 */
export async function revokeAccess(ctx: Ctx, userId: string) {
  await authorizeAccountChange(ctx, userId);
  if (!(await repo.findUser(ctx.tx, userId))) throw new AppError('identity.user_not_found');
  const sessions = await repo.revokeUserSessions(ctx.tx, userId);
  const tokens = await repo.revokeUserTokens(ctx.tx, userId);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.access_revoked',
    targetType: 'user',
    targetId: userId,
    data: { sessions, tokens },
  });
  return { sessions, tokens };
}

// ------------------------------------------------------------------ authentication
const TOUCH_AFTER_MS = 60_000;

/**
 * The statement that looks up a session cookie or bearer API token, or null when the request
 * carries neither (or a bearer that is not a Simpul token). The runner sends it with BEGIN.
 */
export function authLookup(
  creds: { sessionId: string | null; bearer: string | null },
  settings: SessionSettings,
): string | null {
  if (creds.bearer) {
    return creds.bearer.startsWith(TOKEN_PREFIX) ? repo.tokenAuthSql(sha256(creds.bearer)) : null;
  }
  if (creds.sessionId) return repo.sessionAuthSql(sha256(creds.sessionId), settings.idleMinutes);
  return null;
}

/** Turns the lookup's row into a principal, recording last use at most once a minute. */
export async function principalFrom(
  tx: Tx,
  row: repo.AuthRow | undefined,
): Promise<Principal | null> {
  if (!row) return null;
  const stale = Date.now() - new Date(row.lastSeen).getTime() > TOUCH_AFTER_MS;
  if (row.via === 'token') {
    if (stale) await repo.touchToken(tx, row.id);
  } else if (stale) {
    await repo.touchSession(tx, row.id);
  }
  return {
    userId: row.userId,
    username: row.username,
    via: row.via,
    roles: row.roles,
    tokenScopes: row.via === 'token' ? (row.scopes ?? []) : null,
    sessionId: row.via === 'session' ? row.id : null,
    tokenId: row.via === 'token' ? row.id : null,
    employeeId: row.employeeId,
    amr: row.amr ?? [],
    mfaEnrolmentRequired: row.mfaEnrolmentRequired ?? false,
  };
}

// ------------------------------------------------------------------ API tokens
export const TOKEN_PREFIX = 'spl_';

export function presentToken(t: ApiTokenRow) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    prefix: t.prefix,
    scopes: t.scopes,
    userId: t.userId,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    createdAt: t.createdAt,
  };
}

function checkScopes(scopes: string[]) {
  const known = [...permissionDefinitions().keys()];
  for (const s of scopes) {
    const pattern = new RegExp(
      '^' +
        s
          .split(':')
          .map((p) => (p === '*' ? '[^:]+' : p.replace(/[^a-z_]/g, '\\$&')))
          .join(':') +
        '$',
    );
    if (s !== '*' && !known.some((k) => pattern.test(k)))
      throw new AppError('identity.token_scope_invalid', { scope: s });
  }
}

/**
 * Issues an API token. The secret is returned once and only its SHA-256 is stored.
 * Personal tokens act as their owner; service tokens belong to a service account.
 */
export async function createToken(
  ctx: Ctx,
  input: { name: string; scopes: string[]; expiresInDays: number; userId?: string },
  opts: { checked?: boolean } = {},
) {
  const forOther = input.userId && input.userId !== ctx.principal?.userId;
  if (opts.checked !== false) {
    authorize(
      ctx,
      forOther ? 'identity:token:service' : 'identity:token:own',
      forOther ? null : undefined,
    );
    // A token may only hand on the scopes it holds itself.
    const held = ctx.principal?.tokenScopes;
    const beyond = held
      ? input.scopes.find((w) => !held.some((h) => scopeCovers(h, w)))
      : undefined;
    if (beyond) throw new AppError('identity.token_scope_exceeds', { scope: beyond });
  }
  const userId = input.userId ?? requirePrincipal(ctx).userId;
  const owner = await repo.findUser(ctx.tx, userId);
  if (!owner) throw new AppError('identity.user_not_found');
  checkScopes(input.scopes);
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await repo.insertToken(ctx.tx, {
    tenantId: ctx.tenantId,
    userId,
    name: input.name,
    kind: owner.kind === 'service' ? 'service' : 'personal',
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 12),
    scopes: input.scopes,
    expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    createdBy: ctx.actorId,
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.token.created',
    targetType: 'api_token',
    targetId: row.id,
    data: { userId, scopes: input.scopes, name: input.name },
  });
  return { ...presentToken(row), token: secret };
}

export async function listTokens(ctx: Ctx, all = false) {
  if (all) authorize(ctx, 'identity:token:service', null);
  else authorize(ctx, 'identity:token:own');
  return (await repo.listTokens(ctx.tx, all ? undefined : requirePrincipal(ctx).userId)).map(
    presentToken,
  );
}

export async function revokeToken(ctx: Ctx, id: string) {
  const row = await repo.findToken(ctx.tx, id);
  if (!row) throw new AppError('identity.token_not_found');
  if (row.userId === ctx.principal?.userId) authorize(ctx, 'identity:token:own');
  else authorize(ctx, 'identity:token:service', null);
  await repo.revokeToken(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.token.revoked',
    targetType: 'api_token',
    targetId: id,
  });
}
