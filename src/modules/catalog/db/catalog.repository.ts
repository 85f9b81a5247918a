import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/database.js';
import {
  applications,
  changeRequests,
  codes,
  dataAssets,
  infrastructure,
  processes,
  relations,
  services,
  type ChangeRequestRow,
  type ProcessRow,
  type RecordKind,
} from './schema.js';

/**
 * The SQL of the registry records and their change requests. RLS narrows every query to the
 * transaction's tenant; the visibility of unapproved records is decided by the service and
 * handed in as `unapprovedAgencies`.
 */

const TABLES = {
  service: services,
  process: processes,
  application: applications,
  infrastructure,
  data_asset: dataAssets,
} as const;

/**
 * Every record table starts with the same columns (recordColumns() in schema.ts); the process
 * table has exactly those. Generic code builds its queries against that shape; drizzle still
 * reads and writes every column of the real table.
 */
type CommonTable = typeof processes;
const table = (kind: RecordKind): CommonTable => TABLES[kind] as unknown as CommonTable;

/** A record of any kind: the shared columns, typed, and the kind's own fields. */
export type RecordRow = ProcessRow & Record<string, unknown>;

export const TABLE_NAMES: Record<RecordKind, string> = {
  service: 'catalog_services',
  process: 'catalog_processes',
  application: 'catalog_applications',
  infrastructure: 'catalog_infrastructure',
  data_asset: 'catalog_data_assets',
};

// ------------------------------------------------------------------ records
export async function findRecord(
  db: Executor,
  kind: RecordKind,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<RecordRow | undefined> {
  const t = table(kind);
  const q = db.select().from(t).where(eq(t.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row as RecordRow | undefined;
}

export async function insertRecord(
  db: Executor,
  kind: RecordKind,
  values: Record<string, unknown>,
): Promise<RecordRow> {
  const [row] = await db
    .insert(table(kind))
    .values(values as CommonTable['$inferInsert'])
    .returning();
  return row as RecordRow;
}

/** Writes the fields given; bumps the version when the registry content changed. */
export async function updateRecord(
  db: Executor,
  kind: RecordKind,
  id: string,
  values: Record<string, unknown>,
  opts: { bumpVersion: boolean },
): Promise<RecordRow> {
  const t = table(kind);
  const [row] = await db
    .update(t)
    .set({
      ...(values as Partial<CommonTable['$inferInsert']>),
      updatedAt: new Date(),
      ...(opts.bumpVersion ? { version: sql`${t.version} + 1` } : {}),
    })
    .where(eq(t.id, id))
    .returning();
  return row as RecordRow;
}

/**
 * Removes a record and the relations that name it (documents and APIs cascade). Returns the ids
 * of the records at the other end of those relations.
 */
export async function deleteRecord(db: Executor, kind: RecordKind, id: string): Promise<string[]> {
  const gone = await db
    .delete(relations)
    .where(or(eq(relations.fromId, id), eq(relations.toId, id)))
    .returning({ fromId: relations.fromId, toId: relations.toId });
  const t = table(kind);
  await db.delete(t).where(eq(t.id, id));
  const related = new Set(gone.map((r) => (r.fromId === id ? r.toId : r.fromId)));
  related.delete(id);
  return [...related];
}

/** Records that refer to this one by a foreign key and would stop a delete. */
export async function recordDependents(
  db: Executor,
  kind: RecordKind,
  id: string,
): Promise<{ field: string; count: number } | null> {
  if (kind === 'application') {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(eq(applications.duplicatesId, id));
    if (r && r.n > 0) return { field: 'duplicatesId', count: r.n };
  }
  if (kind === 'infrastructure') {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(infrastructure)
      .where(eq(infrastructure.parentId, id));
    if (r && r.n > 0) return { field: 'parentId', count: r.n };
  }
  return null;
}

/** The kinds of the infrastructure items directly inside this one. */
export async function childKinds(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ kind: infrastructure.kind })
    .from(infrastructure)
    .where(eq(infrastructure.parentId, id));
  return rows.map((r) => r.kind);
}

/** The name of a cited code, or of its nearest listed ancestor (a local extension). */
export async function codeName(
  db: Executor,
  codeSetId: string,
  chain: string[],
): Promise<string | null> {
  if (chain.length === 0) return null;
  const [row] = await db
    .select({ name: codes.name })
    .from(codes)
    .where(and(eq(codes.codeSetId, codeSetId), inArray(codes.code, chain)))
    .orderBy(desc(codes.level))
    .limit(1);
  return row?.name ?? null;
}

// ------------------------------------------------------------------ lists
/** The fields a list can be faceted and filtered by, per kind, and their columns. */
const FACET_COLUMNS: Record<RecordKind, Record<string, PgColumn>> = {
  service: {
    agencyId: services.agencyId,
    reviewState: services.reviewState,
    kind: services.kind,
    status: services.status,
  },
  process: { agencyId: processes.agencyId, reviewState: processes.reviewState },
  application: {
    agencyId: applications.agencyId,
    reviewState: applications.reviewState,
    kind: applications.kind,
    lifecycle: applications.lifecycle,
    hosting: applications.hosting,
    securityClass: applications.securityClass,
    developer: applications.developer,
    licence: applications.licence,
    hostingCountry: applications.hostingCountry,
  },
  infrastructure: {
    agencyId: infrastructure.agencyId,
    reviewState: infrastructure.reviewState,
    kind: infrastructure.kind,
    status: infrastructure.status,
    country: infrastructure.country,
    managingAgencyId: infrastructure.managingAgencyId,
  },
  data_asset: {
    agencyId: dataAssets.agencyId,
    reviewState: dataAssets.reviewState,
    databaseGroup: dataAssets.databaseGroup,
    classification: dataAssets.classification,
  },
};

export const FACET_FIELDS: Record<RecordKind, readonly string[]> = Object.fromEntries(
  Object.entries(FACET_COLUMNS).map(([k, cols]) => [k, Object.keys(cols)]),
) as unknown as Record<RecordKind, readonly string[]>;

/** Free-text search runs over these (besides name, description and code). */
const SEARCH_COLUMNS: Record<RecordKind, SQL[]> = {
  service: [sql`${services.targetUsers}`, sql`${services.serviceStandard}`],
  process: [],
  application: [
    sql`array_to_string(${applications.urls}, ' ')`,
    sql`${applications.vendorName}`,
    sql`${applications.hostingProvider}`,
    sql`${applications.copyrightHolder}`,
    sql`${applications.repositoryUrl}`,
  ],
  infrastructure: [
    sql`${infrastructure.hostname}`,
    sql`${infrastructure.ipAddress}`,
    sql`${infrastructure.location}`,
    sql`${infrastructure.provider}`,
  ],
  data_asset: [],
};

export const SORTS = ['name', 'updatedAt', 'createdAt', 'refCode'] as const;

export interface RecordListQuery {
  q?: string;
  /** Facet field -> accepted values (any of them). */
  filters: Record<string, string[]>;
  /** A reference code and everything below it. */
  refCode?: string;
  /** Infrastructure inside this item. */
  parentId?: string;
  page: number;
  pageSize: number;
  /** `name`, `-updatedAt`, ... */
  sort: string;
  /** Agencies whose pending and rejected records the caller sees; null: every agency. */
  unapprovedAgencies: string[] | null;
}

export interface Facet {
  value: string;
  count: number;
}

const escapeLike = (q: string) => q.replace(/[%_\\]/g, '\\$&');
const like = (q: string) => `%${escapeLike(q)}%`;

/** The conditions every list query shares: visibility, search, code and parent. */
function baseConditions(kind: RecordKind, q: RecordListQuery): SQL[] {
  const t = table(kind);
  const where: SQL[] = [];
  if (q.unapprovedAgencies !== null) {
    where.push(
      q.unapprovedAgencies.length > 0
        ? or(eq(t.reviewState, 'approved'), inArray(t.agencyId, q.unapprovedAgencies))!
        : eq(t.reviewState, 'approved'),
    );
  }
  if (q.q) {
    const pattern = like(q.q);
    where.push(
      or(
        ilike(t.name, pattern),
        ilike(t.description, pattern),
        ilike(t.refCode, pattern),
        ...SEARCH_COLUMNS[kind].map((c) => sql`${c} ILIKE ${pattern}`),
      )!,
    );
  }
  if (q.refCode) {
    where.push(
      or(eq(t.refCode, q.refCode), sql`${t.refCode} LIKE ${`${escapeLike(q.refCode)}.%`}`)!,
    );
  }
  if (q.parentId && kind === 'infrastructure') where.push(eq(infrastructure.parentId, q.parentId));
  return where;
}

function filterCondition(column: PgColumn, values: string[]): SQL {
  return sql`${column}::text IN (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/**
 * One page of records plus the facets. Two statements: the page, and one pass over the
 * matching rows that counts every facet under the other facets' filters (so a chosen value
 * never hides its alternatives) and the total under all of them.
 */
export async function listRecords(
  db: Executor,
  kind: RecordKind,
  q: RecordListQuery,
): Promise<{ items: RecordRow[]; total: number; facets: Record<string, Facet[]> }> {
  const t = table(kind);
  const columns = FACET_COLUMNS[kind];
  const active = Object.entries(q.filters).filter(
    ([field, values]) => field in columns && values.length > 0,
  );
  const base = baseConditions(kind, q);

  const descending = q.sort.startsWith('-');
  const sortKey = (descending ? q.sort.slice(1) : q.sort) as (typeof SORTS)[number];
  const sortColumn = {
    name: t.name,
    updatedAt: t.updatedAt,
    createdAt: t.createdAt,
    refCode: t.refCode,
  }[sortKey];
  const order = sortColumn
    ? descending
      ? sql`${sortColumn} DESC NULLS LAST`
      : sql`${sortColumn} ASC NULLS LAST`
    : asc(t.name);
  const items = (await db
    .select()
    .from(t)
    .where(and(...base, ...active.map(([f, v]) => filterCondition(columns[f]!, v))))
    .orderBy(order, asc(t.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)) as RecordRow[];

  // The facet pass, one scan: per row, cN is facet N's value and xN whether the row passes
  // every active filter but facet N's own (xa: all of them). Grouping sets (cN, xN) and (xa)
  // count each facet and the total at once; the counts whose x is false are dropped.
  const fields = Object.keys(columns);
  const filterOf = new Map(active);
  const passes = (except: number | null) => {
    const conds = fields
      .map((f, i) => ({ f, i }))
      .filter(({ f, i }) => i !== except && filterOf.has(f))
      .map(({ f }) => filterCondition(columns[f]!, filterOf.get(f)!));
    return conds.length > 0 ? sql`(${sql.join(conds, sql` AND `)})` : sql`true`;
  };
  const c = (i: number) => sql.raw(`c${i}`);
  const x = (i: number) => sql.raw(`x${i}`);
  const projections = fields.map(
    (f, i) => sql`${columns[f]}::text AS ${c(i)}, ${passes(i)} AS ${x(i)}`,
  );
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT ${sql.join(
      fields.map((_, i) => sql`GROUPING(${c(i)}) AS ${sql.raw(`g${i}`)}, ${c(i)}, ${x(i)}`),
      sql`, `,
    )}, xa, count(*)::int AS n
      FROM (SELECT ${sql.join(projections, sql`, `)}, ${passes(null)} AS xa
              FROM ${t} ${base.length > 0 ? sql`WHERE ${and(...base)}` : sql``}) s
     GROUP BY GROUPING SETS (${sql.join(
       fields.map((_, i) => sql`(${c(i)}, ${x(i)})`),
       sql`, `,
     )}, (xa))`);
  let total = 0;
  const facets: Record<string, Facet[]> = Object.fromEntries(fields.map((f) => [f, []]));
  for (const r of result.rows) {
    const i = fields.findIndex((_, k) => Number(r[`g${k}`]) === 0);
    if (i < 0) {
      if (r.xa === true) total = Number(r.n);
    } else if (r[`x${i}`] === true && r[`c${i}`] !== null) {
      facets[fields[i]!]!.push({ value: String(r[`c${i}`]), count: Number(r.n) });
    }
  }
  for (const list of Object.values(facets))
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { items, total, facets };
}

// ------------------------------------------------------------------ change requests
export type ChangeState = ChangeRequestRow['state'];

export async function insertChange(
  db: Executor,
  values: typeof changeRequests.$inferInsert,
): Promise<ChangeRequestRow> {
  const [row] = await db.insert(changeRequests).values(values).returning();
  return row!;
}

export async function updateChange(
  db: Executor,
  id: string,
  values: Partial<typeof changeRequests.$inferInsert>,
): Promise<ChangeRequestRow> {
  const [row] = await db
    .update(changeRequests)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(changeRequests.id, id))
    .returning();
  return row!;
}

export async function findChange(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ChangeRequestRow | undefined> {
  const q = db.select().from(changeRequests).where(eq(changeRequests.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** The open (pending) change request of a record, if any. */
export async function findOpenChange(
  db: Executor,
  recordId: string,
): Promise<ChangeRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.recordId, recordId), eq(changeRequests.state, 'pending')))
    .orderBy(desc(changeRequests.createdAt))
    .limit(1);
  return row;
}

/** Closes every open change request of a record except one (the record went away). */
export async function closeOpenChanges(
  db: Executor,
  recordId: string,
  values: Partial<typeof changeRequests.$inferInsert> & { state: ChangeState },
  exceptId?: string,
): Promise<void> {
  await db
    .update(changeRequests)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(changeRequests.recordId, recordId),
        eq(changeRequests.state, 'pending'),
        exceptId ? ne(changeRequests.id, exceptId) : undefined,
      ),
    );
}

export interface ChangeListQuery {
  state?: ChangeState;
  agencyId?: string;
  recordId?: string;
  kind?: RecordKind;
  page: number;
  pageSize: number;
  /** Agencies whose change requests the caller sees; null: every agency. */
  agencyIds: string[] | null;
}

/** A change request with the current name and version of its record (null once it is gone). */
export type ChangeListRow = ChangeRequestRow & {
  recordName: string | null;
  recordVersion: number | null;
};

const RECORD_NAME = sql<string | null>`coalesce(
  (SELECT name FROM catalog_services r WHERE r.id = ${changeRequests.recordId}),
  (SELECT name FROM catalog_processes r WHERE r.id = ${changeRequests.recordId}),
  (SELECT name FROM catalog_applications r WHERE r.id = ${changeRequests.recordId}),
  (SELECT name FROM catalog_infrastructure r WHERE r.id = ${changeRequests.recordId}),
  (SELECT name FROM catalog_data_assets r WHERE r.id = ${changeRequests.recordId}),
  ${changeRequests.changes} ->> 'name')`;
const RECORD_VERSION = sql<number | null>`coalesce(
  (SELECT version FROM catalog_services r WHERE r.id = ${changeRequests.recordId}),
  (SELECT version FROM catalog_processes r WHERE r.id = ${changeRequests.recordId}),
  (SELECT version FROM catalog_applications r WHERE r.id = ${changeRequests.recordId}),
  (SELECT version FROM catalog_infrastructure r WHERE r.id = ${changeRequests.recordId}),
  (SELECT version FROM catalog_data_assets r WHERE r.id = ${changeRequests.recordId}))`;

function changeFilter(q: Omit<ChangeListQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: SQL[] = [];
  if (q.state) where.push(eq(changeRequests.state, q.state));
  if (q.agencyId) where.push(eq(changeRequests.agencyId, q.agencyId));
  if (q.recordId) where.push(eq(changeRequests.recordId, q.recordId));
  if (q.kind) where.push(eq(changeRequests.recordKind, q.kind));
  if (q.agencyIds !== null)
    where.push(q.agencyIds.length ? inArray(changeRequests.agencyId, q.agencyIds) : sql`false`);
  return and(...where);
}

export async function listChanges(
  db: Executor,
  q: ChangeListQuery,
): Promise<{ items: ChangeListRow[]; total: number }> {
  const where = changeFilter(q);
  const rows = await db
    .select({
      change: changeRequests,
      recordName: RECORD_NAME,
      recordVersion: RECORD_VERSION,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(changeRequests)
    .where(where)
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const [c] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(changeRequests)
      .where(where);
    total = c?.n ?? 0;
  }
  return {
    items: rows.map((r) => ({
      ...r.change,
      recordName: r.recordName,
      recordVersion: r.recordVersion === null ? null : Number(r.recordVersion),
    })),
    total,
  };
}

export async function findChangeView(db: Executor, id: string): Promise<ChangeListRow | undefined> {
  const [r] = await db
    .select({ change: changeRequests, recordName: RECORD_NAME, recordVersion: RECORD_VERSION })
    .from(changeRequests)
    .where(eq(changeRequests.id, id));
  if (!r) return undefined;
  return {
    ...r.change,
    recordName: r.recordName,
    recordVersion: r.recordVersion === null ? null : Number(r.recordVersion),
  };
}
