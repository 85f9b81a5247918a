import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { RoleGrant } from '../../../platform/context.js';
import {
  apiTokens,
  authFlows,
  ipThrottle,
  passkeys,
  recoveryCodes,
  roleAssignments,
  sessions,
  totpFactors,
  users,
  type ApiTokenRow,
  type AuthFlowRow,
  type PasskeyRow,
  type TotpFactorRow,
  type UserRow,
} from './schema.js';

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByLogin(db: Executor, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(
      sql`lower(${users.username}) = lower(${login}) OR lower(${users.email}) = lower(${login})`,
    )
    .limit(1);
  return row;
}

/** Re-reads a user under a row lock held until the transaction ends (sign-in attempts). */
export async function lockUserForSignIn(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function findUserByEmployee(
  db: Executor,
  employeeId: string,
): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.employeeId, employeeId));
  return row;
}

export async function listUsers(db: Executor, limit: number, offset: number): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username)).limit(limit).offset(offset);
}

export async function insertUser(
  db: Executor,
  values: typeof users.$inferInsert,
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  db: Executor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function rolesOf(db: Executor, userId: string) {
  return db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(roleAssignments.role));
}

export async function insertRole(db: Executor, values: typeof roleAssignments.$inferInsert) {
  const [row] = await db.insert(roleAssignments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteRole(db: Executor, userId: string, id: string) {
  const [row] = await db
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.id, id), eq(roleAssignments.userId, userId)))
    .returning();
  return row;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function revokeSession(db: Executor, tokenHash: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends a user's live sessions, except the one given (the caller's own); returns how many. */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  exceptSessionId?: string | null,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** A user's sessions that are still live (not ended, not past their absolute or idle limit). */
export async function listLiveSessions(db: Executor, userId: string, idleMinutes: number) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one of a user's sessions; undefined when it is not theirs or already ended. */
export async function revokeSessionOf(db: Executor, userId: string, id: string) {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return row;
}

/** After a second factor is enrolled: the session may do everything its roles allow. */
export async function upgradeSession(db: Executor, id: string, amr: string[]) {
  await db.update(sessions).set({ mfaEnrolmentRequired: false, amr }).where(eq(sessions.id, id));
}

/** Revokes every live API token of a user; returns how many. */
export async function revokeUserTokens(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export interface AuthRow extends Record<string, unknown> {
  via: 'session' | 'token';
  id: string;
  userId: string;
  username: string;
  employeeId: string | null;
  scopes: string[] | null;
  lastSeen: Date;
  roles: RoleGrant[];
  /** Sessions only: the session may do nothing but enrol a second factor. */
  mfaEnrolmentRequired?: boolean;
  /** Sessions only: how the user signed in (RFC 8176). */
  amr?: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;

function hashLiteral(tokenHash: string): string {
  if (!HEX64.test(tokenHash)) throw new Error('credential hashes are 64 hex digits');
  return `'${tokenHash}'`;
}

/**
 * The live session with its user's roles; sets app.user_id for the transaction. A literal-only
 * call (the hash is validated hex) of a PL/pgSQL function (migration 0003, cached plans), so it
 * can travel in the same round trip as BEGIN.
 */
export function sessionAuthSql(tokenHash: string, idleMinutes: number): string {
  if (!Number.isInteger(idleMinutes) || idleMinutes <= 0) {
    throw new Error('idle minutes must be a positive integer');
  }
  return `SELECT * FROM identity_session_principal(${hashLiteral(tokenHash)}, ${idleMinutes})`;
}

/** The live API token with its user's roles; sets app.user_id. Literal-only, like sessionAuthSql. */
export function tokenAuthSql(tokenHash: string): string {
  return `SELECT * FROM identity_token_principal(${hashLiteral(tokenHash)})`;
}

export async function touchSession(db: Executor, id: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

export async function touchToken(db: Executor, id: string) {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

export async function insertToken(
  db: Executor,
  values: typeof apiTokens.$inferInsert,
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listTokens(db: Executor, userId?: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(
      and(
        userId ? eq(apiTokens.userId, userId) : undefined,
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(apiTokens.createdAt));
}

export async function findToken(db: Executor, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function revokeToken(db: Executor, id: string) {
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
}

// ------------------------------------------------------------------ sign-in steps

export async function insertFlow(
  db: Executor,
  values: typeof authFlows.$inferInsert,
): Promise<AuthFlowRow> {
  const [row] = await db.insert(authFlows).values(values).returning();
  return row!;
}

/** A flow by the hash of its handle, locked until the transaction ends (one use at a time). */
export async function lockFlow(
  db: Executor,
  tokenHash: string,
  kinds: ReadonlyArray<AuthFlowRow['kind']>,
): Promise<AuthFlowRow | undefined> {
  const [row] = await db
    .select()
    .from(authFlows)
    .where(and(eq(authFlows.tokenHash, tokenHash), inArray(authFlows.kind, [...kinds])))
    .for('update');
  return row;
}

export async function updateFlow(
  db: Executor,
  id: string,
  values: Partial<Pick<typeof authFlows.$inferInsert, 'attempts' | 'consumedAt' | 'challenge'>>,
) {
  await db.update(authFlows).set(values).where(eq(authFlows.id, id));
}

/** Ends a user's open flows of one kind (earlier reset links when one is used). */
export async function consumeUserFlows(db: Executor, userId: string, kind: AuthFlowRow['kind']) {
  await db
    .update(authFlows)
    .set({ consumedAt: new Date() })
    .where(
      and(eq(authFlows.userId, userId), eq(authFlows.kind, kind), isNull(authFlows.consumedAt)),
    );
}

export async function countFlowsSince(
  db: Executor,
  userId: string,
  kind: AuthFlowRow['kind'],
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(authFlows)
    .where(
      and(eq(authFlows.userId, userId), eq(authFlows.kind, kind), gte(authFlows.createdAt, since)),
    );
  return row?.n ?? 0;
}

/**
 * Drops sign-in steps that ended a day ago or more, and address counters whose window is a day
 * old and that hold no delay, so both tables stay small.
 */
export async function deleteStaleSignInRecords(db: Executor) {
  await db
    .delete(authFlows)
    .where(
      or(
        lt(authFlows.expiresAt, sql`now() - interval '1 day'`),
        lt(authFlows.consumedAt, sql`now() - interval '1 day'`),
      ),
    );
  await db
    .delete(ipThrottle)
    .where(
      and(
        lt(ipThrottle.windowStartedAt, sql`now() - interval '1 day'`),
        or(isNull(ipThrottle.lockedUntil), lt(ipThrottle.lockedUntil, sql`now()`)),
      ),
    );
}

// ------------------------------------------------------------------ throttling per address

export async function ipLockedUntil(db: Executor, ip: string): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: ipThrottle.lockedUntil })
    .from(ipThrottle)
    .where(eq(ipThrottle.ip, ip));
  return row?.lockedUntil ?? null;
}

/**
 * Counts one failed sign-in from an address in its current window (a new window starts when
 * the last one is older than `windowSeconds`); returns the failures in the window.
 */
export async function countIpFailure(
  db: Executor,
  tenantId: string,
  ip: string,
  windowSeconds: number,
): Promise<number> {
  const expired = sql`${ipThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(ipThrottle)
    .values({ tenantId, ip, failures: 1 })
    .onConflictDoUpdate({
      target: [ipThrottle.tenantId, ipThrottle.ip],
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${ipThrottle.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${ipThrottle.windowStartedAt} END`,
      },
    })
    .returning({ failures: ipThrottle.failures });
  return row?.failures ?? 1;
}

export async function setIpLock(db: Executor, ip: string, lockedUntil: Date | null) {
  await db.update(ipThrottle).set({ lockedUntil }).where(eq(ipThrottle.ip, ip));
}

// ------------------------------------------------------------------ second factors

export async function findTotp(db: Executor, userId: string): Promise<TotpFactorRow | undefined> {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId));
  return row;
}

/** Stores a new, unconfirmed secret, replacing an earlier unconfirmed one. */
export async function savePendingTotp(
  db: Executor,
  values: { tenantId: string; userId: string; secretSealed: string },
) {
  await db
    .insert(totpFactors)
    .values(values)
    .onConflictDoUpdate({
      target: totpFactors.userId,
      set: {
        secretSealed: values.secretSealed,
        confirmedAt: null,
        lastStep: null,
        createdAt: new Date(),
      },
      setWhere: isNull(totpFactors.confirmedAt),
    });
}

/**
 * Records the time step a code was accepted for, only when it is later than the last one:
 * false means another request used this step (or a later one) first.
 */
export async function useTotpStep(
  db: Executor,
  id: string,
  step: number,
  confirm = false,
): Promise<boolean> {
  const rows = await db
    .update(totpFactors)
    .set({ lastStep: step, ...(confirm ? { confirmedAt: new Date() } : {}) })
    .where(
      and(eq(totpFactors.id, id), or(isNull(totpFactors.lastStep), lt(totpFactors.lastStep, step))),
    )
    .returning({ id: totpFactors.id });
  return rows.length > 0;
}

export async function deleteTotp(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .delete(totpFactors)
    .where(eq(totpFactors.userId, userId))
    .returning({ id: totpFactors.id });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(
  db: Executor,
  tenantId: string,
  userId: string,
  hashes: string[],
) {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0) {
    await db
      .insert(recoveryCodes)
      .values(hashes.map((codeHash) => ({ tenantId, userId, codeHash })));
  }
}

/** Marks an unused code used; false when there is no such unused code. */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function listPasskeys(db: Executor, userId: string): Promise<PasskeyRow[]> {
  return db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
}

/** A passkey by its credential id, locked so two uses cannot both pass the counter check. */
export async function lockPasskeyByCredential(
  db: Executor,
  credentialId: string,
): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .select()
    .from(passkeys)
    .where(eq(passkeys.credentialId, credentialId))
    .for('update');
  return row;
}

export async function insertPasskey(
  db: Executor,
  values: typeof passkeys.$inferInsert,
): Promise<PasskeyRow> {
  const [row] = await db.insert(passkeys).values(values).returning();
  return row!;
}

export async function recordPasskeyUse(
  db: Executor,
  id: string,
  signCount: number,
  backedUp: boolean,
) {
  await db
    .update(passkeys)
    .set({ signCount, backedUp, lastUsedAt: new Date() })
    .where(eq(passkeys.id, id));
}

export async function deletePasskey(
  db: Executor,
  userId: string,
  id: string,
): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row;
}

/** Failed sign-ins from an address in its current window (0 when none or the window is over). */
export async function ipFailuresInWindow(
  db: Executor,
  ip: string,
  windowSeconds: number,
): Promise<number> {
  const [row] = await db
    .select({ failures: ipThrottle.failures })
    .from(ipThrottle)
    .where(
      and(
        eq(ipThrottle.ip, ip),
        sql`${ipThrottle.windowStartedAt} >= now() - make_interval(secs => ${windowSeconds})`,
      ),
    );
  return row?.failures ?? 0;
}

/** Ends a user's live sessions that were opened without a second factor; returns how many. */
export async function revokeSessionsWithoutMfa(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`NOT ('mfa' = ANY(${sessions.amr}))`,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** When a session was opened, that is when its user last proved who they are. */
export async function sessionStartedAt(db: Executor, sessionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row?.createdAt ?? null;
}
