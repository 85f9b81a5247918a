import type { Ctx } from '../../platform/context.js';
import { emit, withEventsMuted, type EventName } from '../../platform/events/events.js';
import * as catalog from '../catalog/catalog.service.js';
import * as links from '../catalog/catalog-links.service.js';
import '../catalog/catalog.events.js';
import * as org from '../org/org.service.js';
import {
  DEMO_APPLICATIONS,
  DEMO_DATA_ASSETS,
  DEMO_DELIVERABLES,
  DEMO_EGOV_UNIT,
  DEMO_EGOV_UNIT_DEFAULT,
  DEMO_ENDED_ICT_MANAGER,
  DEMO_INFRASTRUCTURE,
  DEMO_NO_EGOV_UNIT,
  DEMO_NO_ICT_MANAGER,
  DEMO_PROCESSES,
  DEMO_REPOSITORY,
  DEMO_SERVICES,
  REGENCY,
  type DemoApplication,
  type DemoDocumentKind,
  type DemoInfra,
} from './batang-catalog.data.js';

/**
 * The demo registry of Kabupaten Batang (batang-catalog.data.ts), written through the catalog
 * and org services as the system principal (the ICT office: every record is approved at once,
 * every write audited) inside the seed's transaction.
 *
 * About 1,600 writes each announce a change, and each announcement would re-evaluate compliance
 * (some 30 ms apiece: most of a minute in all). The per-record events are therefore muted for
 * the seed's transaction, and one `catalog.records.bulk_changed` at the end runs a single full
 * evaluation over the finished registry and organisation.
 */

/** The per-record announcements a bulk writer replaces with one `catalog.records.bulk_changed`. */
export const BULK_MUTED_EVENTS: readonly EventName[] = [
  'catalog.record.changed',
  'catalog.record.removed',
  'org.structure.changed',
];

/** A seeded employee, as seedDemo knows it. */
export interface CatalogSeedEmployee {
  id: string;
  agencyCode: string;
  positionName: string;
  positionKind: 'structural' | 'functional' | 'executor';
  /** 0 head ... 4 staff. */
  tier: number;
}

export interface CatalogSeedInput {
  /** Agency code -> id. */
  agencyIds: ReadonlyMap<string, string>;
  /** Agency code -> (unit code -> unit id). */
  unitIds: ReadonlyMap<string, ReadonlyMap<string, string>>;
  employees: readonly CatalogSeedEmployee[];
}

export interface CatalogSeedSummary {
  services: number;
  processes: number;
  applications: number;
  infrastructure: number;
  dataAssets: number;
  dataAssetsWithoutSteward: number;
  apis: number;
  relations: number;
  documents: number;
  ictAppointments: number;
  egovUnits: number;
}

/** The demo cannot be seeded as written (a broken reference inside the data file). */
class CatalogDataError extends Error {
  constructor(message: string) {
    super(`demo catalog data: ${message}`);
    this.name = 'CatalogDataError';
  }
}

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new CatalogDataError(`unknown ${what} "${key}"`);
  return value;
}

// ------------------------------------------------------------------ people
/** The employee of an agency best suited to a role: the first whose position passes a test. */
function pick(
  employees: readonly CatalogSeedEmployee[],
  agencyCode: string,
  preferences: Array<(e: CatalogSeedEmployee) => boolean>,
): CatalogSeedEmployee | undefined {
  const mine = employees.filter((e) => e.agencyCode === agencyCode);
  for (const test of preferences) {
    const hit = mine.find(test);
    if (hit) return hit;
  }
  return mine[0];
}

const ICT_MANAGER_PREFERENCES: Array<(e: CatalogSeedEmployee) => boolean> = [
  (e) => e.positionName.startsWith('Pranata Komputer'),
  (e) => e.positionName.startsWith('Sandiman') || e.positionName.startsWith('Statistisi'),
  (e) => e.positionKind === 'functional',
  (e) => e.tier === 3,
  (e) => e.tier === 4,
  (e) => e.tier === 2,
];

const STEWARD_PREFERENCES: Array<(e: CatalogSeedEmployee) => boolean> = [
  (e) => e.positionName.startsWith('Statistisi'),
  (e) => e.positionName.startsWith('Analis') || e.positionName.startsWith('Perencana'),
  (e) => e.positionKind === 'functional',
  (e) => e.tier === 2,
  (e) => e.tier === 3,
];

async function seedOrganisation(
  ctx: Ctx,
  input: CatalogSeedInput,
): Promise<{ ictAppointments: number; egovUnits: number }> {
  let egovUnits = 0;
  for (const [agencyCode, units] of input.unitIds) {
    if (DEMO_NO_EGOV_UNIT.includes(agencyCode)) continue;
    const wanted = DEMO_EGOV_UNIT[agencyCode];
    const code = wanted ?? DEMO_EGOV_UNIT_DEFAULT.find((c) => units.has(c));
    const unitId = code ? units.get(code) : undefined;
    if (!unitId) continue;
    await org.updateUnit(ctx, unitId, { isEgovUnit: true });
    egovUnits++;
  }

  let ictAppointments = 0;
  let seq = 0;
  for (const [agencyCode, agencyId] of input.agencyIds) {
    if (DEMO_NO_ICT_MANAGER.includes(agencyCode)) continue;
    const person = pick(input.employees, agencyCode, ICT_MANAGER_PREFERENCES);
    if (!person) continue;
    seq++;
    const ended = DEMO_ENDED_ICT_MANAGER.includes(agencyCode);
    await org.createIctAppointment(ctx, {
      agencyId,
      employeeId: person.id,
      // Fictitious decree numbers of the regent (Keputusan Bupati).
      decreeNumber: ended ? `800/${40 + seq}/2022` : `800.1.3/${200 + seq}/2025`,
      decreeDate: ended ? '2022-01-10' : '2025-01-06',
      competence: person.positionName.startsWith('Pranata Komputer')
        ? 'Jabatan fungsional Pranata Komputer; pelatihan pengelolaan SPBE'
        : 'Pelatihan dasar pengelolaan TIK (bimtek Diskominfo)',
      startsOn: ended ? '2022-01-10' : '2025-01-06',
      endsOn: ended ? '2024-12-31' : null,
    });
    ictAppointments++;
  }
  return { ictAppointments, egovUnits };
}

// ------------------------------------------------------------------ documents
const docSlug = (kind: DemoDocumentKind) => kind.replace(/_/g, '-');

function sourceRepository(app: DemoApplication): string {
  return `${DEMO_REPOSITORY}/kode/${app.key}`;
}

/** The documents an application has on file: the full set for its situation minus `withheld`. */
export function documentsOf(app: DemoApplication): DemoDocumentKind[] {
  const wanted: DemoDocumentKind[] = [];
  const handsOver = app.developer !== 'national';
  if (handsOver) wanted.push(...DEMO_DELIVERABLES);
  if (handsOver && app.licence === 'closed') wanted.push('closed_source_consideration');
  if (app.hosting !== 'regional_dc') wanted.push('hosting_guarantee');
  if (handsOver && app.kind === 'specific') wanted.push('kemenpanrb_consideration');
  if (app.assessedAt) wanted.push('assessment_report');
  if (app.duplicates)
    wanted.push('cost_benefit_study', 'business_process_alignment', 'minister_consideration');
  const withheld = new Set(app.withheld ?? []);
  return wanted.filter((k) => !withheld.has(k));
}

function documentNote(app: DemoApplication, kind: DemoDocumentKind): string | null {
  if (kind === 'hosting_guarantee')
    return app.developer === 'national'
      ? 'Perjanjian kerja sama pemanfaatan aplikasi dan jaminan keamanan data'
      : `Surat jaminan keamanan data dari ${app.hostingProvider ?? 'penyedia hosting'}`;
  if (kind === 'source_code') return 'Repositori kode sumber di Diskominfo (rahasia)';
  if (app.developer === 'vendor' && (DEMO_DELIVERABLES as readonly string[]).includes(kind))
    return `Diserahkan ${app.vendorName ?? 'penyedia'} saat serah terima pekerjaan`;
  return null;
}

// ------------------------------------------------------------------ the seed
export async function seedCatalog(ctx: Ctx, input: CatalogSeedInput): Promise<CatalogSeedSummary> {
  const summary = await withEventsMuted(ctx, BULK_MUTED_EVENTS, () => writeCatalog(ctx, input));
  // One full evaluation over the finished registry.
  await emit(ctx, 'catalog.records.bulk_changed', {});
  return summary;
}

async function writeCatalog(ctx: Ctx, input: CatalogSeedInput): Promise<CatalogSeedSummary> {
  const agency = (code: string) => lookup(input.agencyIds, code, 'agency');
  const orgSummary = await seedOrganisation(ctx, input);

  // Infrastructure, parents first.
  const infraIds = new Map<string, string>();
  const pending: DemoInfra[] = [...DEMO_INFRASTRUCTURE];
  while (pending.length > 0) {
    const ready = pending.findIndex((i) => !i.parent || infraIds.has(i.parent));
    if (ready < 0) throw new CatalogDataError(`unknown parent "${pending[0]!.parent}"`);
    const i = pending.splice(ready, 1)[0]!;
    const row = await catalog.createRecord(ctx, 'infrastructure', {
      agencyId: agency(i.agency),
      name: i.name,
      description: i.description ?? null,
      refCode: i.refCode,
      kind: i.kind,
      parentId: i.parent ? infraIds.get(i.parent)! : null,
      location: i.location ?? null,
      country: i.country ?? 'ID',
      managingAgencyId: agency(i.managedBy ?? i.agency),
      provider: i.provider ?? null,
      hostname: i.hostname ?? null,
      ipAddress: i.ip ?? null,
      status: i.status ?? 'active',
    });
    infraIds.set(i.key, row.id);
  }

  // Data assets, with a steward from the owner agency's staff where one is appointed.
  const dataIds = new Map<string, string>();
  let withoutSteward = 0;
  for (const d of DEMO_DATA_ASSETS) {
    const steward = d.steward ? pick(input.employees, d.agency, STEWARD_PREFERENCES) : undefined;
    if (!steward) withoutSteward++;
    const row = await catalog.createRecord(ctx, 'data_asset', {
      agencyId: agency(d.agency),
      name: d.name,
      description: d.description,
      refCode: d.refCode,
      databaseGroup: d.group,
      classification: d.classification,
      stewardEmployeeId: steward?.id ?? null,
    });
    dataIds.set(d.key, row.id);
  }

  const serviceIds = new Map<string, string>();
  for (const s of DEMO_SERVICES) {
    const row = await catalog.createRecord(ctx, 'service', {
      agencyId: agency(s.agency),
      name: s.name,
      description: s.description,
      refCode: s.refCode,
      kind: s.kind,
      targetUsers: s.targetUsers,
      channels: s.channels,
      serviceStandard: s.serviceStandard ?? null,
      status: s.status ?? 'active',
    });
    serviceIds.set(s.key, row.id);
  }

  let relations = 0;
  const relate = async (
    type: links.RelationInput['type'],
    fromKind: links.RelationInput['fromKind'],
    fromId: string,
    toKind: links.RelationInput['toKind'],
    toId: string,
    apiId: string | null = null,
  ) => {
    await links.createRelation(ctx, { type, fromKind, fromId, toKind, toId, apiId });
    relations++;
  };

  let processes = 0;
  for (const p of DEMO_PROCESSES) {
    const row = await catalog.createRecord(ctx, 'process', {
      agencyId: agency(p.agency),
      name: p.name,
      description: p.description,
      refCode: p.refCode,
    });
    processes++;
    for (const s of p.delivers)
      await relate('delivers', 'process', row.id, 'service', lookup(serviceIds, s, 'service'));
  }

  // Applications: the shared ones a look-alike points at exist first.
  const appIds = new Map<string, string>();
  const ordered = [
    ...DEMO_APPLICATIONS.filter((a) => !a.duplicates),
    ...DEMO_APPLICATIONS.filter((a) => a.duplicates),
  ];
  for (const a of ordered) {
    const handsOver = a.developer !== 'national';
    const hasSource = handsOver && !(a.withheld ?? []).includes('source_code');
    const row = await catalog.createRecord(ctx, 'application', {
      agencyId: agency(a.agency),
      name: a.name,
      description: a.description,
      refCode: a.refCode,
      kind: a.kind,
      developer: a.developer,
      vendorName: a.vendorName ?? null,
      contractRef: a.contractRef ?? null,
      licence: a.licence,
      licenceName: a.licenceName ?? null,
      repositoryUrl: hasSource ? sourceRepository(a) : null,
      copyrightHolder: a.copyrightHolder ?? (handsOver ? REGENCY : null),
      hosting: a.hosting,
      hostingCountry: a.hostingCountry ?? 'ID',
      hostingProvider:
        a.hostingProvider ?? (a.hosting === 'regional_dc' ? 'Diskominfo Kabupaten Batang' : null),
      providerIndonesianEntity: a.providerIndonesianEntity ?? (a.hosting === 'regional_dc' || null),
      urls: a.urls,
      securityClass: a.securityClass,
      lifecycle: a.lifecycle,
      assessedAt: a.assessedAt ?? null,
      assessmentResult: a.assessmentResult ?? null,
      duplicatesId: a.duplicates ? lookup(appIds, a.duplicates, 'application') : null,
      ranBeforeShared: a.duplicates ? (a.ranBeforeShared ?? false) : null,
    });
    appIds.set(a.key, row.id);
  }

  const apiIds = new Map<string, string>();
  for (const a of DEMO_APPLICATIONS) {
    for (const api of a.apis ?? []) {
      const row = await links.createApi(ctx, appIds.get(a.key)!, {
        name: api.name,
        version: api.version ?? 'v1',
        baseUrl: api.baseUrl ?? null,
        description: api.description ?? null,
      });
      apiIds.set(api.key, row.id);
    }
  }

  let documents = 0;
  for (const a of DEMO_APPLICATIONS) {
    const id = appIds.get(a.key)!;
    for (const s of a.supports ?? [])
      await relate('supports', 'application', id, 'service', lookup(serviceIds, s, 'service'));
    for (const i of a.runsOn ?? [])
      await relate(
        'runs_on',
        'application',
        id,
        'infrastructure',
        lookup(infraIds, i, 'infrastructure'),
      );
    for (const d of a.reads ?? [])
      await relate('reads', 'application', id, 'data_asset', lookup(dataIds, d, 'data asset'));
    for (const d of a.writes ?? [])
      await relate('writes', 'application', id, 'data_asset', lookup(dataIds, d, 'data asset'));
    for (const c of a.calls ?? []) {
      const target = typeof c === 'string' ? { app: c, api: null } : c;
      await relate(
        'calls',
        'application',
        id,
        'application',
        lookup(appIds, target.app, 'application'),
        target.api ? lookup(apiIds, target.api, 'API') : null,
      );
    }
    for (const kind of documentsOf(a)) {
      await links.putDocumentLink(ctx, id, kind, {
        url:
          kind === 'source_code'
            ? sourceRepository(a)
            : `${DEMO_REPOSITORY}/spbe/${a.key}/${docSlug(kind)}.pdf`,
        note: documentNote(a, kind),
      });
      documents++;
    }
  }

  return {
    services: serviceIds.size,
    processes,
    applications: appIds.size,
    infrastructure: infraIds.size,
    dataAssets: dataIds.size,
    dataAssetsWithoutSteward: withoutSteward,
    apis: apiIds.size,
    relations,
    documents,
    ...orgSummary,
  };
}
