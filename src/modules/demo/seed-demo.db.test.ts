import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { verifyChain } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { ROLES } from '../../platform/auth/permissions.js';
import * as identity from '../identity/identity.service.js';
import { parseNip } from '../org/nip.js';
import * as org from '../org/org.service.js';
import { asSystem, findTenantByCode } from '../tenancy/tenancy.service.js';
import { BATANG_KECAMATAN } from './batang.data.js';
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
    assert.deepEqual(tenant.regulationProfile, ['perbup-batang-50-2019', 'perbup-batang-53-2015']);
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
