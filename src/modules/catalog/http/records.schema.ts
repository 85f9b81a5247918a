import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Text, Timestamp } from '../../../platform/http/schema.js';
import {
  APPLICATION_KINDS,
  ASSESSMENT_RESULTS,
  CHANGE_STATES,
  DATA_CLASSIFICATIONS,
  DATABASE_GROUPS,
  DEVELOPERS,
  HOSTINGS,
  INFRA_KINDS,
  LICENCE_KINDS,
  LIFECYCLES,
  RECORD_KINDS,
  REVIEW_STATES,
  SECURITY_CLASSES,
  SERVICE_CHANNELS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  type RecordKind,
} from '../db/schema.js';
export { IdParams } from '../../../platform/http/schema.js';

/*
 * Shapes of the registry records: per kind a create body, an update body (any subset plus the
 * version read), a response, and a list query whose facet fields filter. Validation here never
 * touches the database; rules across fields and records live in the service.
 */

const INFRA_STATUSES = ['active', 'retired'] as const;

const HttpUrl = Type.String({
  format: 'uri',
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/]+',
  maxLength: 500,
});
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const RefCode = Type.String({
  pattern: '^(RAB|RAD|RAL|RAA|RAI|RAK)(\\.\\d{2})+$',
  maxLength: 60,
  description: 'A reference-architecture code of the kind’s prefix, e.g. RAL.01.02',
});
const Hostname = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern:
    '^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$',
});
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

/** Fields of every kind: required and optional ones of a create body. */
const COMMON_REQUIRED = { agencyId: Id, name: Text(200) };
const COMMON_OPTIONAL = { description: Opt(Text(4000)), refCode: Opt(RefCode) };

const KIND_REQUIRED: Record<RecordKind, TProperties> = {
  service: { kind: StrEnum(SERVICE_KINDS), targetUsers: Text(500) },
  process: {},
  application: {
    kind: StrEnum(APPLICATION_KINDS),
    developer: StrEnum(DEVELOPERS),
    licence: StrEnum(LICENCE_KINDS),
    hosting: StrEnum(HOSTINGS),
    lifecycle: StrEnum(LIFECYCLES),
  },
  infrastructure: { kind: StrEnum(INFRA_KINDS) },
  data_asset: {
    databaseGroup: StrEnum(DATABASE_GROUPS),
    classification: StrEnum(DATA_CLASSIFICATIONS),
  },
};

const KIND_OPTIONAL: Record<RecordKind, TProperties> = {
  service: {
    channels: Type.Optional(Type.Array(StrEnum(SERVICE_CHANNELS), { maxItems: 20 })),
    serviceStandard: Opt(Text(1000)),
    status: Type.Optional(StrEnum(SERVICE_STATUSES)),
  },
  process: {},
  application: {
    vendorName: Opt(Text(200)),
    contractRef: Opt(Text(200)),
    licenceName: Opt(Text(100)),
    repositoryUrl: Opt(HttpUrl),
    copyrightHolder: Opt(Text(200)),
    hostingCountry: Type.Optional(Country),
    hostingProvider: Opt(Text(200)),
    providerIndonesianEntity: Opt(Type.Boolean()),
    urls: Type.Optional(Type.Array(HttpUrl, { maxItems: 50 })),
    ssoClientId: Opt(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$' })),
    securityClass: Type.Optional(StrEnum(SECURITY_CLASSES)),
    assessedAt: Opt(Type.String({ format: 'date' })),
    assessmentResult: Opt(StrEnum(ASSESSMENT_RESULTS)),
    duplicatesId: Opt(Id),
    ranBeforeShared: Opt(Type.Boolean()),
  },
  infrastructure: {
    parentId: Opt(Id),
    location: Opt(Text(300)),
    country: Type.Optional(Country),
    managingAgencyId: Type.Optional(Id),
    provider: Opt(Text(200)),
    hostname: Opt(Hostname),
    ipAddress: Opt(Type.String({ minLength: 2, maxLength: 45 })),
    status: Type.Optional(StrEnum(INFRA_STATUSES)),
  },
  data_asset: { stewardEmployeeId: Opt(Id) },
};

/** The stored fields of each kind, as the API returns them. */
const KIND_RESPONSE: Record<RecordKind, TProperties> = {
  service: {
    kind: StrEnum(SERVICE_KINDS),
    targetUsers: Type.String(),
    channels: Type.Array(Type.String()),
    serviceStandard: Nullable(Type.String()),
    status: StrEnum(SERVICE_STATUSES),
  },
  process: {},
  application: {
    kind: StrEnum(APPLICATION_KINDS),
    developer: StrEnum(DEVELOPERS),
    vendorName: Nullable(Type.String()),
    contractRef: Nullable(Type.String()),
    licence: StrEnum(LICENCE_KINDS),
    licenceName: Nullable(Type.String()),
    repositoryUrl: Nullable(Type.String()),
    copyrightHolder: Nullable(Type.String()),
    hosting: StrEnum(HOSTINGS),
    hostingCountry: Type.String(),
    hostingProvider: Nullable(Type.String()),
    providerIndonesianEntity: Nullable(Type.Boolean()),
    urls: Type.Array(Type.String()),
    ssoClientId: Nullable(Type.String()),
    securityClass: StrEnum(SECURITY_CLASSES),
    lifecycle: StrEnum(LIFECYCLES),
    assessedAt: Nullable(Type.String({ format: 'date' })),
    assessmentResult: Nullable(StrEnum(ASSESSMENT_RESULTS)),
    duplicatesId: Nullable(Id),
    ranBeforeShared: Nullable(Type.Boolean()),
  },
  infrastructure: {
    kind: StrEnum(INFRA_KINDS),
    parentId: Nullable(Id),
    location: Nullable(Type.String()),
    country: Type.String(),
    managingAgencyId: Id,
    provider: Nullable(Type.String()),
    hostname: Nullable(Type.String()),
    ipAddress: Nullable(Type.String()),
    status: StrEnum(INFRA_STATUSES),
  },
  data_asset: {
    databaseGroup: StrEnum(DATABASE_GROUPS),
    stewardEmployeeId: Nullable(Id),
    classification: StrEnum(DATA_CLASSIFICATIONS),
  },
};

/** The filterable facets of each kind (values as in the records). */
const KIND_FACETS: Record<RecordKind, Record<string, TSchema>> = {
  service: { kind: StrEnum(SERVICE_KINDS), status: StrEnum(SERVICE_STATUSES) },
  process: {},
  application: {
    kind: StrEnum(APPLICATION_KINDS),
    lifecycle: StrEnum(LIFECYCLES),
    hosting: StrEnum(HOSTINGS),
    securityClass: StrEnum(SECURITY_CLASSES),
    developer: StrEnum(DEVELOPERS),
    licence: StrEnum(LICENCE_KINDS),
    hostingCountry: Country,
  },
  infrastructure: {
    kind: StrEnum(INFRA_KINDS),
    status: StrEnum(INFRA_STATUSES),
    country: Country,
    managingAgencyId: Id,
  },
  data_asset: {
    databaseGroup: StrEnum(DATABASE_GROUPS),
    classification: StrEnum(DATA_CLASSIFICATIONS),
  },
};

const CHANGE_ACTIONS = ['create', 'update', 'delete'] as const;

/** A change request as the review queue shows it. */
export const Change = Type.Object({
  id: Id,
  recordKind: StrEnum(RECORD_KINDS),
  recordId: Id,
  recordName: Nullable(Type.String()),
  agencyId: Id,
  agencyName: Nullable(Type.String()),
  action: StrEnum(CHANGE_ACTIONS),
  changes: Type.Object({}, { additionalProperties: true, description: 'Proposed field values' }),
  baseVersion: Type.Integer(),
  recordVersion: Nullable(Type.Integer()),
  stale: Type.Boolean(),
  state: StrEnum(CHANGE_STATES),
  submittedBy: Nullable(Id),
  submittedByName: Nullable(Type.String()),
  createdAt: Timestamp,
  reviewedBy: Nullable(Id),
  reviewedByName: Nullable(Type.String()),
  reviewedAt: Nullable(Timestamp),
  comment: Nullable(Type.String()),
});

const RecordCommon = {
  id: Id,
  agencyId: Id,
  name: Type.String(),
  description: Nullable(Type.String()),
  refCode: Nullable(Type.String()),
  refCodeSetId: Nullable(Id),
  reviewState: StrEnum(REVIEW_STATES),
  version: Type.Integer(),
  createdBy: Nullable(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  agencyName: Type.Optional(Nullable(Type.String())),
};

export interface KindSchemas {
  create: TSchema;
  update: TSchema;
  record: TSchema;
  list: TSchema;
  listQuery: TSchema;
}

function kindSchemas(kind: RecordKind): KindSchemas {
  const optional = { ...COMMON_OPTIONAL, ...KIND_OPTIONAL[kind] };
  const required = { ...COMMON_REQUIRED, ...KIND_REQUIRED[kind] };
  const create = Type.Object({ ...required, ...optional }, { additionalProperties: false });
  const update = Type.Object(
    {
      version: Type.Integer({ minimum: 1, description: 'The version the change was made against' }),
      ...Object.fromEntries(Object.entries(required).map(([k, v]) => [k, Type.Optional(v)])),
      ...optional,
    },
    { additionalProperties: false },
  );
  const listItem = Type.Object({ ...RecordCommon, ...KIND_RESPONSE[kind] });
  const record = Type.Object({
    ...RecordCommon,
    ...KIND_RESPONSE[kind],
    refCodeName: Type.Optional(Nullable(Type.String())),
    pendingChange: Type.Optional(Nullable(Change)),
    applied: Type.Optional(
      Type.Boolean({ description: 'False when the write waits for the ICT office' }),
    ),
  });
  const facetNames = ['agencyId', 'reviewState', ...Object.keys(KIND_FACETS[kind])];
  const Facet = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));
  const list = Type.Object({
    items: Type.Array(listItem),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    facets: Type.Object(Object.fromEntries(facetNames.map((f) => [f, Facet]))),
  });
  const filters: TProperties = {
    agencyId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    reviewState: Type.Optional(Type.Array(StrEnum(REVIEW_STATES), { maxItems: 3 })),
  };
  for (const [f, s] of Object.entries(KIND_FACETS[kind]))
    filters[f] = Type.Optional(Type.Array(s, { maxItems: 100 }));
  const listQuery = Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 200 })),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
      sort: Type.Optional(
        Type.String({
          pattern: '^-?(name|updatedAt|createdAt|refCode)$',
          default: 'name',
          description: 'name, updatedAt, createdAt or refCode; a leading - sorts descending',
        }),
      ),
      refCode: Type.Optional(RefCode),
      ...(kind === 'infrastructure' ? { parentId: Type.Optional(Id) } : {}),
      ...filters,
    },
    { additionalProperties: false },
  );
  return { create, update, record, list, listQuery };
}

export const RECORD_SCHEMAS = Object.fromEntries(
  RECORD_KINDS.map((k) => [k, kindSchemas(k)]),
) as Record<RecordKind, KindSchemas>;

export const ChangeList = Type.Object({
  items: Type.Array(Change),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const ChangeListQuery = Type.Object(
  {
    state: Type.Optional(StrEnum(CHANGE_STATES)),
    agencyId: Type.Optional(Id),
    recordId: Type.Optional(Id),
    kind: Type.Optional(StrEnum(RECORD_KINDS)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

export const ApproveBody = Type.Object(
  {
    comment: Type.Optional(Nullable(Text(2000, 0))),
    baseVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'The baseVersion of the change request as the reviewer read it: a proposal revised since is refused (catalog.change_stale)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const RejectBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);
