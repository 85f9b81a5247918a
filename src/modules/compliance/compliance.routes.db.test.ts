import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import {
  asOperator,
  makeAgency,
  makeTenant,
  makeUserWithToken,
} from '../../../test/support/factories.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import { DELIVERABLE_KINDS } from '../catalog/catalog.snapshot.js';
import { evaluateAll } from './compliance.service.js';
import { nightlyEvaluationJob } from './compliance.reactions.js';
import type { ModuleDeps } from '../../platform/module.js';

type Headers = Record<string, string>;

const BTG15 = 'perbup-batang-53-2015';
const BTG19 = 'perbup-batang-50-2019';
const BHR17 = 'perbup-batang-hari-19-2017';
const BTM19 = 'perda-barito-timur-7-2019';

describe('compliance API', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let other: TenantRow;
  let ict: Headers;
  let ictOperator: Headers;
  let cio: Headers;
  let auditor: Headers;
  let opA: Headers;
  let otherIct: Headers;
  let ictOffice: { id: string };
  let agencyA: { id: string };
  let agencyB: { id: string };

  const inject = (method: string, url: string, headers: Headers, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.tdb.ownerPool.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]
      .n as number;
  const auditCount = (action: string) =>
    count('audit_events WHERE action = $1 AND tenant_id = $2', [action, tenant.id]);
  const findings = async (h: Headers, qs: string) => {
    const r = await inject('GET', `/api/compliance/findings?pageSize=100&${qs}`, h);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as {
      total: number;
      items: Array<{
        id: string;
        ruleId: string;
        state: string;
        agencyId: string | null;
        detail: Record<string, unknown>;
        citations: Array<{ label: string; text: string | null; code: string }>;
        exception: { id: string } | null;
        resolvedAt: string | null;
      }>;
    };
  };
  const rulesOf = async (h: Headers, recordId: string, state = 'open') =>
    (await findings(h, `recordId=${recordId}&state=${state}`)).items.map((f) => f.ruleId).sort();
  const setProfile = async (profile: string[]) => {
    const r = await inject('PATCH', '/api/tenancy/settings', ict, { regulationProfile: profile });
    assert.equal(r.statusCode, 200, r.body);
  };
  const createApp = async (body: object) => {
    const r = await inject('POST', '/api/catalog/applications', ict, {
      agencyId: agencyA.id,
      name: 'Sistem Informasi Kepegawaian',
      kind: 'specific',
      developer: 'in_house',
      licence: 'open',
      licenceName: 'AGPL-3.0',
      hosting: 'regional_dc',
      lifecycle: 'production',
      refCode: 'RAA.02',
      repositoryUrl: 'https://git.batangkab.go.id/bkd/simpeg',
      copyrightHolder: 'Pemerintah Kabupaten Batang',
      urls: ['https://simpeg.batangkab.go.id'],
      ssoClientId: 'simpeg',
      assessedAt: '2026-01-05',
      assessmentResult: 'passed',
      ...body,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { id: string; version: number };
  };

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner, {
      name: 'Pemerintah Kabupaten Batang',
      officialDomain: 'batangkab.go.id',
      regulationProfile: [BTG19, BHR17, BTM19],
    });
    other = await makeTenant(t.tdb.owner);
    ictOffice = await makeAgency(t.tdb.database, tenant, { isIctOffice: true });
    agencyA = await makeAgency(t.tdb.database, tenant);
    agencyB = await makeAgency(t.tdb.database, tenant);
    ict = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    ictOperator = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_operator' }]))
      .headers;
    cio = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'cio' }])).headers;
    auditor = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }])).headers;
    opA = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: agencyA.id },
      ])
    ).headers;
    otherIct = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
    await makeAgency(t.tdb.database, other);
    // A first full run: the baseline the change-driven runs build on.
    await asOperator(t.tdb.database, tenant, (ctx) => evaluateAll(ctx, 'manual'));
  });
  after(() => t.close());

  test('rules and regulations: citations with article text, applicability by profile', async () => {
    const rules = (await inject('GET', '/api/compliance/rules', auditor)).json().items as Array<{
      id: string;
      applies: boolean;
      notApplicableReason: string | null;
      citations: Array<{ label: string; text: string | null; standing: string }>;
    }>;
    assert.ok(rules.length >= 25);
    const closed = rules.find((r) => r.id === 'app.closed_source.consideration')!;
    assert.equal(closed.citations[0]!.label, 'BTG19 art.17(2)');
    assert.match(closed.citations[0]!.text!, /kode sumber tertutup/);
    const contract = rules.find((r) => r.id === 'app.vendor.contract')!;
    assert.deepEqual([contract.applies, contract.notApplicableReason], [false, 'not_in_profile']);

    const regs = (await inject('GET', '/api/compliance/regulations', auditor)).json().items;
    const byCode = Object.fromEntries(regs.map((r: { code: string }) => [r.code, r]));
    assert.equal(byCode.BTG15.standing, 'not_in_profile');
    assert.equal(byCode.BTG15.revokedBy, 'BTG19 art.50');
    assert.equal(byCode.PERPRES95.standing, 'baseline');
    assert.equal(byCode.BTG19.articleCount, 51);

    const art = await inject('GET', '/api/compliance/regulations/btg19/articles/18', auditor);
    assert.equal(art.statusCode, 200, art.body);
    assert.equal(art.json().paragraphs.length, 3);
    assert.match(art.json().text, /\(3\) Pemerintah Daerah dalam menggunakan aplikasi sejenis/);
    const missing = await inject('GET', '/api/compliance/regulations/BTG19/articles/99', auditor);
    assert.equal(missing.json().error.code, 'compliance.article_not_found');
    const noText = await inject('GET', '/api/compliance/regulations/PERPRES95/articles/1', auditor);
    assert.equal(noText.statusCode, 404);
    const unknown = await inject('GET', '/api/compliance/regulations/XYZ/articles/1', auditor);
    assert.equal(unknown.json().error.code, 'compliance.regulation_not_found');
  });

  test('a new application opens findings at once; delivering the documents clears them', async () => {
    const app = await createApp({});
    assert.deepEqual(await rulesOf(ict, app.id), [
      'app.deliverables.complete',
      'app.interoperability',
      'app.specific.kemenpanrb',
    ]);
    const list = await findings(ict, `recordId=${app.id}&ruleId=app.deliverables.complete`);
    const f = list.items[0]!;
    assert.deepEqual(f.detail.missing, [...DELIVERABLE_KINDS]);
    assert.equal(f.agencyId, agencyA.id);
    assert.deepEqual(
      f.citations.map((c) => c.label),
      ['BHR17 art.13(3)', 'BTM19 art.13(6)'],
      'citations of the regulations in the profile only',
    );
    assert.match(f.citations[0]!.text!, /Manual Instalasi/);

    for (const kind of DELIVERABLE_KINDS.slice(0, -1)) {
      const r = await inject('PUT', `/api/catalog/applications/${app.id}/documents/${kind}`, opA, {
        url: `https://dms.batangkab.go.id/simpeg/${kind}.pdf`,
      });
      assert.equal(r.statusCode, 200, r.body);
    }
    const partly = await findings(ict, `recordId=${app.id}&ruleId=app.deliverables.complete`);
    assert.deepEqual(partly.items[0]!.detail.missing, ['troubleshooting']);
    assert.equal(partly.items[0]!.id, f.id, 'the same finding, kept open');

    await inject('PUT', `/api/catalog/applications/${app.id}/documents/troubleshooting`, opA, {
      url: 'https://dms.batangkab.go.id/simpeg/troubleshooting.pdf',
    });
    assert.deepEqual(await rulesOf(ict, app.id), [
      'app.interoperability',
      'app.specific.kemenpanrb',
    ]);
    const history = await findings(ict, `recordId=${app.id}&state=resolved`);
    assert.equal(history.items[0]!.id, f.id);
    assert.ok(history.items[0]!.resolvedAt);

    // A change that breaks another obligation opens its finding; removing the record resolves all.
    const moved = await inject('PATCH', `/api/catalog/applications/${app.id}`, ict, {
      version: (await inject('GET', `/api/catalog/applications/${app.id}`, ict)).json().version,
      hosting: 'commercial_cloud',
      hostingCountry: 'SG',
      hostingProvider: 'Foreign Cloud Pte',
      providerIndonesianEntity: false,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(await rulesOf(ict, app.id), [
      'app.hosting.data_center',
      'app.hosting.guarantee',
      'app.hosting.indonesia',
      'app.hosting.indonesian_entity',
      'app.interoperability',
      'app.specific.kemenpanrb',
    ]);
    const del = await inject('DELETE', `/api/catalog/applications/${app.id}`, ict);
    assert.equal(del.statusCode, 204, del.body);
    assert.deepEqual(await rulesOf(ict, app.id), []);
    assert.ok((await findings(ict, `recordId=${app.id}&state=resolved`)).total >= 5);
  });

  test("an agency operator's proposal is evaluated once the ICT office approves it", async () => {
    const proposed = await inject('POST', '/api/catalog/data-assets', opA, {
      agencyId: agencyA.id,
      name: 'Data kepegawaian',
      databaseGroup: 'staffing',
      classification: 'limited',
      refCode: 'RAD.10.01',
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const record = proposed.json();
    assert.equal(record.reviewState, 'pending');
    assert.deepEqual(await rulesOf(ict, record.id), [], 'pending records are not evaluated');
    const approved = await inject(
      'POST',
      `/api/catalog/changes/${record.pendingChange.id}/approve`,
      ict,
      {},
    );
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual(await rulesOf(ict, record.id), ['data.steward']);
    const steward = await findings(ict, `recordId=${record.id}`);
    assert.deepEqual(steward.items[0]!.detail, { reason: 'missing' });
    assert.deepEqual(
      steward.items[0]!.citations.map((c) => c.label),
      ['BHR17 art.11(5)', 'BTM19 art.17(7)'],
    );
  });

  test("a relation from an unreviewed proposal does not clear an approved record's finding", async () => {
    const target = await createApp({ agencyId: agencyB.id, name: 'Sistem Informasi Perizinan' });
    assert.ok((await rulesOf(ict, target.id)).includes('app.interoperability'));
    const proposed = await inject('POST', '/api/catalog/applications', opA, {
      agencyId: agencyA.id,
      name: 'Aplikasi Usulan Pemanggil',
      kind: 'specific',
      developer: 'in_house',
      licence: 'open',
      licenceName: 'MIT',
      hosting: 'regional_dc',
      lifecycle: 'production',
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    assert.equal(proposed.json().reviewState, 'pending');
    const rel = await inject('POST', '/api/catalog/relations', opA, {
      type: 'calls',
      fromKind: 'application',
      fromId: proposed.json().id,
      toKind: 'application',
      toId: target.id,
    });
    assert.equal(rel.statusCode, 201, rel.body);
    assert.ok(
      (await rulesOf(ict, target.id)).includes('app.interoperability'),
      'a pending record is not part of the registry the rules read',
    );
    await asOperator(t.tdb.database, tenant, (ctx) => evaluateAll(ctx, 'manual'));
    assert.ok((await rulesOf(ict, target.id)).includes('app.interoperability'));
    // Once the ICT office approves the proposal, the call counts.
    const approved = await inject(
      'POST',
      `/api/catalog/changes/${proposed.json().pendingChange.id}/approve`,
      ict,
      {},
    );
    assert.equal(approved.statusCode, 200, approved.body);
    assert.ok(!(await rulesOf(ict, target.id)).includes('app.interoperability'));
  });

  test('an agency without an ICT manager or e-government unit has findings', async () => {
    const fresh = await makeAgency(t.tdb.database, tenant);
    assert.deepEqual(await rulesOf(ict, fresh.id), ['agency.egov_unit', 'agency.ict_manager']);
  });

  test('the profile decides which rules fire; a revoked regulation never fires', async () => {
    const infra = await inject('POST', '/api/catalog/infrastructure', ict, {
      agencyId: ictOffice.id,
      managingAgencyId: ictOffice.id,
      name: 'Cloud storage (Oregon)',
      kind: 'cloud_service',
      country: 'US',
      refCode: 'RAI.01',
    });
    assert.equal(infra.statusCode, 201, infra.body);
    const id = infra.json().id as string;
    assert.deepEqual(await rulesOf(ict, id), [], 'BTG15 is not in the profile');

    await setProfile([BTG15]);
    assert.deepEqual(await rulesOf(ict, id), ['infra.indonesia']);
    const rules = (await inject('GET', '/api/compliance/rules', ict)).json().items;
    assert.equal(rules.find((r: { id: string }) => r.id === 'infra.indonesia').applies, true);

    await setProfile([BTG15, BTG19, BHR17, BTM19]);
    assert.deepEqual(await rulesOf(ict, id), [], 'revoked by BTG19 art.50');
    const after = (await inject('GET', '/api/compliance/rules', ict)).json().items;
    const rule = after.find((r: { id: string }) => r.id === 'infra.indonesia');
    assert.deepEqual([rule.applies, rule.notApplicableReason], [false, 'revoked']);
    assert.ok((await auditCount('compliance.evaluation.completed')) >= 2);
  });

  test('exceptions: justified, approved, expiring; audited; they count as passed', async () => {
    const app = await createApp({
      name: 'Aplikasi Tanpa Penilaian',
      assessedAt: null,
      assessmentResult: null,
    });
    const open = await findings(ict, `recordId=${app.id}&ruleId=app.assessment`);
    const finding = open.items[0]!;
    const scoreOf = async () =>
      (await inject('GET', '/api/compliance/summary', ict))
        .json()
        .byAgency.find((a: { agencyId: string }) => a.agencyId === agencyA.id).score as number;
    const before = await scoreOf();
    const exceptionsBefore = await count('compliance_exceptions');

    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    for (const expiresOn of [inDays(-1), inDays(0), inDays(800)]) {
      const bad = await inject('POST', '/api/compliance/exceptions', cio, {
        findingId: finding.id,
        justification: 'Penilaian dijadwalkan triwulan depan.',
        expiresOn,
      });
      assert.equal(bad.json().error?.code, 'compliance.exception_expiry_invalid', expiresOn);
    }
    const forbidden = await inject('POST', '/api/compliance/exceptions', opA, {
      findingId: finding.id,
      justification: 'Penilaian dijadwalkan triwulan depan.',
      expiresOn: inDays(30),
    });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(await count('compliance_exceptions'), exceptionsBefore);

    const ok = await inject('POST', '/api/compliance/exceptions', cio, {
      findingId: finding.id,
      justification: 'Penilaian dijadwalkan triwulan depan.',
      expiresOn: inDays(90),
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const exception = ok.json();
    assert.equal(exception.approvedByName.length > 0, true);
    assert.equal(await auditCount('compliance.exception.accepted'), 1);
    assert.ok((await scoreOf()) > before, 'the excepted check counts as passed');
    const shown = await findings(ict, `recordId=${app.id}&ruleId=app.assessment`);
    assert.equal(shown.items[0]!.exception?.id, exception.id);
    const again = await inject('POST', '/api/compliance/exceptions', ict, {
      findingId: finding.id,
      justification: 'Penilaian dijadwalkan triwulan depan.',
      expiresOn: inDays(90),
    });
    assert.equal(again.json().error.code, 'compliance.exception_exists');
    const listed = (await inject('GET', '/api/compliance/exceptions', auditor)).json().items;
    assert.ok(listed.some((e: { id: string }) => e.id === exception.id));

    const revoked = await inject('DELETE', `/api/compliance/exceptions/${exception.id}`, ict);
    assert.equal(revoked.statusCode, 204);
    assert.equal(await auditCount('compliance.exception.revoked'), 1);
    assert.equal(await scoreOf(), before);
    const twice = await inject('DELETE', `/api/compliance/exceptions/${exception.id}`, ict);
    assert.equal(twice.json().error.code, 'compliance.exception_not_found');

    // An exception past its date stops counting.
    await t.tdb.ownerPool.query(
      `INSERT INTO compliance_exceptions (tenant_id, rule_id, record_id, justification, approved_by,
         approved_by_name, expires_on)
       VALUES ($1, 'app.assessment', $2, 'lama', $3, 'x', current_date - 1)`,
      [tenant.id, app.id, '00000000-0000-4000-8000-000000000000'],
    );
    const expired = await findings(ict, `recordId=${app.id}&ruleId=app.assessment`);
    assert.equal(expired.items[0]!.exception, null);
    const resolvedFinding = await inject('POST', '/api/compliance/exceptions', cio, {
      findingId: '00000000-0000-4000-8000-000000000000',
      justification: 'Tidak ada temuan seperti ini.',
      expiresOn: inDays(30),
    });
    assert.equal(resolvedFinding.json().error.code, 'compliance.finding_not_found');
  });

  test('summary, manual run and the printable report', async () => {
    const run = await inject('POST', '/api/compliance/evaluate', ictOperator);
    assert.equal(run.statusCode, 200, run.body);
    assert.equal(run.json().trigger, 'manual');
    assert.ok(run.json().rulesEvaluated >= 25);
    for (const h of [opA, auditor, cio]) {
      assert.equal((await inject('POST', '/api/compliance/evaluate', h)).statusCode, 403);
    }
    const s = (await inject('GET', '/api/compliance/summary', auditor)).json();
    assert.equal(typeof s.score, 'number');
    assert.ok(s.byAgency.length >= 2);
    assert.ok(s.byRegulation.some((r: { code: string }) => r.code === 'BTG19'));
    assert.ok(s.byRegulation.every((r: { code: string }) => r.code !== 'BTG15'));
    assert.ok(s.trend.length >= 1);
    assert.equal(s.lastEvaluation.trigger, 'manual');

    const pdf = await inject('GET', `/api/compliance/report.pdf?agencyId=${agencyA.id}`, auditor);
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const worst = await findings(auditor, 'state=open');
    const order = ['critical', 'high', 'medium', 'low'];
    const severities = worst.items.map((f) =>
      order.indexOf((f as unknown as { severity: string }).severity),
    );
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => a - b),
      'worst first',
    );
  });

  test('scores after a change-driven run equal those of a fresh full run', async () => {
    // The day's score rows (checks and passed by key) and the summary built from them.
    const scores = async () => {
      const rows = (
        await t.tdb.ownerPool.query(
          `SELECT coalesce(agency_id::text, '') AS agency, coalesce(regulation, '') AS regulation,
                  checks, passed, score::float8 AS score
           FROM compliance_scores WHERE tenant_id = $1
             AND day = (SELECT max(day) FROM compliance_scores WHERE tenant_id = $1)
           ORDER BY 1, 2`,
          [tenant.id],
        )
      ).rows;
      const s = (await inject('GET', '/api/compliance/summary', ict)).json();
      return { rows, score: s.score, byAgency: s.byAgency, byRegulation: s.byRegulation };
    };
    const fullRun = async () => {
      const r = await inject('POST', '/api/compliance/evaluate', ict);
      assert.equal(r.statusCode, 200, r.body);
    };
    const exactAfterChange = async (what: string) => {
      const afterChange = await scores();
      await fullRun();
      assert.deepEqual(afterChange, await scores(), what);
    };

    await fullRun();
    const before = await scores();
    // A compliant record (its one rule passes) and a non-compliant one, created directly.
    const proc = await inject('POST', '/api/catalog/processes', ict, {
      agencyId: agencyB.id,
      name: 'Pengelolaan Arsip Dinamis',
      refCode: 'RAB.09.02',
    });
    assert.equal(proc.statusCode, 201, proc.body);
    assert.deepEqual(await rulesOf(ict, proc.json().id), []);
    const app = await createApp({ agencyId: agencyB.id, name: 'Sistem Arsip Dinamis' });
    assert.ok((await rulesOf(ict, app.id)).length > 0);
    const afterAdd = await scores();
    assert.notDeepEqual(afterAdd.rows, before.rows, 'the new checks count at once');
    await exactAfterChange('after adding a compliant and a non-compliant record');

    // A service the application supports: it passes while the relation lasts.
    const svc = await inject('POST', '/api/catalog/services', ict, {
      agencyId: agencyB.id,
      name: 'Layanan Arsip Dinamis',
      refCode: 'RAL.01.01',
      kind: 'public',
      targetUsers: 'ASN',
      channels: ['web'],
      status: 'active',
    });
    assert.equal(svc.statusCode, 201, svc.body);
    const serviceId = svc.json().id as string;
    const rel = await inject('POST', '/api/catalog/relations', ict, {
      type: 'supports',
      fromKind: 'application',
      fromId: app.id,
      toKind: 'service',
      toId: serviceId,
    });
    assert.equal(rel.statusCode, 201, rel.body);
    assert.deepEqual(await rulesOf(ict, serviceId), []);
    await exactAfterChange('after relating a new service');

    // A removed record takes its checks along, and its former neighbours are judged again.
    const del = await inject('DELETE', `/api/catalog/applications/${app.id}`, ict);
    assert.equal(del.statusCode, 204, del.body);
    assert.deepEqual(await rulesOf(ict, app.id), []);
    assert.deepEqual(await rulesOf(ict, serviceId), ['service.application']);
    await exactAfterChange('after removing the non-compliant record');
    for (const path of [`processes/${proc.json().id}`, `services/${serviceId}`]) {
      const r = await inject('DELETE', `/api/catalog/${path}`, ict);
      assert.equal(r.statusCode, 204, r.body);
    }
    await exactAfterChange('after removing the other records');
    // Both records gone: the ledger is back where it was, and so are the scores.
    assert.deepEqual((await scores()).rows, before.rows);
  });

  test('deleting a relation re-evaluates both of its former ends', async () => {
    const svc = await inject('POST', '/api/catalog/services', ict, {
      agencyId: agencyA.id,
      name: 'Layanan Informasi Kepegawaian',
      refCode: 'RAL.01.01',
      kind: 'public',
      targetUsers: 'ASN',
      channels: ['web'],
      status: 'active',
    });
    assert.equal(svc.statusCode, 201, svc.body);
    const serviceId = svc.json().id as string;
    assert.deepEqual(await rulesOf(ict, serviceId), ['service.application']);
    const app = await createApp({ name: 'Sistem Informasi Layanan Kepegawaian' });
    const rel = await inject('POST', '/api/catalog/relations', ict, {
      type: 'supports',
      fromKind: 'application',
      fromId: app.id,
      toKind: 'service',
      toId: serviceId,
    });
    assert.equal(rel.statusCode, 201, rel.body);
    assert.deepEqual(await rulesOf(ict, serviceId), []);
    const del = await inject('DELETE', `/api/catalog/relations/${rel.json().id}`, ict);
    assert.equal(del.statusCode, 204, del.body);
    assert.deepEqual(await rulesOf(ict, serviceId), ['service.application']);
  });

  test('permissions: agency operators see their own agency; no credentials, no access', async () => {
    const mine = await findings(opA, 'state=all');
    assert.ok(mine.items.length > 0);
    assert.ok(mine.items.every((f) => f.agencyId === agencyA.id));
    const otherAgency = await inject('GET', `/api/compliance/findings?agencyId=${agencyB.id}`, opA);
    assert.equal(otherAgency.statusCode, 403);
    const report = await inject('GET', `/api/compliance/report.pdf?agencyId=${agencyB.id}`, opA);
    assert.equal(report.statusCode, 403);
    const finding = (await findings(ict, 'state=open')).items[0]!;
    for (const [method, url] of [
      ['GET', '/api/compliance/rules'],
      ['GET', '/api/compliance/regulations'],
      ['GET', '/api/compliance/regulations/BTG19/articles/17'],
      ['GET', '/api/compliance/findings'],
      ['GET', '/api/compliance/summary'],
      ['GET', '/api/compliance/exceptions'],
      ['POST', '/api/compliance/exceptions'],
      ['DELETE', `/api/compliance/exceptions/${finding.id}`],
      ['POST', '/api/compliance/evaluate'],
      ['GET', `/api/compliance/report.pdf?agencyId=${agencyA.id}`],
    ] as const) {
      const anon = await t.app.inject({
        method,
        url,
        // An unknown bearer token passes the CSRF check, so the answer is about authentication.
        headers: { host: tenant.hostnames[0]!, authorization: 'Bearer not-a-token' },
        ...(method === 'POST' && url.endsWith('exceptions')
          ? {
              payload: {
                findingId: finding.id,
                justification: 'Tanpa kredensial apa pun.',
                expiresOn: '2027-01-01',
              },
            }
          : {}),
      });
      assert.equal(anon.statusCode, 401, `${method} ${url}`);
    }
    // Reading is for everyone in the tenant; deciding is for the ICT office and the CIO.
    for (const url of [
      '/api/compliance/rules',
      '/api/compliance/regulations',
      '/api/compliance/regulations/BHR17/articles/6',
      '/api/compliance/summary',
      '/api/compliance/exceptions',
    ]) {
      assert.equal((await inject('GET', url, opA)).statusCode, 200, url);
    }
    const revokeByOperator = await inject(
      'DELETE',
      `/api/compliance/exceptions/${finding.id}`,
      opA,
    );
    assert.equal(revokeByOperator.statusCode, 403);
    const bad = await inject('GET', '/api/compliance/findings?severity=urgent', auditor);
    assert.equal(bad.statusCode, 400);
  });

  test('the nightly job evaluates every tenant', async () => {
    const nightly = async (id: string) =>
      count(`compliance_evaluations WHERE tenant_id = $1 AND trigger = 'nightly'`, [id]);
    const logged: string[] = [];
    const log = {
      info: (_o: unknown, msg: string) => logged.push(msg),
      error: (_o: unknown, msg: string) => logged.push(`error: ${msg}`),
    };
    await nightlyEvaluationJob.handler({
      database: t.tdb.database,
      log,
    } as unknown as ModuleDeps);
    assert.equal(await nightly(tenant.id), 1);
    assert.equal(await nightly(other.id), 1);
    assert.ok(
      logged.every((m) => !m.startsWith('error')),
      logged.join(),
    );
    assert.equal(nightlyEvaluationJob.cron, '30 1 * * *');
  });

  test("tenant isolation: another tenant's admin reaches nothing of this tenant", async () => {
    const own = await findings(ict, 'state=all');
    const f = own.items[0]!;
    const theirs = await findings(otherIct, 'state=all');
    assert.equal(theirs.total, 0);
    const byRecord = await findings(otherIct, `recordId=${f.id}`);
    assert.equal(byRecord.total, 0);
    const exc = await inject('POST', '/api/compliance/exceptions', otherIct, {
      findingId: f.id,
      justification: 'Mencoba lintas tenant.',
      expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    });
    assert.equal(exc.json().error.code, 'compliance.finding_not_found');
    const report = await inject(
      'GET',
      `/api/compliance/report.pdf?agencyId=${agencyA.id}`,
      otherIct,
    );
    assert.equal(report.json().error.code, 'compliance.agency_not_found');
    const [anyException] = (
      await t.tdb.ownerPool.query('SELECT id FROM compliance_exceptions WHERE tenant_id = $1', [
        tenant.id,
      ])
    ).rows;
    const revoke = await inject(
      'DELETE',
      `/api/compliance/exceptions/${anyException.id}`,
      otherIct,
    );
    assert.equal(revoke.statusCode, 404);
    const s = (await inject('GET', '/api/compliance/summary', otherIct)).json();
    assert.ok(s.byAgency.every((a: { agencyId: string }) => a.agencyId !== agencyA.id));
    const theirExceptions = await inject('GET', '/api/compliance/exceptions?state=all', otherIct);
    assert.deepEqual(theirExceptions.json().items, []);
    const run = await inject('POST', '/api/compliance/evaluate', otherIct);
    assert.equal(run.statusCode, 200);
    assert.equal(
      await count(`compliance_findings WHERE tenant_id = $1 AND agency_id = $2`, [
        other.id,
        agencyA.id,
      ]),
      0,
    );
  });
});
