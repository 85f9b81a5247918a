import type Provider from 'oidc-provider';
import { sessionAuthSql, type AuthRow } from '../db/identity.repository.js';
import { sha256 } from '../sign-in.js';
import type { Logger } from 'pino';
import {
  inTenantTx,
  preparedQuery,
  readInTenant,
  type Database,
} from '../../../platform/db/database.js';
import { writeAudit } from '../../../platform/audit/audit.js';

/** oidc-provider's session cookie; its value is the id of the Session record. */
export const PROVIDER_SESSION_COOKIE = '_session';

interface SessionRow extends Record<string, unknown> {
  id: string;
  payload: {
    accountId?: string;
    authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
  };
}

/**
 * Ends the user's sessions at the provider when they sign out of Simpul: every application they
 * entered through it gets a back-channel logout token, and the grants made in those sessions
 * (unless offline access was granted) are revoked with their tokens. `sessionId` limits this to
 * one browser's session; null ends them all (an administrator revoking access).
 */
export async function endProviderSessions(opts: {
  database: Database;
  tenantId: string;
  provider: Provider;
  userId: string;
  sessionId: string | null;
  log: Logger;
}): Promise<number> {
  const { database, tenantId, provider, userId, sessionId, log } = opts;
  const sessions = await inTenantTx(database, { tenantId }, async (tx) => {
    const rows = await preparedQuery<SessionRow>(
      tx,
      sessionId ? 'oidc_sessions_of_user_one' : 'oidc_sessions_of_user',
      `DELETE FROM identity_oidc_payloads
        WHERE model = 'Session' AND account_id = $1 ${sessionId ? 'AND id = $2' : ''}
        RETURNING id, payload`,
      sessionId ? [userId, sessionId] : [userId],
    );
    for (const row of rows) {
      for (const auth of Object.values(row.payload.authorizations ?? {})) {
        if (auth.grantId && !auth.persistsLogout) {
          await preparedQuery(
            tx,
            'oidc_revoke_grant',
            `DELETE FROM identity_oidc_payloads
              WHERE grant_id = $1 OR (model = 'Grant' AND id = $1)`,
            [auth.grantId],
          );
        }
      }
    }
    return rows;
  });

  const notices: Promise<void>[] = [];
  for (const session of sessions) {
    for (const [clientId, auth] of Object.entries(session.payload.authorizations ?? {})) {
      notices.push(
        (async () => {
          const client = await provider.Client.find(clientId);
          if (!client?.backchannelLogoutUri) return;
          try {
            await (
              client as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> }
            ).backchannelLogout(userId, auth.sid ?? '');
          } catch (err) {
            log.warn({ err, clientId }, 'back-channel logout failed');
            await inTenantTx(database, { tenantId }, (tx) =>
              writeAudit(
                tx,
                {
                  tenantId,
                  actorId: userId,
                  actorKind: 'user',
                  ip: null,
                  userAgent: null,
                  requestId: null,
                },
                {
                  action: 'identity.oidc.backchannel_failed',
                  targetType: 'oidc_client',
                  targetId: clientId,
                  data: { error: (err as Error).message },
                },
              ),
            );
          }
        })(),
      );
    }
  }
  await Promise.all(notices);
  return sessions.length;
}

/**
 * RP-initiated logout signs the user out of Simpul too: the browser's Simpul session (its cookie
 * arrives with the provider's logout confirmation) is revoked, in one transaction with its audit.
 */
export async function endSimpulSession(
  database: Database,
  tenantId: string,
  cookieValue: string,
  origin: { ip: string | null; userAgent: string | null },
): Promise<void> {
  const hash = sha256(cookieValue);
  await inTenantTx(database, { tenantId }, async (tx) => {
    const [row] = await preparedQuery<{ userId: string }>(
      tx,
      'identity_session_revoke_by_hash',
      `UPDATE identity_sessions SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id AS "userId"`,
      [hash],
    );
    if (!row) return;
    await writeAudit(
      tx,
      { tenantId, actorId: row.userId, actorKind: 'user', requestId: null, ...origin },
      {
        action: 'identity.logout',
        targetType: 'user',
        targetId: row.userId,
        data: { via: 'oidc' },
      },
    );
  });
}

/** Deletes every provider record (tokens, codes, grants) issued to an account. */
export async function revokeAccountTokens(
  database: Database,
  tenantId: string,
  userId: string,
): Promise<number> {
  return inTenantTx(database, { tenantId }, async (tx) => {
    const [row] = await preparedQuery<{ n: number }>(
      tx,
      'oidc_account_records',
      `WITH gone AS (
         DELETE FROM identity_oidc_payloads
          WHERE account_id = $1
             OR grant_id IN (SELECT id FROM identity_oidc_payloads
                              WHERE model = 'Grant' AND account_id = $1)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [userId],
    );
    return row?.n ?? 0;
  });
}

/**
 * Whether a Simpul session cookie is live, fully signed in, and belongs to the account: the same
 * lookup as every request's (identity_session_principal), so the rules live in one place.
 */
export async function simpulSessionLive(
  database: Database,
  tenantId: string,
  cookieValue: string,
  accountId: string,
  idleMinutes: number,
): Promise<boolean> {
  const [row] = await readInTenant<AuthRow>(
    database,
    tenantId,
    sessionAuthSql(sha256(cookieValue), idleMinutes),
  );
  return row !== undefined && row.userId === accountId && !row.mfaEnrolmentRequired;
}
