import { isIP } from 'node:net';
import { agencyScope, authorize, can } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode, pgConstraint } from '../../platform/db/database.js';
import { emit } from '../../platform/events/events.js';
import { AppError } from '../../platform/http/errors.js';
import { interpolate } from '../../platform/i18n/i18n.js';
import * as identity from '../identity/identity.service.js';
import * as org from '../org/org.service.js';
import './catalog.errors.js';
import './catalog.events.js';
import { FIELD_REASONS, PARENT_REASONS, type FieldReason } from './catalog.errors.js';
import { ancestry, resolveCode } from './catalog.reference.js';
import * as repo from './db/catalog.repository.js';
import * as linksRepo from './db/links.repository.js';
import type { ChangeListRow, RecordRow } from './db/catalog.repository.js';
import {
  RECORD_KINDS,
  type ChangeRequestRow,
  type CodePrefix,
  type RecordKind,
  type ReviewState,
} from './db/schema.js';

/**
 * The registry records (services, business processes, applications, infrastructure, data
 * assets) and their review workflow (Perbup Batang 50/2019 art. 3-19).
 *
 * - The ICT office (a tenant-wide `catalog:record:approve` grant) writes directly: its records
 *   are approved at once and its changes apply at once.
 * - Agency staff (`catalog:record:write` for their agency) propose: a new record waits as
 *   `pending` with a `create` change request; a change or removal of an approved record is a
 *   change request that leaves the record untouched until the ICT office approves it.
 * - Everyone reads approved records. Pending and rejected records are seen by their agency,
 *   the ICT office, auditors and the regional secretary.
 * - Each write is audited in its transaction; `catalog.record.changed` / `.removed` fire only
 *   when the approved registry itself changes.
 */

export type { RecordKind, RecordRow };
export { RECORD_KINDS };
export const FACET_FIELDS = repo.FACET_FIELDS;
export const SORTS = repo.SORTS;

/** The reference-architecture prefix each kind cites. */
export const KIND_PREFIX: Record<RecordKind, CodePrefix> = {
  service: 'RAL',
  process: 'RAB',
  application: 'RAA',
  infrastructure: 'RAI',
  data_asset: 'RAD',
};

/** URL segment of each kind under /api/catalog and /catalog. */
export const KIND_SEGMENTS: Record<RecordKind, string> = {
  service: 'services',
  process: 'processes',
  application: 'applications',
  infrastructure: 'infrastructure',
  data_asset: 'data-assets',
};

/** Fields every record has that a writer sets. */
export const COMMON_FIELDS = ['agencyId', 'name', 'description', 'refCode'] as const;

/** The fields of each kind that a writer sets (besides the common ones). */
export const KIND_FIELDS: Record<RecordKind, readonly string[]> = {
  service: ['kind', 'targetUsers', 'channels', 'serviceStandard', 'status'],
  process: [],
  application: [
    'kind',
    'developer',
    'vendorName',
    'contractRef',
    'licence',
    'licenceName',
    'repositoryUrl',
    'copyrightHolder',
    'hosting',
    'hostingCountry',
    'hostingProvider',
    'providerIndonesianEntity',
    'urls',
    'ssoClientId',
    'securityClass',
    'lifecycle',
    'assessedAt',
    'assessmentResult',
    'duplicatesId',
    'ranBeforeShared',
  ],
  infrastructure: [
    'kind',
    'parentId',
    'location',
    'country',
    'managingAgencyId',
    'provider',
    'hostname',
    'ipAddress',
    'status',
  ],
  data_asset: ['databaseGroup', 'stewardEmployeeId', 'classification'],
};

/** Defaults of a new record (the table defaults, made explicit so validation sees them). */
const DEFAULTS: Record<RecordKind, Record<string, unknown>> = {
  service: { channels: [], status: 'active', serviceStandard: null },
  process: {},
  application: {
    hostingCountry: 'ID',
    securityClass: 'T',
    urls: [],
    vendorName: null,
    contractRef: null,
    licenceName: null,
    repositoryUrl: null,
    copyrightHolder: null,
    hostingProvider: null,
    providerIndonesianEntity: null,
    ssoClientId: null,
    assessedAt: null,
    assessmentResult: null,
    duplicatesId: null,
    ranBeforeShared: null,
  },
  infrastructure: {
    country: 'ID',
    status: 'active',
    parentId: null,
    location: null,
    provider: null,
    hostname: null,
    ipAddress: null,
  },
  data_asset: { stewardEmployeeId: null },
};

/** Where each infrastructure kind may sit (its parent's kinds); absent: it has no parent. */
export const INFRA_PARENTS: Record<string, readonly string[]> = {
  room: ['data_center', 'recovery_center'],
  rack: ['room'],
  server: ['rack'],
  virtual_machine: ['server'],
  network_device: ['rack', 'room'],
};

/** ISO 3166-1 alpha-2 country codes (the 249 officially assigned). */
const COUNTRIES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
  BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
  CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
  MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
  PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
  SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
  TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

export function isCountryCode(value: string): boolean {
  return COUNTRIES.has(value);
}

/** An absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ who sees and writes what
/** The ICT office: decides proposals and writes without review. */
export function writesDirectly(ctx: Pick<Ctx, 'principal'>): boolean {
  return can(ctx.principal, 'catalog:record:approve', null);
}

/** Agencies whose pending and rejected records (and change requests) the caller sees; null: all. */
export function unapprovedScope(ctx: Pick<Ctx, 'principal'>): string[] | null {
  const p = ctx.principal;
  if (!p) return [];
  if (writesDirectly(ctx)) return null;
  if (can(p, 'catalog:record:read_unapproved', null)) return null;
  const agencies = agencyScope(p, 'catalog:record:write');
  return agencies === null ? null : [...new Set(agencies)];
}

function visible(ctx: Ctx, row: { reviewState: ReviewState; agencyId: string }): boolean {
  if (row.reviewState === 'approved') return true;
  const scope = unapprovedScope(ctx);
  return scope === null || scope.includes(row.agencyId);
}

// ------------------------------------------------------------------ views
export interface ChangeView {
  id: string;
  recordKind: RecordKind;
  recordId: string;
  recordName: string | null;
  agencyId: string;
  agencyName: string | null;
  action: ChangeRequestRow['action'];
  changes: Record<string, unknown>;
  baseVersion: number;
  /** The record's version now (null once it is gone). */
  recordVersion: number | null;
  /** An update or removal made against a version the record has since left. */
  stale: boolean;
  state: ChangeRequestRow['state'];
  submittedBy: string | null;
  submittedByName: string | null;
  createdAt: Date;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  comment: string | null;
}

export type RecordView = RecordRow & {
  agencyName?: string | null;
  refCodeName?: string | null;
  pendingChange?: ChangeView | null;
  /** False when the write became a proposal waiting for the ICT office. */
  applied?: boolean;
};

/** Agency names for one call: the tenant's directory is read once, on first need. */
function agencyNames(ctx: Ctx): (id: string) => Promise<string | null> {
  let names: Promise<Map<string, string>> | null = null;
  return async (id) => {
    names ??= org.agencyDirectory(ctx).then((all) => new Map(all.map((a) => [a.id, a.name])));
    return (await names).get(id) ?? null;
  };
}

async function changeView(
  row: ChangeListRow,
  nameOf: (id: string) => Promise<string | null>,
): Promise<ChangeView> {
  return {
    id: row.id,
    recordKind: row.recordKind,
    recordId: row.recordId,
    recordName: row.recordName,
    agencyId: row.agencyId,
    agencyName: await nameOf(row.agencyId),
    action: row.action,
    changes: (row.changes ?? {}) as Record<string, unknown>,
    baseVersion: row.baseVersion,
    recordVersion: row.recordVersion,
    stale:
      row.state === 'pending' &&
      row.action !== 'create' &&
      (row.recordVersion === null || row.recordVersion !== row.baseVersion),
    state: row.state,
    submittedBy: row.submittedBy,
    submittedByName: row.submittedByName,
    createdAt: row.createdAt,
    reviewedBy: row.reviewedBy,
    reviewedByName: row.reviewedByName,
    reviewedAt: row.reviewedAt,
    comment: row.comment,
  };
}

async function loadChangeView(ctx: Ctx, id: string): Promise<ChangeView> {
  const row = await repo.findChangeView(ctx.tx, id);
  if (!row) throw new AppError('catalog.change_not_found');
  return changeView(row, agencyNames(ctx));
}

async function actorName(ctx: Ctx): Promise<string | null> {
  if (!ctx.principal) return null;
  const user = await identity.getUser(ctx, ctx.principal.userId).catch(() => null);
  return user?.displayName ?? ctx.principal.username;
}

// ------------------------------------------------------------------ validation
function fieldError(
  ctx: Ctx,
  code: 'catalog.field_required' | 'catalog.field_invalid',
  field: string,
  reason: FieldReason,
): AppError {
  return new AppError(
    code,
    { field, reason: FIELD_REASONS[reason][ctx.locale] },
    { field, reason },
  );
}

function parentError(
  ctx: Ctx,
  reason: keyof typeof PARENT_REASONS,
  params: Record<string, unknown> = {},
): AppError {
  return new AppError(
    'catalog.parent_invalid',
    { field: 'parentId', reason: interpolate(PARENT_REASONS[reason][ctx.locale], params) },
    { field: 'parentId', reason },
  );
}

async function checkAgency(ctx: Ctx, id: unknown, field: string): Promise<void> {
  if (typeof id !== 'string' || !(await org.findAgency(ctx, id)))
    throw new AppError('catalog.agency_unknown', { field }, { field });
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/** Trims text, drops repeated list entries; the shape itself was checked by the route schema. */
function normalize(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (typeof v === 'string') {
      const s = v.trim();
      out[k] = s === '' && k !== 'name' ? null : s;
    } else if (Array.isArray(v)) {
      out[k] = [...new Set(v.map((x) => (typeof x === 'string' ? x.trim() : x)))];
    } else out[k] = v;
  }
  return out;
}

/** The writable fields of a kind, picked from an input. */
function pickFields(kind: RecordKind, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of [...COMMON_FIELDS, ...KIND_FIELDS[kind]]) if (f in input) out[f] = input[f];
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `patch` whose value differs from the record's. */
function changedFields(before: RecordRow, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (!same(before[k], v)) out[k] = v;
  return out;
}

/**
 * Checks a write against the record it changes (null: a new record) and returns the column
 * values to store: the patch plus what it implies (the cited code set). Throws the first
 * problem as a catalog error naming the field.
 */
async function prepare(
  ctx: Ctx,
  kind: RecordKind,
  before: RecordRow | null,
  patch: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const m: Record<string, unknown> = { ...(before ?? {}), ...patch };
  const out: Record<string, unknown> = { ...patch };
  const has = (f: string) => f in patch;

  if (typeof m.name !== 'string' || m.name.trim() === '')
    throw fieldError(ctx, 'catalog.field_required', 'name', 'name');
  if (has('agencyId')) await checkAgency(ctx, m.agencyId, 'agencyId');
  if (has('refCode')) {
    if (isBlank(m.refCode)) out.refCodeSetId = null;
    else
      out.refCodeSetId = (await resolveCode(ctx, KIND_PREFIX[kind], m.refCode as string)).codeSetId;
  }

  if (kind === 'application') {
    if (m.developer === 'vendor' && isBlank(m.contractRef))
      throw fieldError(ctx, 'catalog.field_required', 'contractRef', 'vendor_contract');
    if (isBlank(m.licenceName))
      throw fieldError(ctx, 'catalog.field_required', 'licenceName', 'licence_name');
    if (isBlank(m.assessedAt) !== isBlank(m.assessmentResult))
      throw fieldError(
        ctx,
        'catalog.field_required',
        isBlank(m.assessedAt) ? 'assessedAt' : 'assessmentResult',
        'assessment_pair',
      );
    if (!isBlank(m.repositoryUrl) && !isHttpUrl(m.repositoryUrl as string))
      throw fieldError(ctx, 'catalog.field_invalid', 'repositoryUrl', 'url');
    if (((m.urls as string[] | undefined) ?? []).some((u) => !isHttpUrl(u)))
      throw fieldError(ctx, 'catalog.field_invalid', 'urls', 'url');
    if (!isCountryCode(String(m.hostingCountry)))
      throw fieldError(ctx, 'catalog.field_invalid', 'hostingCountry', 'country');
    if (has('duplicatesId') || has('kind')) {
      if (!isBlank(m.duplicatesId)) {
        const found =
          m.duplicatesId === before?.id
            ? undefined
            : await repo.findRecord(ctx.tx, 'application', m.duplicatesId as string);
        // Another agency's pending or rejected record is not there for this caller.
        const target = found && visible(ctx, found) ? found : null;
        if (m.kind !== 'specific' || !target || target.kind !== 'shared')
          throw new AppError(
            'catalog.duplicate_target_invalid',
            { field: 'duplicatesId' },
            { field: 'duplicatesId' },
          );
      }
      if (before && before.kind === 'shared' && m.kind !== 'shared') {
        const dependents = await repo.recordDependents(ctx.tx, 'application', before.id);
        if (dependents) throw new AppError('catalog.record_in_use', dependents, dependents);
      }
    }
    if (isBlank(m.duplicatesId) && !isBlank(m.ranBeforeShared)) {
      if (has('ranBeforeShared'))
        throw fieldError(ctx, 'catalog.field_invalid', 'ranBeforeShared', 'ran_before_shared');
      out.ranBeforeShared = null;
    }
  }

  if (kind === 'infrastructure') {
    if (!before && isBlank(m.managingAgencyId)) out.managingAgencyId = m.agencyId;
    else if (has('managingAgencyId'))
      await checkAgency(ctx, m.managingAgencyId, 'managingAgencyId');
    if (!isCountryCode(String(m.country)))
      throw fieldError(ctx, 'catalog.field_invalid', 'country', 'country');
    if (!isBlank(m.ipAddress) && isIP(m.ipAddress as string) === 0)
      throw fieldError(ctx, 'catalog.field_invalid', 'ipAddress', 'ip_address');
    const kindName = String(m.kind);
    if ((has('parentId') || has('kind')) && !isBlank(m.parentId)) {
      const allowed = INFRA_PARENTS[kindName];
      if (!allowed) throw parentError(ctx, 'none', { kind: kindName });
      if (before && m.parentId === before.id) throw parentError(ctx, 'self');
      const parent = await repo.findRecord(ctx.tx, 'infrastructure', m.parentId as string);
      if (!parent || !visible(ctx, parent)) throw parentError(ctx, 'not_found');
      if (!allowed.includes(parent.kind as string))
        throw parentError(ctx, 'kind', { kind: kindName, allowed: allowed.join(' / ') });
    }
    if (before && has('kind') && before.kind !== m.kind) {
      const children = await repo.childKinds(ctx.tx, before.id);
      const misfits = children.filter((c) => !(INFRA_PARENTS[c] ?? []).includes(kindName));
      if (misfits.length > 0)
        throw parentError(ctx, 'children', { kind: kindName, children: misfits.join(', ') });
    }
  }

  if (kind === 'data_asset' && has('stewardEmployeeId') && !isBlank(m.stewardEmployeeId)) {
    if (!(await org.findEmployee(ctx, m.stewardEmployeeId as string)))
      throw fieldError(ctx, 'catalog.field_invalid', 'stewardEmployeeId', 'employee_unknown');
  }
  return out;
}

/** Maps a constraint violation the checks above could not foresee (a race) to a domain error. */
function writeError(err: unknown): unknown {
  if (pgCode(err) === '23503') {
    const c = pgConstraint(err) ?? '';
    if (c.endsWith('_agency_fk') || c.endsWith('_managing_fk'))
      return new AppError('catalog.agency_unknown', { field: 'agencyId' }, { field: 'agencyId' });
    if (c.endsWith('_duplicates_fk'))
      return new AppError(
        'catalog.duplicate_target_invalid',
        { field: 'duplicatesId' },
        { field: 'duplicatesId' },
      );
    if (c.endsWith('_parent_fk'))
      return new AppError('catalog.record_in_use', { field: 'parentId', count: 1 });
  }
  return err;
}

// ------------------------------------------------------------------ reads
export interface ListRecordsQuery {
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
  refCode?: string;
  parentId?: string;
  /** Facet filters: any facet field, one value or several. */
  [facet: string]: unknown;
}

export interface RecordList {
  items: RecordView[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, repo.Facet[]>;
}

export async function listRecords(
  ctx: Ctx,
  kind: RecordKind,
  query: ListRecordsQuery,
): Promise<RecordList> {
  authorize(ctx, 'catalog:record:read');
  const filters: Record<string, string[]> = {};
  for (const f of FACET_FIELDS[kind]) {
    const v = query[f];
    if (v === undefined || v === null || v === '') continue;
    filters[f] = (Array.isArray(v) ? v : [v]).map(String);
  }
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 25)));
  const sort =
    query.sort && (SORTS as readonly string[]).includes(query.sort.replace(/^-/, ''))
      ? query.sort
      : 'name';
  const result = await repo.listRecords(ctx.tx, kind, {
    ...(query.q ? { q: query.q } : {}),
    ...(query.refCode ? { refCode: query.refCode } : {}),
    ...(query.parentId ? { parentId: query.parentId } : {}),
    filters,
    page,
    pageSize,
    sort,
    unapprovedAgencies: unapprovedScope(ctx),
  });
  const nameOf = agencyNames(ctx);
  const items: RecordView[] = [];
  for (const r of result.items) items.push({ ...r, agencyName: await nameOf(r.agencyId) });
  return { items, total: result.total, page, pageSize, facets: result.facets };
}

async function loadVisible(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<RecordRow> {
  const row = await repo.findRecord(ctx.tx, kind, id, opts);
  if (!row || !visible(ctx, row)) throw new AppError('catalog.record_not_found');
  return row;
}

async function openChangeFor(ctx: Ctx, row: RecordRow): Promise<ChangeView | null> {
  const scope = unapprovedScope(ctx);
  if (scope !== null && !scope.includes(row.agencyId)) return null;
  const open = await repo.findOpenChange(ctx.tx, row.id);
  return open ? loadChangeView(ctx, open.id) : null;
}

async function present(ctx: Ctx, kind: RecordKind, row: RecordRow): Promise<RecordView> {
  const refCodeName =
    row.refCode && row.refCodeSetId
      ? await repo.codeName(ctx.tx, row.refCodeSetId, ancestry(row.refCode))
      : null;
  return {
    ...row,
    agencyName: (await org.agencyDirectory(ctx, [row.agencyId]))[0]?.name ?? null,
    refCodeName,
    pendingChange: await openChangeFor(ctx, row),
  };
}

/** One record with its agency's name, its code's name and its open change request. */
export async function getRecord(ctx: Ctx, kind: RecordKind, id: string): Promise<RecordView> {
  authorize(ctx, 'catalog:record:read');
  return present(ctx, kind, await loadVisible(ctx, kind, id));
}

/**
 * For other parts of the registry (documents, APIs, relations): the owner agency of a record
 * the caller may see, or null when there is no such record.
 */
export async function findRecordAgency(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
): Promise<string | null> {
  const row = await repo.findRecord(ctx.tx, kind, id);
  return row && visible(ctx, row) ? row.agencyId : null;
}

/** A short description of a record the caller may see (name, agency, state), or null. */
export async function findRecordSummary(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
): Promise<{
  id: string;
  kind: RecordKind;
  name: string;
  agencyId: string;
  refCode: string | null;
  reviewState: ReviewState;
  version: number;
} | null> {
  const row = await repo.findRecord(ctx.tx, kind, id);
  if (!row || !visible(ctx, row)) return null;
  return {
    id: row.id,
    kind,
    name: row.name,
    agencyId: row.agencyId,
    refCode: row.refCode,
    reviewState: row.reviewState,
    version: row.version,
  };
}

// ------------------------------------------------------------------ writes
export type RecordInput = {
  agencyId: string;
  name: string;
  description?: string | null;
  refCode?: string | null;
} & Record<string, unknown>;

async function audit(
  ctx: Ctx,
  action: string,
  targetType: string,
  targetId: string,
  before: unknown,
  after: unknown,
  data?: Record<string, unknown>,
) {
  await writeAudit(ctx.tx, ctx, {
    action,
    targetType,
    targetId,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(data ? { data } : {}),
  });
}

/** Register a record: approved at once for the ICT office, a proposal for agency staff. */
export async function createRecord(
  ctx: Ctx,
  kind: RecordKind,
  input: RecordInput,
): Promise<RecordView> {
  authorize(ctx, 'catalog:record:write', input.agencyId);
  const fields = { ...DEFAULTS[kind], ...normalize(pickFields(kind, input)) };
  const values = await prepare(ctx, kind, null, fields);
  const direct = writesDirectly(ctx);
  const row = await repo
    .insertRecord(ctx.tx, kind, {
      ...values,
      tenantId: ctx.tenantId,
      reviewState: direct ? 'approved' : 'pending',
      createdBy: ctx.principal?.userId ?? null,
    })
    .catch((e: unknown) => {
      throw writeError(e);
    });
  if (direct) {
    await audit(ctx, `catalog.${kind}.created`, kind, row.id, undefined, row);
    await emit(ctx, 'catalog.record.changed', { kind, id: row.id });
    return { ...(await present(ctx, kind, row)), applied: true };
  }
  const change = await repo.insertChange(ctx.tx, {
    tenantId: ctx.tenantId,
    recordKind: kind,
    recordId: row.id,
    agencyId: row.agencyId,
    action: 'create',
    changes: fields,
    baseVersion: row.version,
    submittedBy: ctx.principal?.userId ?? null,
    submittedByName: await actorName(ctx),
  });
  await audit(ctx, 'catalog.change.submitted', 'change_request', change.id, undefined, row, {
    action: 'create',
    kind,
    recordId: row.id,
  });
  return { ...(await present(ctx, kind, row)), applied: false };
}

/**
 * Change a record. `version` is the version the caller read (optimistic concurrency). The ICT
 * office's change applies at once; agency staff's change of an approved record becomes (or
 * extends) their open change request and leaves the record as it is; their own unapproved
 * record is edited in place and stays (or goes back to) pending.
 */
export async function updateRecord(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
  input: Partial<RecordInput> & { version: number },
): Promise<RecordView> {
  authorize(ctx, 'catalog:record:write');
  const before = await loadVisible(ctx, kind, id, { lock: true });
  authorize(ctx, 'catalog:record:write', before.agencyId);
  const { version, ...rest } = input;
  const picked = normalize(pickFields(kind, rest));
  const patch = changedFields(before, picked);
  if (typeof patch.agencyId === 'string') authorize(ctx, 'catalog:record:write', patch.agencyId);
  if (version !== before.version)
    throw new AppError(
      'catalog.version_conflict',
      { current: before.version },
      { current: before.version },
    );
  const direct = writesDirectly(ctx);
  if (!direct && before.reviewState === 'approved')
    return proposeUpdate(ctx, kind, before, picked, patch);
  if (Object.keys(patch).length === 0)
    return { ...(await present(ctx, kind, before)), applied: true };
  const values = await prepare(ctx, kind, before, patch);
  const open = await repo.findOpenChange(ctx.tx, id);

  const row = await repo
    .updateRecord(
      ctx.tx,
      kind,
      id,
      { ...values, ...(direct ? {} : { reviewState: 'pending' }) },
      { bumpVersion: true },
    )
    .catch((e: unknown) => {
      throw writeError(e);
    });
  if (direct) {
    if (open?.action === 'create')
      await repo.updateChange(ctx.tx, open.id, {
        changes: { ...(open.changes as object), ...patch },
        baseVersion: row.version,
        agencyId: row.agencyId,
      });
    await audit(ctx, `catalog.${kind}.updated`, kind, id, before, row);
    if (row.reviewState === 'approved') await emit(ctx, 'catalog.record.changed', { kind, id });
    return { ...(await present(ctx, kind, row)), applied: true };
  }
  // Agency staff editing their own unapproved record: revise the open proposal, or
  // resubmit a rejected one.
  if (open?.action === 'create') {
    const change = await repo.updateChange(ctx.tx, open.id, {
      changes: { ...(open.changes as object), ...patch },
      baseVersion: row.version,
      agencyId: row.agencyId,
    });
    await audit(ctx, 'catalog.change.revised', 'change_request', change.id, before, row, {
      action: 'create',
      kind,
      recordId: id,
    });
  } else {
    const change = await repo.insertChange(ctx.tx, {
      tenantId: ctx.tenantId,
      recordKind: kind,
      recordId: id,
      agencyId: row.agencyId,
      action: 'create',
      changes: pickFields(kind, row),
      baseVersion: row.version,
      submittedBy: ctx.principal?.userId ?? null,
      submittedByName: await actorName(ctx),
    });
    await audit(ctx, 'catalog.change.submitted', 'change_request', change.id, before, row, {
      action: 'create',
      kind,
      recordId: id,
      resubmitted: true,
    });
  }
  return { ...(await present(ctx, kind, row)), applied: true };
}

/**
 * Agency staff changing an approved record: a proposal; the record stays as it is. A second
 * edit revises the submitter's open proposal: fields set back to the record's value leave it
 * (a proposal emptied that way is withdrawn), and the proposal as a whole is checked.
 */
async function proposeUpdate(
  ctx: Ctx,
  kind: RecordKind,
  before: RecordRow,
  picked: Record<string, unknown>,
  patch: Record<string, unknown>,
): Promise<RecordView> {
  const id = before.id;
  const open = await repo.findOpenChange(ctx.tx, id);
  if (open && (open.action !== 'update' || open.submittedBy !== (ctx.principal?.userId ?? null))) {
    if (Object.keys(patch).length === 0)
      return { ...(await present(ctx, kind, before)), applied: true };
    throw new AppError('catalog.change_pending');
  }
  const proposed = (open?.changes ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...proposed, ...patch };
  for (const k of Object.keys(picked)) if (!(k in patch)) delete merged[k];
  if (same(merged, proposed)) return { ...(await present(ctx, kind, before)), applied: true };
  if (open && Object.keys(merged).length === 0) {
    const change = await repo.updateChange(ctx.tx, open.id, { state: 'withdrawn' });
    await audit(ctx, 'catalog.change.withdrawn', 'change_request', change.id, proposed, undefined, {
      action: 'update',
      kind,
      recordId: id,
      reverted: true,
    });
    return { ...(await present(ctx, kind, before)), applied: true };
  }
  await prepare(ctx, kind, before, merged);
  if (open) {
    const change = await repo.updateChange(ctx.tx, open.id, { changes: merged });
    await audit(
      ctx,
      'catalog.change.revised',
      'change_request',
      change.id,
      open.changes,
      change.changes,
      {
        action: 'update',
        kind,
        recordId: id,
      },
    );
  } else {
    const change = await repo.insertChange(ctx.tx, {
      tenantId: ctx.tenantId,
      recordKind: kind,
      recordId: id,
      agencyId: before.agencyId,
      action: 'update',
      changes: patch,
      baseVersion: before.version,
      submittedBy: ctx.principal?.userId ?? null,
      submittedByName: await actorName(ctx),
    });
    await audit(ctx, 'catalog.change.submitted', 'change_request', change.id, undefined, patch, {
      action: 'update',
      kind,
      recordId: id,
    });
  }
  return { ...(await present(ctx, kind, before)), applied: false };
}

/**
 * Announces that an approved record left the registry, and that the approved records it was
 * related to changed: their relations went with it (their compliance verdicts may hang on them).
 */
async function announceRemoval(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
  related: string[],
): Promise<void> {
  await emit(ctx, 'catalog.record.removed', { kind, id });
  for (const r of await linksRepo.findRecordHeads(ctx.tx, related))
    if (r.reviewState === 'approved')
      await emit(ctx, 'catalog.record.changed', { kind: r.kind, id: r.id });
}

export type DeleteResult = { applied: true } | { applied: false; change: ChangeView };

/**
 * Remove a record. The ICT office removes at once; agency staff remove their own unapproved
 * record at once, and propose the removal of an approved one.
 */
export async function deleteRecord(ctx: Ctx, kind: RecordKind, id: string): Promise<DeleteResult> {
  authorize(ctx, 'catalog:record:write');
  const before = await loadVisible(ctx, kind, id, { lock: true });
  authorize(ctx, 'catalog:record:write', before.agencyId);
  const direct = writesDirectly(ctx);
  const open = await repo.findOpenChange(ctx.tx, id);

  if (direct || before.reviewState !== 'approved') {
    const dependents = await repo.recordDependents(ctx.tx, kind, id);
    if (dependents) throw new AppError('catalog.record_in_use', dependents, dependents);
    await repo.closeOpenChanges(ctx.tx, id, {
      state: direct ? 'rejected' : 'withdrawn',
      reviewedBy: ctx.principal?.userId ?? null,
      reviewedByName: await actorName(ctx),
      reviewedAt: new Date(),
    });
    const related = await repo.deleteRecord(ctx.tx, kind, id);
    await audit(ctx, `catalog.${kind}.deleted`, kind, id, before, undefined, {
      reviewState: before.reviewState,
      ...(open ? { closedChange: open.id } : {}),
    });
    if (before.reviewState === 'approved') await announceRemoval(ctx, kind, id, related);
    return { applied: true };
  }

  if (open) throw new AppError('catalog.change_pending');
  const change = await repo.insertChange(ctx.tx, {
    tenantId: ctx.tenantId,
    recordKind: kind,
    recordId: id,
    agencyId: before.agencyId,
    action: 'delete',
    changes: {},
    baseVersion: before.version,
    submittedBy: ctx.principal?.userId ?? null,
    submittedByName: await actorName(ctx),
  });
  await audit(ctx, 'catalog.change.submitted', 'change_request', change.id, before, undefined, {
    action: 'delete',
    kind,
    recordId: id,
  });
  return { applied: false, change: await loadChangeView(ctx, change.id) };
}

// ------------------------------------------------------------------ change requests
export interface ChangeListQuery {
  state?: ChangeRequestRow['state'];
  agencyId?: string;
  recordId?: string;
  kind?: RecordKind;
  page?: number;
  pageSize?: number;
}

/** The review queue: the ICT office, auditors and the regional secretary see every agency's. */
export async function listChangeRequests(ctx: Ctx, query: ChangeListQuery) {
  authorize(ctx, 'catalog:record:read');
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 25)));
  const result = await repo.listChanges(ctx.tx, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.recordId ? { recordId: query.recordId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    page,
    pageSize,
    agencyIds: unapprovedScope(ctx),
  });
  const nameOf = agencyNames(ctx);
  const items: ChangeView[] = [];
  for (const r of result.items) items.push(await changeView(r, nameOf));
  return { items, total: result.total, page, pageSize };
}

async function loadChange(ctx: Ctx, id: string, lock = false): Promise<ChangeRequestRow> {
  const row = await repo.findChange(ctx.tx, id, { lock });
  const scope = unapprovedScope(ctx);
  if (!row || (scope !== null && !scope.includes(row.agencyId)))
    throw new AppError('catalog.change_not_found');
  return row;
}

export async function getChangeRequest(ctx: Ctx, id: string): Promise<ChangeView> {
  authorize(ctx, 'catalog:record:read');
  await loadChange(ctx, id);
  return loadChangeView(ctx, id);
}

async function decide(ctx: Ctx, id: string): Promise<ChangeRequestRow> {
  authorize(ctx, 'catalog:record:approve', null);
  // Lock in the order agency edits do (the record, then its change request), so a decision and
  // an edit racing each other wait for one another instead of deadlocking.
  const peek = await loadChange(ctx, id, false);
  await repo.findRecord(ctx.tx, peek.recordKind, peek.recordId, { lock: true });
  const change = await loadChange(ctx, id, true);
  if (change.state !== 'pending')
    throw new AppError('catalog.change_decided', { state: change.state }, { state: change.state });
  return change;
}

/** Apply a proposal: the record becomes approved, changes, or goes. */
export async function approveChange(
  ctx: Ctx,
  id: string,
  input: { comment?: string | null; baseVersion?: number } = {},
): Promise<ChangeView> {
  const change = await decide(ctx, id);
  // The reviewer approves what they read: a proposal revised since (its base version moved on
  // with each revision) is refused, so nothing the reviewer did not see is applied.
  if (input.baseVersion !== undefined && input.baseVersion !== change.baseVersion)
    throw new AppError(
      'catalog.change_stale',
      { base: input.baseVersion, current: change.baseVersion },
      { base: input.baseVersion, current: change.baseVersion },
    );
  const kind = change.recordKind;
  const before = await repo.findRecord(ctx.tx, kind, change.recordId, { lock: true });
  if (!before)
    throw new AppError('catalog.change_stale', { base: change.baseVersion, current: '-' });
  if (change.action !== 'create' && before.version !== change.baseVersion)
    throw new AppError(
      'catalog.change_stale',
      { base: change.baseVersion, current: before.version },
      { base: change.baseVersion, current: before.version },
    );

  let after: RecordRow | undefined;
  let related: string[] = [];
  if (change.action === 'create') {
    after = await repo.updateRecord(
      ctx.tx,
      kind,
      before.id,
      { reviewState: 'approved' },
      {
        bumpVersion: false,
      },
    );
  } else if (change.action === 'update') {
    const patch = changedFields(before, change.changes as Record<string, unknown>);
    const values = await prepare(ctx, kind, before, patch);
    after = await repo
      .updateRecord(ctx.tx, kind, before.id, values, { bumpVersion: true })
      .catch((e: unknown) => {
        throw writeError(e);
      });
  } else {
    const dependents = await repo.recordDependents(ctx.tx, kind, before.id);
    if (dependents) throw new AppError('catalog.record_in_use', dependents, dependents);
    related = await repo.deleteRecord(ctx.tx, kind, before.id);
  }
  await repo.updateChange(ctx.tx, id, {
    state: 'approved',
    reviewedBy: ctx.principal?.userId ?? null,
    reviewedByName: await actorName(ctx),
    reviewedAt: new Date(),
    comment: input.comment?.trim() || null,
  });
  await audit(ctx, 'catalog.change.approved', 'change_request', id, before, after, {
    action: change.action,
    kind,
    recordId: change.recordId,
  });
  if (after) await emit(ctx, 'catalog.record.changed', { kind, id: change.recordId });
  else await announceRemoval(ctx, kind, change.recordId, related);
  return loadChangeView(ctx, id);
}

/** Refuse a proposal, saying why; a refused new record stays visible to its agency as rejected. */
export async function rejectChange(
  ctx: Ctx,
  id: string,
  input: { comment: string },
): Promise<ChangeView> {
  const comment = (input.comment ?? '').trim();
  if (!comment) throw new AppError('catalog.comment_required');
  const change = await decide(ctx, id);
  let before: RecordRow | undefined;
  let after: RecordRow | undefined;
  if (change.action === 'create') {
    before = await repo.findRecord(ctx.tx, change.recordKind, change.recordId, { lock: true });
    // A record approved meanwhile (by an import) is part of the registry: rejecting the old
    // proposal does not take it out.
    if (before && before.reviewState !== 'approved')
      after = await repo.updateRecord(
        ctx.tx,
        change.recordKind,
        change.recordId,
        { reviewState: 'rejected' },
        { bumpVersion: false },
      );
  }
  await repo.updateChange(ctx.tx, id, {
    state: 'rejected',
    reviewedBy: ctx.principal?.userId ?? null,
    reviewedByName: await actorName(ctx),
    reviewedAt: new Date(),
    comment,
  });
  await audit(ctx, 'catalog.change.rejected', 'change_request', id, before, after, {
    action: change.action,
    kind: change.recordKind,
    recordId: change.recordId,
    comment,
  });
  return loadChangeView(ctx, id);
}

/** The submitter takes a proposal back; a proposed new record goes with it. */
export async function withdrawChange(ctx: Ctx, id: string): Promise<ChangeView> {
  authorize(ctx, 'catalog:record:write');
  const change = await loadChange(ctx, id, true);
  if (!ctx.principal || change.submittedBy !== ctx.principal.userId)
    throw new AppError('platform.forbidden', { permission: 'catalog:record:write' });
  if (change.state !== 'pending')
    throw new AppError('catalog.change_decided', { state: change.state }, { state: change.state });
  let before: RecordRow | undefined;
  if (change.action === 'create') {
    before = await repo.findRecord(ctx.tx, change.recordKind, change.recordId, { lock: true });
    if (before && before.reviewState !== 'approved') {
      // The record may have moved to another agency since it was proposed: removing it is a
      // write for the agency that owns it now.
      authorize(ctx, 'catalog:record:write', before.agencyId);
      const dependents = await repo.recordDependents(ctx.tx, change.recordKind, before.id);
      if (dependents) throw new AppError('catalog.record_in_use', dependents, dependents);
      await repo.deleteRecord(ctx.tx, change.recordKind, before.id);
    }
  }
  await repo.updateChange(ctx.tx, id, { state: 'withdrawn' });
  await audit(ctx, 'catalog.change.withdrawn', 'change_request', id, before, undefined, {
    action: change.action,
    kind: change.recordKind,
    recordId: change.recordId,
  });
  return loadChangeView(ctx, id);
}
