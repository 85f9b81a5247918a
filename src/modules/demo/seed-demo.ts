import type { Role } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import type { Database, Db } from '../../platform/db/database.js';
import { withEventsMuted } from '../../platform/events/events.js';
import * as identity from '../identity/identity.service.js';
import * as org from '../org/org.service.js';
import {
  asSystem,
  createTenant,
  findTenantByCode,
  type TenantRow,
} from '../tenancy/tenancy.service.js';
import { BULK_MUTED_EVENTS, seedCatalog, type CatalogSeedSummary } from './seed-catalog.js';
import {
  allBatangAgencies,
  BATANG_TENANT,
  DEMO_BIDANG,
  DEMO_EXECUTOR,
  DEMO_FUNCTIONAL,
  DEMO_FUNCTIONAL_COMMON,
  DEMO_KECAMATAN_UNITS,
  DEMO_KELURAHAN_UNITS,
  DEMO_SEKRETARIAT_SUBBAG,
  DEMO_STAFF_WEIGHT,
  FAMILY_NAMES_FEMALE,
  FAMILY_NAMES_MALE,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  SETDA_ASISTEN,
  SETDA_BAGIAN,
  type DemoAgency,
} from './batang.data.js';

/**
 * `simpul seed --demo`: the demo regency "Kabupaten Batang" (33.25) with its real agencies and
 * kecamatan, a plausible structure, fictitious employees with valid NIPs, one user per role, and
 * its SPBE architecture registry (seed-catalog.ts) with a few deliberate compliance gaps.
 * Everything goes through the org and identity services inside one operator transaction, so the
 * audit chain records every row and a failure leaves no half-seeded tenant behind.
 */

export const DEFAULT_DEMO_EMPLOYEES = 300;
export const MAX_DEMO_EMPLOYEES = 5000;

export interface SeedDemoOptions {
  adminPassword: string;
  employees?: number;
}

export interface SeededUser {
  username: string;
  displayName: string;
  role: Role;
  /** Short name of the agency a scoped role is limited to; null for tenant-wide. */
  agency: string | null;
  employeeNip: string | null;
  /** False when an account with this username already existed and was left unchanged. */
  created: boolean;
}

export interface SeedDemoSummary {
  tenant: { id: string; code: string; name: string; hostnames: string[]; created: boolean };
  agencies: number;
  kecamatan: number;
  kelurahan: number;
  units: number;
  positions: number;
  employees: number;
  users: SeededUser[];
  /** The SPBE registry and the organisation facts compliance reads. */
  catalog: CatalogSeedSummary;
}

/** The seed cannot run (bilingual message for the operator). */
export class DemoSeedError extends Error {
  constructor(id: string, en: string) {
    super(`${id} / ${en}`);
    this.name = 'DemoSeedError';
  }
}

// ------------------------------------------------------------------ deterministic randomness
/** mulberry32: small, fast, reproducible PRNG. */
export function makeRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof makeRandom>;

// ------------------------------------------------------------------ NIP
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Birth-year range per tier: leaders are older than staff. */
const BIRTH_YEARS: Record<Tier, [number, number]> = {
  0: [1967, 1975],
  1: [1968, 1978],
  2: [1970, 1982],
  3: [1972, 1988],
  4: [1968, 2000],
};

/**
 * A valid NIP: birth date, TMT CPNS month (at age 20-32, always after the 18th birthday and never
 * after `latest`), gender digit and a sequence number that keeps it unique within `taken`.
 */
export function makeDemoNip(
  rnd: Random,
  tier: Tier,
  gender: 1 | 2,
  taken: Set<string>,
  latest: { year: number; month: number },
): string {
  const [from, to] = BIRTH_YEARS[tier];
  const by = rnd.int(from, to);
  const bm = rnd.int(1, 12);
  const bd = rnd.int(1, new Date(Date.UTC(by, bm, 0)).getUTCDate());
  const earliest = (by + 18) * 12 + (bm - 1) + 1;
  const cap = latest.year * 12 + (latest.month - 1);
  let appointed = (by + rnd.int(20, 32)) * 12 + rnd.int(0, 11);
  if (appointed > cap) appointed = cap - rnd.int(0, 18);
  appointed = Math.max(earliest, Math.min(cap, appointed));
  const stem = `${by}${pad(bm, 2)}${pad(bd, 2)}${Math.floor(appointed / 12)}${pad((appointed % 12) + 1, 2)}${gender}`;
  let seq = rnd.int(1, 400);
  while (taken.has(stem + pad(seq, 3))) seq++;
  const nip = stem + pad(seq, 3);
  taken.add(nip);
  return nip;
}

// ------------------------------------------------------------------ structure plan
/** 0 head, 1 secretary/asisten, 2 bidang/bagian heads, 3 sub-bagian/seksi heads, 4 staff. */
export type Tier = 0 | 1 | 2 | 3 | 4;

interface PlannedUnit {
  code: string;
  name: string;
  parentCode?: string;
}

interface PlannedPosition {
  name: string;
  kind: 'structural' | 'functional' | 'executor';
  grade: string | null;
  unitCode: string | null;
  tier: Tier;
}

interface AgencyPlan {
  units: PlannedUnit[];
  positions: PlannedPosition[];
}

function headOf(agency: DemoAgency): { name: string; grade: string } {
  const place = agency.name.replace(/^(Kecamatan|Kelurahan) /, '');
  switch (agency.kind) {
    case 'kecamatan':
      return { name: `Camat ${place}`, grade: 'III.a' };
    case 'kelurahan':
      return { name: `Lurah ${place}`, grade: 'IV.a' };
    case 'inspektorat':
      return { name: 'Inspektur', grade: 'II.b' };
    case 'rsud':
      return {
        name: `Direktur ${agency.name}`,
        grade: agency.code === 'RSUD-KALISARI' ? 'II.b' : 'III.a',
      };
    case 'sekretariat':
      return agency.code === 'SETDA'
        ? { name: 'Sekretaris Daerah', grade: 'II.a' }
        : { name: 'Sekretaris DPRD', grade: 'II.b' };
    default:
      return { name: `Kepala ${agency.name}`, grade: 'II.b' };
  }
}

/** The structural position that heads a unit, by the unit's name. */
function unitHead(
  agency: DemoAgency,
  unitName: string,
): { name: string; grade: string; tier: Tier } {
  if (unitName === 'Sekretariat') return { name: 'Sekretaris', grade: 'III.a', tier: 1 };
  if (unitName === 'Sekretariat Kecamatan')
    return { name: 'Sekretaris Kecamatan', grade: 'III.b', tier: 1 };
  if (unitName === 'Sekretariat Kelurahan')
    return { name: 'Sekretaris Kelurahan', grade: 'IV.b', tier: 1 };
  if (unitName.startsWith('Inspektorat Pembantu')) {
    return {
      name: unitName.replace('Inspektorat Pembantu', 'Inspektur Pembantu'),
      grade: 'III.b',
      tier: 2,
    };
  }
  if (unitName.startsWith('Bagian '))
    return {
      name: `Kepala ${unitName}`,
      grade: agency.code === 'SETDA' ? 'III.a' : 'III.b',
      tier: 2,
    };
  if (unitName.startsWith('Bidang '))
    return { name: `Kepala ${unitName}`, grade: 'III.b', tier: 2 };
  const grade = agency.kind === 'kelurahan' ? 'IV.b' : 'IV.a';
  return { name: `Kepala ${unitName}`, grade, tier: 3 };
}

/** Units and positions of one agency: the real bagian of Setda, a plausible structure elsewhere. */
function planAgency(agency: DemoAgency): AgencyPlan {
  const units: PlannedUnit[] = [];
  const head = headOf(agency);
  const positions: PlannedPosition[] = [
    { name: head.name, kind: 'structural', grade: head.grade, unitCode: null, tier: 0 },
  ];
  const addUnit = (u: PlannedUnit) => {
    units.push(u);
    const h = unitHead(agency, u.name);
    positions.push({
      name: h.name,
      kind: 'structural',
      grade: h.grade,
      unitCode: u.code,
      tier: h.tier,
    });
  };

  if (agency.code === 'SETDA') {
    for (const a of SETDA_ASISTEN)
      positions.push({ name: a, kind: 'structural', grade: 'II.b', unitCode: null, tier: 1 });
    for (const b of SETDA_BAGIAN) addUnit({ code: b.code, name: b.name });
  } else if (agency.kind === 'kecamatan' || agency.kind === 'kelurahan') {
    const names = agency.kind === 'kecamatan' ? DEMO_KECAMATAN_UNITS : DEMO_KELURAHAN_UNITS;
    names.forEach((name, i) => addUnit({ code: i === 0 ? 'SEK' : `SEKSI-${pad(i, 2)}`, name }));
  } else {
    const hasSekretariat = agency.kind !== 'sekretariat' && agency.kind !== 'rsud';
    if (hasSekretariat) {
      addUnit({ code: 'SEK', name: 'Sekretariat' });
      DEMO_SEKRETARIAT_SUBBAG.forEach((name, i) =>
        addUnit({ code: `SEK.SUBBAG-${pad(i + 1, 2)}`, name, parentCode: 'SEK' }),
      );
    }
    (DEMO_BIDANG[agency.code] ?? []).forEach((name, i) => {
      const prefix = name.startsWith('Bagian')
        ? 'BAG'
        : name.startsWith('Inspektorat')
          ? 'IRBAN'
          : 'BID';
      addUnit({ code: `${prefix}-${pad(i + 1, 2)}`, name });
    });
  }

  const regional = agency.kind === 'kecamatan' || agency.kind === 'kelurahan';
  const functional = regional
    ? []
    : [...(DEMO_FUNCTIONAL[agency.code] ?? []), ...DEMO_FUNCTIONAL_COMMON];
  for (const name of new Set(functional))
    positions.push({ name, kind: 'functional', grade: null, unitCode: null, tier: 4 });
  const executors = agency.kind === 'kelurahan' ? DEMO_EXECUTOR.slice(0, 2) : DEMO_EXECUTOR;
  for (const name of executors)
    positions.push({ name, kind: 'executor', grade: null, unitCode: null, tier: 4 });
  return { units, positions };
}

/** Spreads `total` employees over agencies: one each (the head) first, the rest by weight. */
export function allocateEmployees(agencies: DemoAgency[], total: number): number[] {
  const quotas = agencies.map(() => 0);
  const base = Math.min(total, agencies.length);
  for (let i = 0; i < base; i++) quotas[i] = 1;
  const rest = total - base;
  if (rest <= 0) return quotas;
  const weights = agencies.map(
    (a) => DEMO_STAFF_WEIGHT[a.code] ?? DEMO_STAFF_WEIGHT[a.kind] ?? DEMO_STAFF_WEIGHT.default!,
  );
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  let given = 0;
  exact.forEach((x, i) => {
    quotas[i]! += Math.floor(x);
    given += Math.floor(x);
  });
  const byFraction = exact
    .map((x, i) => ({ i, f: x - Math.floor(x) }))
    .sort((p, q) => q.f - p.f || p.i - q.i);
  for (let k = 0; k < rest - given; k++) quotas[byFraction[k % byFraction.length]!.i]! += 1;
  return quotas;
}

// ------------------------------------------------------------------ names
const DEGREES_GENERAL = ['S.E.', 'S.H.', 'S.Sos.', 'S.I.P.', 'S.T.', 'S.Pd.', 'S.Ak.', 'S.A.P.'];
const MASTERS = ['M.Si.', 'M.M.', 'M.A.P.', 'M.H.', 'M.T.'];

function personName(rnd: Random, gender: 1 | 2): { first: string; last: string; full: string } {
  const given = gender === 1 ? GIVEN_NAMES_MALE : GIVEN_NAMES_FEMALE;
  const family = gender === 1 ? FAMILY_NAMES_MALE : FAMILY_NAMES_FEMALE;
  const first = rnd.pick(given);
  let middle = rnd.next() < 0.3 ? rnd.pick(given) : '';
  if (middle === first) middle = '';
  const last = rnd.pick(family);
  return { first, last, full: [first, middle, last].filter(Boolean).join(' ') };
}

/** Academic titles that fit the position (dr., Ns., S.Kom. ...). */
function withTitles(
  rnd: Random,
  name: string,
  position: PlannedPosition,
  agencyCode: string,
): string {
  const p = position.name;
  if (p.startsWith('Dokter')) return `dr. ${name}${rnd.next() < 0.3 ? ', Sp.PD.' : ''}`;
  if (p.startsWith('Perawat Ahli')) return `Ns. ${name}, S.Kep.`;
  if (p.startsWith('Perawat')) return `${name}, A.Md.Kep.`;
  if (p.startsWith('Bidan')) return `${name}, A.Md.Keb.`;
  if (p.startsWith('Apoteker')) return `apt. ${name}, S.Farm.`;
  if (p.startsWith('Pranata Komputer Ahli')) return `${name}, S.Kom.`;
  if (p.includes('Terampil')) return `${name}, A.Md.`;
  if (position.kind === 'executor')
    return rnd.next() < 0.5 ? name : `${name}, ${rnd.pick(['S.E.', 'S.Sos.', 'A.Md.'])}`;
  const health = agencyCode === 'DINKES' || agencyCode.startsWith('RSUD');
  if (position.kind === 'functional')
    return `${name}, ${health ? 'S.K.M.' : rnd.pick(DEGREES_GENERAL)}`;
  if (position.tier <= 2) {
    const master = health ? 'M.Kes.' : rnd.pick(MASTERS);
    if (health && position.tier === 0) return `dr. ${name}, ${master}`;
    return `${name}, ${rnd.pick(DEGREES_GENERAL)}, ${master}`;
  }
  return `${name}, ${rnd.pick(DEGREES_GENERAL)}`;
}

const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');

// ------------------------------------------------------------------ users
interface SeededEmployee {
  id: string;
  nip: string;
  name: string;
  email: string;
  agencyCode: string;
  position: PlannedPosition;
}

interface DemoUserSpec {
  username: string;
  role: Role;
  /** Agency code the role is limited to. */
  scope?: string;
  /** Employee to link, in order of preference; none: an external account. */
  holders: Array<(e: SeededEmployee) => boolean>;
  displayName: string;
}

const inAgency = (code: string, test: (e: SeededEmployee) => boolean) => (e: SeededEmployee) =>
  e.agencyCode === code && test(e);

export const DEMO_USERS: DemoUserSpec[] = [
  { username: 'admin', role: 'ict_admin', holders: [], displayName: 'Administrator TIK (demo)' },
  {
    username: 'operator.tik',
    role: 'ict_operator',
    displayName: 'Operator TIK (demo)',
    holders: [
      inAgency('DISKOMINFO', (e) => e.position.name.startsWith('Pranata Komputer')),
      inAgency('DISKOMINFO', (e) => e.position.tier === 4),
      inAgency('DISKOMINFO', (e) => e.position.tier > 0),
    ],
  },
  {
    username: 'admin.dinkes',
    role: 'agency_admin',
    scope: 'DINKES',
    displayName: 'Admin Dinas Kesehatan (demo)',
    holders: [
      inAgency('DINKES', (e) => e.position.name === 'Kepala Sub Bagian Umum dan Kepegawaian'),
      inAgency('DINKES', (e) => e.position.name === 'Sekretaris'),
      inAgency('DINKES', (e) => e.position.tier > 0),
    ],
  },
  {
    username: 'operator.dinkes',
    role: 'agency_operator',
    scope: 'DINKES',
    displayName: 'Operator Dinas Kesehatan (demo)',
    holders: [
      inAgency('DINKES', (e) => e.position.kind === 'executor'),
      inAgency('DINKES', (e) => e.position.tier === 4),
      inAgency('DINKES', (e) => e.position.tier > 0),
    ],
  },
  {
    username: 'auditor',
    role: 'auditor',
    displayName: 'Auditor Inspektorat (demo)',
    holders: [
      inAgency('INSPEKTORAT', (e) => e.position.name.startsWith('Auditor')),
      inAgency('INSPEKTORAT', (e) => e.position.tier > 0),
    ],
  },
  {
    username: 'sekda',
    role: 'regional_secretary',
    displayName: 'Sekretaris Daerah (demo)',
    holders: [inAgency('SETDA', (e) => e.position.tier === 0)],
  },
  // The regent is elected, not an ASN employee: an external account without a real name.
  { username: 'bupati', role: 'regent', holders: [], displayName: 'Bupati Batang (demo)' },
  {
    username: 'cio',
    role: 'cio',
    displayName: 'CIO Pemerintah Daerah (demo)',
    holders: [inAgency('DISKOMINFO', (e) => e.position.tier === 0)],
  },
];

// ------------------------------------------------------------------ the seed
function latestAppointment(): { year: number; month: number } {
  // A fixed month keeps runs reproducible; a machine clock set earlier still gets no future TMT.
  const now = new Date();
  const fixed = { year: 2025, month: 12 };
  return now.getUTCFullYear() * 12 + now.getUTCMonth() < fixed.year * 12 + fixed.month - 1
    ? { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 }
    : fixed;
}

export async function seedDemo(
  database: Database,
  ownerDb: Db,
  opts: SeedDemoOptions,
): Promise<SeedDemoSummary> {
  const total = opts.employees ?? DEFAULT_DEMO_EMPLOYEES;
  if (!Number.isInteger(total) || total < 0 || total > MAX_DEMO_EMPLOYEES) {
    throw new DemoSeedError(
      `jumlah pegawai harus bilangan bulat 0–${MAX_DEMO_EMPLOYEES}`,
      `the number of employees must be a whole number from 0 to ${MAX_DEMO_EMPLOYEES}`,
    );
  }

  let tenant = await findTenantByCode(ownerDb, BATANG_TENANT.code);
  let tenantCreated = false;
  if (!tenant) {
    tenant = await createTenant(ownerDb, {
      code: BATANG_TENANT.code,
      name: BATANG_TENANT.name,
      kind: BATANG_TENANT.kind,
      officialDomain: BATANG_TENANT.officialDomain,
      hostnames: ['localhost', '127.0.0.1'],
      timeZone: BATANG_TENANT.timeZone,
      regulationProfile: [...BATANG_TENANT.regulationProfile],
      isDefault: true,
    });
    tenantCreated = true;
  }
  const t = tenant;

  // The organisation's per-write announcements are muted like the registry's (seed-catalog.ts):
  // seedCatalog ends with the one full compliance evaluation.
  return asSystem(database, t, (ctx) =>
    withEventsMuted(ctx, BULK_MUTED_EVENTS, () => seedTenant(ctx, t, tenantCreated, opts, total)),
  );
}

async function seedTenant(
  ctx: Ctx,
  t: TenantRow,
  tenantCreated: boolean,
  opts: SeedDemoOptions,
  total: number,
): Promise<SeedDemoSummary> {
  const existing = await org.listAgencies(ctx, { limit: 1, offset: 0 });
  if (existing.total > 0) {
    throw new DemoSeedError(
      `tenant ${t.code} sudah memiliki Perangkat Daerah; data demo tidak dibuat ulang`,
      `tenant ${t.code} already has agencies; the demo data is not seeded again`,
    );
  }
  const rnd = makeRandom(0x33_25);
  const agencies = allBatangAgencies();
  const agencyIds = new Map<string, string>();
  const plans: Array<{
    agency: DemoAgency;
    units: Map<string, string>;
    positions: Array<PlannedPosition & { id: string }>;
  }> = [];
  let unitCount = 0;

  for (const a of agencies) {
    const row = await org.createAgency(ctx, {
      code: a.code,
      name: a.name,
      shortName: a.shortName,
      kind: a.kind,
      isIctOffice: a.isIctOffice ?? false,
      isPlanningAgency: a.isPlanningAgency ?? false,
      parentId: a.parentCode ? agencyIds.get(a.parentCode)! : null,
      regionCode: a.regionCode ?? null,
      address: a.address ?? null,
      website: a.website ?? null,
    });
    agencyIds.set(a.code, row.id);
    const plan = planAgency(a);
    const units = new Map<string, string>();
    for (const u of plan.units) {
      const unit = await org.createUnit(ctx, {
        agencyId: row.id,
        code: u.code,
        name: u.name,
        parentId: u.parentCode ? units.get(u.parentCode)! : null,
      });
      units.set(u.code, unit.id);
      unitCount++;
    }
    const positions: Array<PlannedPosition & { id: string }> = [];
    for (const p of plan.positions) {
      const pos = await org.createPosition(ctx, {
        agencyId: row.id,
        unitId: p.unitCode ? units.get(p.unitCode)! : null,
        name: p.name,
        kind: p.kind,
        grade: p.grade,
      });
      positions.push({ ...p, id: pos.id });
    }
    plans.push({ agency: a, units, positions });
  }

  const employees = await seedEmployees(
    ctx,
    rnd,
    plans,
    agencyIds,
    allocateEmployees(agencies, total),
  );
  const users = await seedUsers(ctx, opts.adminPassword, employees, agencyIds, agencies);
  const catalog = await seedCatalog(ctx, {
    agencyIds,
    unitIds: new Map(plans.map((p) => [p.agency.code, p.units])),
    employees: employees.map((e) => ({
      id: e.id,
      agencyCode: e.agencyCode,
      positionName: e.position.name,
      positionKind: e.position.kind,
      tier: e.position.tier,
    })),
  });
  return {
    tenant: {
      id: t.id,
      code: t.code,
      name: t.name,
      hostnames: t.hostnames,
      created: tenantCreated,
    },
    agencies: agencies.length,
    kecamatan: agencies.filter((a) => a.kind === 'kecamatan').length,
    kelurahan: agencies.filter((a) => a.kind === 'kelurahan').length,
    units: unitCount,
    positions: plans.reduce((s, p) => s + p.positions.length, 0),
    employees: employees.length,
    users,
    catalog,
  };
}

async function seedEmployees(
  ctx: Ctx,
  rnd: Random,
  plans: Array<{
    agency: DemoAgency;
    units: Map<string, string>;
    positions: Array<PlannedPosition & { id: string }>;
  }>,
  agencyIds: Map<string, string>,
  quotas: number[],
): Promise<SeededEmployee[]> {
  const taken = new Set<string>();
  const emails = new Set<string>();
  const latest = latestAppointment();
  const out: SeededEmployee[] = [];

  for (const [i, plan] of plans.entries()) {
    const quota = quotas[i] ?? 0;
    if (quota === 0) continue;
    const structural = plan.positions
      .filter((p) => p.kind === 'structural')
      .sort((p, q) => p.tier - q.tier);
    const staff = plan.positions.filter((p) => p.kind !== 'structural');
    // Some structural posts stay vacant (filled by a Plt in real life): at most ~45 % of the staff are officials.
    const officials = Math.min(structural.length, Math.max(1, Math.ceil(quota * 0.45)), quota);
    const slots: Array<PlannedPosition & { id: string }> = structural.slice(0, officials);
    const firstFunctional = staff.find((p) => p.kind === 'functional');
    for (let k = 0; slots.length < quota; k++) {
      // The agency's own first functional post is filled first (Pranata Komputer at Diskominfo, Auditor at Inspektorat).
      slots.push(
        k === 0 && firstFunctional
          ? firstFunctional
          : rnd.next() < 0.55
            ? rnd.pick(staff.filter((p) => p.kind === 'executor'))
            : rnd.pick(staff),
      );
    }
    const unitIds = [...plan.units.values()];
    // Functional staff work in a bidang, bagian or seksi when the agency has one.
    const lineUnitIds = [...plan.units.entries()]
      .filter(([code]) => code !== 'SEK' && !code.startsWith('SEK.'))
      .map(([, id]) => id);
    for (const position of slots) {
      const gender: 1 | 2 = position.name.startsWith('Bidan') ? 2 : rnd.next() < 0.5 ? 1 : 2;
      const nip = makeDemoNip(rnd, position.tier, gender, taken, latest);
      const person = personName(rnd, gender);
      let email = `${emailPart(person.first)}.${emailPart(person.last)}`;
      for (let n = 2; emails.has(email); n++)
        email = `${emailPart(person.first)}.${emailPart(person.last)}${n}`;
      emails.add(email);
      const pool = position.kind === 'functional' && lineUnitIds.length ? lineUnitIds : unitIds;
      const unitId = position.unitCode
        ? plan.units.get(position.unitCode)!
        : position.tier === 4 && pool.length
          ? rnd.pick(pool)
          : null;
      const row = await org.createEmployee(ctx, {
        nip,
        name: withTitles(rnd, person.full, position, plan.agency.code),
        agencyId: agencyIds.get(plan.agency.code)!,
        unitId,
        positionId: position.id,
        status: 'active',
        email: `${email}@${BATANG_TENANT.mailDomain}`,
      });
      out.push({
        id: row.id,
        nip: row.nip,
        name: row.name,
        email: row.email!,
        agencyCode: plan.agency.code,
        position,
      });
    }
  }
  return out;
}

async function seedUsers(
  ctx: Ctx,
  password: string,
  employees: SeededEmployee[],
  agencyIds: Map<string, string>,
  agencies: DemoAgency[],
): Promise<SeededUser[]> {
  const linked = new Set<string>();
  const out: SeededUser[] = [];
  for (const spec of DEMO_USERS) {
    const scopeId = spec.scope ? agencyIds.get(spec.scope)! : null;
    const scopeName = spec.scope ? agencies.find((a) => a.code === spec.scope)!.shortName : null;
    const existing = await identity.findUserByLogin(ctx, spec.username);
    if (existing) {
      out.push({
        username: existing.username,
        displayName: existing.displayName,
        role: spec.role,
        agency: scopeName,
        employeeNip: null,
        created: false,
      });
      continue;
    }
    let holder: SeededEmployee | undefined;
    for (const test of spec.holders) {
      holder = employees.find((e) => !linked.has(e.id) && test(e));
      if (holder) break;
    }
    if (holder) linked.add(holder.id);
    const user = await identity.createUserUnchecked(ctx, {
      username: spec.username,
      displayName: holder?.name ?? spec.displayName,
      email: holder?.email ?? `${spec.username}@${BATANG_TENANT.mailDomain}`,
      kind: holder ? 'employee' : 'external',
      employeeId: holder?.id ?? null,
      password,
    });
    await identity.assignRole(ctx, user.id, spec.role, scopeId);
    out.push({
      username: user.username,
      displayName: user.displayName,
      role: spec.role,
      agency: scopeName,
      employeeNip: holder?.nip ?? null,
      created: true,
    });
  }
  return out;
}
