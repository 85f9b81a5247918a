/**
 * What each record kind holds, described once: the form, the detail page and the facet labels
 * are drawn from these. Labels come from the `catalog` namespace (`fields.<name>`, and
 * `enums.<enumKey>.<value>` for choices).
 */
import {
  APPLICATION_KINDS,
  ASSESSMENT_RESULTS,
  DATA_CLASSIFICATIONS,
  DATABASE_GROUPS,
  DEVELOPERS,
  HOSTINGS,
  INFRA_KINDS,
  INFRA_STATUSES,
  LICENCE_KINDS,
  LIFECYCLES,
  SECURITY_CLASSES,
  SERVICE_CHANNELS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
  type RecordKind,
} from './types';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'url'
  | 'enum'
  | 'multienum'
  | 'bool'
  | 'date'
  | 'lines'
  | 'agency'
  | 'country'
  | 'infrastructure'
  | 'application'
  | 'employee';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** `enums.<enumKey>` holds the labels of the choices. */
  enumKey?: string;
  options?: readonly string[];
  required?: boolean;
  /** Shown (and sent) only when this holds for the draft. */
  when?: (draft: Record<string, unknown>) => boolean;
  /** A default for a new record. */
  initial?: unknown;
  maxLength?: number;
}

const outsideDc = (d: Record<string, unknown>) =>
  d.hosting !== undefined && d.hosting !== 'regional_dc' && d.hosting !== 'national_dc';

/** The fields of each kind after the shared ones (agency, name, description, reference code). */
export const KIND_FIELDS: Record<RecordKind, FieldDef[]> = {
  service: [
    {
      name: 'kind',
      type: 'enum',
      enumKey: 'serviceKind',
      options: SERVICE_KINDS,
      required: true,
      initial: 'public',
    },
    { name: 'targetUsers', type: 'text', required: true, maxLength: 500 },
    {
      name: 'channels',
      type: 'multienum',
      enumKey: 'channel',
      options: SERVICE_CHANNELS,
      initial: [],
    },
    { name: 'serviceStandard', type: 'text', maxLength: 1000 },
    {
      name: 'status',
      type: 'enum',
      enumKey: 'serviceStatus',
      options: SERVICE_STATUSES,
      required: true,
      initial: 'active',
    },
  ],
  process: [],
  application: [
    {
      name: 'kind',
      type: 'enum',
      enumKey: 'applicationKind',
      options: APPLICATION_KINDS,
      required: true,
      initial: 'specific',
    },
    {
      name: 'lifecycle',
      type: 'enum',
      enumKey: 'lifecycle',
      options: LIFECYCLES,
      required: true,
      initial: 'planned',
    },
    {
      name: 'securityClass',
      type: 'enum',
      enumKey: 'securityClass',
      options: SECURITY_CLASSES,
      required: true,
      initial: 'T',
    },
    {
      name: 'developer',
      type: 'enum',
      enumKey: 'developer',
      options: DEVELOPERS,
      required: true,
      initial: 'in_house',
    },
    { name: 'vendorName', type: 'text', when: (d) => d.developer === 'vendor', maxLength: 200 },
    {
      name: 'contractRef',
      type: 'text',
      when: (d) => d.developer === 'vendor',
      required: true,
      maxLength: 200,
    },
    {
      name: 'licence',
      type: 'enum',
      enumKey: 'licence',
      options: LICENCE_KINDS,
      required: true,
      initial: 'open',
    },
    { name: 'licenceName', type: 'text', required: true, maxLength: 100 },
    { name: 'repositoryUrl', type: 'url', maxLength: 500 },
    { name: 'copyrightHolder', type: 'text', maxLength: 200 },
    {
      name: 'hosting',
      type: 'enum',
      enumKey: 'hosting',
      options: HOSTINGS,
      required: true,
      initial: 'regional_dc',
    },
    { name: 'hostingCountry', type: 'country', required: true, initial: 'ID' },
    { name: 'hostingProvider', type: 'text', maxLength: 200 },
    { name: 'providerIndonesianEntity', type: 'bool', when: outsideDc },
    { name: 'urls', type: 'lines', initial: [] },
    { name: 'ssoClientId', type: 'text', maxLength: 200 },
    { name: 'assessedAt', type: 'date' },
    {
      name: 'assessmentResult',
      type: 'enum',
      enumKey: 'assessmentResult',
      options: ASSESSMENT_RESULTS,
    },
    { name: 'duplicatesId', type: 'application', when: (d) => d.kind === 'specific' },
    { name: 'ranBeforeShared', type: 'bool', when: (d) => Boolean(d.duplicatesId) },
  ],
  infrastructure: [
    {
      name: 'kind',
      type: 'enum',
      enumKey: 'infraKind',
      options: INFRA_KINDS,
      required: true,
      initial: 'server',
    },
    { name: 'managingAgencyId', type: 'agency', required: true },
    { name: 'parentId', type: 'infrastructure' },
    { name: 'location', type: 'text', maxLength: 300 },
    { name: 'country', type: 'country', required: true, initial: 'ID' },
    { name: 'provider', type: 'text', maxLength: 200 },
    { name: 'hostname', type: 'text', maxLength: 253 },
    { name: 'ipAddress', type: 'text', maxLength: 64 },
    {
      name: 'status',
      type: 'enum',
      enumKey: 'infraStatus',
      options: INFRA_STATUSES,
      required: true,
      initial: 'active',
    },
  ],
  data_asset: [
    {
      name: 'databaseGroup',
      type: 'enum',
      enumKey: 'databaseGroup',
      options: DATABASE_GROUPS,
      required: true,
      initial: 'services',
    },
    {
      name: 'classification',
      type: 'enum',
      enumKey: 'classification',
      options: DATA_CLASSIFICATIONS,
      required: true,
      initial: 'limited',
    },
    { name: 'stewardEmployeeId', type: 'employee' },
  ],
};

/** The enum labels of a facet key (`kind` depends on the record kind). */
export function facetEnumKey(kind: RecordKind, facet: string): string | null {
  if (facet === 'reviewState') return 'reviewState';
  const def = KIND_FIELDS[kind].find((f) => f.name === facet);
  if (def?.enumKey) return def.enumKey;
  return null;
}

/** Fields whose values are listed when a change request's diff is shown. */
export function fieldDef(kind: RecordKind, name: string): FieldDef | undefined {
  return KIND_FIELDS[kind].find((f) => f.name === name);
}
