import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { asc, isNull, or, gt, sql } from 'drizzle-orm';
import { inTenantTx, type Database, type Executor } from '../../../platform/db/database.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { Ctx } from '../../../platform/context.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { KEY_ALGS, signingKeys, type SigningKeyRow } from '../db/schema.js';

/**
 * A new key signs only once every node has had time to publish it: nodes reload the key set
 * at least every KEY_REFRESH_MS, and a key starts signing KEY_PROPAGATION_MS after creation.
 */
export const KEY_REFRESH_MS = 30_000;
export const KEY_PROPAGATION_MS = 60_000;
/** The longest a signed token lives (ID tokens, JWT access tokens), plus clock tolerance. */
export const MAX_SIGNED_TOKEN_LIFETIME_MS = 60 * 60_000 + 5 * 60_000;

export type Jwk = Record<string, unknown> & { kid: string; alg: string };

const keyContext = (tenantId: string, kid: string) => `oidc-key:${tenantId}:${kid}`;

function generate(alg: (typeof KEY_ALGS)[number]) {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `${alg.toLowerCase()}-${randomBytes(9).toString('base64url')}`;
  const privateJwk = { ...pair.privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  const publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { kid, privateJwk, publicJwk };
}

/** Adds a fresh ES256 and RS256 key; the ones in use stay published until their tokens expire. */
export async function addKeys(
  tx: Executor,
  tenantId: string,
  sealer: Sealer,
  { retireCurrent }: { retireCurrent: boolean },
): Promise<string[]> {
  if (retireCurrent) {
    await tx
      .update(signingKeys)
      .set({
        retiredAt: sql`now()`,
        unpublishAt: sql`now() + make_interval(secs => ${
          (KEY_PROPAGATION_MS + MAX_SIGNED_TOKEN_LIFETIME_MS) / 1000
        })`,
      })
      .where(isNull(signingKeys.retiredAt));
  }
  const kids: string[] = [];
  for (const alg of KEY_ALGS) {
    const k = generate(alg);
    await tx.insert(signingKeys).values({
      tenantId,
      kid: k.kid,
      alg,
      privateSealed: sealer.seal(JSON.stringify(k.privateJwk), keyContext(tenantId, k.kid)),
      publicJwk: k.publicJwk,
    });
    kids.push(k.kid);
  }
  return kids;
}

export async function publishedKeys(tx: Executor): Promise<SigningKeyRow[]> {
  return tx
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.unpublishAt), gt(signingKeys.unpublishAt, sql`now()`)))
    .orderBy(asc(signingKeys.createdAt));
}

/**
 * The key set to hand to the provider, in signing order: for each algorithm, the newest key
 * that has propagated (or the newest at all when none has yet, as on a fresh install) comes
 * first, since the provider signs with the first key of an algorithm; older published keys
 * follow so tokens they signed still verify.
 */
export function orderForSigning(rows: SigningKeyRow[], now = Date.now()): SigningKeyRow[] {
  const ordered: SigningKeyRow[] = [];
  for (const alg of KEY_ALGS) {
    const ofAlg = rows
      .filter((r) => r.alg === alg)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const ready = ofAlg.find((r) => r.createdAt.getTime() <= now - KEY_PROPAGATION_MS);
    const signer = ready ?? ofAlg[0];
    if (signer) ordered.push(signer, ...ofAlg.filter((r) => r !== signer));
  }
  return ordered;
}

export function privateJwks(rows: SigningKeyRow[], tenantId: string, sealer: Sealer): Jwk[] {
  return rows.map(
    (r) => JSON.parse(sealer.open(r.privateSealed, keyContext(tenantId, r.kid))) as Jwk,
  );
}

/** A fingerprint of the ordered key set: when it changes, the provider is rebuilt. */
export function keySetVersion(rows: SigningKeyRow[]): string {
  return rows.map((r) => r.kid).join(',');
}

/** `simpul keys rotate`: new keys now; the current ones stay published until their tokens expire. */
export async function rotateKeys(ctx: Ctx, sealer: Sealer): Promise<string[]> {
  const kids = await addKeys(ctx.tx, ctx.tenantId, sealer, { retireCurrent: true });
  await writeAudit(ctx.tx, ctx, {
    action: 'identity.oidc.keys_rotated',
    targetType: 'signing_key',
    targetId: kids.join(','),
    data: { kids },
  });
  return kids;
}

/** A tenant gets its first keys when its provider is first needed. */
export async function ensureKeys(database: Database, tenantId: string, sealer: Sealer) {
  await inTenantTx(database, { tenantId }, async (tx) => {
    // One creator per tenant at a time, across nodes.
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext('simpul-oidc-keys'), hashtext(${tenantId}))`,
    );
    if ((await publishedKeys(tx)).length > 0) return;
    const kids = await addKeys(tx, tenantId, sealer, { retireCurrent: false });
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorKind: 'system', ip: null, userAgent: null, requestId: null },
      {
        action: 'identity.oidc.keys_created',
        targetType: 'signing_key',
        targetId: kids.join(','),
        data: { kids },
      },
    );
  });
}
