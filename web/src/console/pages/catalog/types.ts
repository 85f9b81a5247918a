/** Shapes of the catalog API the registry pages read (see docs/openapi.json, tag `catalog`). */

export const RECORD_KINDS = [
  'service',
  'process',
  'application',
  'infrastructure',
  'data_asset',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** URL segment of each record kind, in the console and the API. */
export const SEGMENTS: Record<RecordKind, string> = {
  service: 'services',
  process: 'processes',
  application: 'applications',
  infrastructure: 'infrastructure',
  data_asset: 'data-assets',
};

export function kindOfSegment(seg: string | undefined): RecordKind | null {
  const found = RECORD_KINDS.find((k) => SEGMENTS[k] === seg);
  return found ?? null;
}

/** The reference-architecture prefix each kind cites. */
export const REF_PREFIX: Record<RecordKind, string> = {
  service: 'RAL',
  process: 'RAB',
  application: 'RAA',
  infrastructure: 'RAI',
  data_asset: 'RAD',
};

export const REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

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
export const INFRA_STATUSES = ['active', 'retired'] as const;
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
export const DATA_CLASSIFICATIONS = ['open', 'limited', 'closed'] as const;

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
export const JUSTIFICATION_KINDS = [
  'cost_benefit_study',
  'business_process_alignment',
  'minister_consideration',
  'closed_source_consideration',
  'kemenpanrb_consideration',
  'hosting_guarantee',
  'assessment_report',
] as const;

export const RELATION_TYPES = [
  'supports',
  'delivers',
  'runs_on',
  'reads',
  'writes',
  'calls',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** The (type, from, to) combinations the API accepts. */
export const RELATION_RULES: Array<{ type: RelationType; from: RecordKind; to: RecordKind }> = [
  { type: 'supports', from: 'application', to: 'service' },
  { type: 'delivers', from: 'process', to: 'service' },
  { type: 'runs_on', from: 'application', to: 'infrastructure' },
  { type: 'runs_on', from: 'infrastructure', to: 'infrastructure' },
  { type: 'reads', from: 'application', to: 'data_asset' },
  { type: 'writes', from: 'application', to: 'data_asset' },
  { type: 'calls', from: 'application', to: 'application' },
];

/** A registry record: the shared columns plus the kind's own fields. */
export interface CatalogRecord {
  id: string;
  agencyId: string;
  agencyName?: string | null;
  name: string;
  description: string | null;
  refCode: string | null;
  refCodeSetId: string | null;
  refCodeName?: string | null;
  reviewState: ReviewState;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  pendingChange?: ChangeRequest | null;
  /** False when the write waits for the ICT office. */
  applied?: boolean;
  [field: string]: unknown;
}

export interface Facet {
  value: string;
  count: number;
}

export interface RecordList {
  items: CatalogRecord[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, Facet[]>;
}

export type ChangeAction = 'create' | 'update' | 'delete';
export type ChangeState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ChangeRequest {
  id: string;
  recordKind: RecordKind;
  recordId: string;
  recordName?: string | null;
  agencyId: string;
  agencyName?: string | null;
  action: ChangeAction;
  changes: Record<string, unknown>;
  state: ChangeState;
  baseVersion?: number;
  recordVersion?: number | null;
  /** The record moved on since the proposal; approving is refused. */
  stale?: boolean;
  submittedBy?: string | null;
  submittedByName?: string | null;
  createdAt: string;
  reviewedByName?: string | null;
  reviewedAt?: string | null;
  comment?: string | null;
}

export interface ChangeList {
  items: ChangeRequest[];
  total: number;
}

export interface CodeItem {
  code: string;
  name: string;
  codeSetId?: string;
  level?: number;
  parentCode?: string | null;
}

export interface DocumentItem {
  kind: string;
  category: 'deliverable' | 'justification';
  present: boolean;
  fileName?: string | null;
  size?: number | null;
  contentType?: string | null;
  url?: string | null;
  note?: string | null;
  deliveredByName?: string | null;
  deliveredAt?: string | null;
}

export interface ApiItem {
  id: string;
  applicationId: string;
  name: string;
  version: string;
  baseUrl: string | null;
  openapiUrl: string | null;
  openapiSha256?: string | null;
  hasOpenapi?: boolean;
  description: string | null;
}

export interface Relation {
  id: string;
  type: RelationType;
  fromKind: RecordKind;
  fromId: string;
  fromName: string | null;
  toKind: RecordKind;
  toId: string;
  toName: string | null;
  apiId?: string | null;
}

export interface GraphNode {
  id: string;
  kind: RecordKind;
  name: string;
  agencyId?: string | null;
  refCode?: string | null;
  reviewState?: ReviewState | null;
}

export interface GraphEdge {
  id: string;
  type: RelationType;
  from: string;
  to: string;
}

export interface CatalogGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type Counts = Facet[];

export interface Overview {
  totals: Record<RecordKind, number>;
  byAgency: Array<
    { agencyId: string; agencyName: string | null } & Partial<Record<RecordKind, number>>
  >;
  applications: Record<string, Counts>;
  services: Record<string, Counts>;
  infrastructure: Record<string, Counts>;
  dataAssets: Record<string, Counts>;
  pendingChanges: number;
}
