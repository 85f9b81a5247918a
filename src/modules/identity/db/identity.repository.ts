import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { RoleGrant } from '../../../platform/context.js';
import {
  apiTokens,
  roleAssignments,
  sessions,
  users,
  type ApiTokenRow,
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

/** Ends a user's live sessions, except the one given (the caller's own). */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  exceptSessionId?: string | null,
) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
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
