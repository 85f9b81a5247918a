import { and, asc, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import {
  applicationApis,
  applications,
  changeRequests,
  codeSets,
  codes,
  dataAssets,
  infrastructure,
  processes,
  relations,
  services,
  type ApplicationApiRow,
  type ApplicationRow,
  type CodePrefix,
  type CodeRow,
  type CodeSetRow,
  type DataAssetRow,
  type InfrastructureRow,
  type ProcessRow,
  type RecordKind,
  type RelationRow,
  type ServiceRow,
} from './schema.js';

/*
 * SQL of the reference code sets, the import/export and the Backstage/PDF exports. RLS narrows
 * every query to the transaction's tenant.
 */

function like(q: string): string {
  return `%${q.replace(/[%_\\]/g, '\\$&')}%`;
}

// ------------------------------------------------------------------ code sets

/** The prefixes that have at least one code set (any version). */
export async function prefixesWithCodeSets(tx: Executor): Promise<CodePrefix[]> {
  const rows = await tx.selectDistinct({ prefix: codeSets.prefix }).from(codeSets);
  return rows.map((r) => r.prefix);
}

export async function listCodeSets(tx: Executor): Promise<CodeSetRow[]> {
  return tx
    .select()
    .from(codeSets)
    .orderBy(asc(codeSets.prefix), desc(codeSets.current), desc(codeSets.createdAt));
}

export async function findCodeSet(tx: Executor, id: string): Promise<CodeSetRow | null> {
  const [row] = await tx.select().from(codeSets).where(eq(codeSets.id, id));
  return row ?? null;
}

export async function currentCodeSet(tx: Executor, prefix: CodePrefix): Promise<CodeSetRow | null> {
  const [row] = await tx
    .select()
    .from(codeSets)
    .where(and(eq(codeSets.prefix, prefix), eq(codeSets.current, true)));
  return row ?? null;
}

export async function currentCodeSets(tx: Executor): Promise<CodeSetRow[]> {
  return tx.select().from(codeSets).where(eq(codeSets.current, true));
}

export async function codeSetVersionExists(
  tx: Executor,
  prefix: CodePrefix,
  version: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: codeSets.id })
    .from(codeSets)
    .where(and(eq(codeSets.prefix, prefix), eq(codeSets.version, version)));
  return rows.length > 0;
}

/** Makes no set of the prefix current (the new version is inserted as current next). */
export async function clearCurrent(tx: Executor, prefix: CodePrefix): Promise<void> {
  await tx
    .update(codeSets)
    .set({ current: false, updatedAt: new Date() })
    .where(and(eq(codeSets.prefix, prefix), eq(codeSets.current, true)));
}

/** Inserts a code set; null when another transaction inserted the same version first. */
export async function insertCodeSet(
  tx: Executor,
  values: typeof codeSets.$inferInsert,
): Promise<CodeSetRow | null> {
  const [row] = await tx.insert(codeSets).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertCodes(
  tx: Executor,
  values: Array<typeof codes.$inferInsert>,
): Promise<void> {
  for (let i = 0; i < values.length; i += 1000) {
    await tx.insert(codes).values(values.slice(i, i + 1000));
  }
}

/** The codes of a set among the given ones (a code and its ancestors). */
export async function codesIn(
  tx: Executor,
  codeSetId: string,
  wanted: string[],
): Promise<Array<Pick<CodeRow, 'code' | 'name' | 'level'>>> {
  if (wanted.length === 0) return [];
  return tx
    .select({ code: codes.code, name: codes.name, level: codes.level })
    .from(codes)
    .where(and(eq(codes.codeSetId, codeSetId), inArray(codes.code, wanted)));
}

export async function listCodes(
  tx: Executor,
  q: { codeSetIds: string[]; q?: string; limit: number },
): Promise<CodeRow[]> {
  if (q.codeSetIds.length === 0) return [];
  const where: SQL[] = [inArray(codes.codeSetId, q.codeSetIds)];
  if (q.q) {
    const pattern = like(q.q);
    where.push(or(ilike(codes.code, pattern), ilike(codes.name, pattern))!);
  }
  return tx
    .select()
    .from(codes)
    .where(and(...where))
    .orderBy(asc(codes.code))
    .limit(q.limit);
}

/** All codes of the given sets (for bulk validation of an import). */
export async function codesOfSets(
  tx: Executor,
  codeSetIds: string[],
): Promise<Array<Pick<CodeRow, 'codeSetId' | 'code' | 'name'>>> {
  if (codeSetIds.length === 0) return [];
  return tx
    .select({ codeSetId: codes.codeSetId, code: codes.code, name: codes.name })
    .from(codes)
    .where(inArray(codes.codeSetId, codeSetIds));
}

/** Names of codes cited by records: (set id, code) pairs, looked up in one query. */
export async function codeNames(
  tx: Executor,
  pairs: Array<{ codeSetId: string; code: string }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (pairs.length === 0) return out;
  const setIds = [...new Set(pairs.map((p) => p.codeSetId))];
  const wanted = [...new Set(pairs.map((p) => p.code))];
  const rows = await tx
    .select({ codeSetId: codes.codeSetId, code: codes.code, name: codes.name })
    .from(codes)
    .where(and(inArray(codes.codeSetId, setIds), inArray(codes.code, wanted)));
  for (const r of rows) out.set(`${r.codeSetId} ${r.code}`, r.name);
  return out;
}

// ------------------------------------------------------------------ records

export const RECORD_TABLES = {
  service: services,
  process: processes,
  application: applications,
  infrastructure,
  data_asset: dataAssets,
} as const;

export interface RecordRowOf {
  service: ServiceRow;
  process: ProcessRow;
  application: ApplicationRow;
  infrastructure: InfrastructureRow;
  data_asset: DataAssetRow;
}
export type AnyRecordRow = RecordRowOf[RecordKind];

/** Records of a kind: the approved ones (exports) or all of them (import matching). */
export async function recordsOfKind<K extends RecordKind>(
  tx: Executor,
  kind: K,
  opts: { approvedOnly: boolean },
): Promise<Array<RecordRowOf[K]>> {
  const table = RECORD_TABLES[kind] as typeof services;
  const rows = await tx
    .select()
    .from(table)
    .where(opts.approvedOnly ? eq(table.reviewState, 'approved') : undefined)
    .orderBy(asc(table.name), asc(table.id));
  return rows as unknown as Array<RecordRowOf[K]>;
}

export async function insertRecords<K extends RecordKind>(
  tx: Executor,
  kind: K,
  values: Array<Record<string, unknown>>,
): Promise<Array<RecordRowOf[K]>> {
  const table = RECORD_TABLES[kind] as typeof services;
  const out: Array<RecordRowOf[K]> = [];
  for (let i = 0; i < values.length; i += 500) {
    const rows = await tx
      .insert(table)
      .values(values.slice(i, i + 500) as Array<typeof services.$inferInsert>)
      .returning();
    out.push(...(rows as unknown as Array<RecordRowOf[K]>));
  }
  return out;
}

export async function updateRecord<K extends RecordKind>(
  tx: Executor,
  kind: K,
  id: string,
  values: Record<string, unknown>,
): Promise<RecordRowOf[K]> {
  const table = RECORD_TABLES[kind] as typeof services;
  const [row] = await tx
    .update(table)
    .set(values as Partial<typeof services.$inferInsert>)
    .where(eq(table.id, id))
    .returning();
  return row as unknown as RecordRowOf[K];
}

/** Every relation of the tenant (exports draw and link with them). */
export async function allRelations(tx: Executor): Promise<RelationRow[]> {
  return tx.select().from(relations).orderBy(asc(relations.createdAt), asc(relations.id));
}

/** Every API of the tenant's applications. */
export async function allApis(tx: Executor): Promise<ApplicationApiRow[]> {
  return tx
    .select()
    .from(applicationApis)
    .orderBy(asc(applicationApis.name), asc(applicationApis.version), asc(applicationApis.id));
}

/**
 * Closes the open `create` proposals of records an import approved: the import decided them.
 * Returns the ids of the change requests closed.
 */
export async function approveOpenCreates(
  tx: Executor,
  recordIds: string[],
  review: { reviewedBy: string | null; reviewedByName: string | null },
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < recordIds.length; i += 1000) {
    const rows = await tx
      .update(changeRequests)
      .set({ state: 'approved', ...review, reviewedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          inArray(changeRequests.recordId, recordIds.slice(i, i + 1000)),
          eq(changeRequests.state, 'pending'),
          eq(changeRequests.action, 'create'),
        ),
      )
      .returning({ id: changeRequests.id });
    out.push(...rows.map((r) => r.id));
  }
  return out;
}
