import type { Tx } from './db/database.js';
import type { AuditOrigin } from './audit/audit.js';
import type { Locale } from './i18n/i18n.js';

export interface TenantInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  timeZone: string;
}

/** One role held by a user: tenant-wide (agencyId null) or limited to one agency. */
export interface RoleGrant {
  role: string;
  agencyId: string | null;
}

export interface Principal {
  userId: string;
  username: string;
  /** How the request proved who it is. */
  via: 'session' | 'token';
  roles: RoleGrant[];
  /** Scopes of an API token; null for a session (the roles alone decide). */
  tokenScopes: string[] | null;
  sessionId: string | null;
  tokenId: string | null;
  employeeId: string | null;
  /** How the user signed in (RFC 8176 `amr` values); empty for API tokens. */
  amr: string[];
  /**
   * True when tenant policy requires a second factor this user has not enrolled: the session
   * may only enrol one. Permission checks refuse everything else.
   */
  mfaEnrolmentRequired: boolean;
}

/**
 * What every service function receives: the tenant, who acts, where from, and the open
 * transaction (which already has app.tenant_id and app.user_id set for row-level security).
 */
export interface Ctx extends AuditOrigin {
  tenant: TenantInfo;
  principal: Principal | null;
  locale: Locale;
  tx: Tx;
}
