import { randomBytes } from 'node:crypto';
import { authorize } from '../../../platform/auth/permissions.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { Ctx } from '../../../platform/context.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { pgConstraint } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { OidcClientRow } from '../db/schema.js';
import * as repo from './clients.repository.js';
import { CLIENT_REASONS } from './oidc.errors.js';
import { OIDC_SCOPES } from './provider.js';

export type ClientKind = OidcClientRow['kind'];

export interface ClientInput {
  clientId?: string;
  name: string;
  description?: string | null;
  kind: ClientKind;
  applicationId?: string | null;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  scopes: string[];
  trusted?: boolean;
  idTokenAlg?: OidcClientRow['idTokenAlg'];
}

export function presentClient(c: OidcClientRow) {
  return {
    id: c.id,
    clientId: c.clientId,
    name: c.name,
    description: c.description,
    kind: c.kind,
    applicationId: c.applicationId,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    backchannelLogoutUri: c.backchannelLogoutUri,
    scopes: c.scopes,
    trusted: c.trusted,
    idTokenAlg: c.idTokenAlg,
    status: c.status,
    hasSecret: c.secretSealed !== null,
    secretRotatedAt: c.secretRotatedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Absolute https URL without fragment; plain http only on loopback (native and test apps). */
function acceptableUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash || value.includes('#')) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

function invalid(ctx: Ctx, reason: keyof typeof CLIENT_REASONS, field: string): AppError {
  return new AppError('identity.client_invalid', { reason: CLIENT_REASONS[reason][ctx.locale] }, [
    { field, problem: reason },
  ]);
}

function check(
  ctx: Ctx,
  c: Required<Omit<ClientInput, 'clientId' | 'description' | 'applicationId'>>,
) {
  const service = c.kind === 'service';
  if (service && c.redirectUris.length > 0)
    throw invalid(ctx, 'service_no_redirect', 'redirectUris');
  if (!service && c.redirectUris.length === 0)
    throw invalid(ctx, 'redirect_required', 'redirectUris');
  for (const [field, list] of [
    ['redirectUris', c.redirectUris],
    ['postLogoutRedirectUris', c.postLogoutRedirectUris],
    ['backchannelLogoutUri', c.backchannelLogoutUri ? [c.backchannelLogoutUri] : []],
  ] as const) {
    if (list.some((u) => !acceptableUri(u))) throw invalid(ctx, 'redirect_invalid', field);
  }
  if (c.scopes.some((s) => !(OIDC_SCOPES as readonly string[]).includes(s))) {
    throw invalid(ctx, 'scope_unknown', 'scopes');
  }
  if (!service && !c.scopes.includes('openid')) throw invalid(ctx, 'openid_required', 'scopes');
  if (c.kind === 'public' && c.trusted) throw invalid(ctx, 'public_trusted', 'trusted');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function slug(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'client'}-${randomBytes(3).toString('hex')}`;
}

export async function listClients(ctx: Ctx) {
  authorize(ctx, 'identity:client:read', null);
  return (await repo.listClients(ctx.tx)).map(presentClient);
}

async function load(ctx: Ctx, id: string): Promise<OidcClientRow> {
  const row = await repo.getClient(ctx.tx, id);
  if (!row) throw new AppError('identity.client_not_found');
  return row;
}

export async function getClient(ctx: Ctx, id: string) {
  authorize(ctx, 'identity:client:read', null);
  return presentClient(await load(ctx, id));
}

export async function createClient(ctx: Ctx, sealer: Sealer, input: ClientInput) {
  authorize(ctx, 'identity:client:manage', null);
  const values = {
    name: input.name.trim(),
    kind: input.kind,
    redirectUris: [...new Set(input.redirectUris ?? [])],
    postLogoutRedirectUris: [...new Set(input.postLogoutRedirectUris ?? [])],
    backchannelLogoutUri: input.backchannelLogoutUri ?? null,
    scopes: [...new Set(input.scopes)],
    trusted: input.trusted ?? false,
    idTokenAlg: input.idTokenAlg ?? 'ES256',
  };
  check(ctx, values);
  const clientId = input.clientId ?? slug(values.name);
  const secret = input.kind === 'public' ? null : newSecret();
  let row: OidcClientRow;
  try {
    row = await repo.insertClient(ctx.tx, {
      ...values,
      tenantId: ctx.tenantId,
      clientId,
      description: input.description ?? null,
      applicationId: input.applicationId ?? null,
      secretSealed: secret ? sealer.seal(secret, repo.secretContext(ctx.tenantId, clientId)) : null,
      secretRotatedAt: secret ? new Date() : null,
      createdBy: ctx.actorId,
    });
  } catch (err) {
    if (pgConstraint(err) === 'identity_oidc_clients_client_id') {
      throw new AppError('identity.client_id_taken', { clientId });
    }
    throw err;
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.client.created',
    targetType: 'oidc_client',
    targetId: row.id,
    after: presentClient(row),
  });
  return { client: presentClient(row), secret };
}

export async function updateClient(
  ctx: Ctx,
  id: string,
  patch: Partial<Omit<ClientInput, 'clientId' | 'kind'>>,
) {
  authorize(ctx, 'identity:client:manage', null);
  const before = await load(ctx, id);
  const next = {
    name: patch.name?.trim() ?? before.name,
    kind: before.kind,
    redirectUris: patch.redirectUris ? [...new Set(patch.redirectUris)] : before.redirectUris,
    postLogoutRedirectUris: patch.postLogoutRedirectUris
      ? [...new Set(patch.postLogoutRedirectUris)]
      : before.postLogoutRedirectUris,
    backchannelLogoutUri:
      patch.backchannelLogoutUri !== undefined
        ? patch.backchannelLogoutUri
        : before.backchannelLogoutUri,
    scopes: patch.scopes ? [...new Set(patch.scopes)] : before.scopes,
    trusted: patch.trusted ?? before.trusted,
    idTokenAlg: patch.idTokenAlg ?? before.idTokenAlg,
  };
  check(ctx, next);
  const row = await repo.updateClient(ctx.tx, id, {
    ...next,
    description: patch.description !== undefined ? patch.description : before.description,
    applicationId: patch.applicationId !== undefined ? patch.applicationId : before.applicationId,
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.client.updated',
    targetType: 'oidc_client',
    targetId: id,
    before: presentClient(before),
    after: presentClient(row!),
  });
  return presentClient(row!);
}

/** A new secret, shown once; the old one stops working at once. */
export async function rotateSecret(ctx: Ctx, sealer: Sealer, id: string) {
  authorize(ctx, 'identity:client:manage', null);
  const before = await load(ctx, id);
  if (before.kind === 'public') throw new AppError('identity.client_no_secret');
  const secret = newSecret();
  const row = await repo.updateClient(ctx.tx, id, {
    secretSealed: sealer.seal(secret, repo.secretContext(ctx.tenantId, before.clientId)),
    secretRotatedAt: new Date(),
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.client.secret_rotated',
    targetType: 'oidc_client',
    targetId: id,
  });
  return { client: presentClient(row!), secret };
}

export async function setClientStatus(ctx: Ctx, id: string, status: OidcClientRow['status']) {
  authorize(ctx, 'identity:client:manage', null);
  const before = await load(ctx, id);
  const row = await repo.updateClient(ctx.tx, id, { status });
  await writeAudit(ctx.tx, ctx, {
    action: status === 'active' ? 'identity.client.enabled' : 'identity.client.disabled',
    targetType: 'oidc_client',
    targetId: id,
    before: { status: before.status },
    after: { status },
  });
  return presentClient(row!);
}
