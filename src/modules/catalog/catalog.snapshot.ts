import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type {
  APPLICATION_KINDS,
  ASSESSMENT_RESULTS,
  DATA_CLASSIFICATIONS,
  DATABASE_GROUPS,
  DEVELOPERS,
  DocumentKind,
  HOSTINGS,
  INFRA_KINDS,
  LICENCE_KINDS,
  LIFECYCLES,
  RelationType,
  SECURITY_CLASSES,
  SERVICE_KINDS,
  SERVICE_STATUSES,
} from './db/schema.js';

/** A transaction has one connection, which runs one statement at a time: these run in turn. */
async function inTurn<T extends unknown[]>(
  ...fns: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const out: unknown[] = [];
  for (const fn of fns) out.push(await fn());
  return out as T;
}

/** The document kinds (hand-over deliverables and justifications) the rules ask about. */
export { DELIVERABLE_KINDS, DOCUMENT_KINDS } from './db/schema.js';
export type { DocumentKind } from './db/schema.js';

/*
 * Bulk readers of the approved registry for the compliance rules: every kind in one set-based
 * query each, with the documents present, the API count and the relations. Read-only; lives
 * here because the catalog owns these tables.
 */

export interface SnapService {
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
  kind: (typeof SERVICE_KINDS)[number];
  status: (typeof SERVICE_STATUSES)[number];
  channels: string[];
}

export interface SnapProcess {
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
}

export interface SnapApplication {
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
  kind: (typeof APPLICATION_KINDS)[number];
  developer: (typeof DEVELOPERS)[number];
  vendorName: string | null;
  contractRef: string | null;
  licence: (typeof LICENCE_KINDS)[number];
  licenceName: string | null;
  repositoryUrl: string | null;
  copyrightHolder: string | null;
  hosting: (typeof HOSTINGS)[number];
  hostingCountry: string;
  hostingProvider: string | null;
  providerIndonesianEntity: boolean | null;
  urls: string[];
  ssoClientId: string | null;
  securityClass: (typeof SECURITY_CLASSES)[number];
  lifecycle: (typeof LIFECYCLES)[number];
  /** YYYY-MM-DD */
  assessedAt: string | null;
  assessmentResult: (typeof ASSESSMENT_RESULTS)[number] | null;
  duplicatesId: string | null;
  ranBeforeShared: boolean | null;
  /** The document kinds present (a stored file or a link). */
  documents: DocumentKind[];
  apiCount: number;
}

export interface SnapInfrastructure {
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
  kind: (typeof INFRA_KINDS)[number];
  parentId: string | null;
  country: string;
  managingAgencyId: string;
  provider: string | null;
  status: 'active' | 'retired';
}

export interface SnapDataAsset {
  id: string;
  agencyId: string;
  name: string;
  refCode: string | null;
  databaseGroup: (typeof DATABASE_GROUPS)[number];
  stewardEmployeeId: string | null;
  classification: (typeof DATA_CLASSIFICATIONS)[number];
}

export interface SnapRelation {
  type: RelationType;
  fromId: string;
  toId: string;
}

export interface CatalogSnapshot {
  services: SnapService[];
  processes: SnapProcess[];
  applications: SnapApplication[];
  infrastructure: SnapInfrastructure[];
  dataAssets: SnapDataAsset[];
  relations: SnapRelation[];
  /**
   * For a partial load: the records whose verdicts may have changed (the records asked for,
   * their relation neighbours and the infrastructure under them). The other records are only
   * context. Null for a full load: everything is a subject.
   */
  subjects: Set<string> | null;
}

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** `WHERE` for a kind: everything approved, or only these ids. */
function scope(ids: readonly string[] | null) {
  return ids ? sql`AND id = ANY(${uuidArray(ids)})` : sql``;
}

async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = await db.execute(query);
  return r.rows as T[];
}

async function loadKinds(db: Executor, ids: readonly string[] | null) {
  const [services, processes, applications, infrastructure, dataAssets] = await inTurn(
    () =>
      rows<SnapService>(
        db,
        sql`SELECT id, agency_id AS "agencyId", name, ref_code AS "refCode", kind, status, channels
          FROM catalog_services WHERE review_state = 'approved' ${scope(ids)}`,
      ),
    () =>
      rows<SnapProcess>(
        db,
        sql`SELECT id, agency_id AS "agencyId", name, ref_code AS "refCode"
          FROM catalog_processes WHERE review_state = 'approved' ${scope(ids)}`,
      ),
    () =>
      rows<SnapApplication>(
        db,
        sql`SELECT a.id, a.agency_id AS "agencyId", a.name, a.ref_code AS "refCode", a.kind,
                 a.developer, a.vendor_name AS "vendorName", a.contract_ref AS "contractRef",
                 a.licence, a.licence_name AS "licenceName", a.repository_url AS "repositoryUrl",
                 a.copyright_holder AS "copyrightHolder", a.hosting,
                 a.hosting_country AS "hostingCountry", a.hosting_provider AS "hostingProvider",
                 a.provider_indonesian_entity AS "providerIndonesianEntity", a.urls,
                 a.sso_client_id AS "ssoClientId", a.security_class AS "securityClass",
                 a.lifecycle, to_char(a.assessed_at, 'YYYY-MM-DD') AS "assessedAt",
                 a.assessment_result AS "assessmentResult", a.duplicates_id AS "duplicatesId",
                 a.ran_before_shared AS "ranBeforeShared",
                 ${
                   ids
                     ? sql`coalesce((SELECT array_agg(d.kind) FROM catalog_application_documents d
                                     WHERE d.application_id = a.id), '{}') AS documents,
                           (SELECT count(*) FROM catalog_application_apis p
                            WHERE p.application_id = a.id)::int AS "apiCount"
                           FROM catalog_applications a`
                     : sql`coalesce(d.kinds, '{}') AS documents, coalesce(p.n, 0)::int AS "apiCount"
                           FROM catalog_applications a
                           LEFT JOIN (SELECT application_id, array_agg(kind) AS kinds
                                      FROM catalog_application_documents GROUP BY application_id) d
                                  ON d.application_id = a.id
                           LEFT JOIN (SELECT application_id, count(*) AS n
                                      FROM catalog_application_apis GROUP BY application_id) p
                                  ON p.application_id = a.id`
                 }
          WHERE a.review_state = 'approved' ${ids ? sql`AND a.id = ANY(${uuidArray(ids)})` : sql``}`,
      ),
    () =>
      rows<SnapInfrastructure>(
        db,
        sql`SELECT id, agency_id AS "agencyId", name, ref_code AS "refCode", kind,
                 parent_id AS "parentId", country, managing_agency_id AS "managingAgencyId",
                 provider, status
          FROM catalog_infrastructure WHERE review_state = 'approved' ${scope(ids)}`,
      ),
    () =>
      rows<SnapDataAsset>(
        db,
        sql`SELECT id, agency_id AS "agencyId", name, ref_code AS "refCode",
                 database_group AS "databaseGroup", steward_employee_id AS "stewardEmployeeId",
                 classification
          FROM catalog_data_assets WHERE review_state = 'approved' ${scope(ids)}`,
      ),
  );
  return { services, processes, applications, infrastructure, dataAssets };
}

/**
 * The relations whose two ends are both approved records (both loaded). A relation from or to a
 * pending or rejected record is not part of the approved registry: it must not make an approved
 * record pass a rule (an agency could otherwise clear another agency's findings with a proposal
 * nobody reviewed) nor fail one.
 */
function betweenApproved(
  kinds: Awaited<ReturnType<typeof loadKinds>>,
  relations: SnapRelation[],
): SnapRelation[] {
  const approved = new Set<string>();
  for (const list of Object.values(kinds)) for (const r of list) approved.add(r.id);
  return relations.filter((r) => approved.has(r.fromId) && approved.has(r.toId));
}

type KindedRelation = SnapRelation & { fromKind: string; toKind: string };

function relationsTouching(db: Executor, ids: readonly string[]) {
  return rows<KindedRelation>(
    db,
    sql`SELECT type, from_id AS "fromId", to_id AS "toId", from_kind AS "fromKind",
               to_kind AS "toKind"
        FROM catalog_relations
        WHERE from_id = ANY(${uuidArray(ids)}) OR to_id = ANY(${uuidArray(ids)})`,
  );
}

/** The infrastructure ids a set of relations names. */
function infraIds(relations: readonly KindedRelation[]): string[] {
  const out: string[] = [];
  for (const r of relations) {
    if (r.fromKind === 'infrastructure') out.push(r.fromId);
    if (r.toKind === 'infrastructure') out.push(r.toId);
  }
  return out;
}

/**
 * The approved registry. Without options: all of it. With `recordIds` (or `agencyIds`: every
 * record an agency owns or manages): those records, whatever they relate to, and the
 * infrastructure above and below them; `subjects` then says which records to re-evaluate.
 */
export async function loadCatalogSnapshot(
  db: Executor,
  opts: {
    recordIds?: readonly string[];
    agencyIds?: readonly string[];
    /** The kind of `recordIds`, when known: spares the infrastructure walks for other kinds. */
    kind?: string;
  } = {},
): Promise<CatalogSnapshot> {
  if (!opts.recordIds && !opts.agencyIds) {
    const [kinds, relations] = await inTurn(
      () => loadKinds(db, null),
      () =>
        rows<SnapRelation>(
          db,
          sql`SELECT type, from_id AS "fromId", to_id AS "toId" FROM catalog_relations`,
        ),
    );
    return { ...kinds, relations: betweenApproved(kinds, relations), subjects: null };
  }

  let ids = [...(opts.recordIds ?? [])];
  if (opts.agencyIds?.length) {
    const agencies = uuidArray(opts.agencyIds);
    const owned = await rows<{ id: string }>(
      db,
      sql`SELECT id FROM catalog_services WHERE agency_id = ANY(${agencies})
          UNION ALL SELECT id FROM catalog_processes WHERE agency_id = ANY(${agencies})
          UNION ALL SELECT id FROM catalog_applications WHERE agency_id = ANY(${agencies})
          UNION ALL SELECT id FROM catalog_infrastructure
                    WHERE agency_id = ANY(${agencies}) OR managing_agency_id = ANY(${agencies})
          UNION ALL SELECT id FROM catalog_data_assets WHERE agency_id = ANY(${agencies})`,
    );
    ids.push(...owned.map((r) => r.id));
  }
  ids = [...new Set(ids)];
  if (ids.length === 0) {
    return {
      services: [],
      processes: [],
      applications: [],
      infrastructure: [],
      dataAssets: [],
      relations: [],
      subjects: new Set(),
    };
  }

  // Subjects: the records, their relation neighbours, and the infrastructure below them.
  const mayBeInfra = !opts.kind || opts.kind === 'infrastructure' || !!opts.agencyIds?.length;
  const near = await relationsTouching(db, ids);
  const below = mayBeInfra
    ? await rows<{ id: string }>(
        db,
        sql`WITH RECURSIVE down AS (
              SELECT id FROM catalog_infrastructure WHERE parent_id = ANY(${uuidArray(ids)})
              UNION SELECT c.id FROM catalog_infrastructure c JOIN down ON c.parent_id = down.id)
            SELECT id FROM down`,
      )
    : [];
  const subjects = new Set(ids);
  for (const r of near) subjects.add(r.fromId).add(r.toId);
  for (const r of below) subjects.add(r.id);

  // Context: what the subjects relate to, and the infrastructure above them.
  const subjectIds = [...subjects];
  const relations = await relationsTouching(db, subjectIds);
  const infra = new Set([...infraIds(near), ...below.map((r) => r.id)]);
  if (mayBeInfra) for (const id of ids) infra.add(id);
  const above = infra.size
    ? await rows<{ id: string }>(
        db,
        sql`WITH RECURSIVE up AS (
              SELECT parent_id AS id FROM catalog_infrastructure
              WHERE id = ANY(${uuidArray([...infra])}) AND parent_id IS NOT NULL
              UNION SELECT p.parent_id FROM catalog_infrastructure p JOIN up ON p.id = up.id
              WHERE p.parent_id IS NOT NULL)
            SELECT id FROM up`,
      )
    : [];
  const context = new Set(subjects);
  for (const r of relations) context.add(r.fromId).add(r.toId);
  for (const r of above) context.add(r.id);
  const kinds = await loadKinds(db, [...context]);
  return {
    ...kinds,
    relations: betweenApproved(
      kinds,
      relations.map(({ type, fromId, toId }) => ({ type, fromId, toId })),
    ),
    subjects,
  };
}
