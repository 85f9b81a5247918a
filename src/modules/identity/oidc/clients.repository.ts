import { and, asc, eq } from 'drizzle-orm';
import type { ClientMetadata } from 'oidc-provider';
import { readInTenant, type Database, type Executor } from '../../../platform/db/database.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { oidcClients, type OidcClientRow } from '../db/schema.js';

export type ClientInsert = typeof oidcClients.$inferInsert;

export const secretContext = (tenantId: string, clientId: string) =>
  `oidc-client:${tenantId}:${clientId}`;

/** The provider reads clients on every token request: one prepared statement, no builder. */
/**
 * Clients are read on every token request, so each node keeps them for a moment: a change made
 * on this node applies at once (the entry is dropped), on other nodes within CLIENT_CACHE_MS.
 */
export const CLIENT_CACHE_MS = 2_000;
const clientCache = new Map<string, { row: OidcClientRow | undefined; until: number }>();

export function forgetClient(tenantId: string, clientId: string): void {
  clientCache.delete(`${tenantId} ${clientId}`);
}

export async function findClientRow(
  database: Database,
  tenantId: string,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(clientId)) return undefined;
  const key = `${tenantId} ${clientId}`;
  const cached = clientCache.get(key);
  if (cached && cached.until > Date.now()) return cached.row;
  const rows = await readInTenant(
    database,
    tenantId,
    `SELECT * FROM identity_oidc_clients WHERE client_id = '${clientId}'`,
  );
  const row = rows[0] ? toRow(rows[0]) : undefined;
  if (clientCache.size > 10_000) clientCache.clear();
  clientCache.set(key, { row, until: Date.now() + CLIENT_CACHE_MS });
  return row;
}

function toRow(r: Record<string, unknown>): OidcClientRow {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    clientId: r.client_id as string,
    name: r.name as string,
    description: (r.description as string | null) ?? null,
    kind: r.kind as OidcClientRow['kind'],
    applicationId: (r.application_id as string | null) ?? null,
    secretSealed: (r.secret_sealed as string | null) ?? null,
    secretRotatedAt: (r.secret_rotated_at as Date | null) ?? null,
    redirectUris: r.redirect_uris as string[],
    postLogoutRedirectUris: r.post_logout_redirect_uris as string[],
    backchannelLogoutUri: (r.backchannel_logout_uri as string | null) ?? null,
    scopes: r.scopes as string[],
    trusted: r.trusted as boolean,
    idTokenAlg: r.id_token_alg as OidcClientRow['idTokenAlg'],
    status: r.status as OidcClientRow['status'],
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** Simpul's client record as oidc-provider's client metadata. */
export function clientMetadata(row: OidcClientRow, sealer: Sealer): ClientMetadata {
  const service = row.kind === 'service';
  const meta: ClientMetadata = {
    client_id: row.clientId,
    client_name: row.name,
    grant_types: service ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
    response_types: service ? [] : ['code'],
    redirect_uris: service ? [] : row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    token_endpoint_auth_method: row.kind === 'public' ? 'none' : 'client_secret_basic',
    id_token_signed_response_alg: row.idTokenAlg,
    scope: row.scopes.join(' '),
    simpul_trusted: row.trusted,
  };
  if (row.backchannelLogoutUri) {
    meta.backchannel_logout_uri = row.backchannelLogoutUri;
    meta.backchannel_logout_session_required = true;
  }
  if (row.secretSealed) {
    meta.client_secret = sealer.open(row.secretSealed, secretContext(row.tenantId, row.clientId));
  }
  return meta;
}

export async function listClients(db: Executor): Promise<OidcClientRow[]> {
  return db.select().from(oidcClients).orderBy(asc(oidcClients.name));
}

export async function getClient(db: Executor, id: string): Promise<OidcClientRow | undefined> {
  const [row] = await db.select().from(oidcClients).where(eq(oidcClients.id, id));
  return row;
}

export async function getClientByClientId(
  db: Executor,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId));
  return row;
}

export async function insertClient(db: Executor, values: ClientInsert): Promise<OidcClientRow> {
  const [row] = await db.insert(oidcClients).values(values).returning();
  forgetClient(row!.tenantId, row!.clientId);
  return row!;
}

export async function updateClient(
  db: Executor,
  id: string,
  values: Partial<ClientInsert>,
): Promise<OidcClientRow | undefined> {
  const [row] = await db
    .update(oidcClients)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(oidcClients.id, id)))
    .returning();
  if (row) forgetClient(row.tenantId, row.clientId);
  return row;
}
