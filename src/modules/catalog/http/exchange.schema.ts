import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum } from '../../../platform/http/schema.js';
import { CODE_PREFIXES } from '../db/schema.js';

/** Schemas of the reference-code, import and export routes, and the upload reader they share. */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Raw upload types; the format is decided by the content (a zip is XLSX), not by this header. */
export const RAW_UPLOAD_TYPES = [
  'text/csv',
  'text/plain',
  XLSX_MIME,
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/** A record kind, as its URL segment (`data-assets`) or its name (`data_asset`). */
export const KIND_PARAMS = [
  'services',
  'processes',
  'applications',
  'infrastructure',
  'data-assets',
  'service',
  'process',
  'application',
  'data_asset',
] as const;
export const KindParam = StrEnum(KIND_PARAMS);

export const Localized = Type.Object({ id: Type.String(), en: Type.String() });

export const CodeSet = Type.Object({
  id: Id,
  prefix: StrEnum(CODE_PREFIXES),
  version: Type.String(),
  source: Type.String(),
  current: Type.Boolean(),
  codeCount: Type.Integer(),
  loadedBy: Nullable(Id),
  createdAt: Type.String({ format: 'date-time' }),
});

export const Code = Type.Object({
  codeSetId: Id,
  code: Type.String(),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  level: Type.Integer(),
  description: Nullable(Type.String()),
});

export const CodesQuery = Type.Object(
  {
    prefix: Type.Optional(StrEnum(CODE_PREFIXES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    codeSetId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const CodeSetUploadQuery = Type.Object(
  {
    prefix: Type.Optional(StrEnum(CODE_PREFIXES)),
    version: Type.Optional(Type.String({ maxLength: 200 })),
    source: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const RowError = Type.Object({
  row: Type.Integer({ description: 'Row number in the file (the header is row 1)' }),
  sheet: Type.Optional(Type.String()),
  field: Type.String(),
  code: Type.String(),
  message: Localized,
});

export const ImportQuery = Type.Object(
  {
    kind: Type.Optional(KindParam),
    dryRun: Type.Optional(Type.Boolean()),
    filename: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ImportReport = Type.Object({
  format: StrEnum(['csv', 'xlsx'] as const),
  dryRun: Type.Boolean(),
  totalRows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  byKind: Type.Record(
    Type.String(),
    Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
  ),
  ignoredColumns: Type.Array(Type.String()),
  errors: Type.Array(RowError),
});

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(StrEnum(['csv', 'xlsx'] as const)),
    kind: Type.Optional(KindParam),
  },
  { additionalProperties: false },
);

export const PdfQuery = Type.Object(
  {
    domain: Type.Optional(
      StrEnum(['all', 'services', 'processes', 'applications', 'infrastructure', 'data'] as const),
    ),
    lang: Type.Optional(StrEnum(['id', 'en'] as const)),
  },
  { additionalProperties: false },
);

export const Binary = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'The file',
});
