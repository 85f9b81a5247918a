import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { verifyChain } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { ROLES } from '../../platform/auth/permissions.js';
import * as catalog from '../catalog/catalog.service.js';
import * as links from '../catalog/catalog-links.service.js';
import * as compliance from '../compliance/compliance.service.js';
import * as identity from '../identity/identity.service.js';
import { parseNip } from '../org/nip.js';
import * as org from '../org/org.service.js';
import { asSystem, findTenantByCode } from '../tenancy/tenancy.service.js';
import { BATANG_KECAMATAN, BATANG_TENANT } from './batang.data.js';
import {
  DEMO_APPLICATIONS,
  DEMO_DATA_ASSETS,
  DEMO_ENDED_ICT_MANAGER,
  DEMO_INFRASTRUCTURE,
  DEMO_NO_EGOV_UNIT,
  DEMO_NO_ICT_MANAGER,
  DEMO_PROCESSES,
  DEMO_SERVICES,
} from './batang-catalog.data.js';
import { documentsOf } from './seed-catalog.js';
import {
  DemoSeedError,
  makeDemoNip,
  makeRandom,
  seedDemo,
  type SeedDemoSummary,
} from './seed-demo.js';

const PASSWORD = 'demo-batang-sandi-2026';
const EMPLOYEES = 120;
type TenantRow = NonNullable<Awaited<ReturnType<typeof findTenantByCode>>>;

describe('seed --demo: Kabupaten Batang', () => {
  let t: TestApp;
  let summary: SeedDemoSummary;
  let tenant: TenantRow;

  before(async () => {
    t = await createTestApp();
    summary = await seedDemo(t.tdb.database, t.tdb.owner, {
      adminPassword: PASSWORD,
      employees: EMPLOYEES,
    });
    tenant = (await findTenantByCode(t.tdb.owner, '33.25'))!;
  });
  after(() => t.close());

  const run = <T>(fn: (ctx: Ctx) => Promise<T>) => asSystem(t.tdb.database, tenant, fn);

  test('creates tenant 33.25 as the default tenant served on localhost', () => {
    assert.ok(tenant);
    assert.equal(tenant.name, 'Pemerintah Kabupaten Batang');
    assert.equal(tenant.kind, 'kabupaten');
    assert.equal(tenant.officialDomain, 'batangkab.go.id');
    assert.equal(tenant.isDefault, true);
    assert.deepEqual(tenant.hostnames, ['localhost', '127.0.0.1']);
    assert.deepEqual(tenant.regulationProfile, [...BATANG_TENANT.regulationProfile]);
    assert.equal(summary.tenant.created, true);
  });

  test('seeds the 29 Perangkat Daerah, 15 kecamatan and 9 kelurahan with the ICT office and planning agency flagged', async () => {
    const { items } = await run((ctx) => org.listAgencies(ctx, { limit: 500, offset: 0 }));
    assert.equal(items.length, 29 + 15 + 9);
    assert.equal(summary.agencies, items.length);

    const ict = items.filter((a) => a.isIctOffice);
    assert.deepEqual(
      ict.map((a) => a.shortName),
      ['Diskominfo'],
    );
    assert.equal(ict[0]!.name, 'Dinas Komunikasi dan Informatika');
    const planning = items.filter((a) => a.isPlanningAgency);
    assert.deepEqual(
      planning.map((a) => a.shortName),
      ['Bapperida'],
    );

    const kecamatan = items.filter((a) => a.kind === 'kecamatan');
    assert.equal(kecamatan.length, 15);
    for (const k of kecamatan) assert.match(k.regionCode ?? '', /^33\.25\.\d{2}$/);
    assert.deepEqual(
      kecamatan.map((k) => k.regionCode).sort(),
      BATANG_KECAMATAN.map((k) => k.regionCode).sort(),
    );
    const gringsing = kecamatan.find((k) => k.regionCode === '33.25.07');
    assert.equal(gringsing?.name, 'Kecamatan Gringsing');

    const kecBatang = kecamatan.find((k) => k.regionCode === '33.25.11')!;
    const kelurahan = items.filter((a) => a.kind === 'kelurahan');
    assert.equal(kelurahan.length, 9);
    for (const k of kelurahan) {
      assert.equal(k.parentId, kecBatang.id);
      assert.match(k.regionCode ?? '', /^33\.25\.11\.10\d{2}$/);
    }
  });

  test('the Sekretariat Daerah has its bagian as units, and agencies have heads and staff positions', async () => {
    const { setda, units, positions } = await run(async (ctx) => {
      const { items } = await org.listAgencies(ctx, {
        limit: 1,
        offset: 0,
        q: 'Sekretariat Daerah',
      });
      const setda = items.find((a) => a.code === 'SETDA')!;
      return {
        setda,
        units: await org.listUnits(ctx, setda.id),
        positions: await org.listPositions(ctx, setda.id),
      };
    });
    assert.ok(setda);
    const names = units.map((u) => u.name);
    for (const bagian of [
      'Bagian Tata Pemerintahan',
      'Bagian Kesejahteraan Rakyat',
      'Bagian Hukum',
      'Bagian Organisasi',
      'Bagian Umum',
    ]) {
      assert.ok(names.includes(bagian), `missing ${bagian}`);
    }
    assert.ok(
      positions.some(
        (p) => p.name === 'Sekretaris Daerah' && p.kind === 'structural' && p.grade === 'II.a',
      ),
    );
    assert.ok(
      positions.some((p) => p.name === 'Asisten Administrasi dan Umum' && p.grade === 'II.b'),
    );
    assert.ok(positions.some((p) => p.kind === 'functional'));
    assert.ok(positions.some((p) => p.kind === 'executor'));
    assert.ok(summary.units > 150);
    assert.ok(summary.positions > summary.units);
  });

  test(`creates ${EMPLOYEES} employees with valid, unique NIPs whose facts match the record`, async () => {
    const { items, total } = await run((ctx) => org.listEmployees(ctx, { limit: 1000, offset: 0 }));
    assert.equal(total, EMPLOYEES);
    assert.equal(summary.employees, EMPLOYEES);
    assert.equal(new Set(items.map((e) => e.nip)).size, EMPLOYEES);
    const latest = new Date();
    for (const e of items) {
      const parsed = parseNip(e.nip);
      assert.ok(parsed.ok, `NIP ${e.nip} is invalid`);
      if (!parsed.ok) continue;
      const birthYear = Number(parsed.parts.birthDate.slice(0, 4));
      assert.ok(birthYear >= 1965 && birthYear <= 2000, `birth year ${birthYear}`);
      const [ay, am] = parsed.parts.appointmentMonth.split('-').map(Number) as [number, number];
      const [by, bm] = parsed.parts.birthDate.split('-').map(Number) as [number, number];
      assert.ok(ay * 12 + am > (by + 18) * 12 + bm, `appointed before 18: ${e.nip}`);
      assert.ok(
        ay * 12 + am <= latest.getUTCFullYear() * 12 + latest.getUTCMonth() + 1,
        `appointed in the future: ${e.nip}`,
      );
      assert.equal(e.gender, parsed.parts.gender);
      assert.equal(e.birthDate, parsed.parts.birthDate);
      assert.ok(e.email?.endsWith('@batangkab.example'), `real-looking address ${e.email}`);
    }
    // Every agency has at least its head.
    const agencies = new Set(items.map((e) => e.agencyId));
    assert.equal(agencies.size, 29 + 15 + 9);
  });

  test('has one demo user per role, with the right grant', async () => {
    assert.deepEqual(summary.users.map((u) => u.role).sort(), [...ROLES].sort());
    const dinkes = await run(async (ctx) =>
      (await org.listAgencies(ctx, { limit: 5, offset: 0, q: 'Dinkes' })).items.find(
        (a) => a.code === 'DINKES',
      )!,
    );
    for (const u of summary.users) {
      const user = await run(async (ctx) => {
        const row = await identity.findUserByLogin(ctx, u.username);
        assert.ok(row, `no user ${u.username}`);
        return identity.getUser(ctx, row.id);
      });
      const scoped = u.role === 'agency_admin' || u.role === 'agency_operator';
      assert.deepEqual(
        user.roles.map((r) => ({ role: r.role, agencyId: r.agencyId })),
        [{ role: u.role, agencyId: scoped ? dinkes.id : null }],
        u.username,
      );
      assert.equal(user.kind, user.employeeId ? 'employee' : 'external');
      assert.ok(user.email?.endsWith('@batangkab.example'));
    }
    const byName = new Map(summary.users.map((u) => [u.username, u]));
    assert.deepEqual(
      [
        'admin',
        'operator.tik',
        'admin.dinkes',
        'operator.dinkes',
        'auditor',
        'sekda',
        'bupati',
        'cio',
      ].filter((n) => !byName.has(n)),
      [],
    );
    assert.ok(byName.get('sekda')!.employeeNip, 'the Sekda is an employee');
    assert.ok(byName.get('operator.dinkes')!.employeeNip);
    assert.equal(byName.get('bupati')!.employeeNip, null);
  });

  test('every write is in the audit chain and the chain verifies', async () => {
    const result = await verifyChain(t.tdb.owner, tenant.id);
    assert.equal(result.ok, true, result.message ?? '');
    // agencies + units + positions + employees + users + role grants
    assert.ok(
      result.checked >=
        summary.agencies +
          summary.units +
          summary.positions +
          summary.employees +
          2 * summary.users.length,
    );
  });

  test('a demo user signs in over HTTP, by username and by NIP', async () => {
    // The double-submit CSRF check only needs cookie and header to agree.
    const CSRF_HEADERS = {
      cookie: 'simpul_csrf=demo-test-csrf-token-000',
      'x-csrf-token': 'demo-test-csrf-token-000',
    };
    const byUsername = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'localhost', ...CSRF_HEADERS },
      payload: { login: 'admin', password: PASSWORD },
    });
    assert.equal(byUsername.statusCode, 200, byUsername.body);
    assert.equal(byUsername.json().user.username, 'admin');

    const nip = summary.users.find((u) => u.username === 'operator.dinkes')!.employeeNip!;
    const byNip = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: '127.0.0.1', ...CSRF_HEADERS },
      payload: { login: nip, password: PASSWORD },
    });
    assert.equal(byNip.statusCode, 200, byNip.body);
    assert.equal(byNip.json().user.username, 'operator.dinkes');

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'localhost', ...CSRF_HEADERS },
      payload: { login: 'bupati', password: 'not-the-demo-password' },
    });
    assert.equal(wrong.statusCode, 401);
  });

  test('every demo role signs in; the ICT admin is asked to enrol a second factor first', async () => {
    const csrf = {
      cookie: 'simpul_csrf=demo-test-csrf-token-001',
      'x-csrf-token': 'demo-test-csrf-token-001',
    };
    for (const u of summary.users) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: 'localhost', ...csrf },
        payload: { login: u.username, password: PASSWORD },
      });
      assert.equal(res.statusCode, 200, `${u.username}: ${res.body}`);
      const body = res.json();
      assert.equal(body.status, 'signed_in', u.username);
      assert.equal(body.user.mfa.enrolmentRequired, u.role === 'ict_admin', u.username);
    }
  });

  const allRecords = (kind: catalog.RecordKind) =>
    run(async (ctx) => {
      const out: catalog.RecordView[] = [];
      for (let page = 1; ; page++) {
        const r = await catalog.listRecords(ctx, kind, { page, pageSize: 100 });
        out.push(...r.items);
        if (out.length >= r.total) return out;
      }
    });
  const agencyIdOf = async (code: string) =>
    run(
      async (ctx) =>
        (await org.listAgencies(ctx, { limit: 500, offset: 0 })).items.find((a) => a.code === code)!
          .id,
    );

  test('seeds the registry: ~60 applications, services, processes, infrastructure and data assets, all approved and coded', async () => {
    const c = summary.catalog;
    assert.equal(c.applications, DEMO_APPLICATIONS.length);
    assert.ok(c.applications >= 55 && c.applications <= 75, `${c.applications} applications`);
    assert.ok(c.services >= 35, `${c.services} services`);
    assert.ok(c.processes >= 18, `${c.processes} processes`);
    assert.ok(c.dataAssets >= 35, `${c.dataAssets} data assets`);
    assert.equal(c.infrastructure, DEMO_INFRASTRUCTURE.length);
    const expected = {
      application: c.applications,
      service: c.services,
      process: c.processes,
      infrastructure: c.infrastructure,
      data_asset: c.dataAssets,
    } as const;
    for (const [kind, count] of Object.entries(expected) as Array<[catalog.RecordKind, number]>) {
      const rows = await allRecords(kind);
      assert.equal(rows.length, count, kind);
      for (const r of rows) {
        assert.equal(r.reviewState, 'approved', `${kind} ${r.name}`);
        assert.ok(r.refCode && r.refCodeSetId, `${kind} ${r.name} cites no resolved code`);
      }
    }

    const apps = await allRecords('application');
    const byName = new Map(apps.map((a) => [a.name, a]));
    for (const name of [
      'Portal Resmi Pemerintah Kabupaten Batang',
      'PPID Kabupaten Batang',
      'JDIH Kabupaten Batang',
      'LPSE Kabupaten Batang (SPSE v4)',
      'SRIKANDI',
      'SIPD Republik Indonesia',
      'SP4N-LAPOR!',
      'e-Kinerja BKN',
      'SIMPEG Kabupaten Batang',
      'SIMRS RSUD Kalisari',
      'SIKS-NG',
      'SiCantik Cloud',
      'SIAK Terpusat',
    ])
      assert.ok(byName.has(name), `missing ${name}`);
    assert.deepEqual(byName.get('Portal Resmi Pemerintah Kabupaten Batang')!.urls, [
      'https://batangkab.go.id',
    ]);
    const kinds = new Set(apps.map((a) => `${a.kind}/${a.developer}`));
    for (const k of ['shared/in_house', 'shared/national', 'specific/in_house', 'specific/vendor'])
      assert.ok(kinds.has(k), `no ${k} application`);
    const hosting = apps.map((a) => a.hosting as string);
    const regional = hosting.filter((h) => h === 'regional_dc').length;
    assert.ok(regional > apps.length / 2, 'most applications run in the regional data center');
    for (const h of ['national_dc', 'other_government', 'commercial_cloud', 'external'])
      assert.ok(hosting.includes(h), `no application hosted ${h}`);
    const lookalike = byName.get('e-Surat Dinas Kesehatan')!;
    assert.equal(lookalike.duplicatesId, byName.get('SRIKANDI')!.id);

    const infra = await allRecords('infrastructure');
    const count = (kind: string) => infra.filter((i) => i.kind === kind).length;
    assert.ok(count('data_center') >= 1 && count('recovery_center') >= 1);
    assert.ok(count('room') >= 2 && count('rack') >= 4);
    assert.ok(count('server') >= 25, `${count('server')} servers`);
    assert.ok(count('virtual_machine') >= 15);
    assert.ok(count('network_device') >= 5 && count('cloud_service') >= 2);
    const diskominfo = await agencyIdOf('DISKOMINFO');
    const rsud = await agencyIdOf('RSUD-KALISARI');
    const centers = infra.filter((i) => i.kind === 'data_center');
    assert.ok(centers.some((d) => d.agencyId === diskominfo));
    assert.ok(
      centers.some((d) => d.agencyId === rsud && d.managingAgencyId === rsud),
      "RSUD's own server room is the deliberate gap",
    );
    const vmOnHost = infra.find((i) => i.kind === 'virtual_machine')!;
    assert.equal(infra.find((i) => i.id === vmOnHost.parentId)?.kind, 'server');

    const assets = await allRecords('data_asset');
    assert.equal(
      new Set(assets.map((d) => d.databaseGroup)).size,
      19,
      'every database group of BHR17 art.11(3)',
    );
    const unstewarded = assets.filter((d) => !d.stewardEmployeeId);
    assert.equal(unstewarded.length, c.dataAssetsWithoutSteward);
    assert.equal(unstewarded.length, DEMO_DATA_ASSETS.filter((d) => !d.steward).length);
    // Stewards are demo employees of the owner agency.
    const stewarded = assets.filter((d) => d.stewardEmployeeId);
    assert.ok(stewarded.length > unstewarded.length);
    for (const d of stewarded) {
      const e = await run((ctx) => org.getEmployee(ctx, d.stewardEmployeeId as string));
      assert.equal(e.agencyId, d.agencyId, d.name);
    }
  });

  test('relations tie applications to services, infrastructure, data and each other', async () => {
    assert.ok(summary.catalog.relations > 200, `${summary.catalog.relations} relations`);
    const apps = new Map((await allRecords('application')).map((a) => [a.name, a]));
    const sroban = apps.get('S-Roban')!;
    const rel = await run((ctx) => links.listRelations(ctx, sroban.id));
    const types = new Set(rel.items.filter((r) => r.fromId === sroban.id).map((r) => r.type));
    for (const t of ['supports', 'runs_on', 'reads', 'writes', 'calls'])
      assert.ok(types.has(t as never), `S-Roban has no ${t} relation`);
    const call = rel.items.find((r) => r.type === 'calls')!;
    assert.equal(call.toName, 'SIAK Terpusat');
    assert.equal(call.apiName, 'Web Service Verifikasi NIK v1');
    const processes = await allRecords('process');
    const adminduk = processes.find((p) => p.name === 'Penyelenggaraan Administrasi Kependudukan')!;
    const delivers = (await run((ctx) => links.listRelations(ctx, adminduk.id))).items;
    assert.equal(delivers.filter((r) => r.type === 'delivers').length, 4);
    // Every service is supported by an application and delivered by a process.
    for (const s of await allRecords('service')) {
      const items = (await run((ctx) => links.listRelations(ctx, s.id))).items;
      assert.ok(
        items.some((r) => r.type === 'supports'),
        `${s.name} has no supporting application`,
      );
      assert.ok(
        items.some((r) => r.type === 'delivers'),
        `${s.name} is delivered by no process`,
      );
    }
    assert.equal(summary.catalog.services, DEMO_SERVICES.length);
    assert.equal(summary.catalog.processes, DEMO_PROCESSES.length);
  });

  test('deliverables are on file for most applications; the deliberate gaps are missing', async () => {
    const apps = new Map((await allRecords('application')).map((a) => [a.name, a]));
    const docs = async (name: string) =>
      (await run((ctx) => links.listDocuments(ctx, apps.get(name)!.id))).items;
    const simpeg = await docs('SIMPEG Kabupaten Batang');
    const deliverables = simpeg.filter((d) => d.category === 'deliverable');
    assert.equal(deliverables.length, 10);
    assert.ok(deliverables.every((d) => d.present && d.url?.startsWith('https://repo.')));
    assert.equal(apps.get('SIMPEG Kabupaten Batang')!.repositoryUrl, simpeg[0]!.url);

    const esurat = await docs('e-Surat Dinas Kesehatan');
    const missing = esurat.filter((d) => !d.present).map((d) => d.kind);
    for (const k of ['cost_benefit_study', 'minister_consideration', 'test', 'admin_manual'])
      assert.ok(missing.includes(k as never), `e-Surat Dinkes should lack ${k}`);
    const ebudgeting = await docs('e-Budgeting Kabupaten Batang');
    for (const k of ['cost_benefit_study', 'business_process_alignment', 'minister_consideration'])
      assert.ok(ebudgeting.find((d) => d.kind === k)?.present, `e-Budgeting lacks ${k}`);

    const expected = DEMO_APPLICATIONS.reduce((n, a) => n + documentsOf(a).length, 0);
    assert.equal(summary.catalog.documents, expected);
    const complete = DEMO_APPLICATIONS.filter(
      (a) => a.developer !== 'national' && !(a.withheld ?? []).length,
    ).length;
    assert.ok(complete > DEMO_APPLICATIONS.filter((a) => a.withheld?.length).length * 3);
  });

  test('most agencies have an appointed ICT manager and an e-government unit; a few do not', async () => {
    const { items: agencies } = await run((ctx) =>
      org.listAgencies(ctx, { limit: 500, offset: 0 }),
    );
    const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
    const appointments = await run((ctx) => org.listIctAppointments(ctx));
    assert.equal(appointments.length, summary.catalog.ictAppointments);
    const active = await run((ctx) => org.activeIctManagers(ctx));
    const managed = new Set(active.map((m) => codeOf.get(m.agencyId)));
    for (const code of [...DEMO_NO_ICT_MANAGER, ...DEMO_ENDED_ICT_MANAGER])
      assert.ok(!managed.has(code), `${code} should have no ICT manager in force`);
    assert.ok(managed.size >= agencies.length - 8, `${managed.size} agencies with a manager`);
    assert.ok(managed.has('DISKOMINFO') && managed.has('DINKES'));
    for (const a of appointments) {
      const e = await run((ctx) => org.getEmployee(ctx, a.employeeId));
      assert.equal(e.agencyId, a.agencyId, 'the ICT manager works in the agency');
      assert.ok(a.decreeNumber && a.decreeDate);
    }
    const units = await run((ctx) => org.egovUnits(ctx));
    assert.equal(units.length, summary.catalog.egovUnits);
    const flagged = new Set(units.map((u) => codeOf.get(u.agencyId)));
    for (const code of DEMO_NO_EGOV_UNIT) assert.ok(!flagged.has(code), code);
    assert.ok(flagged.size >= agencies.length - 6);
    const spbe = units.find((u) => codeOf.get(u.agencyId) === 'DISKOMINFO');
    assert.equal(spbe?.name, 'Bidang Penyelenggaraan SPBE');
  });

  test('the compliance dashboard has findings to show, while most of the registry complies', async () => {
    const result = await run(async (ctx) => ({
      s: await compliance.summary(ctx),
      esurat: (await catalog.listRecords(ctx, 'application', { q: 'e-Surat Dinas Kesehatan' }))
        .items[0]!,
    }));
    assert.ok(result.s.lastEvaluation, 'the seed ends with a full evaluation');
    assert.ok(result.s.score !== null && result.s.score >= 80, `score ${result.s.score}`);
    const findings = await run((ctx) =>
      compliance.listFindings(ctx, { state: 'open', recordId: result.esurat.id }),
    );
    assert.ok(findings.total > 0, 'the look-alike of SRIKANDI has an open finding');
    // The deliberate gaps of the other regencies' regulations show too (missing deliverables).
    const deliverables = await run((ctx) =>
      compliance.listFindings(ctx, { state: 'open', ruleId: 'app.deliverables.complete' }),
    );
    assert.ok(deliverables.total >= 1, 'an application lacks a deliverable');
  });

  test('refuses to seed a tenant that already has agencies, and changes nothing', async () => {
    const before = await verifyChain(t.tdb.owner, tenant.id);
    await assert.rejects(
      seedDemo(t.tdb.database, t.tdb.owner, { adminPassword: PASSWORD, employees: 10 }),
      (err: unknown) => {
        assert.ok(err instanceof DemoSeedError);
        assert.match(err.message, /already has agencies/);
        return true;
      },
    );
    const afterward = await verifyChain(t.tdb.owner, tenant.id);
    assert.equal(afterward.checked, before.checked);
  });
});

describe('demo NIPs', () => {
  test('are reproducible from the seed, valid, unique and never appointed after the latest month', () => {
    const draw = () => {
      const rnd = makeRandom(7);
      const taken = new Set<string>();
      return Array.from({ length: 2000 }, (_, i) =>
        makeDemoNip(rnd, (i % 5) as 0 | 1 | 2 | 3 | 4, i % 2 ? 1 : 2, taken, {
          year: 2021,
          month: 6,
        }),
      );
    };
    const first = draw();
    assert.deepEqual(draw(), first);
    assert.equal(new Set(first).size, first.length);
    for (const [i, nip] of first.entries()) {
      const parsed = parseNip(nip);
      assert.ok(parsed.ok, nip);
      if (!parsed.ok) continue;
      assert.equal(parsed.parts.gender, i % 2 ? 'male' : 'female');
      assert.ok(parsed.parts.appointmentMonth <= '2021-06', nip);
      const [by, bm] = parsed.parts.birthDate.split('-').map(Number) as [number, number];
      const [ay, am] = parsed.parts.appointmentMonth.split('-').map(Number) as [number, number];
      assert.ok(ay * 12 + am > (by + 18) * 12 + bm, nip);
    }
  });
});
