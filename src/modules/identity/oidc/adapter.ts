import type { Adapter, AdapterPayload } from 'oidc-provider';
import { inTenantTx, readInTenant, type Database } from '../../../platform/db/database.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { clientMetadata, findClientRow } from './clients.repository.js';

/** Identifiers oidc-provider generates (nanoid, base64url) and model names: safe to inline. */
const SAFE = /^[A-Za-z0-9_.:-]{1,200}$/;

function literal(value: string): string {
  if (!SAFE.test(value)) throw new Error('unexpected identifier');
  return `'${value}'`;
}

interface PayloadRow extends Record<string, unknown> {
  payload: AdapterPayload;
  consumed: boolean;
}

/**
 * oidc-provider's storage in PostgreSQL: one row per model instance in identity_oidc_payloads,
 * inside the tenant's row-level security like everything else. Reads travel with BEGIN in one
 * round trip. Clients are not stored here: they come from identity_oidc_clients.
 */
export function adapterFor(database: Database, tenantId: string, sealer: Sealer) {
  const read = async (where: string): Promise<AdapterPayload | undefined> => {
    const rows = await readInTenant<PayloadRow>(
      database,
      tenantId,
      `SELECT payload, consumed_at IS NOT NULL AS consumed FROM identity_oidc_payloads
        WHERE ${where} AND (expires_at IS NULL OR expires_at > now())`,
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.consumed ? { ...row.payload, consumed: true } : row.payload;
  };

  return class PostgresAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await inTenantTx(database, { tenantId }, async (tx) => {
        const client = (tx as unknown as { $client: import('pg').ClientBase }).$client;
        await client.query({
          name: 'oidc_payload_upsert',
          text: `INSERT INTO identity_oidc_payloads
                   (tenant_id, model, id, payload, grant_id, uid, user_code, account_id, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (tenant_id, model, id) DO UPDATE SET
                   payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
                   user_code = excluded.user_code, account_id = excluded.account_id,
                   expires_at = excluded.expires_at`,
          values: [
            tenantId,
            this.model,
            id,
            JSON.stringify(payload),
            payload.grantId ?? null,
            payload.uid ?? null,
            payload.userCode ?? null,
            payload.accountId ?? null,
            expiresAt,
          ],
        });
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        if (!SAFE.test(id)) return undefined;
        const row = await findClientRow(database, tenantId, id);
        return row && row.status === 'active' ? clientMetadata(row, sealer) : undefined;
      }
      if (!SAFE.test(id)) return undefined;
      return read(`model = ${literal(this.model)} AND id = ${literal(id)}`);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      if (!SAFE.test(uid)) return undefined;
      return read(`model = ${literal(this.model)} AND uid = ${literal(uid)}`);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      if (!SAFE.test(userCode)) return undefined;
      return read(`model = ${literal(this.model)} AND user_code = ${literal(userCode)}`);
    }

    async consume(id: string): Promise<void> {
      await inTenantTx(
        database,
        { tenantId },
        async () => undefined,
        `UPDATE identity_oidc_payloads SET consumed_at = now()
          WHERE model = ${literal(this.model)} AND id = ${literal(id)}`,
      );
    }

    async destroy(id: string): Promise<void> {
      await inTenantTx(
        database,
        { tenantId },
        async () => undefined,
        `DELETE FROM identity_oidc_payloads
          WHERE model = ${literal(this.model)} AND id = ${literal(id)}`,
      );
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await inTenantTx(
        database,
        { tenantId },
        async () => undefined,
        `DELETE FROM identity_oidc_payloads WHERE grant_id = ${literal(grantId)}`,
      );
    }
  };
}
