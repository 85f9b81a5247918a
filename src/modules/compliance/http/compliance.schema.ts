import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Text, Timestamp } from '../../../platform/http/schema.js';
import { EVALUATION_TRIGGERS } from '../db/schema.js';
import { REGULATION_CODES } from '../regulations/regulations.js';
import { SEVERITIES, SUBJECT_KINDS } from '../rules/model.js';
export { IdParams } from '../../../platform/http/schema.js';

const LocalizedText = Type.Object({ id: Type.String(), en: Type.String() });
const Standing = StrEnum(['baseline', 'applies', 'revoked', 'not_in_profile'] as const);

export const CitationSchema = Type.Object({
  code: StrEnum(REGULATION_CODES),
  label: Type.String({ description: 'e.g. BTG19 art.17(2)' }),
  article: Nullable(Type.Integer()),
  paragraphs: Type.Array(Type.Integer()),
  standing: Standing,
  text: Nullable(Type.String({ description: 'The cited article text (ayat), as published' })),
  summary: Nullable(LocalizedText),
});

export const RuleSchema = Type.Object({
  id: Type.String(),
  title: LocalizedText,
  explanation: LocalizedText,
  severity: StrEnum(SEVERITIES),
  appliesTo: StrEnum(SUBJECT_KINDS),
  citations: Type.Array(CitationSchema),
  regulations: Type.Array(StrEnum(REGULATION_CODES)),
  applies: Type.Boolean(),
  notApplicableReason: Nullable(StrEnum(['revoked', 'not_in_profile'] as const)),
});
export const RuleList = Type.Object({ items: Type.Array(RuleSchema) });

export const RegulationList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: StrEnum(REGULATION_CODES),
      short: Type.String(),
      title: Type.String(),
      profileCode: Nullable(Type.String()),
      standing: Standing,
      revokedBy: Nullable(Type.String()),
      hasText: Type.Boolean(),
      articleCount: Type.Integer(),
      ruleCount: Type.Integer(),
    }),
  ),
});

export const ArticleParams = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9]{2,12}$' }),
  article: Type.Integer({ minimum: 1, maximum: 999 }),
});

export const ArticleSchema = Type.Object({
  code: StrEnum(REGULATION_CODES),
  short: Type.String(),
  article: Type.Integer(),
  text: Type.String(),
  paragraphs: Type.Array(Type.Object({ number: Nullable(Type.Integer()), text: Type.String() })),
  elucidation: Nullable(Type.String()),
});

const ExceptionRef = Type.Object({
  id: Id,
  justification: Type.String(),
  approvedByName: Type.String(),
  expiresOn: Type.String({ format: 'date' }),
  createdAt: Timestamp,
});

export const FindingSchema = Type.Object({
  id: Id,
  ruleId: Type.String(),
  title: LocalizedText,
  explanation: LocalizedText,
  severity: StrEnum(SEVERITIES),
  state: StrEnum(['open', 'resolved'] as const),
  recordKind: StrEnum(SUBJECT_KINDS),
  recordId: Id,
  recordName: Type.String(),
  agencyId: Nullable(Id),
  agencyName: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  citations: Type.Array(CitationSchema),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  exception: Nullable(ExceptionRef),
});

export const FindingQuery = Type.Object(
  {
    state: Type.Optional(StrEnum(['open', 'resolved', 'all'] as const)),
    agencyId: Type.Optional(Id),
    ruleId: Type.Optional(Type.String({ maxLength: 100 })),
    regulation: Type.Optional(Type.String({ maxLength: 20 })),
    severity: Type.Optional(StrEnum(SEVERITIES)),
    recordId: Type.Optional(Id),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const FindingList = Type.Object({
  items: Type.Array(FindingSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const EvaluationSchema = Type.Object({
  id: Id,
  trigger: StrEnum(EVALUATION_TRIGGERS),
  startedAt: Timestamp,
  durationMs: Type.Integer(),
  rulesEvaluated: Type.Integer(),
  checks: Type.Integer(),
  failures: Type.Integer(),
  opened: Type.Integer(),
  resolved: Type.Integer(),
  profile: Type.Array(Type.String()),
});

export const SummarySchema = Type.Object({
  score: Nullable(Type.Number()),
  day: Nullable(Type.String({ format: 'date' })),
  byAgency: Type.Array(
    Type.Object({
      agencyId: Id,
      agencyName: Type.String(),
      score: Type.Number(),
      open: Type.Integer(),
    }),
  ),
  byRegulation: Type.Array(
    Type.Object({
      code: StrEnum(REGULATION_CODES),
      title: Type.String(),
      score: Nullable(Type.Number()),
      open: Type.Integer(),
    }),
  ),
  trend: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), score: Type.Number() })),
  lastEvaluation: Nullable(EvaluationSchema),
});

export const ExceptionCreate = Type.Object(
  {
    findingId: Id,
    justification: Text(2000, 10),
    expiresOn: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);

export const ExceptionSchema = Type.Object({
  id: Id,
  ruleId: Type.String(),
  recordId: Id,
  justification: Type.String(),
  approvedBy: Id,
  approvedByName: Type.String(),
  expiresOn: Type.String({ format: 'date' }),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
});

export const ExceptionListQuery = Type.Object(
  { state: Type.Optional(StrEnum(['active', 'expired', 'revoked', 'all'] as const)) },
  { additionalProperties: false },
);

export const ExceptionList = Type.Object({
  items: Type.Array(
    Type.Composite([
      ExceptionSchema,
      Type.Object({ recordName: Nullable(Type.String()), agencyId: Nullable(Id) }),
    ]),
  ),
});

export const ReportQuery = Type.Object({ agencyId: Id }, { additionalProperties: false });
