import { createHash, randomBytes } from 'node:crypto';
import {
  authorize,
  permissionDefinitions,
  ROLES,
  scopeCovers,
} from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Principal, RoleGrant } from '../../platform/context.js';
import { pgCode, type Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import * as org from '../org/org.service.js';
import * as repo from './db/identity.repository.js';
import type { ApiTokenRow, UserRow } from './db/schema.js';
import {
  dummyHash,
  hashPassword,
  PASSWORD_REASONS,
  passwordProblem,
  verifyPassword,
} from './password.js';

export type { UserRow, ApiTokenRow };

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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

/** Throws identity.password_too_weak with a localized reason when a new password is not acceptable. */
export function checkPassword(ctx: Pick<Ctx, 'locale'>, password: string, username?: string) {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw new AppError(
      'identity.password_too_weak',
      { reason: PASSWORD_REASONS[problem][ctx.locale] },
      { reason: problem },
    );
  }
}

async function grantsOf(tx: Tx, userId: string): Promise<Array<RoleGrant & { id: string }>> {
  return (await repo.rolesOf(tx, userId)).map((r) => ({
    id: r.id,
    role: r.role,
    agencyId: r.agencyId,
  }));
}

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

export async function changeOwnPassword(ctx: Ctx, current: string, next: string) {
  const p = requirePrincipal(ctx);
  const user = await repo.findUser(ctx.tx, p.userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('identity.invalid_credentials');
  }
  checkPassword(ctx, next, user.username);
  await repo.updateUser(ctx.tx, user.id, {
    passwordHash: await hashPassword(next),
    passwordChangedAt: new Date(),
  });
  // Whoever else knew the old password loses their sessions; this one stays signed in.
  await repo.revokeUserSessions(ctx.tx, user.id, p.sessionId);
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.user.password_changed',
    targetType: 'user',
    targetId: user.id,
  });
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
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.role.granted',
      targetType: 'user',
      targetId: userId,
      data: { role, agencyId },
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
const FREE_ATTEMPTS = 5;
const MAX_DELAY_S = 15 * 60;

/** Growing delay after repeated failures: 5 free, then 1 s, 2 s, 4 s ... capped at 15 minutes. */
export function lockDelaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_ATTEMPTS));
}

export type LoginResult =
  | { ok: true; cookieValue: string; expiresAt: Date; user: ReturnType<typeof presentUser> }
  | { ok: false; error: AppError };

/**
 * Checks a username, NIP or e-mail with a password. Failures are recorded and audited, so the
 * caller must commit even when sign-in fails: this returns the error instead of throwing it.
 */
export async function login(
  ctx: Ctx,
  input: { login: string; password: string; previousSession?: string | null },
  settings: SessionSettings,
): Promise<LoginResult> {
  const ident = input.login.trim();
  let user: UserRow | undefined;
  if (/^\d{18}$/.test(ident.replace(/\s+/g, ''))) {
    const emp = await org.findEmployeeByNip(ctx, ident);
    user = emp ? await repo.findUserByEmployee(ctx.tx, emp.id) : undefined;
  }
  user ??= await repo.findUserByLogin(ctx.tx, ident);

  const fail = async (
    reason: string,
    error = new AppError('identity.invalid_credentials'),
  ): Promise<LoginResult> => {
    await writeAudit(ctx.tx, ctx, {
      action: 'identity.login.failed',
      targetType: 'user',
      targetId: user?.id,
      data: { reason },
    });
    return { ok: false, error };
  };

  if (!user || !user.passwordHash || user.status !== 'active') {
    await verifyPassword(await dummyHash(), input.password);
    return fail(user ? 'inactive_or_no_password' : 'unknown_user');
  }
  // Attempts on one account take turns (row lock until commit), so parallel guesses cannot all
  // read the same failure count: each one counts, and each one sees the delay it caused.
  user = (await repo.lockUserForSignIn(ctx.tx, user.id)) ?? user;
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    const retryAfter = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
    return fail('throttled', new AppError('identity.login_throttled', { retryAfter }));
  }
  if (!(await verifyPassword(user.passwordHash ?? '', input.password))) {
    const failures = user.failedLogins + 1;
    const delay = lockDelaySeconds(failures);
    await repo.updateUser(ctx.tx, user.id, {
      failedLogins: failures,
      lockedUntil: delay > 0 ? new Date(Date.now() + delay * 1000) : null,
    });
    return fail('wrong_password');
  }

  if (input.previousSession) await repo.revokeSession(ctx.tx, sha256(input.previousSession));
  const cookieValue = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000);
  await repo.insertSession(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(cookieValue),
    userId: user.id,
    expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  const updated = await repo.updateUser(ctx.tx, user.id, {
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: new Date(),
  });
  await writeAudit(
    ctx.tx,
    { ...ctx, actorId: user.id, actorKind: 'user' },
    { action: 'identity.login.succeeded', targetType: 'user', targetId: user.id },
  );
  return {
    ok: true,
    cookieValue,
    expiresAt,
    user: presentUser(updated!, await grantsOf(ctx.tx, user.id)),
  };
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

function requirePrincipal(ctx: Ctx): Principal {
  if (!ctx.principal) throw new AppError('platform.unauthenticated');
  return ctx.principal;
}

export async function me(ctx: Ctx) {
  const p = requirePrincipal(ctx);
  return getUser(ctx, p.userId);
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
