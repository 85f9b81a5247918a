import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Text, Timestamp } from '../../../platform/http/schema.js';
import { DOCUMENT_KINDS, RECORD_KINDS, RELATION_TYPES, REVIEW_STATES } from '../db/schema.js';

export { Type };

const HttpUrl = (max: number) =>
  Type.String({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: max });

export const ApplicationParams = Type.Object({ id: Id });
/** The kind is checked by the service (catalog.document_kind_unknown), not by the router. */
export const DocumentParams = Type.Object({
  id: Id,
  kind: Type.String({ pattern: '^[a-z_]{1,40}$' }),
});
export const ApiParams = Type.Object({ apiId: Id });

export const DocumentItem = Type.Object({
  kind: StrEnum(DOCUMENT_KINDS),
  category: StrEnum(['deliverable', 'justification'] as const),
  present: Type.Boolean(),
  fileName: Type.Optional(Nullable(Type.String())),
  size: Type.Optional(Nullable(Type.Integer())),
  contentType: Type.Optional(Nullable(Type.String())),
  url: Type.Optional(Nullable(Type.String())),
  note: Type.Optional(Nullable(Type.String())),
  deliveredByName: Type.Optional(Nullable(Type.String())),
  deliveredAt: Type.Optional(Nullable(Timestamp)),
});
export const DocumentList = Type.Object({ items: Type.Array(DocumentItem) });

export const DocumentLink = Type.Object(
  {
    url: HttpUrl(2000),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

/**
 * The multipart form of a document upload, for the OpenAPI document only: the parser hands the
 * route the raw body and the route reads the parts itself.
 */
export const DocumentUpload = Type.Unsafe<Buffer>({
  type: 'object',
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: 'The document (at most MAX_UPLOAD_BYTES)',
    },
    note: { type: 'string', maxLength: 1000 },
  },
});

/** The raw text of an OpenAPI document (the route reads the bytes; the service checks them). */
export const OpenApiText = Type.Unsafe<Buffer>({
  format: 'binary',
  description: 'An OpenAPI 3.x document, JSON or YAML (at most 5 MB)',
});

export const Api = Type.Object({
  id: Id,
  applicationId: Id,
  name: Type.String(),
  version: Type.String(),
  baseUrl: Nullable(Type.String()),
  openapiUrl: Nullable(Type.String()),
  openapiSha256: Nullable(Type.String()),
  hasOpenapi: Type.Boolean(),
  description: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ApiList = Type.Object({ items: Type.Array(Api) });

export const ApiCreate = Type.Object(
  {
    name: Text(200),
    version: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' })),
    baseUrl: Type.Optional(Nullable(HttpUrl(500))),
    openapiUrl: Type.Optional(Nullable(HttpUrl(500))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export const ApiUpdate = Type.Partial(ApiCreate, {
  additionalProperties: false,
  minProperties: 1,
});

export const RelationQuery = Type.Object({ recordId: Id }, { additionalProperties: false });

export const Relation = Type.Object({
  id: Id,
  type: StrEnum(RELATION_TYPES),
  fromKind: StrEnum(RECORD_KINDS),
  fromId: Id,
  fromName: Nullable(Type.String()),
  toKind: StrEnum(RECORD_KINDS),
  toId: Id,
  toName: Nullable(Type.String()),
  apiId: Nullable(Id),
  apiName: Nullable(Type.String()),
  createdAt: Timestamp,
});
export const RelationList = Type.Object({ items: Type.Array(Relation) });

export const RelationCreate = Type.Object(
  {
    type: StrEnum(RELATION_TYPES),
    fromKind: StrEnum(RECORD_KINDS),
    fromId: Id,
    toKind: StrEnum(RECORD_KINDS),
    toId: Id,
    apiId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const GraphQuery = Type.Object(
  {
    kind: StrEnum(RECORD_KINDS),
    id: Id,
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 1 })),
  },
  { additionalProperties: false },
);

export const Graph = Type.Object({
  root: Id,
  nodes: Type.Array(
    Type.Object({
      id: Id,
      kind: StrEnum(RECORD_KINDS),
      name: Type.String(),
      agencyId: Id,
      refCode: Nullable(Type.String()),
      reviewState: StrEnum(REVIEW_STATES),
      depth: Type.Integer({ description: 'Relations between this record and the root' }),
    }),
  ),
  edges: Type.Array(
    Type.Object({
      id: Id,
      type: StrEnum(RELATION_TYPES),
      from: Id,
      to: Id,
      apiId: Nullable(Id),
    }),
  ),
  truncated: Type.Boolean({ description: 'True when the neighbourhood was cut at 200 records' }),
});

const Buckets = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));
const KindCounts = {
  service: Type.Integer(),
  process: Type.Integer(),
  application: Type.Integer(),
  infrastructure: Type.Integer(),
  data_asset: Type.Integer(),
};

export const Overview = Type.Object({
  totals: Type.Object(KindCounts),
  byAgency: Type.Array(
    Type.Object({ agencyId: Id, agencyName: Nullable(Type.String()), ...KindCounts }),
  ),
  applications: Type.Object({
    byKind: Buckets,
    byLifecycle: Buckets,
    byHosting: Buckets,
    bySecurityClass: Buckets,
    byDeveloper: Buckets,
    byLicence: Buckets,
  }),
  services: Type.Object({ byKind: Buckets, byStatus: Buckets }),
  infrastructure: Type.Object({ byKind: Buckets }),
  dataAssets: Type.Object({ byDatabaseGroup: Buckets, byClassification: Buckets }),
  pendingChanges: Type.Integer(),
});
