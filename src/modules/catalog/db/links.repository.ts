import { and, asc, eq, or } from 'drizzle-orm';
import { preparedQuery, type Executor } from '../../../platform/db/database.js';
import {
  applicationApis,
  applicationDocuments,
  applications,
  dataAssets,
  infrastructure,
  processes,
  relations,
  services,
  type ApplicationApiRow,
  type ApplicationDocumentRow,
  type DocumentKind,
  type RecordKind,
  type RelationRow,
  type ReviewState,
} from './schema.js';

/**
 * All SQL of what hangs off registry records: documents, APIs, relations, the relations graph
 * and the overview counts. RLS narrows every statement to the transaction's tenant.
 */

/** What links need to know of a record: who owns it, what it is called, whether it is approved. */
export interface RecordHead {
  kind: RecordKind;
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
  reviewState: ReviewState;
}

const RECORD_TABLES = {
  service: services,
  process: processes,
  application: applications,
  infrastructure,
  data_asset: dataAssets,
} as const;

const TABLE_NAMES: Record<RecordKind, string> = {
  service: 'catalog_services',
  process: 'catalog_processes',
  application: 'catalog_applications',
  infrastructure: 'catalog_infrastructure',
  data_asset: 'catalog_data_assets',
};

export async function findRecordHead(
  db: Executor,
  kind: RecordKind,
  id: string,
): Promise<RecordHead | undefined> {
  const t = RECORD_TABLES[kind];
  const [row] = await db
    .select({
      id: t.id,
      agencyId: t.agencyId,
      name: t.name,
      refCode: t.refCode,
      reviewState: t.reviewState,
    })
    .from(t)
    .where(eq(t.id, id));
  return row ? { kind, ...row } : undefined;
}

const RECORD_HEADS = Object.entries(TABLE_NAMES)
  .map(
    ([kind, table]) =>
      `SELECT '${kind}' AS kind, id, agency_id AS "agencyId", name, ref_code AS "refCode",
              review_state AS "reviewState"
         FROM ${table} WHERE id = ANY ($1::uuid[])`,
  )
  .join('\n UNION ALL ');

/** The heads of many records of any kind, in one statement; unknown ids are left out. */
export async function findRecordHeads(db: Executor, ids: string[]): Promise<RecordHead[]> {
  if (ids.length === 0) return [];
  return preparedQuery<RecordHead & Record<string, unknown>>(
    db,
    'catalog_record_heads',
    RECORD_HEADS,
    [ids],
  );
}

// ---------------------------------------------------------------- documents
export async function listDocuments(
  db: Executor,
  applicationId: string,
): Promise<ApplicationDocumentRow[]> {
  return db
    .select()
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, applicationId));
}

export async function findDocument(
  db: Executor,
  applicationId: string,
  kind: DocumentKind,
): Promise<ApplicationDocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(applicationDocuments)
    .where(
      and(
        eq(applicationDocuments.applicationId, applicationId),
        eq(applicationDocuments.kind, kind),
      ),
    );
  return row;
}

/** Stores a document; a second delivery of the same kind replaces the first (one row per kind). */
export async function upsertDocument(
  db: Executor,
  values: typeof applicationDocuments.$inferInsert,
): Promise<ApplicationDocumentRow> {
  const { tenantId: _tenant, applicationId: _app, kind: _kind, ...changed } = values;
  const [row] = await db
    .insert(applicationDocuments)
    .values(values)
    .onConflictDoUpdate({
      target: [
        applicationDocuments.tenantId,
        applicationDocuments.applicationId,
        applicationDocuments.kind,
      ],
      set: changed,
    })
    .returning();
  return row!;
}

export async function deleteDocument(
  db: Executor,
  applicationId: string,
  kind: DocumentKind,
): Promise<void> {
  await db
    .delete(applicationDocuments)
    .where(
      and(
        eq(applicationDocuments.applicationId, applicationId),
        eq(applicationDocuments.kind, kind),
      ),
    );
}

// ---------------------------------------------------------------- APIs
export async function listApis(db: Executor, applicationId: string): Promise<ApplicationApiRow[]> {
  return db
    .select()
    .from(applicationApis)
    .where(eq(applicationApis.applicationId, applicationId))
    .orderBy(asc(applicationApis.name), asc(applicationApis.version));
}

export async function findApi(db: Executor, id: string): Promise<ApplicationApiRow | undefined> {
  const [row] = await db.select().from(applicationApis).where(eq(applicationApis.id, id));
  return row;
}

export async function insertApi(
  db: Executor,
  values: typeof applicationApis.$inferInsert,
): Promise<ApplicationApiRow> {
  const [row] = await db.insert(applicationApis).values(values).returning();
  return row!;
}

export async function updateApi(
  db: Executor,
  id: string,
  values: Partial<typeof applicationApis.$inferInsert>,
): Promise<ApplicationApiRow | undefined> {
  const [row] = await db
    .update(applicationApis)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(applicationApis.id, id))
    .returning();
  return row;
}

/** Removes an API; relations that named it keep the call but forget the API. */
export async function deleteApi(db: Executor, id: string): Promise<void> {
  await db.update(relations).set({ apiId: null }).where(eq(relations.apiId, id));
  await db.delete(applicationApis).where(eq(applicationApis.id, id));
}

// ---------------------------------------------------------------- relations
export async function listRelationsOf(db: Executor, recordId: string): Promise<RelationRow[]> {
  return db
    .select()
    .from(relations)
    .where(or(eq(relations.fromId, recordId), eq(relations.toId, recordId)))
    .orderBy(asc(relations.type), asc(relations.createdAt), asc(relations.id));
}

export async function findRelation(db: Executor, id: string): Promise<RelationRow | undefined> {
  const [row] = await db.select().from(relations).where(eq(relations.id, id));
  return row;
}

export async function insertRelation(
  db: Executor,
  values: typeof relations.$inferInsert,
): Promise<RelationRow> {
  const [row] = await db.insert(relations).values(values).returning();
  return row!;
}

export async function deleteRelation(db: Executor, id: string): Promise<void> {
  await db.delete(relations).where(eq(relations.id, id));
}

export interface GraphEdge extends Record<string, unknown> {
  id: string;
  type: RelationRow['type'];
  fromKind: RecordKind;
  fromId: string;
  toKind: RecordKind;
  toId: string;
  apiId: string | null;
}

const RELATIONS_TOUCHING = `
  SELECT id, type, from_kind AS "fromKind", from_id AS "fromId", to_kind AS "toKind",
         to_id AS "toId", api_id AS "apiId"
    FROM catalog_relations
   WHERE from_id = ANY ($1::uuid[]) OR to_id = ANY ($1::uuid[])
   ORDER BY created_at, id
   LIMIT $2`;

/** Relations with either end among the given records: one ring of the graph's breadth-first walk. */
export async function relationsTouching(
  db: Executor,
  ids: string[],
  limit: number,
): Promise<GraphEdge[]> {
  if (ids.length === 0) return [];
  return preparedQuery<GraphEdge>(db, 'catalog_relations_touching', RELATIONS_TOUCHING, [
    ids,
    limit,
  ]);
}

// ---------------------------------------------------------------- overview
/** Per domain, the columns the overview charts count approved records by. */
export const OVERVIEW_FACETS = {
  service: { table: 'catalog_services', facets: { kind: 'kind', status: 'status' } },
  process: { table: 'catalog_processes', facets: {} },
  application: {
    table: 'catalog_applications',
    facets: {
      kind: 'kind',
      lifecycle: 'lifecycle',
      hosting: 'hosting',
      securityClass: 'security_class',
      developer: 'developer',
      licence: 'licence',
    },
  },
  infrastructure: { table: 'catalog_infrastructure', facets: { kind: 'kind' } },
  data_asset: {
    table: 'catalog_data_assets',
    facets: { databaseGroup: 'database_group', classification: 'classification' },
  },
} as const satisfies Record<RecordKind, { table: string; facets: Record<string, string> }>;

/**
 * One scan per table: GROUPING SETS counts by agency and by each facet column at once; the
 * grouped column is the only non-NULL one of a row, so COALESCE picks its value. The columns are
 * this file's constants, never input.
 */
const OVERVIEW = [
  ...Object.entries(OVERVIEW_FACETS).map(([domain, { table, facets }]) => {
    const columns: Array<[string, string]> = [['agency', 'agency_id'], ...Object.entries(facets)];
    const facet = columns.map(([name, col]) => `WHEN GROUPING(${col}) = 0 THEN '${name}'`);
    return `SELECT '${domain}' AS domain, CASE ${facet.join(' ')} END AS facet,
                   COALESCE(${columns.map(([, col]) => `${col}::text`).join(', ')}) AS value,
                   count(*)::int AS n
              FROM ${table}
             WHERE review_state = 'approved'
             GROUP BY GROUPING SETS (${columns.map(([, col]) => `(${col})`).join(', ')})`;
  }),
  `SELECT 'changes' AS domain, 'state' AS facet, 'pending' AS value, count(*)::int AS n
     FROM catalog_change_requests WHERE state = 'pending'`,
].join('\n UNION ALL ');

export interface OverviewCount extends Record<string, unknown> {
  domain: RecordKind | 'changes';
  facet: string;
  value: string;
  n: number;
}

export async function overviewCounts(db: Executor): Promise<OverviewCount[]> {
  return preparedQuery<OverviewCount>(db, 'catalog_overview', OVERVIEW, []);
}
