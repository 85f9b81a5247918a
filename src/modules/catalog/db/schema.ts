import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns, tenantIsolation, timestamps } from '../../../platform/db/tenant-table.js';
import { agencies } from '../../org/db/schema.js';

/*
 * The SPBE architecture registry (Perbup Batang 50/2019 art. 3-19). Every record belongs to an
 * owner agency, cites a reference-architecture code together with the code-set version it was
 * taken from, and carries a review state: agency operators propose, the ICT office approves.
 */

/** The six reference-architecture prefixes of Perpres 95/2018 and 132/2022. */
export const CODE_PREFIXES = ['RAB', 'RAD', 'RAL', 'RAA', 'RAI', 'RAK'] as const;
export type CodePrefix = (typeof CODE_PREFIXES)[number];

/** A version of one reference code set, e.g. RAL "Perpres 132/2022 (2020-2024)". */
export const codeSets = pgTable(
  'catalog_code_sets',
  {
    ...tenantColumns,
    prefix: text('prefix', { enum: CODE_PREFIXES }).notNull(),
    version: text('version').notNull(),
    source: text('source').notNull(),
    /** The version new records cite; exactly one per prefix. */
    current: boolean('current').notNull().default(false),
    codeCount: integer('code_count').notNull().default(0),
    loadedBy: uuid('loaded_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('catalog_code_sets_version').on(t.tenantId, t.prefix, t.version),
    uniqueIndex('catalog_code_sets_current')
      .on(t.tenantId, t.prefix)
      .where(sql`${t.current}`),
    uniqueIndex('catalog_code_sets_tenant_id').on(t.tenantId, t.id),
    tenantIsolation('catalog_code_sets'),
  ],
).enableRLS();

/** One code of a code set: `RAL.01.23 Kependudukan`, with its parent code and depth. */
export const codes = pgTable(
  'catalog_codes',
  {
    ...tenantColumns,
    codeSetId: uuid('code_set_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    level: integer('level').notNull(),
    description: text('description'),
  },
  (t) => [
    uniqueIndex('catalog_codes_set_code').on(t.tenantId, t.codeSetId, t.code),
    foreignKey({
      name: 'catalog_codes_set_fk',
      columns: [t.tenantId, t.codeSetId],
      foreignColumns: [codeSets.tenantId, codeSets.id],
    }).onDelete('cascade'),
    tenantIsolation('catalog_codes'),
  ],
).enableRLS();

/** Review state of a registry record: proposed by an agency, decided by the ICT office. */
export const REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Columns every registry record shares. */
function recordColumns() {
  return {
    ...tenantColumns,
    agencyId: uuid('agency_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** The reference-architecture code this record cites, and the code-set version it came from. */
    refCode: text('ref_code'),
    refCodeSetId: uuid('ref_code_set_id'),
    reviewState: text('review_state', { enum: REVIEW_STATES }).notNull().default('pending'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    ...timestamps,
  };
}

export const SERVICE_KINDS = ['administrative', 'public'] as const;
export const SERVICE_STATUSES = ['planned', 'active', 'retired'] as const;
export const SERVICE_CHANNELS = [
  'web',
  'mobile',
  'counter',
  'api',
  'kiosk',
  'phone',
  'email',
] as const;

/** Layanan SPBE (RAL). */
export const services = pgTable(
  'catalog_services',
  {
    ...recordColumns(),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    targetUsers: text('target_users').notNull(),
    channels: text('channels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The service standard (standar pelayanan): a reference or a URL. */
    serviceStandard: text('service_standard'),
    status: text('status', { enum: SERVICE_STATUSES }).notNull().default('active'),
  },
  (t) => [
    uniqueIndex('catalog_services_tenant_id').on(t.tenantId, t.id),
    index('catalog_services_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'catalog_services_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    tenantIsolation('catalog_services'),
  ],
).enableRLS();

/** Proses bisnis (RAB). */
export const processes = pgTable(
  'catalog_processes',
  {
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex('catalog_processes_tenant_id').on(t.tenantId, t.id),
    index('catalog_processes_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'catalog_processes_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    tenantIsolation('catalog_processes'),
  ],
).enableRLS();

export const APPLICATION_KINDS = ['shared', 'specific'] as const;
export const DEVELOPERS = ['in_house', 'vendor', 'national'] as const;
export const LICENCE_KINDS = ['open', 'closed'] as const;
export const HOSTINGS = [
  'regional_dc',
  'national_dc',
  'other_government',
  'commercial_cloud',
  'external',
] as const;
export const SECURITY_CLASSES = ['B', 'T', 'R', 'SR'] as const;
export const LIFECYCLES = ['planned', 'development', 'production', 'retired'] as const;
export const ASSESSMENT_RESULTS = ['passed', 'passed_with_notes', 'failed'] as const;

/** Aplikasi SPBE (RAA): shared (umum) or specific (khusus). */
export const applications = pgTable(
  'catalog_applications',
  {
    ...recordColumns(),
    kind: text('kind', { enum: APPLICATION_KINDS }).notNull(),
    developer: text('developer', { enum: DEVELOPERS }).notNull(),
    vendorName: text('vendor_name'),
    contractRef: text('contract_ref'),
    licence: text('licence', { enum: LICENCE_KINDS }).notNull(),
    licenceName: text('licence_name'),
    repositoryUrl: text('repository_url'),
    copyrightHolder: text('copyright_holder'),
    hosting: text('hosting', { enum: HOSTINGS }).notNull(),
    hostingCountry: text('hosting_country').notNull().default('ID'),
    hostingProvider: text('hosting_provider'),
    /** Whether the hosting provider is an Indonesian legal entity (badan hukum Indonesia). */
    providerIndonesianEntity: boolean('provider_indonesian_entity'),
    urls: text('urls')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The SSO client (identity module) the application signs in with. */
    ssoClientId: text('sso_client_id'),
    securityClass: text('security_class', { enum: SECURITY_CLASSES }).notNull().default('T'),
    lifecycle: text('lifecycle', { enum: LIFECYCLES }).notNull(),
    assessedAt: date('assessed_at'),
    assessmentResult: text('assessment_result', { enum: ASSESSMENT_RESULTS }),
    /** For a look-alike of a shared application: the application it duplicates. */
    duplicatesId: uuid('duplicates_id'),
    /** For a look-alike: whether it ran before the shared application was provided. */
    ranBeforeShared: boolean('ran_before_shared'),
  },
  (t) => [
    uniqueIndex('catalog_applications_tenant_id').on(t.tenantId, t.id),
    index('catalog_applications_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'catalog_applications_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    foreignKey({
      name: 'catalog_applications_duplicates_fk',
      columns: [t.tenantId, t.duplicatesId],
      foreignColumns: [t.tenantId, t.id],
    }),
    tenantIsolation('catalog_applications'),
  ],
).enableRLS();

export const INFRA_KINDS = [
  'data_center',
  'recovery_center',
  'room',
  'rack',
  'server',
  'virtual_machine',
  'network_device',
  'cloud_service',
] as const;

/** Infrastruktur SPBE (RAI): facilities, machines, network devices and cloud services. */
export const infrastructure = pgTable(
  'catalog_infrastructure',
  {
    ...recordColumns(),
    kind: text('kind', { enum: INFRA_KINDS }).notNull(),
    /** The room of a rack, the rack of a server, the server of a virtual machine. */
    parentId: uuid('parent_id'),
    location: text('location'),
    country: text('country').notNull().default('ID'),
    /** The owner is agencyId; the managing agency may differ (the ICT office runs most). */
    managingAgencyId: uuid('managing_agency_id').notNull(),
    provider: text('provider'),
    hostname: text('hostname'),
    ipAddress: text('ip_address'),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
  },
  (t) => [
    uniqueIndex('catalog_infrastructure_tenant_id').on(t.tenantId, t.id),
    index('catalog_infrastructure_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'catalog_infrastructure_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    foreignKey({
      name: 'catalog_infrastructure_managing_fk',
      columns: [t.tenantId, t.managingAgencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    foreignKey({
      name: 'catalog_infrastructure_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    tenantIsolation('catalog_infrastructure'),
  ],
).enableRLS();

/** The 19 database groups of Perbup Batang Hari 19/2017 art. 11(3). */
export const DATABASE_GROUPS = [
  'services',
  'administration',
  'legislation',
  'development',
  'finance',
  'staffing',
  'government',
  'territory',
  'society',
  'population',
  'health',
  'labour',
  'agriculture',
  'trade',
  'fisheries_livestock',
  'transport',
  'tourism',
  'infrastructure',
  'supervision',
] as const;
/** Sifat data: open (terbuka), limited (terbatas), closed (tertutup). */
export const DATA_CLASSIFICATIONS = ['open', 'limited', 'closed'] as const;

/** Aset data (RAD). */
export const dataAssets = pgTable(
  'catalog_data_assets',
  {
    ...recordColumns(),
    databaseGroup: text('database_group', { enum: DATABASE_GROUPS }).notNull(),
    /** The data steward (Walidata): an employee of the org module. */
    stewardEmployeeId: uuid('steward_employee_id'),
    classification: text('classification', { enum: DATA_CLASSIFICATIONS }).notNull(),
  },
  (t) => [
    uniqueIndex('catalog_data_assets_tenant_id').on(t.tenantId, t.id),
    index('catalog_data_assets_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'catalog_data_assets_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    tenantIsolation('catalog_data_assets'),
  ],
).enableRLS();

/** An API an application offers, with its OpenAPI document (a stored file or a URL). */
export const applicationApis = pgTable(
  'catalog_application_apis',
  {
    ...tenantColumns,
    applicationId: uuid('application_id').notNull(),
    name: text('name').notNull(),
    version: text('version').notNull().default('v1'),
    baseUrl: text('base_url'),
    openapiUrl: text('openapi_url'),
    openapiSha256: text('openapi_sha256'),
    description: text('description'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('catalog_application_apis_name').on(t.tenantId, t.applicationId, t.name, t.version),
    uniqueIndex('catalog_application_apis_tenant_id').on(t.tenantId, t.id),
    foreignKey({
      name: 'catalog_application_apis_app_fk',
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [applications.tenantId, applications.id],
    }).onDelete('cascade'),
    tenantIsolation('catalog_application_apis'),
  ],
).enableRLS();

/** The hand-over documents (BHR17 art.13(3), BTM19 art.13(6), PBG19 art.10(2)). */
export const DELIVERABLE_KINDS = [
  'source_code',
  'requirements',
  'application_design',
  'database_design',
  'test',
  'installation_manual',
  'user_manual',
  'admin_manual',
  'metadata',
  'troubleshooting',
] as const;
/** Documents that justify a decision (BTG19 art.17-19, BTM19 art.15, 17(3)). */
export const JUSTIFICATION_KINDS = [
  'cost_benefit_study',
  'business_process_alignment',
  'minister_consideration',
  'closed_source_consideration',
  'kemenpanrb_consideration',
  'hosting_guarantee',
  'assessment_report',
] as const;
export const DOCUMENT_KINDS = [...DELIVERABLE_KINDS, ...JUSTIFICATION_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** One document of an application: a stored file (sha256 in storage) or a link. */
export const applicationDocuments = pgTable(
  'catalog_application_documents',
  {
    ...tenantColumns,
    applicationId: uuid('application_id').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    fileSha256: text('file_sha256'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    size: integer('size'),
    url: text('url'),
    note: text('note'),
    deliveredBy: uuid('delivered_by'),
    deliveredByName: text('delivered_by_name'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('catalog_application_documents_kind').on(t.tenantId, t.applicationId, t.kind),
    foreignKey({
      name: 'catalog_application_documents_app_fk',
      columns: [t.tenantId, t.applicationId],
      foreignColumns: [applications.tenantId, applications.id],
    }).onDelete('cascade'),
    tenantIsolation('catalog_application_documents'),
  ],
).enableRLS();

export const RECORD_KINDS = [
  'service',
  'process',
  'application',
  'infrastructure',
  'data_asset',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * Relations between records:
 * - supports: application -> service
 * - delivers: process -> service
 * - runs_on: application -> infrastructure (and infrastructure -> infrastructure)
 * - reads / writes: application -> data_asset
 * - calls: application -> application (optionally naming the API called)
 */
export const RELATION_TYPES = [
  'supports',
  'delivers',
  'runs_on',
  'reads',
  'writes',
  'calls',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const relations = pgTable(
  'catalog_relations',
  {
    ...tenantColumns,
    type: text('type', { enum: RELATION_TYPES }).notNull(),
    fromKind: text('from_kind', { enum: RECORD_KINDS }).notNull(),
    fromId: uuid('from_id').notNull(),
    toKind: text('to_kind', { enum: RECORD_KINDS }).notNull(),
    toId: uuid('to_id').notNull(),
    apiId: uuid('api_id'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('catalog_relations_unique').on(t.tenantId, t.type, t.fromId, t.toId),
    index('catalog_relations_from').on(t.tenantId, t.fromId),
    index('catalog_relations_to').on(t.tenantId, t.toId),
    tenantIsolation('catalog_relations'),
  ],
).enableRLS();

export const CHANGE_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

/**
 * A proposed change to the registry: creating a record, changing it or retiring it. Agency
 * operators' changes wait here for the ICT office; approving applies `changes` to the record.
 */
export const changeRequests = pgTable(
  'catalog_change_requests',
  {
    ...tenantColumns,
    recordKind: text('record_kind', { enum: RECORD_KINDS }).notNull(),
    recordId: uuid('record_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    /** The proposed field values (for update: only the changed fields). */
    changes: jsonb('changes')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The record's version the change was made against (stale proposals are refused). */
    baseVersion: integer('base_version').notNull(),
    state: text('state', { enum: CHANGE_STATES }).notNull().default('pending'),
    submittedBy: uuid('submitted_by'),
    submittedByName: text('submitted_by_name'),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    comment: text('comment'),
    ...timestamps,
  },
  (t) => [
    index('catalog_change_requests_state').on(t.tenantId, t.state, t.createdAt),
    index('catalog_change_requests_record').on(t.tenantId, t.recordId),
    tenantIsolation('catalog_change_requests'),
  ],
).enableRLS();

export type CodeSetRow = typeof codeSets.$inferSelect;
export type CodeRow = typeof codes.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type ProcessRow = typeof processes.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type InfrastructureRow = typeof infrastructure.$inferSelect;
export type DataAssetRow = typeof dataAssets.$inferSelect;
export type ApplicationApiRow = typeof applicationApis.$inferSelect;
export type ApplicationDocumentRow = typeof applicationDocuments.$inferSelect;
export type RelationRow = typeof relations.$inferSelect;
export type ChangeRequestRow = typeof changeRequests.$inferSelect;
